import { describe, expect, test } from 'bun:test';
import type { Row } from '../api/types.ts';
import { formatDurationNs } from '../state/time-range.ts';
import { firstFailure, layoutTrace, serviceColor, timestampParts, traceServiceColors } from './trace-model.ts';

const at = (ms: number): string => new Date(Date.UTC(2026, 10, 30, 12, 0, 0) + ms).toISOString().replace('Z', '000000Z').replace(/\.(\d{3})000000Z$/, '.$1000000Z');
const span = (id: string, parent: string | null, startMs: number, durMs: number, service = 'svc', status = 'OK'): Row => ({
  span_id: id,
  parent_span_id: parent,
  name: `op-${id}`,
  service_name: service,
  timestamp: at(startMs),
  duration_ns: durMs * 1e6,
  status_code: status,
  kind: 'INTERNAL',
});

describe('trace layout', () => {
  test('the trace duration is exact, so it reads the same as a root span covering it', () => {
    // A 51,350 ns root: from epoch-ms floats the total came out 51.3µs against the span's 51.4µs.
    const rows = [
      { span_id: 'r', parent_span_id: null, name: 'r', service_name: 's', timestamp: '2026-11-30T12:00:00.123456789Z', duration_ns: 51_350 },
      { span_id: 'c', parent_span_id: 'r', name: 'c', service_name: 's', timestamp: '2026-11-30T12:00:00.123460000Z', duration_ns: 40_000 },
    ];
    const l = layoutTrace(rows);
    expect(l.durationNs).toBe(51_350);
    expect(formatDurationNs(l.durationNs)).toBe(formatDurationNs(l.spans[0].durationNs));
    expect(timestampParts('2026-11-30T12:00:00.123456789Z')).toEqual({ ms: Date.UTC(2026, 10, 30, 12, 0, 0, 123), ns: 456_789 });
    expect(timestampParts('2026-11-30 12:00:01')).toEqual({ ms: Date.UTC(2026, 10, 30, 12, 0, 1), ns: 0 });
    expect(timestampParts('2026-11-30T12:00:00.5+01:00')).toEqual({ ms: Date.UTC(2026, 10, 30, 11, 0, 0, 500), ns: 0 });
  });
  test('depth-first order with children by start time', () => {
    const l = layoutTrace([span('c2', 'root', 50, 10), span('root', null, 0, 100), span('c1', 'root', 10, 20), span('g1', 'c1', 12, 5)]);
    expect(l.spans.map((s) => `${s.spanId}:${s.depth}`)).toEqual(['root:0', 'c1:1', 'g1:2', 'c2:1']);
    expect(l.endMs - l.startMs).toBeCloseTo(100, 6);
  });
  test('critical path follows the last-finishing children backwards', () => {
    // root 0–100; a 0–40; b 30–90 (finishes last); c 35–60 inside b's window but under root.
    const l = layoutTrace([span('root', null, 0, 100), span('a', 'root', 0, 40), span('b', 'root', 30, 60), span('b1', 'b', 40, 45), span('c', 'root', 35, 25)]);
    expect([...l.criticalPath].sort()).toEqual(['a', 'b', 'b1', 'root']);
  });
  test('orphans become roots; errors and services are counted', () => {
    const l = layoutTrace([span('x', 'missing', 0, 5, 'api', 'ERROR'), span('y', null, 1, 10, 'db')]);
    expect(l.spans.map((s) => s.depth)).toEqual([0, 0]);
    expect(l.errorCount).toBe(1);
    expect(l.services.sort()).toEqual(['api', 'db']);
  });
  test('a span that names itself as parent does not loop', () => {
    expect(layoutTrace([span('s', 's', 0, 1)]).spans).toHaveLength(1);
  });
  test('service colours are stable', () => {
    expect(serviceColor('checkout')).toBe(serviceColor('checkout'));
    expect(serviceColor('checkout')).toMatch(/^#[0-9a-f]{6}$/);
  });
  test('a trace keeps each service\'s app-wide colour, moving only a clashing one', () => {
    const names = ['frontend', 'checkout', 'payment', 'cart', 'catalog', 'search', 'auth', 'email'];
    const colors = traceServiceColors(names);
    expect(new Set(colors.values()).size).toBe(names.length);
    const kept = names.filter((n) => colors.get(n) === serviceColor(n));
    expect(kept.length).toBeGreaterThanOrEqual(names.length / 2);
    expect(colors.get(names[0])).toBe(serviceColor(names[0]));
  });
  test('the first failure is the first failing span whose descendants did not fail', () => {
    const l = layoutTrace([span('root', null, 0, 100, 'a', 'ERROR'), span('ok', 'root', 1, 5), span('mid', 'root', 10, 50, 'b', 'ERROR'), span('leaf', 'mid', 20, 5, 'c', 'ERROR'), span('late', 'root', 70, 5, 'd', 'ERROR')]);
    expect(firstFailure(l)?.spanId).toBe('leaf');
    expect(firstFailure(layoutTrace([span('root', null, 0, 10)]))).toBeNull();
  });
});
