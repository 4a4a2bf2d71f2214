/**
 * Rewrites the expected blocks of golden files from the engine's current output:
 *   bun tests/sql/update-slt.ts tests/sql/select.slt [...]
 * Query headers get the actual type letters; errors keep their patterns (a failing
 * pattern is reported). Always review the diff: this records whatever the engine does.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { runQuery } from '../../src/query/index.ts';
import { formatResult, goldenContext, parseSlt, resultTypes, checkRecord } from './slt.ts';

for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8');
  const records = parseSlt(text);
  const ctx = goldenContext();
  const lines = text.split('\n');
  const out: string[] = [];
  let i = 0;
  for (const rec of records) {
    while (i < rec.line - 1) out.push(lines[i++]);
    const sqlLines = rec.sql.split('\n').length;
    if (rec.kind === 'query') {
      const r = await runQuery(rec.sql, ctx).catch((err: Error) => {
        process.stderr.write(`${file}:${rec.line}: ${err.message}\n`);
        return null;
      });
      out.push(`query ${r === null ? rec.types : resultTypes(r)} ${rec.sort}`);
      for (let k = 0; k < sqlLines; k++) out.push(lines[rec.line + k]);
      i = rec.line + sqlLines;
      if (lines[i] === '----') {
        i++;
        while (i < lines.length && lines[i] !== '') i++;
      }
      out.push('----');
      out.push(...(r === null ? rec.expected : formatResult(r, rec.sort)));
    } else {
      const failure = await checkRecord(rec, ctx);
      if (failure !== null) process.stderr.write(`${file}:${rec.line}: ${failure}\n`);
      out.push(lines[i++]);
      for (let k = 0; k < sqlLines; k++) out.push(lines[i++]);
    }
  }
  while (i < lines.length) out.push(lines[i++]);
  writeFileSync(file, out.join('\n'));
}
