/**
 * Hand-rolled option parsing: `--name value`, `--name=value` and bare flags. Each command names
 * its options; anything else is a bad-input error that lists what the command accepts.
 */
import { CliError } from './cliError';

export interface OptionSpec {
  /** Options that take a value. */
  values: readonly string[];
  /** Options that take none. */
  flags?: readonly string[];
  required?: readonly string[];
}

export type ParsedOptions = Map<string, string | true>;

export function parseOptions(command: string, argv: readonly string[], spec: OptionSpec): ParsedOptions {
  const flags = spec.flags ?? [];
  const known = [...spec.values, ...flags];
  const out: ParsedOptions = new Map();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--') || arg === '--') {
      throw new CliError(`Unexpected argument "${arg}" for ${command}; options are ${optionList(known)}.`);
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (!known.includes(name)) {
      throw new CliError(`Unknown option --${name} for ${command}; options are ${optionList(known)}.`);
    }
    if (out.has(name)) throw new CliError(`The option --${name} is given twice.`);
    if (flags.includes(name)) {
      if (eq >= 0) throw new CliError(`The option --${name} takes no value.`);
      out.set(name, true);
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) value = argv[++i];
    if (value === undefined || value === '') throw new CliError(`The option --${name} needs a value.`);
    out.set(name, value);
  }
  const absent = (spec.required ?? []).filter((name) => !out.has(name)).map((name) => `--${name}`);
  if (absent.length > 0 && !out.has('help')) {
    const names = absent.length === 1 ? absent[0] : `${absent.slice(0, -1).join(', ')} and ${absent[absent.length - 1]}`;
    throw new CliError(`The ${command} command needs ${names}; run "npm run cli -- ${command} --help" for usage.`);
  }
  return out;
}

/** The string value of an option (throws for a missing required one, which parseOptions already checked). */
export function stringOption(options: ParsedOptions, name: string): string | undefined {
  const v = options.get(name);
  return typeof v === 'string' ? v : undefined;
}

export function requiredOption(options: ParsedOptions, name: string): string {
  const v = stringOption(options, name);
  if (v === undefined) throw new CliError(`The option --${name} is required.`);
  return v;
}

/** An integer option within [min, max], or the fallback when absent. */
export function integerOption(options: ParsedOptions, name: string, fallback: number, min: number, max: number): number {
  const text = stringOption(options, name);
  if (text === undefined) return fallback;
  const v = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(v) || v < min || v > max) {
    throw new CliError(`The option --${name} must be a whole number from ${min} to ${max}, not "${text}".`);
  }
  return v;
}

/** One of `allowed`, or the fallback when absent. */
export function choiceOption<T extends string>(options: ParsedOptions, name: string, allowed: readonly T[], fallback: T): T {
  const text = stringOption(options, name);
  if (text === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(text)) {
    throw new CliError(`The option --${name} must be one of ${allowed.join(', ')}, not "${text}".`);
  }
  return text as T;
}

function optionList(names: readonly string[]): string {
  return names.map((n) => `--${n}`).join(', ');
}
