import fsp from 'node:fs/promises';
import path from 'node:path';

import type { Core } from '@strapi/strapi';
import { loadConfig } from '@huikuan/config';

import { asOfOption, ensureWritable, parseArgs, refusePositional, runMain, valueOf } from './args';
import { bootStrapi, shutdown } from './boot';
import { formatDryRun } from './print';
import { resolveFlowFile } from './flow-file';

const USAGE = 'npm run strategy:dry-run -- [--flow NAME|FILE] [--as-of YYYY-MM-DD] [--json FILE]';

/**
 * `npm run strategy:dry-run`: what a strategy flow would plan for every open case today (or
 * on --as-of), with counts by step and channel; nothing is stored, queued or sent.
 */
const main = async (): Promise<number> => {
  const args = parseArgs(process.argv.slice(2), {
    values: ['flow', 'as-of', 'json'],
    switches: [],
  });
  refusePositional(args, USAGE);
  const asOf = asOfOption(args);
  const flow = valueOf(args, 'flow');
  if (flow !== undefined) {
    const strategiesDir = path.join(path.dirname(loadConfig().flows.flowFile));
    process.env.HUIKUAN_FLOW_FILE = resolveFlowFile(flow, strategiesDir);
  }
  const json = valueOf(args, 'json');
  await ensureWritable(json);

  let strapi: Core.Strapi | null = null;
  try {
    strapi = await bootStrapi();
    const summary = await strapi.plugin('collections').service('cycle').dryRun({ asOf });
    console.log(formatDryRun(summary));
    if (json) {
      const { flow: file, asOf: day, cases, planned, decided, replanned, refused } = summary;
      const out = {
        flow: path.basename(file).replace(/\.json$/, ''),
        file,
        asOf: day,
        cases,
        planned,
        decided,
        replanned,
        refused,
      };
      await fsp.writeFile(json, `${JSON.stringify(out, null, 2)}\n`);
    }
    return 0;
  } finally {
    await shutdown(strapi);
  }
};

runMain(main);
