/** Resource and scope objects of OTLP/JSON, applied like their protobuf counterparts. */
import { applyResourceSummary, applyScope, type EnvelopeRows, type ScopeIds } from '../envelope-rows.ts';
import type { RejectionTally } from '../rejection-tally.ts';
import type { StringPool } from '../wire/index.ts';
import { attributesOf } from './any-value-json.ts';
import { arrayOf, objectOrNull, stringOf, type JsonObject, type JsonPath } from './json-values.ts';

/** Pool ids of the `scope` of `parent` (-1 when empty). */
export function readScopeJson(parent: JsonObject, path: JsonPath, pool: StringPool): ScopeIds {
  const scope = objectOrNull(parent.scope, path, 'scope');
  if (scope === null) return { nameId: -1, versionId: -1 };
  path.in('scope');
  const name = stringOf(scope.name, path, 'name');
  const version = stringOf(scope.version, path, 'version');
  path.out();
  return { nameId: name === '' ? -1 : pool.internString(name), versionId: version === '' ? -1 : pool.internString(version) };
}

/** Reads the `resource` of `parent` and applies it to rows [from, rows.length). */
export function readResourceJson(parent: JsonObject, path: JsonPath, rows: EnvelopeRows, from: number, pool: StringPool, tally: RejectionTally): void {
  const resource = objectOrNull(parent.resource, path, 'resource');
  path.in('resource');
  const summary = attributesOf(resource?.attributes, path);
  path.out();
  applyResourceSummary(rows, from, summary, pool, tally);
}

/** Field names of one signal's envelope: resourceX → scopeX → items. */
export interface EnvelopeNames {
  readonly resources: string;
  readonly scopes: string;
  readonly items: string;
}

/**
 * Walks `doc.<resources>[i].<scopes>[j].<items>[k]`, calling `item` with the path
 * positioned at the item's array, then applies each scope and resource to the rows
 * their items produced.
 */
export function walkEnvelope(
  doc: JsonObject,
  names: EnvelopeNames,
  path: JsonPath,
  rows: EnvelopeRows,
  pool: StringPool,
  tally: RejectionTally,
  item: (v: unknown, index: number) => void,
): void {
  const resources = arrayOf(doc[names.resources], path, names.resources);
  path.in(names.resources);
  for (let i = 0; i < resources.length; i++) {
    const resource = objectOrNull(resources[i], path, i) ?? {};
    path.in(i);
    const from = rows.length;
    const scopes = arrayOf(resource[names.scopes], path, names.scopes);
    path.in(names.scopes);
    for (let j = 0; j < scopes.length; j++) {
      const scope = objectOrNull(scopes[j], path, j) ?? {};
      path.in(j);
      const scopeFrom = rows.length;
      const items = arrayOf(scope[names.items], path, names.items);
      path.in(names.items);
      for (let k = 0; k < items.length; k++) item(items[k], k);
      path.out();
      applyScope(rows, scopeFrom, readScopeJson(scope, path, pool));
      path.out();
    }
    path.out();
    readResourceJson(resource, path, rows, from, pool, tally);
    path.out();
  }
  path.out();
}
