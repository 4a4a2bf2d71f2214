/**
 * Golden SQL tests: every record of tests/sql/*.slt runs against the fixture dataset
 * (fixture-data.ts) and must produce exactly the expected rows or error.
 * Regenerate expectations with `bun tests/sql/update-slt.ts <file>` and review the diff.
 */
import { describe, expect, test } from 'bun:test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkRecord, goldenContext, parseSlt } from './slt.ts';

const dir = import.meta.dir;
const files = readdirSync(dir).filter((f) => f.endsWith('.slt')).sort();

test('there are at least 300 golden queries', () => {
  const total = files.reduce((n, f) => n + parseSlt(readFileSync(join(dir, f), 'utf8')).length, 0);
  expect(total).toBeGreaterThanOrEqual(300);
});

for (const file of files) {
  describe(file, () => {
    const records = parseSlt(readFileSync(join(dir, file), 'utf8'));
    const ctx = goldenContext();
    for (const rec of records) {
      test(`line ${rec.line}: ${rec.sql.split('\n')[0].slice(0, 80)}`, async () => {
        const failure = await checkRecord(rec, ctx);
        expect(failure).toBeNull();
      });
    }
  });
}
