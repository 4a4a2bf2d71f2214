/**
 * Numbers with their unit, the way an engineer reads them: bytes in KiB/MiB/GiB, durations
 * in µs/ms/s, other values compact (1.2k, 3.4M). Units are OpenTelemetry/UCUM strings
 * (`By`, `MiBy`, `ms`, `s`, `{request}`, `1`, `%`), optionally per second (`By/s`, `/s`).
 */
import { formatDurationNs } from '../state/time-range.ts';

const BYTE_UNITS: Record<string, number> = { By: 1, B: 1, bytes: 1, KiBy: 1024, MiBy: 1024 ** 2, GiBy: 1024 ** 3, TiBy: 1024 ** 4, KB: 1e3, MB: 1e6, GB: 1e9, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 };
const TIME_UNITS: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, min: 60e9, h: 3600e9, d: 86_400e9 };
const IEC = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** Compact numbers: 1.2k, 3.4M, 0.05. */
export function formatNumber(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e12) return `${+(v / 1e12).toFixed(2)}T`;
  if (a >= 1e9) return `${+(v / 1e9).toFixed(2)}G`;
  if (a >= 1e6) return `${+(v / 1e6).toFixed(2)}M`;
  if (a >= 1e4) return `${+(v / 1e3).toFixed(1)}k`;
  return String(+v.toFixed(a < 1 ? 4 : 2));
}

/** Bytes in binary units: `512 B`, `1.5 KiB`, `94.2 MiB`. */
export function formatBytes(bytes: number): string {
  let v = bytes;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < IEC.length - 1) {
    v /= 1024;
    i++;
  }
  return `${+v.toFixed(Math.abs(v) >= 100 || i === 0 ? 0 : 1)} ${IEC[i]}`;
}

/** What kind of quantity a unit is, and the factor to its base (bytes, nanoseconds). */
export function unitKind(unit: string): { kind: 'bytes' | 'time' | 'percent' | 'plain'; factor: number; perSecond: boolean } {
  const perSecond = unit.endsWith('/s');
  const base = perSecond ? unit.slice(0, -2) : unit;
  if (base in BYTE_UNITS) return { kind: 'bytes', factor: BYTE_UNITS[base], perSecond };
  if (base in TIME_UNITS) return { kind: 'time', factor: TIME_UNITS[base], perSecond };
  if (base === '%') return { kind: 'percent', factor: 1, perSecond };
  return { kind: 'plain', factor: 1, perSecond };
}

/** A value in its unit; unknown units (`{request}`, `1`) give a compact number. */
export function formatWithUnit(v: number, unit: string | undefined): string {
  if (!Number.isFinite(v)) return String(v);
  const u = unitKind(unit ?? '');
  const suffix = u.perSecond ? '/s' : '';
  if (u.kind === 'bytes') return formatBytes(v * u.factor) + suffix;
  if (u.kind === 'time') return (v === 0 ? '0' : formatDurationNs(v * u.factor)) + suffix;
  if (u.kind === 'percent') return `${formatNumber(v)}%${suffix}`;
  return formatNumber(v) + suffix;
}

/**
 * Axis tick labels: one scale (ms, MiB, k…) for the whole axis, chosen by its largest
 * tick, and the decimals the tick step needs, so neighbouring ticks never read the same
 * (103.5ms, 104.0ms, 104.5ms rather than 104ms, 104ms, 105ms).
 */
export function formatAxisTicks(ticks: readonly number[], unit: string | undefined): string[] {
  const finite = ticks.filter(Number.isFinite);
  if (finite.length < 2) return ticks.map((v) => formatWithUnit(v, unit));
  const u = unitKind(unit ?? '');
  const suffix = u.perSecond ? '/s' : '';
  const base = ticks.map((v) => (Number.isFinite(v) ? v * u.factor : v));
  const maxAbs = Math.max(...finite.map((v) => Math.abs(v * u.factor)));
  const step = smallestStep(finite.map((v) => v * u.factor));
  const scaled = (divisor: number, name: string, zero = `0${name}`): string[] => {
    const d = decimalsFor(step / divisor, base.map((v) => v / divisor));
    return base.map((v) => (!Number.isFinite(v) ? String(v) : v === 0 ? zero : `${(v / divisor).toFixed(d)}${name}${suffix}`));
  };
  if (u.kind === 'time') {
    // Minutes and hours read better as "1h 30m" when those labels stay distinct.
    if (maxAbs >= 60e9) {
      const coarse = base.map((v) => (Number.isFinite(v) ? (v === 0 ? '0' : formatDurationNs(v)) + suffix : String(v)));
      if (new Set(coarse).size === coarse.length) return coarse;
    }
    const [divisor, name] = maxAbs < 1e3 ? [1, 'ns'] : maxAbs < 1e6 ? [1e3, 'µs'] : maxAbs < 1e9 ? [1e6, 'ms'] : [1e9, 's'];
    return scaled(divisor, name, '0');
  }
  if (u.kind === 'bytes') {
    let i = 0;
    while (maxAbs / 1024 ** i >= 1024 && i < IEC.length - 1) i++;
    return scaled(1024 ** i, ` ${IEC[i]}`, '0');
  }
  const [divisor, name] = maxAbs >= 1e12 ? [1e12, 'T'] : maxAbs >= 1e9 ? [1e9, 'G'] : maxAbs >= 1e6 ? [1e6, 'M'] : maxAbs >= 1e4 ? [1e3, 'k'] : [1, ''];
  return scaled(divisor, `${name}${u.kind === 'percent' ? '%' : ''}`, '0');
}

/** The smallest gap between neighbouring ticks (uPlot's splits are evenly spaced, but be safe). */
function smallestStep(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  let step = Infinity;
  for (let i = 1; i < sorted.length; i++) {
    const d = sorted[i] - sorted[i - 1];
    if (d > 0 && d < step) step = d;
  }
  return step;
}

/**
 * Decimals that show `step` exactly (0.25 → 2, 0.5 → 1, 20 → 0), but at most one more
 * than its magnitude asks for (a 190.73 MiB step shows as 191, not 190.73486328125);
 * then more, up to 10, only while two ticks would still print alike.
 */
function decimalsFor(step: number, values: readonly number[]): number {
  if (!Number.isFinite(step) || step <= 0) return 0;
  const magnitude = Math.ceil(-Math.log10(step) - 1e-9);
  let exact = 0;
  while (exact < 10 && Math.abs(step * 10 ** exact - Math.round(step * 10 ** exact)) > 1e-6 * step * 10 ** exact) exact++;
  let d = Math.max(0, Math.min(exact, magnitude + 1));
  const finite = values.filter(Number.isFinite);
  while (d < 10 && new Set(finite.map((v) => v.toFixed(d))).size < finite.length) d++;
  return d;
}
