/**
 * Turns the key columns of GROUP BY (or DISTINCT, or a window's PARTITION BY) into dense
 * group ids 0, 1, 2, ... and gives the key values of every group back for output.
 * One key column: per-column id → group through a lookup array. Several: ids are
 * folded pairwise through PairHashTables, so any number of columns costs one integer
 * hash per extra column per row. `assignRuns` also hands out runs of equal groups (see
 * group-runs.ts): a dictionary key sorted in its part resolves once per run, not per row.
 */
import type { VecType } from '../../values/sql-type.ts';
import type { DictionaryVector } from '../../../columnar/index.ts';
import { gatherVec, type Vec } from '../../values/vec.ts';
import { createKeyInterner, type KeyInterner } from './key-interner.ts';
import { fromIds, fromRuns, MIN_RUN_ROWS, singleGroup, type GroupAssignment } from './group-runs.ts';
import { PairHashTable } from './pair-hash-table.ts';

export class GroupKeys {
  private readonly interners: KeyInterner[];
  private readonly pairs: PairHashTable[] = [];
  /** Single-key mode: column id → group (-1 = none yet) and back. */
  private idToGroup = new Int32Array(64).fill(-1);
  private groupToId = new Int32Array(64);
  private groups = 0;
  /** Single dictionary key: per source dictionary, code → group (-1 = not yet known). */
  private readonly codeGroups = new Map<readonly string[], Int32Array>();
  /** Run starts found so far in the current batch (reused between batches). */
  private runScratch = new Int32Array(0);

  constructor(readonly types: readonly VecType[]) {
    this.interners = types.map(createKeyInterner);
    for (let k = 1; k < types.length; k++) this.pairs.push(new PairHashTable());
    if (types.length === 0) this.groups = 1;
  }

  /** Number of groups so far. */
  get count(): number {
    return this.groups;
  }

  /** Group id of each of the n rows (keys are dense vectors of length n). */
  assign(keys: readonly Vec[], n: number): Int32Array {
    if (keys.length === 0) return new Int32Array(n);
    if (keys.length === 1) {
      const key = keys[0];
      if (key.type === 'string' || key.type === 'json') return this.assignDictionary(key, n);
      return this.assignSingle(key, n);
    }
    let acc = this.interners[0].intern(keys[0], n);
    for (let k = 1; k < keys.length; k++) {
      const ids = this.interners[k].intern(keys[k], n);
      const table = this.pairs[k - 1];
      for (let i = 0; i < n; i++) acc[i] = table.intern(acc[i], ids[i]);
    }
    this.groups = this.pairs[this.pairs.length - 1].size;
    return acc;
  }

  /** Group ids of the n rows, as runs when the rows are run-like (see group-runs.ts). */
  assignRuns(keys: readonly Vec[], n: number): GroupAssignment {
    if (keys.length === 0) return singleGroup(n);
    const key = keys[0];
    if (keys.length === 1 && (key.type === 'string' || key.type === 'json')) {
      const assigned = this.assignDictionaryRuns(key, n);
      if (assigned !== null) return assigned;
      const ids = this.assignDictionary(key, n);
      return { rows: n, runs: null, ids: () => ids };
    }
    return fromIds(this.assign(keys, n), n);
  }

  /** Runs of equal codes resolved to groups once per run, or null when the codes are not run-like. */
  private assignDictionaryRuns(key: DictionaryVector, n: number): GroupAssignment | null {
    const codes = key.codes;
    if (n === 0) return null;
    // One pass: run starts into a reused buffer sized for the most runs still worth it.
    const limit = Math.max(1, Math.floor(n / MIN_RUN_ROWS));
    if (this.runScratch.length < limit + 1) this.runScratch = new Int32Array(limit + 1);
    const scratch = this.runScratch;
    let count = 1;
    let prev = codes[0];
    scratch[0] = 0;
    for (let i = 1; i < n; i++) {
      const c = codes[i];
      if (c !== prev) {
        if (count === limit) return null;
        scratch[count++] = i;
        prev = c;
      }
    }
    scratch[count] = n;
    // Runs outlive this call (accumulators may keep them): an exact-size copy.
    const starts = scratch.slice(0, count + 1);
    const groups = new Int32Array(count);
    const map = this.codeMap(key.dict);
    for (let r = 0; r < count; r++) {
      const c = codes[starts[r]];
      const slot = c + 1 > 0 ? c + 1 : 0;
      let g = map[slot];
      if (g < 0) {
        g = this.assignSingle({ type: key.type, length: 1, codes: Int32Array.of(c), dict: key.dict }, 1)[0];
        map[slot] = g;
      }
      groups[r] = g;
    }
    return fromRuns({ count, starts, groups }, n);
  }

  /** The code → group array of a dictionary (slot 0 is NULL, slot c + 1 is code c; -1 = not yet known). */
  private codeMap(dict: readonly string[]): Int32Array {
    // Stable when an append-only dictionary grows: known slots keep their groups.
    let map = this.codeGroups.get(dict);
    if (map === undefined || map.length < dict.length + 1) {
      if (map === undefined && this.codeGroups.size > 64) this.codeGroups.clear();
      const grown = new Int32Array(dict.length + 1).fill(-1);
      if (map !== undefined) grown.set(map);
      map = grown;
      this.codeGroups.set(dict, map);
    }
    return map;
  }

  /** One key column: interned id → group through a lookup array. */
  private assignSingle(key: Vec, n: number): Int32Array {
    const ids = this.interners[0].intern(key, n);
    const need = this.interners[0].size + 1;
    if (this.idToGroup.length < need) {
      const grown = new Int32Array(Math.max(need, this.idToGroup.length * 2)).fill(-1);
      grown.set(this.idToGroup);
      this.idToGroup = grown;
    }
    const map = this.idToGroup;
    const out = ids;
    for (let i = 0; i < n; i++) {
      const id = ids[i];
      let g = map[id];
      if (g < 0) {
        g = this.groups++;
        map[id] = g;
        if (g >= this.groupToId.length) {
          const grown = new Int32Array(this.groupToId.length * 2);
          grown.set(this.groupToId);
          this.groupToId = grown;
        }
        this.groupToId[g] = id;
      }
      out[i] = g;
    }
    return out;
  }

  /** One dictionary key column: a single array lookup per row once a code is known. */
  private assignDictionary(key: DictionaryVector, n: number): Int32Array {
    const { codes, dict } = key;
    const fresh = !this.codeGroups.has(dict);
    const map = this.codeMap(dict);
    const out = new Int32Array(n);
    if (!fresh) {
      // Slot c + 1 (slot 0 = any negative, i.e. null, code), computed without a branch.
      let unknown = 0;
      for (let i = 0; i < n; i++) {
        const c = codes[i];
        const g = map[(c + 1) & ~(c >> 31)];
        out[i] = g;
        unknown |= g;
      }
      if (unknown >= 0) return out;
    }
    // A dictionary seen for the first time (every part has its own), or new codes: list the
    // unknown slots in order of first appearance (which fixes the groups' order), resolve
    // each once, then map every row.
    const order = new Int32Array(Math.min(n, map.length));
    let unresolved = 0;
    for (let i = 0; i < n && unresolved < order.length; i++) {
      const c = codes[i];
      const slot = (c + 1) & ~(c >> 31);
      if (map[slot] === -1) {
        map[slot] = -2; // listed
        order[unresolved++] = slot;
      }
    }
    for (let k = 0; k < unresolved; k++) {
      const slot = order[k];
      map[slot] = this.assignSingle({ type: key.type, length: 1, codes: Int32Array.of(slot - 1), dict }, 1)[0];
    }
    for (let i = 0; i < n; i++) {
      const c = codes[i];
      out[i] = map[(c + 1) & ~(c >> 31)];
    }
    return out;
  }

  /** Group id of each row without adding groups: -1 when a key is NULL or the combination is unseen. */
  lookup(keys: readonly Vec[], n: number): Int32Array {
    if (keys.length === 0) return new Int32Array(n);
    const acc = this.interners[0].lookup(keys[0], n);
    if (keys.length === 1) {
      for (let i = 0; i < n; i++) {
        const id = acc[i];
        acc[i] = id < 0 || id >= this.idToGroup.length ? -1 : this.idToGroup[id];
      }
      return acc;
    }
    for (let k = 1; k < keys.length; k++) {
      const ids = this.interners[k].lookup(keys[k], n);
      const table = this.pairs[k - 1];
      for (let i = 0; i < n; i++) acc[i] = acc[i] < 0 || ids[i] < 0 ? -1 : table.find(acc[i], ids[i]);
    }
    return acc;
  }

  /** Key values of groups 0 .. count-1, one vector per key column. */
  keyVectors(): Vec[] {
    const k = this.types.length;
    if (k === 0) return [];
    const n = this.groups;
    if (k === 1) return [gatherVec(this.interners[0].values(), this.groupToId.subarray(0, n))];
    const idsPerColumn: Int32Array[] = this.types.map(() => new Int32Array(n));
    const cur = new Int32Array(n);
    for (let g = 0; g < n; g++) cur[g] = g;
    for (let level = k - 1; level >= 1; level--) {
      const table = this.pairs[level - 1];
      const out = idsPerColumn[level];
      for (let g = 0; g < n; g++) {
        out[g] = table.secondOf(cur[g]);
        cur[g] = table.firstOf(cur[g]);
      }
    }
    idsPerColumn[0].set(cur);
    return this.interners.map((it, c) => gatherVec(it.values(), idsPerColumn[c]));
  }

  bytes(): number {
    let b = this.idToGroup.byteLength + this.groupToId.byteLength;
    for (const m of this.codeGroups.values()) b += m.byteLength;
    for (const it of this.interners) b += it.bytes();
    for (const p of this.pairs) b += p.bytes();
    return b;
  }
}
