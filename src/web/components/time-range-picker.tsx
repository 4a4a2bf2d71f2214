/**
 * The time-range picker: presets for the common "last N" windows and a custom absolute
 * range. It edits the URL's `from`/`to` through `onChange`; the screens own the URL.
 */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { describeRange, resolveRange, TIME_PRESETS, type TimeRange } from '../state/time-range.ts';
import { fromDatetimeInput, toDatetimeInput, useTimeZone, zoneLabel } from '../state/time-zone.ts';

export interface TimeRangePickerProps {
  readonly value: TimeRange;
  readonly onChange: (range: TimeRange) => void;
}

/** Button + popover. */
export function TimeRangePicker(props: TimeRangePickerProps): JSX.Element {
  const zone = useTimeZone();
  const [open, setOpen] = useState(false);
  const resolved = resolveRange(props.value, Date.now());
  const [from, setFrom] = useState(toDatetimeInput(resolved.fromMs, zone));
  const [to, setTo] = useState(toDatetimeInput(resolved.toMs, zone));
  const [error, setError] = useState('');
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const r = resolveRange(props.value, Date.now());
    setFrom(toDatetimeInput(r.fromMs, zone));
    setTo(toDatetimeInput(r.toMs, zone));
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
    const f = fromDatetimeInput(from, zone);
    const t = fromDatetimeInput(to, zone);
    if (!Number.isFinite(f) || !Number.isFinite(t) || f >= t) {
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
              <input type="datetime-local" value={from} onInput={(e) => setFrom(e.currentTarget.value)} data-testid="range-from" />
            </label>
            <label>
              To
              <br />
              <input type="datetime-local" value={to} onInput={(e) => setTo(e.currentTarget.value)} data-testid="range-to" />
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
