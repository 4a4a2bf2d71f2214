import { describe, expect, test } from 'bun:test';
import { emptyDashboard, newPanelId, nextFreeY, normalizeDashboard, refreshMs } from './dashboard-model.ts';

describe('dashboard document', () => {
  test('the FORMAT-dashboards.md example round-trips unchanged, unknown keys kept', () => {
    const layout = {
      version: 1,
      time_range: { from: 'now-1h', to: 'now' },
      refresh: '30s',
      variables: [
        { name: 'service', label: 'Service', type: 'query', sql: 'SELECT DISTINCT service_name FROM spans', default: 'checkout' },
        { name: 'env', type: 'custom', options: ['prod', 'staging'], default: 'prod', multi: true },
        { name: 'route', type: 'text', default: '' },
      ],
      panels: [{ id: 'p1', title: 'p99', type: 'timeseries', sql: 'SELECT 1', x: 0, y: 0, w: 8, h: 6, options: { unit: 'ms' }, color_hint: 'red' }],
      future_setting: { a: 1 },
    };
    const { doc, problems } = normalizeDashboard(layout);
    expect(problems).toEqual([]);
    expect(doc).toEqual(layout as unknown as typeof doc);
  });
  test('accepts a JSON string and a whole export {name, layout_json}', () => {
    const text = JSON.stringify({ name: 'x', description: '', layout_json: { panels: [{ id: 'a', type: 'stat', sql: 'SELECT 1', x: 0, y: 0, w: 3, h: 2 }] } });
    const { doc } = normalizeDashboard(text);
    expect(doc.panels.map((p) => p.id)).toEqual(['a']);
    expect(doc.time_range).toEqual({ from: 'now-1h', to: 'now' });
  });
  test('fixes what a person may paste and says what it fixed', () => {
    const { doc, problems } = normalizeDashboard({ panels: [{ type: 'pie', x: 11, w: 6 }, { id: 'p1' }, { id: 'p1', sql: 'SELECT 2' }], refresh: 'often', variables: [{ type: 'query' }] });
    expect(doc.panels.map((p) => [p.id, p.type, p.x, p.w])).toEqual([
      ['p1', 'table', 6, 6],
      ['p1_2', 'timeseries', 0, 6],
      ['p1_3', 'timeseries', 0, 6],
    ]);
    expect(doc.refresh).toBeNull();
    expect(problems.join('\n')).toContain('unknown type "pie"');
    expect(problems.join('\n')).toContain('panel 1: no "sql"');
    expect(problems.join('\n')).toContain('refresh "often"');
    expect(problems.join('\n')).toContain('variable 1: no "name"');
  });
  test('Grafana-style gridPos (24 columns), targets and templating are translated', () => {
    const { doc } = normalizeDashboard({
      dashboard: {
        panels: [{ id: 3, type: 'graph', title: 'g', gridPos: { x: 12, y: 2, w: 12, h: 8 }, targets: [{ rawSql: 'SELECT 1' }] }],
        templating: { list: [{ name: 'env', type: 'custom', query: 'a, b', current: { value: 'b' } }] },
      },
    });
    expect(doc.panels[0]).toMatchObject({ id: '3', type: 'timeseries', sql: 'SELECT 1', x: 6, y: 2, w: 6, h: 8 });
    expect(doc.panels[0].gridPos).toBeUndefined();
    expect(doc.variables[0]).toMatchObject({ name: 'env', type: 'custom', options: ['a', 'b'], default: 'b' });
  });
  test('broken JSON is reported, not thrown', () => {
    const { doc, problems } = normalizeDashboard('{"panels": [');
    expect(doc).toEqual(emptyDashboard());
    expect(problems[0]).toContain('not valid JSON');
  });
  test('refresh intervals, free rows and ids', () => {
    expect(refreshMs('30s')).toBe(30_000);
    expect(refreshMs('1d')).toBe(86_400_000);
    expect(refreshMs(null)).toBe(0);
    expect(refreshMs('off')).toBe(0);
    const d = normalizeDashboard({ panels: [{ id: 'p1', sql: 'x', x: 0, y: 2, w: 6, h: 5 }, { id: 'p3', sql: 'y', x: 6, y: 0, w: 6, h: 3 }] }).doc;
    expect(nextFreeY(d)).toBe(7);
    expect(newPanelId(d)).toBe('p4');
  });
});
