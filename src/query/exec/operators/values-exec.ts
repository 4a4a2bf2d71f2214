/**
 * Constant rows (SELECT without FROM, DESCRIBE, SHOW TABLES) as one batch.
 */
import type { PlanField } from '../../plan/logical-plan.ts';
import type { Scalar } from '../../values/scalar.ts';
import { concatVecs } from '../../values/concat-vecs.ts';
import { vecTypeOf } from '../../values/sql-type.ts';
import { broadcast } from '../../values/vec.ts';
import type { ExecBatch } from '../exec-batch.ts';
import type { ExecContext } from '../exec-context.ts';
import { ExecOperator } from '../exec-operator.ts';

export class ValuesExec extends ExecOperator {
  readonly name = 'ValuesExec';
  private done = false;

  constructor(
    ctx: ExecContext,
    private readonly fields: readonly PlanField[],
    private readonly rows: readonly (readonly Scalar[])[],
  ) {
    super(ctx, []);
  }

  describe(): string {
    return `${this.name} rows=${this.rows.length}`;
  }

  protected async produce(): Promise<ExecBatch | null> {
    if (this.done || this.rows.length === 0) return null;
    this.done = true;
    const columns = this.fields.map((f, c) =>
      concatVecs(
        vecTypeOf(f.type),
        this.rows.map((r) => broadcast(r[c], f.type, 1)),
      ),
    );
    return { columns, length: this.rows.length, sel: null };
  }
}
