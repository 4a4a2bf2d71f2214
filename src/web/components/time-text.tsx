/** One instant from the API shown in the display zone, with the zone named and the raw value in the tooltip. */
import type { JSX } from 'preact';
import { parseTimestampMs } from '../state/time-range.ts';
import { formatTime, offsetLabel, useTimeZone } from '../state/time-zone.ts';

/** `2026-11-30 04:41:30 UTC` for an RFC 3339 string or epoch ms; the value as is when unreadable, `—` when absent. */
export function TimeText(props: { value: unknown; millis?: boolean }): JSX.Element {
  const zone = useTimeZone();
  const v = props.value;
  if (v === null || v === undefined || v === '') return <span class="muted">—</span>;
  const ms = typeof v === 'number' ? v : parseTimestampMs(String(v));
  if (Number.isNaN(ms)) return <span>{String(v)}</span>;
  return (
    <time class="time-text" dateTime={new Date(ms).toISOString()} title={String(v)}>
      {formatTime(ms, zone, props.millis === true)} {offsetLabel(ms, zone)}
    </time>
  );
}
