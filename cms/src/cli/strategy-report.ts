import fs from 'node:fs/promises';

import type { Core } from '@strapi/strapi';

import {
  asOfOption,
  ensureWritable,
  parseArgs,
  refusePositional,
  runMain,
  UsageError,
  valueOf,
} from './args';
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
  refusePositional(args, USAGE);
  const asOf = asOfOption(args);
  const json = valueOf(args, 'json');
  await ensureWritable(json);
  let strapi: Core.Strapi | null = null;
  try {
    strapi = await bootStrapi();
    const report = await strapi
      .plugin('collections')
      .service('strategy')
      .compareExperiments({ asOf, experiment: valueOf(args, 'experiment') })
      .catch((error: Error) => {
        if (error.name === 'UnknownExperimentError') throw new UsageError(error.message);
        throw error;
      });
    console.log(formatExperiments(report));
    if (json) await fs.writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
    return 0;
  } finally {
    await shutdown(strapi);
  }
};

runMain(main);
