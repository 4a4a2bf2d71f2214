/**
 * Everything CodeMirror: loaded with a dynamic import by the editor components so the
 * dashboards and logs screens do not pay for it. One factory per language; both follow
 * the app theme through CSS variables, so switching theme needs no reconfiguration.
 */
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap, type Completion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { json, jsonParseLinter } from '@codemirror/lang-json';
import { sql, type SQLNamespace } from '@codemirror/lang-sql';
import { bracketMatching, HighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { linter, lintGutter } from '@codemirror/lint';
import { Compartment, EditorState, StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, type DecorationSet, EditorView, highlightActiveLine, keymap, lineNumbers, placeholder } from '@codemirror/view';
import { tags as t } from '@lezer/highlight';
import { functionCompletionSource, PHARLUX_SQL } from './pharlux-sql-dialect.ts';

const highlight = HighlightStyle.define([
  { tag: t.keyword, color: 'var(--accent)', fontWeight: '600' },
  { tag: [t.string, t.special(t.string)], color: 'var(--ok)' },
  { tag: [t.number, t.bool, t.null], color: 'var(--warn)' },
  { tag: t.comment, color: 'var(--fg2)', fontStyle: 'italic' },
  { tag: [t.operator, t.punctuation], color: 'var(--fg2)' },
  { tag: [t.typeName, t.function(t.variableName)], color: '#c792ea' },
  { tag: t.propertyName, color: 'var(--info)' },
]);

const theme = EditorView.theme({
  '&': { backgroundColor: 'var(--bg2)', color: 'var(--fg)' },
  '.cm-content': { caretColor: 'var(--fg)' },
  '.cm-gutters': { backgroundColor: 'var(--bg2)', color: 'var(--fg2)', border: 'none' },
  '.cm-activeLine': { backgroundColor: 'color-mix(in srgb, var(--sel) 50%, transparent)' },
  '.cm-activeLineGutter': { backgroundColor: 'transparent' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: 'var(--sel) !important' },
  '.cm-tooltip': { backgroundColor: 'var(--bg3)', border: '1px solid var(--border)', color: 'var(--fg)' },
  '.cm-tooltip-autocomplete ul li[aria-selected]': { backgroundColor: 'var(--accent)', color: 'var(--accent-fg)' },
  '.cm-cursor': { borderLeftColor: 'var(--fg)' },
});

const setErrorMark = StateEffect.define<{ from: number; to: number } | null>();
const errorMark = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, tr) {
    let next = marks.map(tr.changes);
    // Any edit clears the old error: its position no longer means anything.
    if (tr.docChanged) next = Decoration.none;
    for (const e of tr.effects) {
      if (e.is(setErrorMark)) next = e.value ? Decoration.set([Decoration.mark({ class: 'cm-error-mark' }).range(e.value.from, e.value.to)]) : Decoration.none;
    }
    return next;
  },
  provide: (f) => EditorView.decorations.from(f),
});

export interface EditorHandle {
  readonly view: EditorView;
  /** Replaces the whole text (no-op when equal). */
  setText(text: string): void;
  /** Marks the error position (0-based offset) or clears it; scrolls it into view. */
  markError(offset: number | null): void;
  /** Swaps the autocomplete schema. */
  setSchema(schema: SQLNamespace): void;
  destroy(): void;
}

interface CommonOptions {
  readonly parent: HTMLElement;
  readonly text: string;
  readonly onChange: (text: string) => void;
  readonly placeholderText?: string;
}

function base(opts: CommonOptions, extra: Extension[]): EditorView {
  return new EditorView({
    parent: opts.parent,
    state: EditorState.create({
      doc: opts.text,
      extensions: [
        lineNumbers(),
        history(),
        bracketMatching(),
        closeBrackets(),
        indentOnInput(),
        highlightActiveLine(),
        syntaxHighlighting(highlight),
        theme,
        EditorView.lineWrapping,
        placeholder(opts.placeholderText ?? ''),
        errorMark,
        ...extra,
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap, indentWithTab]),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) opts.onChange(u.state.doc.toString());
        }),
      ],
    }),
  });
}

function handle(view: EditorView, setSchema: (s: SQLNamespace) => void): EditorHandle {
  return {
    view,
    setText(text) {
      if (view.state.doc.toString() === text) return;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    markError(offset) {
      if (offset === null) {
        view.dispatch({ effects: setErrorMark.of(null) });
        return;
      }
      const len = view.state.doc.length;
      const from = Math.max(0, Math.min(offset, len));
      // Mark the word at the position (or one character) so it is visible.
      let to = from;
      const text = view.state.doc.toString();
      while (to < len && /[\w."]/.test(text[to])) to++;
      if (to === from) to = Math.min(len, from + 1);
      const start = to === from ? Math.max(0, from - 1) : from;
      view.dispatch({ effects: [setErrorMark.of({ from: start, to: Math.max(to, start + (len > 0 ? 1 : 0)) }), EditorView.scrollIntoView(from)] });
    },
    setSchema,
    destroy: () => view.destroy(),
  };
}

/**
 * Completes column names of the tables the query mentions (`FROM x`, `JOIN y`, anywhere in
 * the text), so `SELECT sev|  FROM logs` offers `severity_number` without a `logs.` prefix.
 * lang-sql's own source still completes keywords (Pharlux's only, see pharlux-sql-dialect.ts),
 * tables and `table.column`.
 */
export function columnCompletionSource(schema: Record<string, readonly string[]>): (ctx: CompletionContext) => CompletionResult | null {
  return (ctx) => {
    const word = ctx.matchBefore(/\w+/);
    if (!word && !ctx.explicit) return null;
    const before = ctx.state.sliceDoc(Math.max(0, (word?.from ?? ctx.pos) - 1), word?.from ?? ctx.pos);
    if (before === '.') return null;
    const text = ctx.state.doc.toString();
    const tables = new Set([...text.matchAll(/\b(?:from|join)\s+"?(\w+)"?/gi)].map((m) => m[1].toLowerCase()));
    const seen = new Set<string>();
    const options: Completion[] = [];
    for (const t of tables) {
      for (const c of schema[t] ?? []) {
        if (seen.has(c)) continue;
        seen.add(c);
        options.push({ label: c, type: 'property', detail: t, boost: 2 });
      }
    }
    if (options.length === 0) return null;
    return { from: word?.from ?? ctx.pos, options, validFor: /^\w*$/ };
  };
}

export interface SqlEditorOptions extends CommonOptions {
  readonly schema: SQLNamespace;
  /** Ctrl/Cmd+Enter. */
  readonly onRun: () => void;
}

/** The SQL language with Pharlux's vocabulary and schema-aware completion (exported for tests). */
export function sqlLanguage(schema: SQLNamespace): Extension {
  return [
    sql({ dialect: PHARLUX_SQL, schema, upperCaseKeywords: true }),
    PHARLUX_SQL.language.data.of({ autocomplete: columnCompletionSource(schema as Record<string, readonly string[]>) }),
    PHARLUX_SQL.language.data.of({ autocomplete: functionCompletionSource() }),
  ];
}

/** A SQL editor with schema-aware completion (tables, then their columns after a dot or in context). */
export function createSqlEditor(opts: SqlEditorOptions): EditorHandle {
  const runKey = keymap.of([
    {
      key: 'Mod-Enter',
      preventDefault: true,
      run: () => {
        // Typing that has not yet been read from the DOM is applied by CodeMirror's
        // mutation observer in a microtask; run after it so the query is what is on screen.
        setTimeout(() => opts.onRun(), 0);
        return true;
      },
    },
  ]);
  const sqlExt = (schema: SQLNamespace): Extension => [sqlLanguage(schema), autocompletion({ activateOnTyping: true })];
  const langSlot = new Compartment();
  const view = base(opts, [runKey, langSlot.of(sqlExt(opts.schema))]);
  return handle(view, (schema) => view.dispatch({ effects: langSlot.reconfigure(sqlExt(schema)) }));
}

/** A JSON editor with live parse errors in the gutter. */
export function createJsonEditor(opts: CommonOptions): EditorHandle {
  const view = base(opts, [json(), linter(jsonParseLinter(), { delay: 300 }), lintGutter()]);
  return handle(view, () => {});
}
