/**
 * Resource and InstrumentationScope messages in protobuf, shared by every signal's
 * decoder; ../envelope-rows.ts applies them to the rows they enclose.
 */
import { applyResourceColumns, type EnvelopeRows, type ScopeIds } from '../envelope-rows.ts';
import type { RejectionTally } from '../rejection-tally.ts';
import type { StringPool, WireReader } from '../wire/index.ts';
import type { AttributeRunCache } from './attribute-runs.ts';

/** Reads a Resource message in [r.pos, end); returns its attribute-run entry. */
export function readResource(r: WireReader, end: number, runs: AttributeRunCache): number {
  const msgStart = r.pos;
  let aStart = -1;
  let aEnd = -1;
  let split = false;
  while (r.pos < end) {
    const tagPos = r.pos;
    const tag = r.uint32();
    if (tag === 0x0a) {
      const e = r.lengthEnd(end);
      if (aStart < 0) aStart = tagPos;
      else if (tagPos !== aEnd) split = true;
      aEnd = e;
      r.pos = e;
    } else r.skip(tag & 7, end, tag >>> 3);
  }
  r.finishMessage(end);
  if (split) return runs.lookupScattered(r.buf, msgStart, end, 1);
  return aStart < 0 ? runs.lookup(r.buf, 0, 0) : runs.lookup(r.buf, aStart, aEnd);
}

/** Reads an InstrumentationScope message in [r.pos, end) into `out`. */
export function readScope(r: WireReader, end: number, pool: StringPool, out: ScopeIds): void {
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 0x0a || tag === 0x12) {
      const e = r.lengthEnd(end);
      const id = e > r.pos ? pool.internBytes(r.buf, r.pos, e) : -1;
      if (tag === 0x0a) out.nameId = id;
      else out.versionId = id;
      r.pos = e;
    } else r.skip(tag & 7, end, tag >>> 3);
  }
  r.finishMessage(end);
}

/** Applies a resource (an attribute-run entry) to rows [from, rows.length). */
export function applyResource(
  rows: EnvelopeRows,
  from: number,
  run: number,
  runs: AttributeRunCache,
  pool: StringPool,
  tally: RejectionTally,
): void {
  if (rows.length === from) return;
  applyResourceColumns(
    rows,
    from,
    {
      violation: runs.violation(run),
      message: () => runs.violationMessage(run),
      serviceId: runs.serviceId(run),
      jsonId: runs.jsonId(run),
    },
    pool,
    tally,
  );
}
