import { describe, expect, test } from 'bun:test';
import { MemoryTableSource, TABLE_NAMES, TABLE_SCHEMAS, type TableSource } from '../../columnar/index.ts';
import { runQuery } from '../engine/run-query.ts';

const NOW = Date.UTC(2026, 10, 30, 13);
const tables = new Map<string, TableSource>(TABLE_NAMES.map((t) => [t, new MemoryTableSource(t, TABLE_SCHEMAS[t])]));

async function explain(sql: string): Promise<string> {
  const r = await runQuery(`EXPLAIN ${sql}`, { tenant: 't', catalog: { tables }, limits: { memoryBytes: 1 << 24, timeoutMs: 5000, maxResultRows: 100 }, nowMs: NOW });
  return (r.plan ?? []).join('\n');
}

describe('optimizer rules (seen through EXPLAIN)', () => {
  test('now() - interval folds to a literal and becomes the first pruning hint; only used columns are read', async () => {
    const plan = await explain("SELECT count(*) FROM logs WHERE service_name = 'api' AND timestamp > now() - INTERVAL '1 hour'");
    expect(plan).toContain("ScanExec logs columns=[timestamp, service_name]");
    expect(plan).toContain("pruning=[timestamp > '2026-11-30 12:00:00', service_name = 'api']");
    expect(plan).not.toContain('FilterExec');
  });

  test('filters move below projections, subqueries and into both sides of a join via key equalities', async () => {
    const plan = await explain("SELECT * FROM (SELECT s.name, l.body, s.trace_id FROM spans s JOIN logs l ON s.trace_id = l.trace_id) x WHERE x.trace_id = 'abc'");
    expect(plan).toMatch(/ScanExec spans columns=\[trace_id, name\] filter=\(trace_id = 'abc'\) pruning=\[trace_id = 'abc'\]/);
    expect(plan).toMatch(/ScanExec logs columns=\[body, trace_id\] filter=\(trace_id = 'abc'\) pruning=\[trace_id = 'abc'\]/);
    expect(plan.match(/ProjectExec/g)?.length).toBe(1);
  });

  test('comma joins with a WHERE equality become hash joins', async () => {
    const plan = await explain('SELECT count(*) FROM spans a, logs b WHERE a.trace_id = b.trace_id');
    expect(plan).toContain('HashJoinExec inner on trace_id = trace_id');
  });

  test('ORDER BY + LIMIT becomes top-N; LIMIT alone reaches the scan', async () => {
    expect(await explain('SELECT name FROM spans ORDER BY duration_ns DESC LIMIT 10')).toMatch(/TopNExec fetch=10 \S+ DESC NULLS FIRST/);
    expect(await explain('SELECT name FROM spans LIMIT 10 OFFSET 5')).toContain('limit=15');
  });

  test('predicates on group keys move below the aggregate; others stay above', async () => {
    const plan = await explain("SELECT service_name, count(*) AS n FROM spans GROUP BY service_name HAVING service_name <> 'x' AND count(*) > 2");
    expect(plan).toMatch(/FilterExec \(count > 2\)/);
    expect(plan).toMatch(/ScanExec spans columns=\[service_name\] filter=\(service_name <> 'x'\)/);
  });

  test('WHERE false never reads storage', async () => {
    const plan = await explain('SELECT name FROM spans WHERE 1 = 2');
    expect(plan).toContain('ValuesExec rows=0');
    expect(plan).not.toContain('ScanExec');
  });

  test('LIKE with a literal prefix becomes a prefix hint; IN lists become IN hints', async () => {
    const plan = await explain("SELECT count(*) FROM spans WHERE name LIKE 'GET /%' AND status_code IN ('OK', 'ERROR')");
    expect(plan).toContain("pruning=[name LIKE 'GET /%', status_code IN (2 values)]");
  });
});
