import { describe, expect, test } from 'bun:test';
import { ManualClock } from '../common/index.ts';
import { parseDashboardLayout } from './dashboard-layout.ts';
import { DashboardStore, exportDashboard, parseDashboardDocument } from './dashboard-store.ts';
import { openMetaDb } from './db.ts';
import { MetaConflictError, MetaNotFoundError, MetaValidationError } from './errors.ts';

const panel = { id: 'p1', title: 'Errors', type: 'stat', sql: 'SELECT 1', x: 0, y: 0, w: 6, h: 4 };

describe('parseDashboardLayout', () => {
  test('fills defaults and keeps unknown keys', () => {
    expect(parseDashboardLayout(undefined)).toEqual({ version: 1, time_range: { from: 'now-1h', to: 'now' }, refresh: null, variables: [], panels: [] });
    const l = parseDashboardLayout({ panels: [{ ...panel, color: 'red' }], theme: 'dark' });
    expect(l.theme).toBe('dark');
    expect(l.panels).toEqual([{ ...panel, color: 'red', options: {} }]);
  });

  test('accepts JSON text and the documented time forms', () => {
    const l = parseDashboardLayout(JSON.stringify({ time_range: { from: '2026-11-30T12:00:00.5Z', to: 'now-5m' }, refresh: '1m' }));
    expect(l.refresh).toBe('1m');
  });

  const bad: [string, unknown][] = [
    ['not JSON text', '{'],
    ['an array', []],
    ['version 2', { version: 2 }],
    ['panel off the grid', { panels: [{ ...panel, x: 8, w: 6 }] }],
    ['zero width', { panels: [{ ...panel, w: 0 }] }],
    ['fractional y', { panels: [{ ...panel, y: 1.5 }] }],
    ['unknown panel type', { panels: [{ ...panel, type: 'pie' }] }],
    ['empty sql', { panels: [{ ...panel, sql: '' }] }],
    ['duplicate panel ids', { panels: [panel, { ...panel, y: 4 }] }],
    ['options not an object', { panels: [{ ...panel, options: 'x' }] }],
    ['bad time', { time_range: { from: 'yesterday', to: 'now' } }],
    ['refresh too fast', { refresh: '1s' }],
    ['bad variable name', { variables: [{ name: '__x', type: 'text' }] }],
    ['query variable without sql', { variables: [{ name: 'svc', type: 'query' }] }],
    ['custom variable without options', { variables: [{ name: 'env', type: 'custom' }] }],
    ['duplicate variable', { variables: [{ name: 'a', type: 'text' }, { name: 'a', type: 'text' }] }],
  ];
  for (const [what, layout] of bad) {
    test(`rejects ${what}`, () => {
      expect(() => parseDashboardLayout(layout)).toThrow(MetaValidationError);
    });
  }
});

describe('DashboardStore', () => {
  test('CRUD, tenant scoping, names unique per tenant', () => {
    const dashboards = new DashboardStore(openMetaDb(':memory:'), new ManualClock());
    const d = dashboards.create('acme', null, { name: 'Main', layout_json: { panels: [panel] } });
    expect(d.layout.panels).toHaveLength(1);
    expect(() => dashboards.create('acme', null, { name: 'Main' })).toThrow(MetaConflictError);
    dashboards.create('beta', null, { name: 'Main' });
    expect(() => dashboards.get('beta', d.id)).toThrow(MetaNotFoundError);
    expect(() => dashboards.replace('beta', d.id, { name: 'x' })).toThrow(MetaNotFoundError);
    expect(dashboards.replace('acme', d.id, { name: 'Main 2', description: 'd' })).toMatchObject({ name: 'Main 2', description: 'd' });
    dashboards.delete('acme', d.id);
    expect(dashboards.list('acme')).toEqual([]);
  });

  test('export then import round-trips; overwrite replaces by name', () => {
    const dashboards = new DashboardStore(openMetaDb(':memory:'), new ManualClock());
    const d = dashboards.create('acme', null, { name: 'Main', description: 'x', layout_json: { panels: [panel], refresh: '30s' } });
    const doc = JSON.parse(JSON.stringify(exportDashboard(d))) as unknown;
    const imported = dashboards.import('beta', null, parseDashboardDocument(doc), false);
    expect(imported.created).toBe(true);
    expect(exportDashboard(imported.dashboard)).toEqual(exportDashboard(d));
    expect(() => dashboards.import('beta', null, parseDashboardDocument(doc), false)).toThrow(MetaConflictError);
    const again = dashboards.import('beta', null, { ...parseDashboardDocument(doc), description: 'new' }, true);
    expect(again).toMatchObject({ created: false, dashboard: { id: imported.dashboard.id, description: 'new' } });
    expect(() => parseDashboardDocument({ description: 'no name' })).toThrow(MetaValidationError);
    expect(() => dashboards.import('beta', null, parseDashboardDocument({ name: 'Bad', layout_json: { panels: [{}] } }), false)).toThrow(MetaValidationError);
    expect(dashboards.list('beta')).toHaveLength(1);
  });
});
