import { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

import { isFileLevel, parseReceivablesFile } from '@huikuan/plugin-collections/import/index';

import { toDay } from '../payment/calendar';
import { evaluateSplit, type EvaluationReport, type Figures } from '../payment/evaluate';
import type { PaymentHistory } from '../payment/history';

const USAGE =
  'usage: node plugins/scoring/dist/cli/evaluate.js --input FILE --split-date YYYY-MM-DD' +
  ' [--preset default|ibm-ar] [--with-disputed] [--json FILE] [--seed N]';

/** Exit codes as in sysexits.h: bad command line, bad input data. */
const EXIT_USAGE = 64;
const EXIT_DATA = 65;
/** Row errors quoted before the rest are only counted. */
const ERRORS_SHOWN = 10;

class UsageError extends Error {
  override name = 'UsageError';
}

class DataError extends Error {
  override name = 'DataError';
}

interface Options {
  input: string;
  preset: string;
  splitDate: string;
  withDisputed: boolean;
  json: string | null;
  seed: number;
}

const VALUE_OPTIONS = ['input', 'preset', 'split-date', 'json', 'seed'];

/** `--name value` or `--name=value` for VALUE_OPTIONS, plus the --with-disputed switch. */
function readArgs(argv: string[]): Map<string, string | true> {
  const args = new Map<string, string | true>();
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index]!;
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument '${arg}'`);
    const [name, inline] = arg.slice(2).split(/=(.*)/s) as [string, string | undefined];
    if (args.has(name)) throw new UsageError(`--${name} is given twice`);
    if (name === 'with-disputed' || name === 'help') {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      args.set(name, true);
    } else if (VALUE_OPTIONS.includes(name)) {
      const value = inline ?? argv[index + 1];
      if (value === undefined || value === '' || (inline === undefined && value.startsWith('--'))) {
        throw new UsageError(`--${name} needs a value`);
      }
      if (inline === undefined) index += 1;
      args.set(name, value);
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  return args;
}

function parseOptions(argv: string[]): Options | 'help' {
  const args = readArgs(argv);
  if (args.has('help')) return 'help';
  const text = (name: string): string | null => {
    const value = args.get(name);
    return typeof value === 'string' ? value : null;
  };
  const input = text('input');
  const splitDate = text('split-date');
  if (!input) throw new UsageError('--input is required');
  if (!splitDate) throw new UsageError('--split-date is required');
  try {
    toDay(splitDate, '--split-date');
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const seedText = text('seed') ?? '42';
  const seed = Number(seedText);
  if (!/^-?\d+$/.test(seedText) || !Number.isSafeInteger(seed)) {
    throw new UsageError(`--seed must be an integer, got '${seedText}'`);
  }
  const preset = text('preset') ?? 'default';
  return {
    input,
    preset,
    splitDate,
    withDisputed: args.has('with-disputed'),
    json: text('json'),
    seed,
  };
}

async function ensureWritable(file: string | null): Promise<void> {
  if (!file) return;
  try {
    await fs.access(path.dirname(path.resolve(file)), fsConstants.W_OK);
  } catch {
    throw new UsageError(`cannot write --json ${file}: its folder does not exist or is read-only`);
  }
}

/**
 * Reads the receivables file into what the payment model reads, the debtors' regions
 * included (the ibm-ar preset stores the country as the region); anything wrong inside
 * it is a data error.
 */
async function readHistory(options: Options): Promise<PaymentHistory> {
  const content = await fs.readFile(options.input).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read --input ${options.input}: ${error.code ?? error.message}`);
  });
  const parsed = await parseReceivablesFile(content, {
    fileName: path.basename(options.input),
    preset: options.preset,
  }).catch((error: Error) => {
    throw new UsageError(error.message);
  });
  if (parsed.errors.length > 0) {
    const rejected = parsed.errors.some(isFileLevel)
      ? 'the file is rejected'
      : `${parsed.rejectedRows} of ${parsed.rows} rows are rejected`;
    const lines = parsed.errors.slice(0, ERRORS_SHOWN).map((error) => `  ${error.message}`);
    const more = parsed.errors.length - lines.length;
    if (more > 0) lines.push(`  … and ${more} more`);
    throw new DataError(`${options.input}: ${rejected}:\n${lines.join('\n')}`);
  }
  const { invoices, payments, creditNotes, debtors } = parsed.batch;
  return { invoices, payments, creditNotes, debtors };
}

const fixed = (value: number | null, digits: number): string =>
  value === null ? 'n/a' : value.toFixed(digits);

const row = (label: string, figures: Figures, note = ''): string =>
  `  ${label.padEnd(28)} ${fixed(figures.auc, 3).padStart(6)}` +
  ` ${fixed(figures.accuracy, 3).padStart(9)}` +
  ` ${fixed(figures.maeDays, 2).padStart(11)}${note ? `  ${note}` : ''}`;

const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;

/** Records the replay could not place, if any: they are left out, never guessed. */
const ignoredLines = (report: EvaluationReport): string[] => {
  const counts = Object.entries(report.ignored).filter(([, count]) => count > 0);
  if (counts.length === 0) return [];
  const listed = counts.map(([kind, count]) => `${count} ${kind}`).join(', ');
  return [`Left out (naming an unknown invoice or debtor): ${listed}`];
};

/** Whether the debtors' regions were there to learn from. */
const regionLine = ({ regions }: EvaluationReport): string =>
  regions.named === 0
    ? 'Regions: none given'
    : `Regions: ${regions.named}, known for ${regions.debtorsWithRegion} of` +
      ` ${regions.debtors} debtors`;

/** The report as people read it. */
export function formatReport(report: EvaluationReport, options: Options): string {
  const { model, baselines, train, test } = report;
  const flag = report.withDisputed
    ? 'read (--with-disputed)'
    : 'not read (both outcomes weighed by the predicted chance of a dispute)';
  const choice =
    model.selection === 'time-ordered-validation'
      ? `chosen by time-ordered validation on invoices issued from ${model.validationFrom}`
      : 'defaults (the training period is too short to validate)';
  return [
    `Payment prediction: ${path.basename(options.input)} (preset ${options.preset}),` +
      ` split ${report.split}, seed ${report.seed}`,
    `Each test invoice's own disputed flag: ${flag}`,
    `Train: ${train.invoices} invoices issued ${train.firstIssueDate} to ${train.lastIssueDate},` +
      ` ${percent(train.lateShare)} late`,
    `Test:  ${test.invoices} invoices issued on or after ${report.split},` +
      ` ${percent(test.lateShare)} late` +
      (test.unsettled ? ` (${test.unsettled} still open, not scored)` : ''),
    regionLine(report),
    '',
    `  ${''.padEnd(28)} ${'AUC'.padStart(6)} ${'accuracy'.padStart(9)}` +
      ` ${'MAE (days)'.padStart(11)}`,
    row('model', model),
    row(
      'always on time',
      baselines.alwaysOnTime,
      `days: training median, ${baselines.alwaysOnTime.predictedDays}`,
    ),
    row('prior late share', baselines.priorLateShare, "days: the debtor's prior mean"),
    ...ignoredLines(report),
    '',
    `Late means paid after the due date. Days regression: L2 penalty ${model.lambda},` +
      ` averages shrunk by ${model.shrinkInvoices} invoices, ${choice}.`,
  ].join('\n');
}

const main = async (): Promise<number> => {
  const options = parseOptions(process.argv.slice(2));
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  await ensureWritable(options.json);
  const history = await readHistory(options);
  const { report } = await evaluateSplit(history, options).catch((error: Error) => {
    throw error instanceof RangeError ? new DataError(error.message) : error;
  });
  console.log(formatReport(report, options));
  if (options.json) {
    const document = { input: path.basename(options.input), preset: options.preset, ...report };
    await fs.writeFile(options.json, `${JSON.stringify(document, null, 2)}\n`);
  }
  return 0;
};

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    if (error instanceof UsageError) {
      console.error(`usage error: ${error.message}\n${USAGE}`);
      process.exit(EXIT_USAGE);
    }
    if (error instanceof DataError) {
      console.error(`data error: ${error.message}`);
      process.exit(EXIT_DATA);
    }
    console.error(`${error.name}: ${error.message}`);
    process.exit(1);
  },
);
