import fs from 'node:fs/promises';
import path from 'node:path';

import type { Core } from '@strapi/strapi';
import { loadConfig } from '@huikuan/config';
import { modelTable } from '@huikuan/plugin-collections/utils/model';

import { ensureWritable, isCalendarDate, parseArgs, runMain, UsageError, valueOf } from './args';
import { bootStrapi, shutdown } from './boot';
import { formatBacktest, formatImportReport } from './print';
import { resolveFlowFile } from './flow-file';

const USAGE =
  'npm run strategy:backtest -- --from YYYY-MM-DD --to YYYY-MM-DD [--step-days N] ' +
  '[--flow NAME|FILE] [--input FILE --preset NAME] [--json FILE]';

/**
 * `npm run strategy:backtest`: replays the stored (or given) settled history day by day
 * through a strategy flow and reports, per strategy tab and split branch, the actions it would
 * have sent, their cost and the payments that followed. Nothing of the replay is stored.
 */
const main = async (): Promise<number> => {
  const args = parseArgs(process.argv.slice(2), {
    values: ['from', 'to', 'step-days', 'flow', 'input', 'preset', 'json'],
    switches: [],
  });
  if (args.positional.length > 0) {
    throw new UsageError(`unexpected '${args.positional[0]}': ${USAGE}`);
  }
  const from = valueOf(args, 'from');
  const to = valueOf(args, 'to');
  for (const [name, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (value === undefined || !isCalendarDate(value)) {
      throw new UsageError(`--${name} must be a calendar date YYYY-MM-DD: ${USAGE}`);
    }
  }
  if ((to as string) < (from as string)) {
    throw new UsageError(`--to ${to} is before --from ${from}`);
  }
  const stepText = valueOf(args, 'step-days') ?? '1';
  if (!/^\d{1,3}$/.test(stepText) || Number(stepText) < 1) {
    throw new UsageError(`--step-days must be a whole number from 1 to 999, got '${stepText}'`);
  }
  const flow = valueOf(args, 'flow');
  if (flow !== undefined) {
    process.env.HUIKUAN_FLOW_FILE = resolveFlowFile(
      flow,
      path.dirname(loadConfig().flows.flowFile),
    );
  }
  const inputFile = valueOf(args, 'input');
  if (valueOf(args, 'preset') && !inputFile) throw new UsageError('--preset goes with --input');
  const json = valueOf(args, 'json');
  await ensureWritable(json);

  let strapi: Core.Strapi | null = null;
  try {
    strapi = await bootStrapi();
    if (inputFile) {
      // A backtest imports into a database of its own, never into the live ledger.
      const cases = await strapi.db
        .connection(modelTable(strapi, 'api::collection-case.collection-case').table)
        .count({ n: '*' });
      if (Number(cases[0]?.n ?? 0) > 0) {
        throw new UsageError(
          '--input imports the history into this database, which already holds collection ' +
            'cases: use a database of its own (DATABASE_FILENAME=var/backtest.db or DATABASE_URL) ' +
            '/ 请在单独的数据库中回测',
        );
      }
      const content = await fs.readFile(inputFile).catch((error: NodeJS.ErrnoException) => {
        throw new UsageError(`cannot read ${inputFile}: ${error.code ?? error.message}`);
      });
      const report = await strapi
        .plugin('collections')
        .service('importer')
        .importFile(content, {
          fileName: path.basename(inputFile),
          preset: valueOf(args, 'preset'),
        });
      console.log(formatImportReport(report));
      if (!report.written) return 2;
    }
    const result = await strapi
      .plugin('collections')
      .service('backtest')
      .run({ from: from as string, to: to as string, stepDays: Number(stepText) });
    console.log(formatBacktest(result));
    if (json) await fs.writeFile(json, `${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } finally {
    await shutdown(strapi);
  }
};

runMain(main);
