/**
 * `pharlux user add|list|delete|reset-password`: manages users directly in the metadata
 * database (the bootstrap and recovery path, SPEC §2). Works while the server runs: the
 * database is in WAL mode, and the server re-reads users on every request.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createArgon2idHasher, validatePassword } from '../auth/index.ts';
import { AppError, ConfigError, systemClock, UsageError } from '../common/index.ts';
import { createMetaStores, DEFAULT_TENANT, MetaNotFoundError, openMetaDb, type MetaStores } from '../meta/index.ts';
import { isCompiled, loadConfig } from '../server/index.ts';
import type { CliCommand, CliIo } from './command.ts';
import { booleanFlag, parseFlags, stringFlag, type FlagSpecs, type ParsedArgs } from './flags.ts';

const COMMON_FLAGS: FlagSpecs = { config: { type: 'string', short: 'c' }, 'data-dir': { type: 'string', short: 'd' } };
const PASSWORD_FLAGS: FlagSpecs = { password: { type: 'string' }, 'password-stdin': { type: 'boolean' } };

const HELP = `Usage: pharlux user add --username U [--password P | --password-stdin] [--admin] [--tenant T]
       pharlux user list [--tenant T]
       pharlux user delete --username U
       pharlux user reset-password --username U [--password P | --password-stdin]

Manages users directly in the metadata database (<data_dir>/meta.sqlite); works while
the server is running. Without --password or --password-stdin the password is asked
for on the terminal. Passwords need at least 8 characters.

Flags:
  -c, --config FILE     TOML configuration (finds the data directory)
  -d, --data-dir DIR    data directory (beats the configuration)
      --username U      login name (letters, digits, . _ @ -)
      --password P      the password (visible in the process list; prefer the other two)
      --password-stdin  read the password from standard input
      --admin           role admin (default: reader)
      --tenant T        tenant (default: default); created on first use

Examples:
  pharlux user add --username alice --admin
  echo "$PASS" | pharlux user add --username ci --password-stdin --tenant acme
  pharlux user reset-password --username admin
`;

/** No metadata where the command looked: a mistyped --data-dir must not look like "no users". */
export class NoDataDirError extends AppError {
  constructor(dataDir: string) {
    super('not_found', `no Pharlux data in ${dataDir} (no meta.sqlite there): pass the server's --data-dir or --config`);
  }
}

/**
 * Opens the metadata stores of the configured data directory. Only `add` may start a new
 * one (users can be created before the first `serve`); the others need an existing one.
 */
function openStores(parsed: ParsedArgs, io: CliIo, create = false): { stores: MetaStores; close(): void } {
  const config = loadConfig({ configPath: stringFlag(parsed, 'config'), dataDir: stringFlag(parsed, 'data-dir'), env: io.env, fromSource: !isCompiled() });
  const path = join(config.storage.dataDir, 'meta.sqlite');
  if (create) mkdirSync(config.storage.dataDir, { recursive: true, mode: 0o750 });
  else if (!existsSync(path)) throw new NoDataDirError(config.storage.dataDir);
  const db = openMetaDb(path);
  return { stores: createMetaStores(db, systemClock), close: () => db.close() };
}

/** Reads a line from the terminal with echo off (for passwords) or on. */
export async function promptLine(io: CliIo, question: string, hidden: boolean): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) throw new UsageError(`${question.replace(/:\s*$/, '')} is needed but standard input is not a terminal`);
  io.stderr(question);
  if (hidden) stdin.setRawMode(true);
  stdin.resume();
  try {
    return await new Promise<string>((resolve, reject) => {
      let line = '';
      const onData = (chunk: Buffer): void => {
        for (const ch of chunk.toString('utf8')) {
          if (ch === '\r' || ch === '\n') {
            stdin.off('data', onData);
            resolve(line);
            return;
          }
          if (ch === '\u0003' || ch === '\u0004') {
            stdin.off('data', onData);
            reject(new UsageError('cancelled'));
            return;
          }
          if (ch === '\u007f' || ch === '\b') line = line.slice(0, -1);
          else line += ch;
        }
      };
      stdin.on('data', onData);
    });
  } finally {
    if (hidden) {
      stdin.setRawMode(false);
      io.stderr('\n');
    }
    stdin.pause();
  }
}

/** The new password from --password, --password-stdin or a prompt (asked twice). */
async function readNewPassword(parsed: ParsedArgs, io: CliIo): Promise<string> {
  const flag = stringFlag(parsed, 'password');
  const fromStdin = booleanFlag(parsed, 'password-stdin');
  if (flag !== undefined && fromStdin) throw new UsageError('give --password or --password-stdin, not both');
  if (flag !== undefined) return validatePassword(flag);
  if (fromStdin) return validatePassword((await io.readStdin()).replace(/\r?\n$/, ''));
  const first = validatePassword(await promptLine(io, 'New password: ', true));
  if ((await promptLine(io, 'Repeat it: ', true)) !== first) throw new UsageError('the two passwords differ');
  return first;
}

function requireUsername(parsed: ParsedArgs): string {
  const username = stringFlag(parsed, 'username');
  if (username === undefined || username === '') throw new UsageError('--username is required (see pharlux user --help)');
  return username;
}

function noPositionals(parsed: ParsedArgs, sub: string): void {
  if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument "${parsed.positionals[0]}" for user ${sub}`);
}

async function add(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseFlags(args, { ...COMMON_FLAGS, ...PASSWORD_FLAGS, username: { type: 'string' }, admin: { type: 'boolean' }, tenant: { type: 'string' } });
  noPositionals(parsed, 'add');
  const username = requireUsername(parsed);
  const password = await readNewPassword(parsed, io);
  const tenant = stringFlag(parsed, 'tenant') ?? DEFAULT_TENANT;
  const role = booleanFlag(parsed, 'admin') ? 'admin' : 'reader';
  const passwordHash = await createArgon2idHasher().hash(password);
  const { stores, close } = openStores(parsed, io, true);
  try {
    const user = stores.users.create({ tenant, username, role, passwordHash });
    io.stdout(`created user ${user.username} (role ${user.role}, tenant ${user.tenant})\n`);
    return 0;
  } finally {
    close();
  }
}

function list(args: readonly string[], io: CliIo): number {
  const parsed = parseFlags(args, { ...COMMON_FLAGS, tenant: { type: 'string' } });
  noPositionals(parsed, 'list');
  const { stores, close } = openStores(parsed, io);
  try {
    const tenant = stringFlag(parsed, 'tenant');
    const users = tenant === undefined ? stores.users.listAll() : stores.users.list(tenant);
    const rows = [['USERNAME', 'TENANT', 'ROLE', 'CREATED'], ...users.map((u) => [u.username, u.tenant, u.role, u.createdAt])];
    const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
    for (const r of rows) io.stdout(r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ') + '\n');
    io.stdout(`(${users.length} user${users.length === 1 ? '' : 's'})\n`);
    return 0;
  } finally {
    close();
  }
}

function findUser(stores: MetaStores, username: string) {
  const user = stores.users.findByUsername(username);
  if (user === null) throw new MetaNotFoundError(`user "${username}"`);
  return user;
}

function remove(args: readonly string[], io: CliIo): number {
  const parsed = parseFlags(args, { ...COMMON_FLAGS, username: { type: 'string' } });
  noPositionals(parsed, 'delete');
  const username = requireUsername(parsed);
  const { stores, close } = openStores(parsed, io);
  try {
    const user = findUser(stores, username);
    stores.users.delete(user.tenant, user.id);
    io.stdout(`deleted user ${username} (tenant ${user.tenant})\n`);
    return 0;
  } finally {
    close();
  }
}

async function resetPassword(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseFlags(args, { ...COMMON_FLAGS, ...PASSWORD_FLAGS, username: { type: 'string' } });
  noPositionals(parsed, 'reset-password');
  const username = requireUsername(parsed);
  // Fail on an unknown user before asking for a password.
  const probe = openStores(parsed, io);
  try {
    findUser(probe.stores, username);
  } finally {
    probe.close();
  }
  const passwordHash = await createArgon2idHasher().hash(await readNewPassword(parsed, io));
  const { stores, close } = openStores(parsed, io);
  try {
    const user = findUser(stores, username);
    stores.users.setPassword(user.tenant, user.id, passwordHash);
    io.stdout(`password of ${username} changed; their existing sessions have ended\n`);
    return 0;
  } finally {
    close();
  }
}

const SUBCOMMANDS: Readonly<Record<string, (args: readonly string[], io: CliIo) => number | Promise<number>>> = {
  add,
  list,
  delete: remove,
  'reset-password': resetPassword,
};

export const userCommand: CliCommand = {
  name: 'user',
  summary: 'add, list, delete users or reset a password (works while the server runs)',
  help: HELP,
  ownHelp: true,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === undefined || sub === '--help' || sub === '-h' || rest.includes('--help') || rest.includes('-h')) {
      io.stdout(HELP);
      return sub === undefined ? 2 : 0;
    }
    const run = SUBCOMMANDS[sub];
    if (run === undefined) throw new UsageError(`unknown subcommand "${sub}" (add, list, delete, reset-password)`);
    try {
      return await run(rest, io);
    } catch (err) {
      if (err instanceof AppError && !(err instanceof UsageError) && !(err instanceof ConfigError)) {
        io.stderr(`pharlux user ${sub}: ${err.message}\n`);
        return err.code === 'invalid_argument' ? 2 : 1;
      }
      throw err;
    }
  },
};
