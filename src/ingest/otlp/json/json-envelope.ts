/** Resource and scope objects of OTLP/JSON, applied like their protobuf counterparts. */
import { applyResourceSummary, type EnvelopeRows, type ScopeIds } from '../envelope-rows.ts';
import type { RejectionTally } from '../rejection-tally.ts';
import type { StringPool } from '../wire/index.ts';
import { attributesOf } from './any-value-json.ts';
import { objectOrNull, stringOf } from './json-values.ts';

/** Pool ids of an InstrumentationScope's name and version (-1 when empty). */
export function readScopeJson(v: unknown, path: string, pool: StringPool): ScopeIds {
  const scope = objectOrNull(v, path);
  const name = stringOf(scope?.name, `${path}.name`);
  const version = stringOf(scope?.version, `${path}.version`);
  return { nameId: name === '' ? -1 : pool.internString(name), versionId: version === '' ? -1 : pool.internString(version) };
}

/** Reads a Resource object and applies it to rows [from, rows.length). */
export function readResourceJson(v: unknown, path: string, rows: EnvelopeRows, from: number, pool: StringPool, tally: RejectionTally): void {
  const resource = objectOrNull(v, path);
  const summary = attributesOf(resource?.attributes, `${path}.attributes`);
  applyResourceSummary(rows, from, summary, pool, tally);
}
