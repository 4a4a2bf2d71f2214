/**
 * Preact wrappers around the CodeMirror editors. CodeMirror is loaded on first use
 * (dynamic import), so screens without an editor never download it. The editors are
 * uncontrolled: `value` is only the initial text, changes come out through `onChange`,
 * and a screen that must replace the text (a loaded saved query, an added panel) calls
 * the handle it got from `onReady`. Syncing a prop back into the editor on every render
 * raced with effects of stale renders and ping-ponged the text forever.
 */
import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { SchemaTable } from '../api/types.ts';
import type { EditorHandle } from '../editor/codemirror-setup.ts';

type SetupModule = typeof import('../editor/codemirror-setup.ts');

function loadSetup(): Promise<SetupModule> {
  return import('../editor/codemirror-setup.ts');
}

/** CodeMirror's schema shape: table → column names (views included). */
export function toCompletionSchema(tables: readonly SchemaTable[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const t of tables) out[t.name] = t.columns.map((c) => c.name);
  return out;
}

export interface SqlEditorProps {
  /** Initial text. */
  readonly value: string;
  readonly onChange: (sql: string) => void;
  readonly onRun: () => void;
  readonly schema: readonly SchemaTable[];
  /** 0-based offset of the last error, or null. */
  readonly errorOffset?: number | null;
  /** Receives the editor handle (for inserting text from the schema rail). */
  readonly onReady?: (handle: EditorHandle) => void;
}

/** SQL editor with schema-aware completion; Ctrl/Cmd+Enter runs. */
export function SqlEditor(props: SqlEditorProps): JSX.Element {
  const box = useRef<HTMLDivElement>(null);
  const ed = useRef<EditorHandle | null>(null);
  const latest = useRef(props);
  latest.current = props;
  useEffect(() => {
    let cancelled = false;
    void loadSetup().then((m) => {
      if (cancelled || !box.current) return;
      box.current.textContent = '';
      ed.current = m.createSqlEditor({
        parent: box.current,
        text: latest.current.value,
        schema: toCompletionSchema(latest.current.schema),
        onChange: (t) => latest.current.onChange(t),
        onRun: () => latest.current.onRun(),
        placeholderText: 'SELECT … (Ctrl+Enter to run)',
      });
      if (latest.current.errorOffset !== undefined) ed.current.markError(latest.current.errorOffset ?? null);
      latest.current.onReady?.(ed.current);
    });
    return () => {
      cancelled = true;
      ed.current?.destroy();
      ed.current = null;
    };
  }, []);
  useEffect(() => ed.current?.setSchema(toCompletionSchema(props.schema)), [props.schema]);
  useEffect(() => ed.current?.markError(props.errorOffset ?? null), [props.errorOffset]);
  return (
    <div class="sql-editor" ref={box} data-testid="sql-editor">
      <div class="muted" style={{ padding: '6px' }}>
        Loading editor…
      </div>
    </div>
  );
}

/** JSON editor with live syntax errors. */
export function JsonEditor(props: { value: string; onChange: (text: string) => void; onReady?: (handle: EditorHandle) => void }): JSX.Element {
  const box = useRef<HTMLDivElement>(null);
  const ed = useRef<EditorHandle | null>(null);
  const latest = useRef(props);
  latest.current = props;
  useEffect(() => {
    let cancelled = false;
    void loadSetup().then((m) => {
      if (cancelled || !box.current) return;
      box.current.textContent = '';
      ed.current = m.createJsonEditor({
        parent: box.current,
        text: latest.current.value,
        onChange: (t) => latest.current.onChange(t),
      });
      latest.current.onReady?.(ed.current);
    });
    return () => {
      cancelled = true;
      ed.current?.destroy();
      ed.current = null;
    };
  }, []);
  return (
    <div class="json-editor" ref={box} data-testid="json-editor">
      <div class="muted" style={{ padding: '6px' }}>
        Loading editor…
      </div>
    </div>
  );
}
