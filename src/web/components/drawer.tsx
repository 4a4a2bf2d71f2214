/** A right-hand detail drawer that closes on Escape. */
import type { ComponentChildren, JSX } from 'preact';
import { useEffect } from 'preact/hooks';

/** The drawer; `hint` names its keyboard shortcuts in the header. */
export function Drawer(props: { title: ComponentChildren; onClose: () => void; children: ComponentChildren; testId?: string; hint?: string }): JSX.Element {
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
        {props.hint ? <span class="muted hint">{props.hint}</span> : null}
        <button type="button" onClick={props.onClose} title="Close (Esc)" aria-label="Close">
          ✕
        </button>
      </header>
      <div class="body">{props.children}</div>
    </div>
  );
}
