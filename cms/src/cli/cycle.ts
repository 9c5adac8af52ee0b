import fs from 'node:fs/promises';
import path from 'node:path';

import type { Core } from '@strapi/strapi';
import { futureRunProblem } from '@huikuan/plugin-collections/domain/dates';

import {
  ensureWritable,
  isCalendarDate,
  listOf,
  parseArgs,
  runMain,
  UsageError,
  valueOf,
} from './args';
import { bootStrapi, shutdown } from './boot';
import { formatCycleReport, formatImportReport } from './print';

const USAGE =
  'npm run cycle -- [--as-of YYYY-MM-DD] [--input FILE --preset NAME [--skip-invalid]' +
  ' [--ignore-columns A,B]] [--json FILE] [--no-worker] [--simulate-future]';

/** `npm run cycle`: one day's collection run on the stored portfolio. */
const main = async (): Promise<number> => {
  const args = parseArgs(process.argv.slice(2), {
    values: ['as-of', 'input', 'preset', 'json', 'ignore-columns'],
    switches: ['skip-invalid', 'no-worker', 'simulate-future'],
  });
  if (args.positional.length > 0)
    throw new UsageError(`unexpected '${args.positional[0]}': ${USAGE}`);
  const asOf = valueOf(args, 'as-of');
  if (asOf !== undefined && !isCalendarDate(asOf)) {
    throw new UsageError(`--as-of must be a calendar date YYYY-MM-DD from 1900 on, got '${asOf}'`);
  }
  // Refused before Strapi boots: nothing is imported, nothing is written. A day still to come
  // runs only when asked by name, on a test or staging database (the live one would then
  // refuse today's run as a day before one already run).
  const simulate = args.flags.has('simulate-future');
  const future = asOf === undefined || simulate ? null : futureRunProblem(asOf);
  if (future !== null) throw new UsageError(future);
  const inputFile = valueOf(args, 'input');
  if (valueOf(args, 'preset') && !inputFile) throw new UsageError('--preset goes with --input');
  const input = inputFile
    ? {
        content: await fs.readFile(inputFile).catch((error: NodeJS.ErrnoException) => {
          throw new UsageError(`cannot read ${inputFile}: ${error.code ?? error.message}`);
        }),
        fileName: path.basename(inputFile),
        preset: valueOf(args, 'preset'),
        skipInvalid: args.flags.has('skip-invalid'),
        ignoreColumns: listOf(args, 'ignore-columns'),
      }
    : undefined;

  await ensureWritable(valueOf(args, 'json'));
  let strapi: Core.Strapi | null = null;
  try {
    strapi = await bootStrapi();
    const cycle = strapi.plugin('collections').service('cycle');
    try {
      const report = await cycle.run({ asOf, input, worker: !args.flags.has('no-worker') });
      if (report.import) console.log(formatImportReport(report.import));
      console.log(formatCycleReport(report));
      const json = valueOf(args, 'json');
      if (json) await fs.writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
      return 0;
    } catch (error) {
      const name = (error as Error).name;
      if (['BackdatedRunError', 'UnknownPresetError', 'StrategyFlowError'].includes(name)) {
        console.error(`${name}: ${(error as Error).message}`);
        return name === 'UnknownPresetError' ? 64 : 2;
      }
      if (name !== 'ImportRejectedError') throw error;
      console.log(formatImportReport((error as { report: never }).report));
      return 2;
    }
  } finally {
    await shutdown(strapi);
  }
};

runMain(main);
