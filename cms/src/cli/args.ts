import { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

import { parseIsoDate } from '@huikuan/plugin-collections/domain/dates';
import { redactUrl } from '@huikuan/plugin-collections/utils/redact';

/** A command-line argument is missing or malformed. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | true>;
}

/** Parses `--name value`, `--name=value` and `--flag`; `known` lists the flags that take a value. */
export const parseArgs = (
  argv: string[],
  known: { values: string[]; switches: string[] },
): ParsedArgs => {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] as string;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s) as [string, string | undefined];
    if (known.switches.includes(name)) {
      flags.set(name, true);
    } else if (known.values.includes(name)) {
      const value = inline ?? argv[index + 1];
      if (value === undefined || (inline === undefined && value.startsWith('--'))) {
        throw new UsageError(`--${name} needs a value`);
      }
      if (inline === undefined) index += 1;
      flags.set(name, value);
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  return { positional, flags };
};

/** A real calendar date YYYY-MM-DD between 1900 and 2999 (not 2024-02-30, not 0000-00-00). */
export const isCalendarDate = (value: string): boolean => {
  try {
    const { year } = parseIsoDate(value);
    return year >= 1900 && year <= 2999;
  } catch {
    return false;
  }
};

/** A comma-separated option (`--ignore-columns 业务员,部门`) as a list of names. */
export const listOf = (args: ParsedArgs, name: string): string[] =>
  (valueOf(args, name) ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

/** Checks before any work that a report file can be written where asked. */
export const ensureWritable = async (file: string | undefined): Promise<void> => {
  if (!file) return;
  try {
    await fs.access(path.dirname(path.resolve(file)), fsConstants.W_OK);
  } catch {
    throw new UsageError(`cannot write --json ${file}: its folder does not exist or is read-only`);
  }
};

export const valueOf = (args: ParsedArgs, name: string): string | undefined => {
  const value = args.flags.get(name);
  return typeof value === 'string' ? value : undefined;
};

/** Runs a command's main and turns errors into a message and exit code, never a stack for usage errors. */
export const runMain = (main: () => Promise<number>): void => {
  main().then(
    (code) => process.exit(code),
    (error: Error) => {
      // Whatever went wrong, a password in a URL it quotes is not printed.
      const message = redactUrl(error.message);
      if (error instanceof UsageError) console.error(`usage error: ${message}`);
      else console.error(`${error.name}: ${message}`);
      process.exit(error instanceof UsageError ? 64 : 1);
    },
  );
};

/** The optional --as-of date of a command, checked. */
export const asOfOption = (args: ParsedArgs): string | undefined => {
  const asOf = valueOf(args, 'as-of');
  if (asOf !== undefined && !isCalendarDate(asOf)) {
    throw new UsageError(`--as-of must be a calendar date YYYY-MM-DD, got '${asOf}'`);
  }
  return asOf;
};

/** Refuses positional arguments a command does not take. */
export const refusePositional = (args: ParsedArgs, usage: string): void => {
  if (args.positional.length > 0) {
    throw new UsageError(`unexpected '${args.positional[0]}': ${usage}`);
  }
};
