/**
 * Resource and scope columns, shared by every row writer and both decoders: a resource
 * or scope is applied to the row range its message enclosed once that message ends.
 */
import type { AttributeSummary } from './attribute-summary.ts';
import type { RejectionTally } from './rejection-tally.ts';
import type { StringPool } from './wire/index.ts';

/** `service_name` when the resource has no string `service.name` (SPEC §5). */
export const UNKNOWN_SERVICE = 'unknown_service';

/** What a row writer offers for the resource and scope columns (values are StringPool ids). */
export interface EnvelopeRows {
  length: number;
  fillResource(from: number, serviceId: number, resourceId: number): void;
  fillScope(from: number, nameId: number, versionId: number): void;
}

/** Pool ids of a scope's name and version (-1 = empty, stored as null). */
export interface ScopeIds {
  nameId: number;
  versionId: number;
}

/** Applies a scope to rows [from, rows.length). */
export function applyScope(rows: EnvelopeRows, from: number, scope: ScopeIds): void {
  if (rows.length === from) return;
  rows.fillScope(from, scope.nameId, scope.versionId);
}

/**
 * Applies a resource to rows [from, rows.length): fills its columns, or rejects every
 * row when the resource attributes break a cap.
 */
export function applyResourceColumns(
  rows: EnvelopeRows,
  from: number,
  resource: { violation: number; message: () => string; serviceId: number; jsonId: number },
  pool: StringPool,
  tally: RejectionTally,
): void {
  const n = rows.length - from;
  if (n === 0) return;
  if (resource.violation >= 0) {
    tally.add(resource.violation, n, () => `resource: ${resource.message()}`);
    rows.length = from;
    return;
  }
  const serviceId = resource.serviceId >= 0 ? resource.serviceId : pool.internString(UNKNOWN_SERVICE);
  rows.fillResource(from, serviceId, resource.jsonId);
}

/** applyResourceColumns for a resource summarised from OTLP/JSON. */
export function applyResourceSummary(rows: EnvelopeRows, from: number, summary: AttributeSummary, pool: StringPool, tally: RejectionTally): void {
  if (rows.length === from) return;
  applyResourceColumns(
    rows,
    from,
    {
      violation: summary.violation,
      message: () => summary.violationMessage ?? '',
      serviceId: summary.serviceName === null || summary.serviceName === '' ? -1 : pool.internString(summary.serviceName),
      jsonId: pool.internString(summary.json),
    },
    pool,
    tally,
  );
}
