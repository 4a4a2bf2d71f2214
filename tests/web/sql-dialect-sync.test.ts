/**
 * The Explore editor's completion list (src/web/editor/pharlux-sql-dialect.ts) is a static
 * copy, because the browser bundle cannot import the engine: this test keeps it equal to
 * the functions the engine really has.
 */
import { expect, test } from 'bun:test';
import { AGGREGATE_FUNCTIONS, SCALAR_FUNCTIONS, WINDOW_FUNCTIONS } from '../../src/query/functions/index.ts';
import { SQL_FUNCTIONS } from '../../src/web/editor/pharlux-sql-dialect.ts';

test('the editor completes exactly the functions the engine implements', () => {
  const engine = new Set([...SCALAR_FUNCTIONS.keys(), ...AGGREGATE_FUNCTIONS.keys(), ...WINDOW_FUNCTIONS.keys()]);
  const editor = new Set(SQL_FUNCTIONS);
  // now() and current_timestamp are bound by the planner itself, not looked up in a registry.
  expect([...editor].filter((f) => !engine.has(f)).sort()).toEqual(['current_timestamp', 'now']);
  // concat_op is the internal name of the || operator, not something to type.
  expect([...engine].filter((f) => !editor.has(f)).sort()).toEqual(['concat_op']);
});
