/**
 * Crash safety (SPEC §6: restart after SIGKILL loses no acknowledged record). Ten times
 * in a row on the same data dir: a child process appends under load and reports every
 * acknowledged batch; it is killed with SIGKILL at a random moment (during appends,
 * flushes, compactions); then the data dir is opened again and every acknowledged row
 * must be there exactly once.
 */
import { afterAll, expect, test } from 'bun:test';
import { join } from 'node:path';
import { batchToRows, type TableName } from '../../src/columnar/index.ts';
import { silentLogger } from '../../src/common/index.ts';
import { Storage } from '../../src/storage/index.ts';
import { prng, sampleWalDecoder } from '../storage/sample-rows.ts';
import { tempDataDir } from '../storage/storage-harness.ts';

const RUNS = 10;
const BUN = process.execPath;
const CHILD = join(import.meta.dir, 'crash-child.ts');
const { dir, remove } = tempDataDir('pharlux-crash-');
afterAll(remove);

type Key = string; // `${table}/${tenant}/${seq}`

async function runChild(seqBase: number, killAfterMs: number): Promise<Set<Key>> {
  const child = Bun.spawn([BUN, CHILD, dir, String(seqBase)], { stdout: 'pipe', stderr: 'pipe' });
  const acked = new Set<Key>();
  let ready = false;
  let readyAt = 0;
  const reader = child.stdout.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  const killer = (async () => {
    while (!ready) await Bun.sleep(5);
    await Bun.sleep(killAfterMs);
    child.kill('SIGKILL');
  })();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += decoder.decode(value, { stream: true });
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      if (line === 'ready') {
        ready = true;
        readyAt = performance.now();
      } else if (line.startsWith('ack ')) {
        const [, table, tenant, first, n] = line.split(' ');
        for (let s = Number(first); s < Number(first) + Number(n); s++) acked.add(`${table}/${tenant}/${s}`);
      }
    }
  }
  await killer;
  const code = await child.exited;
  if (!ready) throw new Error(`child never became ready (exit ${code}): ${await new Response(child.stderr).text()}`);
  void readyAt;
  return acked;
}

async function presentRows(): Promise<{ keys: Map<Key, number>; storage: Storage }> {
  const storage = await Storage.open({ dataDir: dir, logger: silentLogger(), walDecoder: sampleWalDecoder, minFreeDiskBytes: 0, compactionIntervalSeconds: 0, retentionDays: { metrics: 0, logs: 0, spans: 0 } });
  const keys = new Map<Key, number>();
  for (const table of ['metrics', 'logs', 'spans'] as TableName[]) {
    const snapshot = storage.table(table).snapshot();
    for (const tenant of ['default', 'other']) {
      for await (const batch of snapshot.scan({ tenant, columns: ['flags'], predicates: [] })) {
        for (const r of batchToRows(batch)) {
          const k = `${table}/${tenant}/${Number(r.flags)}`;
          keys.set(k, (keys.get(k) ?? 0) + 1);
        }
      }
    }
    snapshot.release();
  }
  return { keys, storage };
}

test(`SIGKILL under load, ${RUNS} runs in a row: every acknowledged row survives, exactly once`, async () => {
  const rand = prng(Number(process.env.PHARLUX_CRASH_SEED ?? 20261130));
  const allAcked = new Set<Key>();
  for (let run = 0; run < RUNS; run++) {
    const killAfterMs = 150 + Math.floor(rand() * 1200);
    const acked = await runChild(run * 10_000_000, killAfterMs);
    for (const k of acked) allAcked.add(k);
    const { keys, storage } = await presentRows();
    const missing = [...allAcked].filter((k) => !keys.has(k));
    const duplicated = [...keys].filter(([, n]) => n > 1).map(([k]) => k);
    expect({ run, killAfterMs, missing: missing.slice(0, 5), duplicated: duplicated.slice(0, 5) }).toEqual({ run, killAfterMs, missing: [], duplicated: [] });
    expect(acked.size).toBeGreaterThan(0);
    // Half the time the verifier flushes on stop, half it leaves everything to the WAL.
    await storage.stop({ flush: run % 2 === 0 });
  }
}, 110_000);
