/**
 * `pharlux install`: writes the hardened systemd unit, /etc/pharlux/ with an empty
 * pharlux.toml and a random jwt.secret. Idempotent: existing configuration and secrets
 * are never overwritten, and a second run says that nothing changed.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import unitTemplate from '../../systemd/pharlux.service' with { type: 'text' };
import { AppError } from '../common/index.ts';
import { isCompiled } from '../server/index.ts';
import type { CliCommand } from './command.ts';
import { parseFlags, stringFlag } from './flags.ts';

const FLAGS = { root: { type: 'string' }, binary: { type: 'string' } } as const;
const DEFAULT_SOURCE_BINARY = '/usr/local/bin/pharlux';

/** Renders the unit for a binary path. */
export function renderUnit(binaryPath: string): string {
  return unitTemplate.replaceAll('{{BINARY}}', binaryPath);
}

type Outcome = 'created' | 'updated' | 'unchanged' | 'kept';

interface Step {
  readonly path: string;
  readonly outcome: Outcome;
  readonly note: string;
}

/** Install failed (usually: not root). */
export class InstallError extends AppError {
  constructor(message: string, cause?: unknown) {
    super('install_failed', message, { cause });
  }
}

/** Performs the installation under `root`; returns what it did, file by file. */
export function installUnder(root: string, binaryPath: string): Step[] {
  const steps: Step[] = [];
  const etc = join(root, 'etc/pharlux');
  const unitPath = join(root, 'etc/systemd/system/pharlux.service');
  try {
    const unit = renderUnit(binaryPath);
    const current = existsSync(unitPath) ? readFileSync(unitPath, 'utf8') : null;
    if (current !== unit) {
      mkdirSync(dirname(unitPath), { recursive: true, mode: 0o755 });
      writeFileSync(unitPath, unit, { mode: 0o644 });
      chmodSync(unitPath, 0o644);
    }
    steps.push({ path: unitPath, outcome: current === null ? 'created' : current === unit ? 'unchanged' : 'updated', note: `runs ${binaryPath}` });

    const etcExisted = existsSync(etc);
    mkdirSync(etc, { recursive: true, mode: 0o755 });
    const etcModeWrong = (statSync(etc).mode & 0o777) !== 0o755;
    if (etcModeWrong) chmodSync(etc, 0o755);
    steps.push({ path: `${etc}/`, outcome: !etcExisted ? 'created' : etcModeWrong ? 'updated' : 'unchanged', note: 'mode 0755' });

    const tomlPath = join(etc, 'pharlux.toml');
    if (existsSync(tomlPath)) steps.push({ path: tomlPath, outcome: 'kept', note: 'existing configuration left as it is' });
    else {
      writeFileSync(tomlPath, '', { mode: 0o644 });
      steps.push({ path: tomlPath, outcome: 'created', note: 'empty: every key has a default (see pharlux serve --help)' });
    }

    const secretPath = join(etc, 'jwt.secret');
    if (existsSync(secretPath)) steps.push({ path: secretPath, outcome: 'kept', note: 'existing secret left as it is' });
    else {
      writeFileSync(secretPath, randomBytes(64), { mode: 0o640 });
      chmodSync(secretPath, 0o640);
      steps.push({ path: secretPath, outcome: 'created', note: '64 random bytes, mode 0640' });
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new InstallError(`cannot write under ${root === '/' ? '/' : root}: permission denied (run as root: sudo pharlux install)`, err);
    }
    throw new InstallError(`install failed: ${err instanceof Error ? err.message : String(err)}`, err);
  }
  return steps;
}

export const installCommand: CliCommand = {
  name: 'install',
  summary: 'install the systemd unit and /etc/pharlux (idempotent)',
  help: `Usage: pharlux install [--root DIR] [--binary PATH]

Writes /etc/systemd/system/pharlux.service (hardened: DynamicUser, ProtectSystem=strict,
MemoryMax=1G, ...), creates /etc/pharlux/ (0755) with an empty pharlux.toml and a
random jwt.secret (64 bytes, 0640) unless they exist. Safe to run again: existing
configuration and secrets are kept. systemd creates the state directory
/var/lib/pharlux for the service user on first start (StateDirectory=).

Flags:
  --root DIR       write under DIR instead of / (packaging, tests)
  --binary PATH    the executable the unit runs (default: this binary)
`,
  async run(args, io) {
    const parsed = parseFlags(args, FLAGS);
    if (parsed.positionals.length > 0) {
      io.stderr(`pharlux install: unexpected argument "${parsed.positionals[0]}"\n`);
      return 2;
    }
    const root = resolve(stringFlag(parsed, 'root') ?? '/');
    const binary = resolve(stringFlag(parsed, 'binary') ?? (isCompiled() ? process.execPath : DEFAULT_SOURCE_BINARY));
    const steps = installUnder(root, binary);
    for (const s of steps) io.stdout(`${s.outcome.padEnd(9)} ${s.path}  (${s.note})\n`);
    const changed = steps.some((s) => s.outcome === 'created' || s.outcome === 'updated');
    if (!changed) io.stdout('\nnothing to do: Pharlux is already installed.\n');
    io.stdout(`\nNext:\n  systemctl daemon-reload\n  systemctl enable --now pharlux\n`);
    return 0;
  },
};
