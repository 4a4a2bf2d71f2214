import { describe, expect, test } from 'bun:test';
import { ManualClock } from '../common/index.ts';
import { AlertRuleStore } from './alert-rule-store.ts';
import { openMetaDb } from './db.ts';
import { MetaConflictError, MetaNotFoundError, MetaValidationError } from './errors.ts';

describe('AlertRuleStore', () => {
  test('CRUD round-trips typed fields and scopes by tenant', () => {
    const rules = new AlertRuleStore(openMetaDb(':memory:'), new ManualClock());
    const r = rules.create('acme', { name: 'errors', sql: 'SELECT count(*) FROM logs', condition: { op: '>', threshold: 5 }, forSeconds: 60 });
    expect(r).toMatchObject({ name: 'errors', condition: { op: '>', threshold: 5 }, forSeconds: 60, enabled: true });
    expect(rules.replace('acme', r.id, { name: 'errors', sql: 'SELECT 1', enabled: false })).toMatchObject({ enabled: false, forSeconds: 0, condition: {} });
    expect(() => rules.get('beta', r.id)).toThrow(MetaNotFoundError);
    expect(() => rules.create('acme', { name: 'errors', sql: 'SELECT 1' })).toThrow(MetaConflictError);
    expect(() => rules.create('acme', { name: 'x', sql: 'SELECT 1', condition: [1] })).toThrow(MetaValidationError);
    expect(() => rules.create('acme', { name: 'y', sql: 'SELECT 1', forSeconds: -1 })).toThrow(MetaValidationError);
    rules.delete('acme', r.id);
    expect(rules.list('acme')).toEqual([]);
  });
});
