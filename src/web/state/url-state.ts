/**
 * URL state: every screen keeps its query, filters and time range in `location` so a link
 * reproduces the view. Navigation is `history.pushState` plus a window event that the
 * `useUrl` hook listens to (with `popstate` for back/forward); no global store.
 */
import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_RANGE, type TimeRange } from './time-range.ts';

const NAV_EVENT = 'pharlux:navigate';

/** The parts of the URL screens read. */
export interface UrlSnapshot {
  readonly path: string;
  readonly params: URLSearchParams;
}

function snapshot(): UrlSnapshot {
  return { path: location.pathname, params: new URLSearchParams(location.search) };
}

/** Re-renders the caller whenever the URL changes. */
export function useUrl(): UrlSnapshot {
  const [url, setUrl] = useState(snapshot);
  useEffect(() => {
    const update = (): void => setUrl(snapshot());
    window.addEventListener('popstate', update);
    window.addEventListener(NAV_EVENT, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(NAV_EVENT, update);
    };
  }, []);
  return url;
}

/** Goes to `href` (path + query) inside the app. */
export function navigate(href: string, replace = false): void {
  if (href === location.pathname + location.search) return;
  if (replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  window.dispatchEvent(new Event(NAV_EVENT));
}

/**
 * Merges `patch` into the current query string (null/'' deletes a key). Typing-driven
 * changes pass `replace` so the back button is not flooded.
 */
export function updateParams(patch: Record<string, string | null | undefined>, replace = false): void {
  const params = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || v === undefined || v === '') params.delete(k);
    else params.set(k, v);
  }
  const qs = params.toString();
  navigate(location.pathname + (qs ? `?${qs}` : ''), replace);
}

/** Builds `path?k=v…`, skipping empty values. */
export function hrefWith(path: string, params: Record<string, string | null | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') p.set(k, v);
  const qs = p.toString();
  return qs ? `${path}?${qs}` : path;
}

/** The time range in the URL (`from`, `to`), or the default. */
export function rangeFromParams(params: URLSearchParams): TimeRange {
  return { from: params.get('from') || DEFAULT_RANGE.from, to: params.get('to') || DEFAULT_RANGE.to };
}

/** Handles a click on an in-app `<a>`: plain left clicks navigate without reloading. */
export function onLinkClick(e: MouseEvent, href: string): void {
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  navigate(href);
}
