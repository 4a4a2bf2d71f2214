/**
 * The time-range picker: presets for the common "last N" windows and a custom absolute
 * range. It edits the URL's `from`/`to` through `onChange`; the screens own the URL.
 */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { describeRange, resolveRange, TIME_PRESETS, type TimeRange } from '../state/time-range.ts';
import { formatTime, parseDateTimeText, useTimeZone, zoneLabel } from '../state/time-zone.ts';

/** What parseDateTimeText reads (the browser marks a mismatch before Apply is pressed). */
const DATE_TIME_PATTERN = '\\s*\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2})?\\s*';

export interface TimeRangePickerProps {
  readonly value: TimeRange;
  readonly onChange: (range: TimeRange) => void;
}

/** Button + popover. */
export function TimeRangePicker(props: TimeRangePickerProps): JSX.Element {
  const zone = useTimeZone();
  const [open, setOpen] = useState(false);
  const resolved = resolveRange(props.value, Date.now());
  const [from, setFrom] = useState(formatTime(resolved.fromMs, zone));
  const [to, setTo] = useState(formatTime(resolved.toMs, zone));
  const [error, setError] = useState('');
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const r = resolveRange(props.value, Date.now());
    setFrom(formatTime(r.fromMs, zone));
    setTo(formatTime(r.toMs, zone));
    setError('');
    const onDoc = (e: MouseEvent): void => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('mousedown', onDoc);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDoc);
      document.removeEventListener('keydown', onKey);
    };
  }, [open, zone]);
  const pick = (range: TimeRange): void => {
    setOpen(false);
    props.onChange(range);
  };
  const applyCustom = (e: Event): void => {
    e.preventDefault();
    const f = parseDateTimeText(from, zone);
    const t = parseDateTimeText(to, zone);
    if (!Number.isFinite(f) || !Number.isFinite(t)) {
      setError(`Write ${Number.isFinite(f) ? '"To"' : '"From"'} as YYYY-MM-DD HH:MM or HH:MM:SS (24-hour).`);
      return;
    }
    if (f >= t) {
      setError('"From" must be before "To".');
      return;
    }
    pick({ from: new Date(f).toISOString(), to: new Date(t).toISOString() });
  };
  return (
    <div class="picker" ref={box}>
      <button type="button" onClick={() => setOpen(!open)} data-testid="time-range" title={`Time range (times in ${zoneLabel(zone)})`}>
        {describeRange(props.value, zone)} ▾
      </button>
      {open ? (
        <div class="popover" role="dialog" aria-label="Time range">
          <div class="presets">
            {TIME_PRESETS.map((p) => (
              <button type="button" key={p.from} class={props.value.from === p.from && props.value.to === 'now' ? 'active' : ''} onClick={() => pick({ from: p.from, to: 'now' })}>
                {p.label}
              </button>
            ))}
          </div>
          <form class="custom" onSubmit={applyCustom}>
            <h3>Custom range ({zoneLabel(zone)})</h3>
            <label>
              From
              <br />
              <input type="text" value={from} onInput={(e) => setFrom(e.currentTarget.value)} data-testid="range-from" placeholder="YYYY-MM-DD HH:MM:SS" pattern={DATE_TIME_PATTERN} spellcheck={false} size={19} title="24-hour time: YYYY-MM-DD HH:MM or HH:MM:SS" />
            </label>
            <label>
              To
              <br />
              <input type="text" value={to} onInput={(e) => setTo(e.currentTarget.value)} data-testid="range-to" placeholder="YYYY-MM-DD HH:MM:SS" pattern={DATE_TIME_PATTERN} spellcheck={false} size={19} title="24-hour time: YYYY-MM-DD HH:MM or HH:MM:SS" />
            </label>
            {error ? <div class="error-text">{error}</div> : null}
            <button type="submit" class="primary">
              Apply
            </button>
          </form>
        </div>
      ) : null}
    </div>
  );
}
