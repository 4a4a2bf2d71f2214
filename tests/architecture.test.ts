// Enforces DESIGN.md §3: which module may import which, that folder boundaries are
// crossed only through a folder's index.ts, that runtime APIs stay where they belong,
// and that there are no import cycles.
import { describe, expect, test } from 'bun:test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dir, '..');
const SRC = join(ROOT, 'src');

/** module → modules it may import (besides itself). */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  main: ['cli'],
  cli: ['server', 'ingest', 'query', 'auth', 'meta', 'storage', 'columnar', 'common'],
  server: ['ingest', 'query', 'auth', 'meta', 'storage', 'columnar', 'common', 'web'],
  ingest: ['storage', 'columnar', 'common'],
  storage: ['columnar', 'common'],
  query: ['columnar', 'common'],
  auth: ['meta', 'common'],
  meta: ['common'],
  columnar: ['common'],
  common: [],
  web: [],
};

/** Imports only these modules may use (DESIGN.md §3: runtime APIs stay at the edges). */
const RUNTIME_IMPORTS: Readonly<Record<string, readonly string[]>> = {
  'bun:sqlite': ['meta', 'cli'],
  // flock(2) for the data-dir lock (storage/file-lock.ts): the kernel drops it when the process dies.
  'bun:ffi': ['storage'],
  'node:http2': ['server'],
  'node:http': ['server', 'cli'],
  'node:net': ['server', 'cli'],
  'node:fs': ['server', 'storage', 'meta', 'cli', 'auth'],
  'node:fs/promises': ['server', 'storage', 'meta', 'cli', 'auth'],
};

interface SourceFile {
  readonly path: string;
  readonly module: string;
  readonly imports: readonly { spec: string; typeOnly: boolean }[];
}

function listTs(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listTs(p));
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts') && !/\.test\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

function moduleOf(path: string): string {
  const rel = relative(ROOT, path);
  if (rel === 'main.ts') return 'main';
  return rel.split('/')[1];
}

const IMPORT_RE = /^\s*(import|export)\s+(type\s+)?([^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
const DYNAMIC_RE = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function parse(path: string): SourceFile {
  const text = readFileSync(path, 'utf8');
  const imports: { spec: string; typeOnly: boolean }[] = [];
  for (const m of text.matchAll(IMPORT_RE)) {
    const clause = m[3] ?? '';
    const typeOnly = m[2] !== undefined || /^\s*\{\s*(type\s+[\w$]+\s*(as\s+[\w$]+\s*)?,?\s*)+\}\s*from\s+$/.test(clause);
    imports.push({ spec: m[4], typeOnly });
  }
  for (const m of text.matchAll(DYNAMIC_RE)) imports.push({ spec: m[1], typeOnly: false });
  return { path, module: moduleOf(path), imports };
}

const files = [join(ROOT, 'main.ts'), ...listTs(SRC)].map(parse);

function resolveRelative(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  return resolve(dirname(from), spec);
}

function dependencyViolations(sources: readonly SourceFile[]): string[] {
  const violations: string[] = [];
  for (const f of sources) {
    for (const { spec } of f.imports) {
      const target = resolveRelative(f.path, spec);
      if (target === null || !target.startsWith(SRC + '/')) continue;
      if (/\.(service|proto|html|css|json|md)$/.test(target)) continue;
      const to = moduleOf(target);
      if (to === f.module) continue;
      if (!(ALLOWED[f.module] ?? []).includes(to)) violations.push(`${relative(ROOT, f.path)} → ${spec} (${f.module} may not import ${to})`);
    }
  }
  return violations;
}

describe('architecture (DESIGN.md §3)', () => {
  test('modules import only what the dependency rules allow', () => {
    expect(dependencyViolations(files)).toEqual([]);
  });

  test('folder boundaries are crossed only through index.ts', () => {
    const violations: string[] = [];
    for (const f of files) {
      for (const { spec } of f.imports) {
        const target = resolveRelative(f.path, spec);
        if (target === null || !target.startsWith(SRC + '/')) continue;
        const to = moduleOf(target);
        if (to === f.module || to === 'web') continue;
        if (relative(join(SRC, to), target) !== 'index.ts') violations.push(`${relative(ROOT, f.path)} → ${spec}`);
      }
    }
    expect(violations).toEqual([]);
  });

  test('runtime APIs stay at the edges', () => {
    const violations: string[] = [];
    for (const f of files) {
      for (const { spec } of f.imports) {
        const allowed = RUNTIME_IMPORTS[spec];
        if (allowed !== undefined && !allowed.includes(f.module)) violations.push(`${relative(ROOT, f.path)} imports ${spec}`);
      }
      if (f.module === 'web' && f.imports.some((i) => i.spec.startsWith('node:') || i.spec.startsWith('bun:'))) {
        violations.push(`${relative(ROOT, f.path)} (web) imports a runtime module`);
      }
    }
    expect(violations).toEqual([]);
  });

  test('no import cycles between modules or between files', () => {
    // Module graph (all imports).
    const moduleEdges = new Map<string, Set<string>>();
    // File graph (runtime imports only: type-only imports are erased).
    const fileEdges = new Map<string, string[]>();
    for (const f of files) {
      const targets: string[] = [];
      for (const { spec, typeOnly } of f.imports) {
        const target = resolveRelative(f.path, spec);
        if (target === null || !target.startsWith(SRC + '/') || !/\.tsx?$/.test(target)) continue;
        const to = moduleOf(target);
        if (to !== f.module) {
          const set = moduleEdges.get(f.module) ?? new Set<string>();
          set.add(to);
          moduleEdges.set(f.module, set);
        }
        if (!typeOnly) targets.push(target);
      }
      fileEdges.set(f.path, targets);
    }
    const cycles: string[] = [];
    const findCycles = (edges: Map<string, Iterable<string>>, name: (n: string) => string): void => {
      const state = new Map<string, 'active' | 'done'>();
      const stack: string[] = [];
      const visit = (n: string): void => {
        state.set(n, 'active');
        stack.push(n);
        for (const m of edges.get(n) ?? []) {
          const s = state.get(m);
          if (s === 'active') cycles.push([...stack.slice(stack.indexOf(m)), m].map(name).join(' → '));
          else if (s === undefined) visit(m);
        }
        stack.pop();
        state.set(n, 'done');
      };
      for (const n of edges.keys()) if (!state.has(n)) visit(n);
    };
    findCycles(moduleEdges, (n) => n);
    findCycles(fileEdges, (p) => relative(ROOT, p));
    expect(cycles).toEqual([]);
  });

  test('the checker itself catches forbidden edges', () => {
    const fake = (path: string, spec: string): SourceFile => ({ path: join(SRC, path), module: path.split('/')[0], imports: [{ spec, typeOnly: false }] });
    expect(dependencyViolations([fake('query/exec/x.ts', '../../storage/index.ts')])).toHaveLength(1);
    expect(dependencyViolations([fake('storage/x.ts', '../query/index.ts')])).toHaveLength(1);
    expect(dependencyViolations([fake('web/x.ts', '../common/index.ts')])).toHaveLength(1);
    expect(dependencyViolations([fake('ingest/x.ts', '../storage/index.ts')])).toHaveLength(0);
  });
});
