import { describe, expect, test } from 'bun:test';
import { dropShown, olderCondition, olderThan } from './older-page.ts';

const r = (ts: string, id: string) => ({ timestamp: ts, id });
const A = '2026-11-30T12:00:03.000000001Z';
const B = '2026-11-30T12:00:02.5Z';

describe('older pages (keyset on timestamp)', () => {
  test('the keyset is the oldest row shown and how many rows share its instant', () => {
    expect(olderThan([r(A, '1'), r(B, '2'), r(B, '3')], 'timestamp')).toEqual({ ts: B, tied: 2 });
    expect(olderThan([r(A, '1')], 'timestamp')).toEqual({ ts: A, tied: 1 });
    expect(olderThan([], 'timestamp')).toBeNull();
    expect(olderThan([{ timestamp: "x' OR 1=1 --" }], 'timestamp')).toBeNull();
  });
  test('the condition includes the instant; the rows already shown there are dropped', () => {
    const older = { ts: B, tied: 2 };
    expect(olderCondition(older)).toBe(`timestamp <= TIMESTAMP '${B}'`);
    expect(olderCondition(older, 'min(timestamp)')).toBe(`min(timestamp) <= TIMESTAMP '${B}'`);
    // The next page holds the two shown rows at B, a third one at B and an older one.
    const page = [r(B, '2'), r(B, '3'), r(B, '4'), r('2026-11-30T12:00:01Z', '5')];
    expect(dropShown(page, older, 'timestamp').map((x) => x.id)).toEqual(['4', '5']);
    expect(() => olderCondition({ ts: "'; DROP", tied: 0 })).toThrow();
  });
});
