import { describe, expect, test } from 'bun:test';
import { CompletionContext } from '@codemirror/autocomplete';
import { EditorState } from '@codemirror/state';
import { columnCompletionSource } from './codemirror-setup.ts';

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
