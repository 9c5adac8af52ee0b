import fs from 'node:fs/promises';

import type { Core } from '@strapi/strapi';

import { ensureWritable, isCalendarDate, parseArgs, runMain, UsageError, valueOf } from './args';
import { bootStrapi, shutdown } from './boot';
import { formatExperiments } from './print';

const USAGE = 'npm run strategy:report -- [--experiment NAME] [--as-of YYYY-MM-DD] [--json FILE]';

/**
 * `npm run strategy:report`: champion/challenger splits in live use, per branch: recovery
 * rate, days to pay, cost per amount recovered, and whether the differences are significant.
 */
const main = async (): Promise<number> => {
  const args = parseArgs(process.argv.slice(2), {
    values: ['experiment', 'as-of', 'json'],
    switches: [],
  });
  if (args.positional.length > 0) {
    throw new UsageError(`unexpected '${args.positional[0]}': ${USAGE}`);
  }
  const asOf = valueOf(args, 'as-of');
  if (asOf !== undefined && !isCalendarDate(asOf)) {
    throw new UsageError(`--as-of must be a calendar date YYYY-MM-DD, got '${asOf}'`);
  }
  const json = valueOf(args, 'json');
  await ensureWritable(json);
  let strapi: Core.Strapi | null = null;
  try {
    strapi = await bootStrapi();
    const report = await strapi
      .plugin('collections')
      .service('strategy')
      .compareExperiments({ asOf, experiment: valueOf(args, 'experiment') });
    console.log(formatExperiments(report));
    if (json) await fs.writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
    return 0;
  } finally {
    await shutdown(strapi);
  }
};

runMain(main);
