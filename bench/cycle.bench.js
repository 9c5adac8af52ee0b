#!/usr/bin/env node
/**
 * Benchmark of the spine: bulk import of a generated portfolio, a re-import that
 * changes nothing, and one collection cycle (plan, queue, send) on it.
 *
 *   npm run bench -- [--debtors 3000] [--postgres]
 *
 * Runs on a temp SQLite file, or with --postgres on a new schema of the
 * PostgreSQL at TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test).
 * Prints the figures; it asserts nothing.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { randomUUID } = require('node:crypto');

const { dropQueueKeys } = require('./support');

const argValue = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : process.argv[index + 1];
};
const debtors = Number(argValue('debtors', '3000'));
const postgres = process.argv.includes('--postgres');
const id = randomUUID().slice(0, 8);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huikuan-bench-'));
const schema = `hk_bench_${id}`;
const pgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

Object.assign(process.env, {
  HUIKUAN_QUEUE_PREFIX: `hk-bench-${id}`,
  HUIKUAN_OUTBOX_DIR: path.join(dir, 'outbox'),
  HUIKUAN_FLOWS_USER_DIR: path.join(dir, 'node-red'),
});
if (postgres) Object.assign(process.env, { DATABASE_URL: pgUrl, DATABASE_SCHEMA: schema });
else process.env.DATABASE_FILENAME = path.join(dir, 'bench.db');

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const timed = async (label, run) => {
  const started = process.hrtime.bigint();
  const result = await run();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { label, seconds, result };
};

const main = async () => {
  const { Client } = require('pg');
  if (postgres) {
    const client = new Client({ connectionString: pgUrl });
    await client.connect();
    await client.query(`CREATE SCHEMA "${schema}"`);
    await client.end();
  }
  const { bootStrapi } = require('../cms/dist/src/cli/boot');
  const { generatePortfolio } = require('../cms/dist/src/demo/generate-portfolio');
  const strapi = await bootStrapi();
  const ledger = strapi.plugin('collections').service('ledger');
  const cycle = strapi.plugin('collections').service('cycle');
  try {
    const today = new Date().toISOString().slice(0, 10);
    const batch = generatePortfolio({ seed: 7, debtors, today });
    const rows = Object.values(batch).reduce((sum, list) => sum + list.length, 0);
    const first = await timed('import (all new)', () => ledger.writeBatch(batch));
    const again = await timed('re-import (unchanged)', () => ledger.writeBatch(batch));
    const run = await timed('collection cycle', () => cycle.run({}));
    const report = run.result;

    console.log(
      `Huikuan spine benchmark on ${postgres ? 'PostgreSQL' : 'SQLite'}, ${os.cpus().length} cores`,
    );
    console.log(
      `portfolio: ${batch.debtors.length} debtors, ${batch.invoices.length} invoices, ${rows} records`,
    );
    for (const step of [first, again]) {
      console.log(
        `${step.label.padEnd(24)} ${step.seconds.toFixed(2)} s  ${Math.round(rows / step.seconds)} records/s`,
      );
    }
    console.log(
      `${run.label.padEnd(24)} ${run.seconds.toFixed(2)} s  ${report.cases.open} open cases, ` +
        `${report.actions.planned} actions planned, ${report.actions.sent} sent, ` +
        `${report.actions.tasks} tasks`,
    );
    console.log(`peak RSS                 ${mib(peakRss)}`);
  } finally {
    await strapi.destroy();
    clearInterval(sampler);
    if (postgres) {
      const client = new Client({ connectionString: pgUrl });
      await client.connect();
      await client.query(`DROP SCHEMA "${schema}" CASCADE`);
      await client.end();
    }
    fs.rmSync(dir, { recursive: true, force: true });
    await dropQueueKeys(
      process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      process.env.HUIKUAN_QUEUE_PREFIX,
    );
  }
};

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
