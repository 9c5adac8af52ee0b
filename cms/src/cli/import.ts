import fs from 'node:fs/promises';
import path from 'node:path';

import type { Core } from '@strapi/strapi';

import { ensureWritable, listOf, parseArgs, runMain, UsageError, valueOf } from './args';
import { bootStrapi, shutdown } from './boot';
import { formatImportReport } from './print';

const USAGE =
  'npm run import -- <file.csv|file.xlsx> [--preset default|ibm-ar|financial-statements]' +
  ' [--dry-run] [--skip-invalid]' +
  ' [--ignore-columns 业务员,部门] [--json FILE]';

/** `npm run import`: validates a receivables export and writes it, all or nothing. */
const main = async (): Promise<number> => {
  const args = parseArgs(process.argv.slice(2), {
    values: ['preset', 'json', 'ignore-columns'],
    switches: ['dry-run', 'skip-invalid'],
  });
  const file = args.positional[0];
  if (!file || args.positional.length > 1) throw new UsageError(`give exactly one file: ${USAGE}`);
  const content = await fs.readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${file}: ${error.code ?? error.message}`);
  });

  await ensureWritable(valueOf(args, 'json'));
  let strapi: Core.Strapi | null = null;
  try {
    strapi = await bootStrapi();
    const report = await strapi
      .plugin('collections')
      .service('importer')
      .importFile(content, {
        fileName: path.basename(file),
        preset: valueOf(args, 'preset'),
        dryRun: args.flags.has('dry-run'),
        skipInvalid: args.flags.has('skip-invalid'),
        ignoreColumns: listOf(args, 'ignore-columns'),
      })
      .catch((error: Error) => {
        throw error.name === 'UnknownPresetError' ? new UsageError(error.message) : error;
      });
    console.log(formatImportReport(report));
    const json = valueOf(args, 'json');
    if (json) await fs.writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
    return report.errors.length > 0 && !report.written ? 2 : 0;
  } finally {
    await shutdown(strapi);
  }
};

runMain(main);
