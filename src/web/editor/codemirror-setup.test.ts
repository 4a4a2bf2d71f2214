import { describe, expect, test } from 'bun:test';
import { CompletionContext, type CompletionSource } from '@codemirror/autocomplete';
import { EditorState } from '@codemirror/state';
import { columnCompletionSource, sqlLanguage } from './codemirror-setup.ts';
import { SQL_FUNCTIONS, SQL_KEYWORDS } from './pharlux-sql-dialect.ts';

const schema = { logs: ['severity_number', 'body', 'service_name'], spans: ['duration_ns', 'service_name'] };
const complete = (doc: string, pos: number, explicit = false) => columnCompletionSource(schema)(new CompletionContext(EditorState.create({ doc }), pos, explicit));

describe('column completion', () => {
  test('offers the columns of every table the query names, once each', () => {
    const doc = 'SELECT se FROM logs JOIN spans ON true';
    const r = complete(doc, 'SELECT se'.length);
    expect(r?.from).toBe('SELECT '.length);
    expect(r?.options.map((o) => o.label)).toEqual(['severity_number', 'body', 'service_name', 'duration_ns']);
  });
  test('nothing without a table, after a dot, or without a word unless asked', () => {
    expect(complete('SELECT se', 9)).toBeNull();
    expect(complete('SELECT logs.se FROM logs', 'SELECT logs.se'.length)).toBeNull();
    expect(complete('SELECT  FROM logs', 7)).toBeNull();
    expect(complete('SELECT  FROM logs', 7, true)?.options).toHaveLength(3);
  });
});

describe('SQL vocabulary offered while typing', () => {
  /** Every option any completion source offers at `pos`, as CodeMirror would gather them before filtering. */
  async function offered(doc: string, pos: number): Promise<{ label: string; type?: string }[]> {
    const state = EditorState.create({ doc, extensions: sqlLanguage({ logs: ['severity_text', 'severity_number', 'body'] }) });
    const sources = state.languageDataAt<CompletionSource>('autocomplete', pos);
    const results = await Promise.all(sources.map((s) => s(new CompletionContext(state, pos, false))));
    return results.flatMap((r) => (r ? r.options.map((o) => ({ label: o.label, type: o.type })) : []));
  }

  test('typing "sev" offers the severity columns and none of another dialect\'s keywords', async () => {
    const doc = 'SELECT sev FROM logs';
    const labels = (await offered(doc, 'SELECT sev'.length)).map((o) => o.label);
    expect(labels).toContain('severity_text');
    expect(labels).toContain('severity_number');
    for (const foreign of ['SERVER', 'SELECTIVE', 'SENSITIVE', 'DLURLSERVER', 'SERIALIZABLE', 'XMLAGG', 'VACUUM']) expect(labels).not.toContain(foreign);
  });

  test('keywords are the engine\'s (SPEC §7); functions are the engine\'s and open a call', async () => {
    const options = await offered('SELECT c FROM logs', 'SELECT c'.length);
    const keywords = options.filter((o) => o.type === 'keyword').map((o) => o.label);
    for (const k of ['SELECT', 'FROM', 'WHERE', 'GROUP', 'BY', 'ORDER', 'LIMIT', 'HAVING', 'JOIN', 'OVER', 'PARTITION', 'INTERVAL']) expect(keywords).toContain(k);
    expect(keywords.every((k) => SQL_KEYWORDS.includes(k.toLowerCase()) || ['TRUE', 'FALSE', 'NULL', 'UNKNOWN'].includes(k))).toBe(true);
    const functions = options.filter((o) => o.type === 'function').map((o) => o.label);
    for (const f of ['count', 'approx_percentile', 'date_bin', 'time_bucket', 'regexp_like', 'row_number', 'now']) expect(functions).toContain(f);
    expect(functions).not.toContain('array_agg');
    expect(functions).toEqual(SQL_FUNCTIONS.slice());
  });
});
