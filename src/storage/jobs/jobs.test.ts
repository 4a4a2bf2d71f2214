import { describe, expect, test } from 'bun:test';
import type { TableName } from '../../columnar/index.ts';
import { HOUR_MS, partPath, type PartHandle } from '../parts/index.ts';
import { planCompaction } from './compactor.ts';
import { planRetention } from './retention.ts';

const NOW = Date.UTC(2026, 10, 30, 12, 30);
const DAY = 86_400_000;

function part(table: TableName, tenant: string, hourMs: number, id: string, rowCount: number, fileBytes = 1000): PartHandle {
  const relPath = partPath(table, tenant, hourMs, id);
  return { table, tenant, hourMs, id, relPath, path: relPath, rowCount, minTimestampNs: null, maxTimestampNs: null, fileBytes };
}

describe('planCompaction', () => {
  const closed = NOW - 3 * HOUR_MS - (NOW % HOUR_MS);
  test('merges small parts of closed hours, per tenant and hour, within the row cap', () => {
    const parts = [
      part('logs', 'a', closed, '1', 100),
      part('logs', 'a', closed, '2', 100),
      part('logs', 'a', closed, '3', 900), // big: >= maxRows / 2
      part('logs', 'b', closed, '4', 100), // alone in its partition
      part('logs', 'a', closed + HOUR_MS, '5', 100),
      part('logs', 'a', closed + HOUR_MS, '6', 100),
      part('logs', 'a', NOW - (NOW % HOUR_MS), '7', 10), // current hour: open
      part('logs', 'a', NOW - (NOW % HOUR_MS), '8', 10),
    ];
    const groups = planCompaction(parts, NOW, 1000, 300_000).map((g) => g.map((p) => p.id));
    expect(groups.sort()).toEqual([
      ['1', '2'],
      ['5', '6'],
    ]);
  });

  test('packs into groups of at most maxRows rows', () => {
    const parts = Array.from({ length: 10 }, (_, i) => part('spans', 't', closed, String(i), 300));
    const groups = planCompaction(parts, NOW, 1000, 0);
    expect(groups.map((g) => g.length)).toEqual([3, 3, 3]);
    for (const g of groups) expect(g.reduce((n, p) => n + p.rowCount, 0)).toBeLessThanOrEqual(1000);
  });

  test('respects the grace period after an hour ends', () => {
    const justEnded = NOW - (NOW % HOUR_MS) - HOUR_MS;
    const parts = [part('logs', 'a', justEnded, '1', 1), part('logs', 'a', justEnded, '2', 1)];
    expect(planCompaction(parts, NOW, 1000, 40 * 60_000)).toEqual([]);
    expect(planCompaction(parts, NOW, 1000, 20 * 60_000).length).toBe(1);
  });
});

describe('planRetention', () => {
  const hour = (daysAgo: number) => NOW - (NOW % HOUR_MS) - daysAgo * DAY;
  test('drops whole hours older than each table’s retention; 0 keeps forever', () => {
    const parts = {
      metrics: [part('metrics', 'a', hour(31), 'm-old', 1), part('metrics', 'a', hour(1), 'm-new', 1)],
      logs: [part('logs', 'a', hour(8), 'l-old', 1), part('logs', 'a', hour(6), 'l-new', 1)],
      spans: [part('spans', 'a', hour(400), 's-ancient', 1)],
    };
    const doomed = planRetention(parts, NOW, { metrics: 30, logs: 7, spans: 0 }, 0).map((p) => p.id);
    expect(doomed.sort()).toEqual(['l-old', 'm-old']);
  });

  test('the size cap drops the oldest partitions, whole, across tables', () => {
    const parts = {
      metrics: [part('metrics', 'a', hour(3), 'm3', 1, 500), part('metrics', 'a', hour(1), 'm1', 1, 500)],
      logs: [part('logs', 'a', hour(2), 'l2a', 1, 300), part('logs', 'a', hour(2), 'l2b', 1, 300)],
      spans: [part('spans', 'a', hour(0), 's0', 1, 500)],
    };
    const doomed = planRetention(parts, NOW, { metrics: 0, logs: 0, spans: 0 }, 1200).map((p) => p.id);
    // total 2100: dropping m3 (1600 left), then both l2 parts (1000 left).
    expect(doomed.sort()).toEqual(['l2a', 'l2b', 'm3']);
  });
});
