/**
 * Where parts live (SPEC §6): `<table>/tenant=<tenant>/date=YYYY-MM-DD/hour=HH/<id>.parquet`
 * under the data dir, UTC hour partitions with Hive-style names so DuckDB, Spark and
 * Trino prune them natively. Tenant names are percent-encoded (UTF-8) except
 * `[A-Za-z0-9_-]`, so any tenant maps to one safe directory name. Paths here are
 * relative to the data dir, always with `/`.
 */
import { TABLE_NAMES, type TableName } from '../../columnar/index.ts';

export const HOUR_MS = 3_600_000;
export const PART_SUFFIX = '.parquet';
export const TMP_SUFFIX = '.tmp';

/** Start (ms) of the UTC hour holding `ms`. */
export function hourStartMs(ms: number): number {
  return Math.floor(ms / HOUR_MS) * HOUR_MS;
}

/** Directory-safe form of a tenant name. */
export function encodeTenant(tenant: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(tenant)) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9_-]/.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Inverse of encodeTenant; null when `s` is not a valid encoding. */
export function decodeTenant(s: string): string | null {
  if (!/^([A-Za-z0-9_-]|%[0-9A-F]{2})*$/.test(s)) return null;
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

/** `metrics/tenant=default/date=2026-11-30/hour=12` for a partition. */
export function partitionDir(table: TableName, tenant: string, hourMs: number): string {
  const iso = new Date(hourMs).toISOString(); // 2026-11-30T12:00:00.000Z
  return `${table}/tenant=${encodeTenant(tenant)}/date=${iso.slice(0, 10)}/hour=${iso.slice(11, 13)}`;
}

/** Relative path of a part file. */
export function partPath(table: TableName, tenant: string, hourMs: number, id: string): string {
  return `${partitionDir(table, tenant, hourMs)}/${id}${PART_SUFFIX}`;
}

/** What a part's relative path says about it. */
export interface ParsedPartPath {
  readonly table: TableName;
  readonly tenant: string;
  readonly hourMs: number;
  readonly id: string;
}

/** Parses a relative part path (or returns null when it is not one). */
export function parsePartPath(rel: string): ParsedPartPath | null {
  const m = /^([a-z]+)\/tenant=([^/]*)\/date=(\d{4})-(\d{2})-(\d{2})\/hour=(\d{2})\/([A-Za-z0-9_.-]+)\.parquet$/.exec(rel);
  if (m === null) return null;
  const table = m[1] as TableName;
  if (!TABLE_NAMES.includes(table)) return null;
  const tenant = decodeTenant(m[2]);
  if (tenant === null) return null;
  const hourMs = Date.UTC(Number(m[3]), Number(m[4]) - 1, Number(m[5]), Number(m[6]));
  if (Number.isNaN(hourMs) || partitionDir(table, tenant, hourMs) !== rel.slice(0, rel.lastIndexOf('/'))) return null;
  return { table, tenant, hourMs, id: m[7] };
}

/** A fresh part id: creation time (hex ms, sortable) plus randomness. */
export function newPartId(nowMs: number): string {
  const rand = crypto.getRandomValues(new Uint8Array(6));
  let hex = '';
  for (const b of rand) hex += b.toString(16).padStart(2, '0');
  return `${Math.max(0, Math.floor(nowMs)).toString(16).padStart(12, '0')}-${hex}`;
}
