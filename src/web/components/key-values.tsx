/**
 * Attribute tables for drawers and span details. Values can be anything an SDK sends: a
 * 2 KB SQL statement, a stack trace, a nested map. Long values are clamped to a few lines
 * with a "show all" toggle, keep their line breaks, wrap only where they must (not in the
 * middle of every word), and every value can be copied with one click.
 */
import type { JSX } from 'preact';
import { useContext, useState } from 'preact/hooks';
import { AppContext } from '../app-context.ts';
import { copyText } from './copy-text.ts';
import { countText } from './count-text.ts';

const CLAMP_CHARS = 300;

/** Text shown whole when short, clamped to `lines` lines with a toggle when long. */
export function LongText(props: { text: string; lines?: number; class?: string; testId?: string }): JSX.Element {
  const [open, setOpen] = useState(false);
  const lines = props.lines ?? 4;
  const lineCount = props.text.split('\n').length;
  const long = props.text.length > CLAMP_CHARS || lineCount > lines;
  return (
    <div class={`long-text ${props.class ?? ''}`} data-testid={props.testId}>
      <div class={long && !open ? 'clamped' : undefined} style={long && !open ? { WebkitLineClamp: String(lines) } : undefined} data-clamped={long && !open ? '1' : '0'}>
        {props.text}
      </div>
      {long ? (
        <button type="button" class="link more" onClick={() => setOpen(!open)} aria-expanded={open}>
          {open ? 'Show less' : `Show all (${countText(props.text.length, 'char')}${lineCount > 1 ? `, ${countText(lineCount, 'line')}` : ''})`}
        </button>
      ) : null}
    </div>
  );
}

/** A small copy button (shown on row hover or focus). */
export function CopyButton(props: { text: string; label?: string }): JSX.Element {
  const app = useContext(AppContext);
  return (
    <button
      type="button"
      class="copy"
      title={`Copy ${props.label ?? 'value'}`}
      aria-label={`Copy ${props.label ?? 'value'}`}
      onClick={(e) => {
        e.stopPropagation();
        void copyText(props.text).then((ok) => app?.toast(ok ? `Copied ${props.label ?? 'value'}` : 'Copy failed: select the text instead'));
      }}
    >
      ⧉
    </button>
  );
}

/** A value as text: strings as they are, everything else as (indented when nested) JSON. */
export function valueText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v !== null && typeof v === 'object') return JSON.stringify(v, null, Object.keys(v).length > 1 || Array.isArray(v) ? 2 : undefined);
  return JSON.stringify(v) ?? String(v);
}

/** Key/value table of a JSON object (attributes, resource); nested values as JSON. */
export function KeyValues(props: { value: unknown; testId?: string; hideNull?: boolean }): JSX.Element {
  const v = props.value;
  if (!v || typeof v !== 'object' || Array.isArray(v)) return <div class="muted mono">{v === null || v === undefined ? '—' : JSON.stringify(v)}</div>;
  const entries = Object.entries(v as Record<string, unknown>).filter(([, val]) => !(props.hideNull && (val === null || val === undefined || val === '')));
  if (entries.length === 0) return <div class="muted">none</div>;
  return (
    <table class="kv plain" data-testid={props.testId}>
      <tbody>
        {entries.map(([k, val]) => {
          const text = valueText(val);
          return (
            <tr key={k}>
              <td title={k}>{k}</td>
              <td>
                <LongText text={text} />
              </td>
              <td class="kv-actions">
                <CopyButton text={text} label={k} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
