/**
 * Locates a worker thread's entry file both from a source checkout and inside the
 * compiled executable. `bun build --compile` embeds each worker entry (scripts/build.ts
 * finds them by scanning for `workerEntry('...')` calls) at its project-relative path,
 * which a string path resolves to; from source the file is found on disk relative to
 * the project root. Always call with a literal, project-relative path.
 */
const PROJECT_ROOT = new URL('../../', import.meta.url);

/** The `new Worker(...)` argument for the entry at `projectPath`, e.g. `src/storage/parts/part-worker.ts`. */
export function workerEntry(projectPath: string): string {
  const compiled = import.meta.path.startsWith('/$bunfs/') || import.meta.path.startsWith('B:/~BUN/');
  return compiled ? `./${projectPath}` : new URL(projectPath, PROJECT_ROOT).pathname;
}
