/** A right-hand detail drawer that closes on Escape. */
import type { ComponentChildren, JSX } from 'preact';
import { useEffect } from 'preact/hooks';

export function Drawer(props: { title: ComponentChildren; onClose: () => void; children: ComponentChildren; testId?: string }): JSX.Element {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') props.onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [props.onClose]);
  return (
    <div class="drawer" role="dialog" data-testid={props.testId ?? 'drawer'}>
      <header>
        <h2 class="grow" style={{ margin: 0 }}>
          {props.title}
        </h2>
        <button type="button" onClick={props.onClose} title="Close (Esc)" aria-label="Close">
          ✕
        </button>
      </header>
      <div class="body">{props.children}</div>
    </div>
  );
}

/** Key/value table of a JSON object (attributes, resource); nested values as JSON. */
export function KeyValues(props: { value: unknown; testId?: string }): JSX.Element {
  const v = props.value;
  if (!v || typeof v !== 'object' || Array.isArray(v)) return <div class="muted mono">{v === null || v === undefined ? '—' : JSON.stringify(v)}</div>;
  const entries = Object.entries(v as Record<string, unknown>);
  if (entries.length === 0) return <div class="muted">none</div>;
  return (
    <table class="kv plain" data-testid={props.testId}>
      <tbody>
        {entries.map(([k, val]) => (
          <tr key={k}>
            <td>{k}</td>
            <td>{typeof val === 'string' ? val : JSON.stringify(val)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
