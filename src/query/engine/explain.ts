/**
 * EXPLAIN output: the physical operator tree, one line per operator, indented by depth.
 * With ANALYZE each line also shows rows out, batches, inclusive and self time, peak
 * memory, and for scans what storage considered versus read (partitions, files, row
 * groups, pages, head chunks).
 */
import type { ExecOperator } from '../exec/index.ts';

function formatMs(ms: number): string {
  return ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0);
}

/** One line per operator, children indented under their parent. */
export function explainLines(root: ExecOperator, analyze: boolean): string[] {
  const lines: string[] = [];
  const visit = (op: ExecOperator, depth: number): void => {
    let line = `${'  '.repeat(depth)}${op.describe()}`;
    if (analyze) {
      const childMs = op.children.reduce((s, c) => s + c.stats.elapsedMs, 0);
      const parts = [`rows=${op.stats.rowsOut}`, `batches=${op.stats.batchesOut}`, `time=${formatMs(op.stats.elapsedMs)}ms`, `self=${formatMs(Math.max(0, op.stats.elapsedMs - childMs))}ms`];
      for (const [k, v] of Object.entries(op.stats.extra)) parts.push(`${k}=${v}`);
      line += `  [${parts.join(' ')}]`;
    }
    lines.push(line);
    for (const c of op.children) visit(c, depth + 1);
  };
  visit(root, 0);
  return lines;
}
