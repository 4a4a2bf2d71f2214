/**
 * Inner and left equi-joins (the headline: spans ⋈ logs on trace_id). The right input
 * is the build side: materialised (charged to the memory budget) and indexed by key
 * through GroupKeys (key → chain of build rows). Left batches stream through and probe;
 * output is produced in bounded batches. A join without keys (CROSS JOIN, or ON with no
 * equality) uses one chain holding every build row. NULL keys never match.
 */
import type { BoundExpr } from '../../plan/bound-expr.ts';
import { formatExpr } from '../../plan/explain-format.ts';
import type { JoinKind, PlanField } from '../../plan/logical-plan.ts';
import { concatVecs } from '../../values/concat-vecs.ts';
import { vecTypeOf } from '../../values/sql-type.ts';
import { gatherVec, vecIsNull, vecsBytes, type Vec } from '../../values/vec.ts';
import { denseColumn, rowCount, type ExecBatch } from '../exec-batch.ts';
import type { ExecContext } from '../exec-context.ts';
import { drain, ExecOperator } from '../exec-operator.ts';
import { GroupKeys } from '../hash/group-keys.ts';

export class HashJoinExec extends ExecOperator {
  readonly name = 'HashJoinExec';
  private built = false;
  private buildColumns: Vec[] = [];
  private head = new Int32Array(0);
  private nextRow = new Int32Array(0);
  private keys: GroupKeys;
  // Probe state.
  private probe: ExecBatch | null = null;
  private probeIds: Int32Array = new Int32Array(0);
  private probePos = 0;
  private chain = -2;
  private chainHadRows = false;

  constructor(
    ctx: ExecContext,
    left: ExecOperator,
    right: ExecOperator,
    private readonly joinKind: JoinKind,
    private readonly leftKeys: readonly BoundExpr[],
    private readonly rightKeys: readonly BoundExpr[],
    private readonly residual: BoundExpr | null,
    private readonly rightFields: readonly PlanField[],
  ) {
    super(ctx, [left, right]);
    this.keys = new GroupKeys(rightKeys.map((k) => vecTypeOf(k.type)));
  }

  describe(): string {
    const on = this.leftKeys.map((k, i) => `${formatExpr(k)} = ${formatExpr(this.rightKeys[i])}`).join(' AND ');
    return `${this.name} ${this.joinKind}${on === '' ? '' : ` on ${on}`}${this.residual === null ? '' : ` filter ${formatExpr(this.residual)}`}`;
  }

  private async build(): Promise<void> {
    const columnChunks: Vec[][] = [];
    const idChunks: Int32Array[] = [];
    let rows = 0;
    let bytes = 0;
    await drain(this.children[1], (b) => {
      const n = rowCount(b);
      const cols = b.columns.map((_, c) => denseColumn(b, c));
      const keyVecs = this.rightKeys.map((k) => this.ctx.evaluator.evaluate(k, b));
      const ids = this.keys.assign(keyVecs, n);
      for (const kv of keyVecs) for (let i = 0; i < n; i++) if (vecIsNull(kv, i)) ids[i] = -1;
      columnChunks.push(cols);
      idChunks.push(ids);
      rows += n;
      bytes += vecsBytes(cols, n) + ids.byteLength;
      this.memory.resize(bytes + this.keys.bytes());
    });
    this.children[1].close();
    this.buildColumns = this.rightFields.map((f, c) => concatVecs(vecTypeOf(f.type), columnChunks.map((ch) => ch[c])));
    const groups = Math.max(this.keys.count, 1);
    this.head = new Int32Array(groups).fill(-1);
    this.nextRow = new Int32Array(rows).fill(-1);
    // Insert in reverse so that chains list build rows in input order.
    let r = rows;
    for (let k = idChunks.length - 1; k >= 0; k--) {
      const ids = idChunks[k];
      for (let i = ids.length - 1; i >= 0; i--) {
        r--;
        const g = ids[i];
        if (g < 0) continue;
        this.nextRow[r] = this.head[g];
        this.head[g] = r;
      }
    }
    this.memory.resize(bytes + this.keys.bytes() + this.head.byteLength + this.nextRow.byteLength);
    this.stats.extra.buildRows = rows;
    this.stats.extra.buildKeys = this.keys.count;
    this.built = true;
  }

  protected async produce(): Promise<ExecBatch | null> {
    if (!this.built) await this.build();
    for (;;) {
      if (this.probe === null) {
        const b = await this.children[0].next();
        if (b === null) return null;
        this.probe = b;
        const n = rowCount(b);
        const keyVecs = this.leftKeys.map((k) => this.ctx.evaluator.evaluate(k, b));
        this.probeIds = this.leftKeys.length === 0 ? new Int32Array(n) : this.keys.lookup(keyVecs, n);
        this.probePos = 0;
        this.chain = -2;
      }
      const out = this.joinKind === 'left' && this.residual !== null ? this.probeAllWithResidual() : this.probeChunk();
      if (out !== null && rowCount(out) > 0) return out;
    }
  }

  /** Emits up to batchRows (probe, build) pairs, resuming where the last call stopped. */
  private probeChunk(): ExecBatch | null {
    const b = this.probe!;
    const n = rowCount(b);
    const max = this.ctx.batchRows;
    const pIdx: number[] = [];
    const bIdx: number[] = [];
    while (this.probePos < n && pIdx.length < max) {
      if (this.chain === -2) {
        const id = this.probeIds[this.probePos];
        this.chain = id >= 0 && id < this.head.length ? this.head[id] : -1;
        this.chainHadRows = this.chain >= 0;
      }
      while (this.chain >= 0 && pIdx.length < max) {
        pIdx.push(this.probePos);
        bIdx.push(this.chain);
        this.chain = this.nextRow[this.chain];
      }
      if (this.chain >= 0) break;
      if (!this.chainHadRows && this.joinKind === 'left') {
        pIdx.push(this.probePos);
        bIdx.push(-1);
      }
      this.probePos++;
      this.chain = -2;
    }
    if (this.probePos >= n) this.probe = null;
    if (pIdx.length === 0) return null;
    const joined = this.assemble(b, Int32Array.from(pIdx), Int32Array.from(bIdx));
    if (this.residual === null) return joined;
    const sel = this.ctx.evaluator.filter(this.residual, joined);
    return { columns: joined.columns, length: joined.length, sel };
  }

  /** LEFT JOIN with a residual: all candidates of the batch at once, then null-extend rows with no passing match. */
  private probeAllWithResidual(): ExecBatch | null {
    const b = this.probe!;
    this.probe = null;
    const n = rowCount(b);
    const pIdx: number[] = [];
    const bIdx: number[] = [];
    for (let i = 0; i < n; i++) {
      const id = this.probeIds[i];
      for (let r = id >= 0 && id < this.head.length ? this.head[id] : -1; r >= 0; r = this.nextRow[r]) {
        pIdx.push(i);
        bIdx.push(r);
      }
    }
    const matched = new Uint8Array(n);
    let keepP: number[] = [];
    let keepB: number[] = [];
    if (pIdx.length > 0) {
      const cand = this.assemble(b, Int32Array.from(pIdx), Int32Array.from(bIdx));
      const pass = this.ctx.evaluator.filter(this.residual!, cand);
      for (const k of pass) {
        matched[pIdx[k]] = 1;
        keepP.push(pIdx[k]);
        keepB.push(bIdx[k]);
      }
    }
    for (let i = 0; i < n; i++) if (matched[i] === 0) {
      keepP.push(i);
      keepB.push(-1);
    }
    if (keepP.length === 0) return null;
    const order = keepP.map((_, k) => k).sort((x, y) => keepP[x] - keepP[y] || x - y);
    keepP = order.map((k) => keepP[k]);
    keepB = order.map((k) => keepB[k]);
    return this.assemble(b, Int32Array.from(keepP), Int32Array.from(keepB));
  }

  private assemble(probe: ExecBatch, pIdx: Int32Array, bIdx: Int32Array): ExecBatch {
    const phys = new Int32Array(pIdx.length);
    for (let i = 0; i < pIdx.length; i++) phys[i] = probe.sel === null ? pIdx[i] : probe.sel[pIdx[i]];
    const left = probe.columns.map((c) => gatherVec(c, phys));
    const right = this.buildColumns.map((c) => gatherVec(c, bIdx));
    return { columns: [...left, ...right], length: pIdx.length, sel: null };
  }

  protected override onClose(): void {
    this.buildColumns = [];
    this.head = new Int32Array(0);
    this.nextRow = new Int32Array(0);
  }
}
