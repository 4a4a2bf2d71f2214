import { describe, expect, test } from 'bun:test';
import type { Row } from '../api/types.ts';
import { dropShown, olderCondition, olderPage, olderThan, shortPageIsLast } from './older-page.ts';

const r = (ts: string, id: string) => ({ timestamp: ts, id });
const A = '2026-11-30T12:00:03.000000001Z';
const B = '2026-11-30T12:00:02.5Z';

describe('older pages (keyset on timestamp)', () => {
  test('the keyset is the oldest row shown and the rows that share its instant', () => {
    expect(olderThan([r(A, '1'), r(B, '2'), r(B, '3')], 'timestamp')).toEqual({ ts: B, tied: 2, shown: [r(B, '2'), r(B, '3')] });
    expect(olderThan([r(A, '1')], 'timestamp')).toEqual({ ts: A, tied: 1, shown: [r(A, '1')] });
    expect(olderThan([], 'timestamp')).toBeNull();
    expect(olderThan([{ timestamp: "x' OR 1=1 --" }], 'timestamp')).toBeNull();
  });
  test('the condition includes the instant; the rows already shown there are dropped', () => {
    const older = olderThan([r(A, '1'), r(B, '2'), r(B, '3')], 'timestamp');
    if (older === null) throw new Error('no keyset');
    expect(olderCondition(older)).toBe(`timestamp <= TIMESTAMP '${B}'`);
    expect(olderCondition(older, 'min(timestamp)')).toBe(`min(timestamp) <= TIMESTAMP '${B}'`);
    // The next page holds the two shown rows at B, a third one at B and an older one.
    const page = [r(B, '2'), r(B, '3'), r(B, '4'), r('2026-11-30T12:00:01Z', '5')];
    expect(dropShown(page, older, 'timestamp').map((x) => x.id)).toEqual(['4', '5']);
    expect(() => olderCondition({ ts: "'; DROP" })).toThrow();
  });

  // Review finding: 6 records at one instant from two services, page size 3. Page 1 came
  // from the head (arrival order, services interleaved); before page 2 the head was flushed
  // to a part sorted by (service_name, timestamp), so the tied rows come back grouped by service.
  test('tied rows returned in another order after a flush are neither repeated nor lost', () => {
    const log = (i: number, ts = B): Row => ({ timestamp: ts, service_name: i % 2 ? 'web' : 'api', body: `rec-${i}` });
    const arrival = [0, 1, 2, 3, 4, 5].map((i) => log(i));
    const older1 = { ts: '2026-11-30T12:00:01Z', id: 6 };
    const page1 = arrival.slice(0, 3); // rec-0 (api), rec-1 (web), rec-2 (api)
    const older = olderThan(page1, 'timestamp');
    if (older === null) throw new Error('no keyset');
    const flushed = [...arrival].sort((a, b) => String(a.service_name).localeCompare(String(b.service_name)));
    // The page-2 query asks for 3 + 3 tied rows: the six at B in flushed order (then older ones).
    const page2 = [...flushed, log(older1.id, older1.ts)].slice(0, 3 + older.tied);
    const { added, end } = olderPage(page2, older, { tsColumn: 'timestamp', isLastPage: shortPageIsLast(3) });
    const bodies = [...page1, ...added].map((x) => x.body);
    expect(bodies.length).toBe(new Set(bodies).size);
    expect(new Set(bodies)).toEqual(new Set(arrival.map((x) => x.body)));
    expect(end).toBe(false);
  });

  test('identical rows are matched as a multiset: one shown copy drops one fetched copy', () => {
    const same = { timestamp: B, body: 'retry' };
    const older = olderThan([{ timestamp: A, body: 'x' }, same], 'timestamp');
    if (older === null) throw new Error('no keyset');
    expect(dropShown([same, same, same], older, 'timestamp')).toEqual([same, same]);
  });

  test('a page adding nothing is the last, whatever its length', () => {
    const older = olderThan([r(B, '2')], 'timestamp');
    if (older === null) throw new Error('no keyset');
    expect(olderPage([r(B, '2')], older, { tsColumn: 'timestamp', isLastPage: () => false }).end).toBe(true);
    expect(olderPage([r(B, '2'), r(A, '9')], older, { tsColumn: 'timestamp', isLastPage: shortPageIsLast(1) }).end).toBe(false);
  });
});
