/**
 * Version and commit of this build. `scripts/build.ts` bakes the commit into the
 * compiled binary with `--define`; from a source checkout it is read from git.
 */
import { spawnSync } from 'node:child_process';
import packageJson from '../../package.json' with { type: 'json' };

declare const PHARLUX_GIT_SHA: string | undefined;

export interface BuildInfo {
  readonly version: string;
  readonly gitSha: string;
  /** True inside the `bun build --compile` executable. */
  readonly compiled: boolean;
}

/** Describes the running build. */
export function readBuildInfo(): BuildInfo {
  const compiled = isCompiled();
  let gitSha = typeof PHARLUX_GIT_SHA === 'string' ? PHARLUX_GIT_SHA : '';
  if (gitSha === '') {
    const r = spawnSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: import.meta.dir, encoding: 'utf8' });
    gitSha = r.status === 0 ? r.stdout.trim() : 'unknown';
  }
  return { version: packageJson.version, gitSha, compiled };
}

/** Whether this code runs from a compiled single-file executable (its modules live in Bun's embedded /$bunfs). */
export function isCompiled(): boolean {
  return import.meta.path.startsWith('/$bunfs/') || import.meta.path.startsWith('B:/~BUN/');
}
