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
