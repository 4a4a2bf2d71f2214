import { describe, expect, test } from 'bun:test';
import { variableValues } from './variable-bar.tsx';

const vars = [
  { name: 'service', type: 'query' as const, sql: 'SELECT 1', multi: true },
  { name: 'env', type: 'custom' as const, options: ['prod', 'staging'] },
];
const choices = { service: ['a', 'b', 'c'], env: ['prod', 'staging'] };

describe('dashboard variable values', () => {
  test('a multi-value variable defaults to all its choices; a single one to the first', () => {
    expect(variableValues(vars, new URLSearchParams(''), choices)).toEqual({ service: ['a', 'b', 'c'], env: 'prod' });
  });
  test('the URL wins; one empty value means none', () => {
    expect(variableValues(vars, new URLSearchParams('var-service=b&var-service=c&var-env=staging'), choices)).toEqual({ service: ['b', 'c'], env: 'staging' });
    expect(variableValues(vars, new URLSearchParams('var-service='), choices).service).toEqual([]);
  });
});
