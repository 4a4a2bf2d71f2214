/**
 * Resource and InstrumentationScope messages in protobuf, shared by every signal's
 * decoder, and the walk Export*ServiceRequest → Resource* → Scope* → item that the three
 * signals share; ../envelope-rows.ts applies them to the rows they enclose.
 */
import { applyResourceColumns, applyScope, type EnvelopeRows, type ScopeIds } from '../envelope-rows.ts';
import type { RejectionTally } from '../rejection-tally.ts';
import { WireReader, type StringPool } from '../wire/index.ts';
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

/**
 * The request envelope every signal shares: ExportXServiceRequest { 1: ResourceX* },
 * ResourceX { 1: Resource, 2: ScopeX* }, ScopeX { 1: InstrumentationScope, 2: item* }.
 * Subclasses decode one item (a Metric, LogRecord or Span) into their rows; resource and
 * scope columns are filled over the rows each message produced once it ends, because
 * protobuf lets a resource arrive after the items it encloses.
 */
export abstract class ProtoEnvelopeDecoder<R extends EnvelopeRows> {
  private readonly scope: ScopeIds = { nameId: -1, versionId: -1 };

  protected constructor(
    protected readonly rows: R,
    protected readonly pool: StringPool,
    protected readonly runs: AttributeRunCache,
    protected readonly tally: RejectionTally,
  ) {}

  /** Decodes one item message in [r.pos, end) into the rows. */
  protected abstract item(r: WireReader, end: number): void;

  /** Walks a whole request body; throws IngestRejectedError when it is malformed. */
  protected walk(body: Uint8Array): void {
    const r = new WireReader(body);
    const end = body.length;
    while (r.pos < end) {
      const tag = r.uint32();
      if (tag === 0x0a) this.resourceMessage(r, r.lengthEnd(end));
      else r.skip(tag & 7, end, tag >>> 3);
    }
  }

  private resourceMessage(r: WireReader, end: number): void {
    const from = this.rows.length;
    let run = -1;
    while (r.pos < end) {
      const tag = r.uint32();
      if (tag === 0x12) this.scopeMessage(r, r.lengthEnd(end));
      else if (tag === 0x0a) run = readResource(r, r.lengthEnd(end), this.runs);
      else r.skip(tag & 7, end, tag >>> 3);
    }
    r.finishMessage(end);
    if (run < 0) run = this.runs.lookup(r.buf, 0, 0);
    applyResource(this.rows, from, run, this.runs, this.pool, this.tally);
  }

  private scopeMessage(r: WireReader, end: number): void {
    const from = this.rows.length;
    const scope = this.scope;
    scope.nameId = -1;
    scope.versionId = -1;
    while (r.pos < end) {
      const tag = r.uint32();
      if (tag === 0x12) this.item(r, r.lengthEnd(end));
      else if (tag === 0x0a) readScope(r, r.lengthEnd(end), this.pool, scope);
      else r.skip(tag & 7, end, tag >>> 3);
    }
    r.finishMessage(end);
    applyScope(this.rows, from, scope);
  }
}
