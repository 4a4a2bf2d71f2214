/**
 * Flag parsing for every command: `--name value`, `--name=value`, boolean `--name`,
 * and positionals. Unknown flags and missing values are usage errors (exit 2).
 */
import { UsageError } from '../common/index.ts';

export type FlagType = 'string' | 'boolean' | 'integer';

export interface FlagSpec {
  readonly type: FlagType;
  /** One-letter alias, e.g. `o` for `--output`. */
  readonly short?: string;
}

export type FlagSpecs = Readonly<Record<string, FlagSpec>>;
export type FlagValues = Record<string, string | boolean | number | undefined>;

export interface ParsedArgs {
  readonly flags: FlagValues;
  readonly positionals: string[];
}

/** Parses `args` against `specs`; `--help`/`-h` is always accepted as a boolean `help`. */
export function parseFlags(args: readonly string[], specs: FlagSpecs): ParsedArgs {
  const all: FlagSpecs = { help: { type: 'boolean', short: 'h' }, debug: { type: 'boolean' }, ...specs };
  const byShort = new Map<string, string>();
  for (const [name, spec] of Object.entries(all)) if (spec.short) byShort.set(spec.short, name);
  const flags: FlagValues = {};
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const rawName = eq >= 0 ? arg.slice(0, eq) : arg;
    const name = rawName.startsWith('--') ? rawName.slice(2) : byShort.get(rawName.slice(1));
    const spec = name === undefined ? undefined : all[name];
    if (name === undefined || spec === undefined) throw new UsageError(`unknown flag ${rawName} (see --help)`);
    if (spec.type === 'boolean') {
      if (eq >= 0) {
        const v = arg.slice(eq + 1);
        if (v !== 'true' && v !== 'false') throw new UsageError(`flag --${name} takes no value or true/false, got "${v}"`);
        flags[name] = v === 'true';
      } else flags[name] = true;
      continue;
    }
    let value: string;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      if (i + 1 >= args.length) throw new UsageError(`flag --${name} needs a value`);
      value = args[++i];
    }
    if (spec.type === 'integer') {
      if (!/^-?\d+$/.test(value)) throw new UsageError(`flag --${name} expects an integer, got "${value}"`);
      flags[name] = Number(value);
    } else flags[name] = value;
  }
  return { flags, positionals };
}

/** A string flag's value, or undefined. */
export function stringFlag(parsed: ParsedArgs, name: string): string | undefined {
  const v = parsed.flags[name];
  return typeof v === 'string' ? v : undefined;
}

/** An integer flag's value, or the default. */
export function integerFlag(parsed: ParsedArgs, name: string, fallback: number): number {
  const v = parsed.flags[name];
  return typeof v === 'number' ? v : fallback;
}

/** A boolean flag's value (false when absent). */
export function booleanFlag(parsed: ParsedArgs, name: string): boolean {
  return parsed.flags[name] === true;
}
