/**
 * The published parts of one table: per tenant, an array sorted by (hour, id). Immutable:
 * every publish builds a new PartSet, so a snapshot keeps the one it saw for as long as
 * it likes and publishing stays a single pointer swap.
 */
import type { PartHandle } from './part-handle.ts';

export class PartSet {
  private constructor(private readonly byTenant: ReadonlyMap<string, readonly PartHandle[]>) {}

  static empty(): PartSet {
    return new PartSet(new Map());
  }

  /** A set holding exactly `parts`. */
  static of(parts: Iterable<PartHandle>): PartSet {
    return PartSet.empty().with(parts, []);
  }

  /** This set plus `added`, minus the parts whose relPath is in `removed`. */
  with(added: Iterable<PartHandle>, removed: Iterable<string>): PartSet {
    const gone = new Set(removed);
    const touched = new Map<string, PartHandle[]>();
    const edit = (tenant: string): PartHandle[] => {
      let list = touched.get(tenant);
      if (list === undefined) {
        list = (this.byTenant.get(tenant) ?? []).filter((p) => !gone.has(p.relPath));
        touched.set(tenant, list);
      }
      return list;
    };
    if (gone.size > 0) for (const [tenant, parts] of this.byTenant) if (parts.some((p) => gone.has(p.relPath))) edit(tenant);
    for (const p of added) edit(p.tenant).push(p);
    if (touched.size === 0) return this;
    const next = new Map(this.byTenant);
    for (const [tenant, list] of touched) {
      list.sort((a, b) => a.hourMs - b.hourMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      if (list.length === 0) next.delete(tenant);
      else next.set(tenant, list);
    }
    return new PartSet(next);
  }

  /** Parts of one tenant, oldest hour first. */
  tenantParts(tenant: string): readonly PartHandle[] {
    return this.byTenant.get(tenant) ?? [];
  }

  tenants(): Iterable<string> {
    return this.byTenant.keys();
  }

  /** Every part. */
  *all(): Iterable<PartHandle> {
    for (const list of this.byTenant.values()) yield* list;
  }

  /** True when every relPath given is in the set. */
  hasAll(relPaths: readonly string[]): boolean {
    const present = new Set<string>();
    for (const p of this.all()) present.add(p.relPath);
    return relPaths.every((r) => present.has(r));
  }

  get size(): number {
    let n = 0;
    for (const list of this.byTenant.values()) n += list.length;
    return n;
  }
}
