/**
 * Child of data-dir-lock.test.ts: waits for the go file, then tries to lock the data dir
 * and prints `won` (holding the lock a moment so the others meet it) or `lost`.
 */
import { existsSync } from 'node:fs';
import { lockDataDir } from '../../src/storage/data-dir-lock.ts';

const [dataDir, goFile] = process.argv.slice(2);
if (!dataDir || !goFile) throw new Error('usage: lock-child.ts <dataDir> <goFile>');
while (!existsSync(goFile)) {
  // spin: every child should try at the same instant
}
let won: boolean;
try {
  await lockDataDir(dataDir);
  won = true;
} catch {
  won = false;
}
process.stdout.write(won ? 'won\n' : 'lost\n');
if (won) await Bun.sleep(1500);
