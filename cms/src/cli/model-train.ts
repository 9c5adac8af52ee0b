import fs from 'node:fs/promises';

import type { Core } from '@strapi/strapi';

import { ensureWritable, isCalendarDate, parseArgs, runMain, UsageError, valueOf } from './args';
import { bootStrapi, shutdown } from './boot';

const USAGE =
  'npm run model:train -- [--as-of YYYY-MM-DD] [--seed N] [--without-disputed] [--json FILE]';

/** `npm run model:train`: learns the payment model from the stored ledger's settled history. */
const main = async (): Promise<number> => {
  const args = parseArgs(process.argv.slice(2), {
    values: ['as-of', 'seed', 'json'],
    switches: ['without-disputed'],
  });
  if (args.positional.length > 0)
    throw new UsageError(`unexpected '${args.positional[0]}': ${USAGE}`);
  const asOf = valueOf(args, 'as-of');
  if (asOf !== undefined && !isCalendarDate(asOf)) {
    throw new UsageError(`--as-of must be a calendar date YYYY-MM-DD, got '${asOf}'`);
  }
  const seedText = valueOf(args, 'seed');
  if (seedText !== undefined && !/^\d{1,9}$/.test(seedText)) {
    throw new UsageError(`--seed must be a whole number, got '${seedText}'`);
  }
  const json = valueOf(args, 'json');
  await ensureWritable(json);

  let strapi: Core.Strapi | null = null;
  try {
    strapi = await bootStrapi();
    try {
      const stored = await strapi
        .plugin('scoring')
        .service('models')
        .trainPayment({
          asOf,
          seed: seedText === undefined ? undefined : Number(seedText),
          withDisputed: !args.flags.has('without-disputed'),
        });
      const { trainedOn, metrics } = stored as { trainedOn: any; metrics: any };
      console.log(
        [
          `付款预测模型 Payment model ${stored.modelKey} (active), seed ${stored.seed}`,
          `  trained on 训练数据: ${trainedOn.invoices} invoices of ${trainedOn.debtors} debtors ` +
            `issued ${trainedOn.firstIssueDate}..${trainedOn.lastIssueDate}, settled by ${trainedOn.asOf}`,
          `  late share 逾期占比 ${(trainedOn.lateShare * 100).toFixed(1)}%, ` +
            `median days to settle 结清天数中位数 ${trainedOn.medianDaysToSettle}`,
          `  training fit 训练集: ${JSON.stringify(metrics.training)}`,
          metrics.validation
            ? `  time-ordered validation 时间序验证: ${JSON.stringify(metrics.validation)}`
            : '  time-ordered validation 时间序验证: none (too little history)',
        ].join('\n'),
      );
      if (json) await fs.writeFile(json, `${JSON.stringify(stored, null, 2)}\n`);
      return 0;
    } catch (error) {
      if ((error as Error).name !== 'NotEnoughHistoryError') throw error;
      console.error(`NotEnoughHistoryError: ${(error as Error).message}`);
      return 2;
    }
  } finally {
    await shutdown(strapi);
  }
};

runMain(main);
