#!/usr/bin/env node
/**
 * Benchmark of dispatch: email and SMS actions through the whole pipeline (outbox row → BullMQ
 * job → worker process claims, renders from the ledger, sends, records) to a real SMTP server
 * and a real SMSC on 127.0.0.1, with 1, 2 and 4 worker processes; beside it, the raw
 * throughput of empty BullMQ jobs on the same Redis.
 *
 *   npm run bench:dispatch -- [--actions 100000] [--workers 1,2,4]
 *
 * Runs on a new schema of the PostgreSQL at TEST_DATABASE_URL and the Redis at REDIS_URL.
 * Provider rate limits are lifted (HUIKUAN_RATE_EMAIL/SMS) so the pipeline itself is measured.
 * Prints the figures; it asserts nothing.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { randomUUID } = require('node:crypto');

const { dropQueueKeys } = require('./support');

const argValue = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : process.argv[index + 1];
};
const ACTIONS = Number(argValue('actions', '100000'));
const WORKERS = argValue('workers', '1,2,4').split(',').map(Number);
const PER_DEBTOR = 5;
const DEBTORS = Math.ceil(ACTIONS / PER_DEBTOR);
const id = randomUUID().slice(0, 8);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huikuan-bench-dispatch-'));
const schema = `hk_bench_${id}`;
const pgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const root = path.resolve(__dirname, '..');

Object.assign(process.env, {
  DATABASE_URL: pgUrl,
  DATABASE_SCHEMA: schema,
  REDIS_URL: redisUrl,
  HUIKUAN_QUEUE_PREFIX: `hk-bench-${id}`,
  HUIKUAN_FLOWS_USER_DIR: path.join(dir, 'node-red'),
  HUIKUAN_FLOW_FILE: path.join(root, 'flows', 'strategies', 'dpd-ladder.json'),
  HUIKUAN_DOCUMENTS_DIR: path.join(dir, 'documents'),
  HUIKUAN_RATE_EMAIL: '100000',
  HUIKUAN_RATE_SMS: '100000',
  HUIKUAN_DEBTOR_DAILY_CAP: '1000',
  LOG_LEVEL: 'error',
});

const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
/** Peak resident memory of a live process (Linux VmHWM), in bytes. */
const peakRssOf = (pid) => {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
};

const seedPortfolio = async (strapi) => {
  const { uniformPortfolio } = require('../cms/dist/src/demo/uniform-portfolio');
  await strapi.plugin('collections').service('ledger').writeBatch(uniformPortfolio(DEBTORS, 'B'));
};

/** One reminder per debtor from the cycle, then copies under other step keys up to ACTIONS. */
const planActions = async (strapi) => {
  await strapi.plugin('collections').service('cycle').run({ asOf: '2024-07-02', worker: false });
  const db = strapi.db.connection;
  const base = await db('actions').select('*');
  const { modelTable } = require('../plugins/collections/dist/utils/model');
  const action = modelTable(strapi, 'api::action.action');
  const links = async (attribute) => {
    const link = action.link(attribute);
    const rows = await db(link.table).select(link.ownerColumn, link.targetColumn);
    return new Map(rows.map((row) => [row[link.ownerColumn], row[link.targetColumn]]));
  };
  const caseOf = await links('collectionCase');
  const debtorOf = await links('debtor');
  const { createActionStore } = require('../plugins/collections/dist/repositories/action-store');
  const store = createActionStore(strapi);
  const copies = [];
  for (let k = 1; k < PER_DEBTOR; k += 1) {
    for (const row of base) {
      if (base.length + copies.length >= ACTIONS) break;
      copies.push({
        idempotencyKey: `${row.idempotency_key}:bench${k}`,
        kind: 'action',
        stepKey: `${row.step_key}-bench${k}`,
        round: 0,
        channel: row.channel,
        templateCode: row.template_code,
        asOf: '2024-07-02',
        dueAt: new Date(),
        flowVersion: row.flow_version,
        strategyVersion: row.strategy_version,
        flowNodeId: row.flow_node_id,
        branches: [],
        detail: null,
        caseId: caseOf.get(row.id),
        debtorId: debtorOf.get(row.id),
      });
    }
  }
  await store.planMany(db, copies);
  return base.length + copies.length;
};

const resetActions = async (strapi) =>
  strapi.db.connection('actions').update({
    dispatch_status: 'planned',
    due_at: new Date(Date.now() - 1000),
    attempts: 0,
    claim_token: null,
    provider: null,
    sent_at: null,
  });

const countSent = async (strapi) =>
  Number(
    (await strapi.db.connection('actions').where('dispatch_status', 'sent').count({ n: '*' }))[0].n,
  );

const runPipeline = async (strapi, smtp, smsc, workers, total) => {
  await resetActions(strapi);
  await dropQueueKeys(redisUrl, process.env.HUIKUAN_QUEUE_PREFIX);
  const before = { email: smtp.count(), sms: smsc.messages.length };
  const children = Array.from({ length: workers }, () =>
    spawn(process.execPath, [path.join(root, 'cms', 'dist', 'src', 'cli', 'worker.js')], {
      cwd: root,
      env: { ...process.env, HUIKUAN_SWEEP_MS: '3600000' },
      stdio: 'ignore',
    }),
  );
  // Workers boot Strapi first; the clock starts when the jobs are queued.
  await new Promise((resolve) => setTimeout(resolve, 15000));
  const started = process.hrtime.bigint();
  await strapi.plugin('collections').service('dispatch').enqueueDue();
  let peak = 0;
  for (;;) {
    peak = Math.max(
      peak,
      children.reduce((sum, child) => sum + peakRssOf(child.pid), 0),
    );
    if ((await countSent(strapi)) >= total) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(children.map((child) => new Promise((resolve) => child.once('exit', resolve))));
  return {
    seconds,
    peak,
    email: smtp.count() - before.email,
    sms: smsc.messages.length - before.sms,
  };
};

/** Empty jobs through BullMQ with the same number of connections and concurrency. */
const rawBullmq = async (workers, total) => {
  const { Queue, Worker } = require('bullmq');
  const IORedis = require('ioredis');
  const prefix = `hk-bench-raw-${id}`;
  const queue = new Queue('raw', {
    connection: new IORedis(redisUrl, { maxRetriesPerRequest: null }),
    prefix,
  });
  for (let i = 0; i < total; i += 1000) {
    await queue.addBulk(
      Array.from({ length: Math.min(1000, total - i) }, (_, j) => ({
        name: 'empty',
        data: { n: i + j },
        opts: { removeOnComplete: true },
      })),
    );
  }
  let done = 0;
  const started = process.hrtime.bigint();
  const finished = new Promise((resolve) => {
    const runners = Array.from({ length: workers * 2 }, () => {
      const worker = new Worker('raw', async () => undefined, {
        connection: new IORedis(redisUrl, { maxRetriesPerRequest: null }),
        prefix,
        concurrency: 4,
      });
      worker.on('completed', () => {
        done += 1;
        if (done === total) resolve(runners);
      });
      return worker;
    });
  });
  const runners = await finished;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await Promise.all(runners.map((worker) => worker.close()));
  await queue.close();
  await dropQueueKeys(redisUrl, prefix);
  return seconds;
};

const main = async () => {
  const { Client } = require('pg');
  const pg = new Client({ connectionString: pgUrl });
  await pg.connect();
  await pg.query(`CREATE SCHEMA "${schema}"`);
  await pg.end();
  const { startLocalSmtp } = require('../plugins/collections/dist/channels/local-smtp');
  const { startLocalSmsc } = require('../plugins/collections/dist/channels/sms/local-smsc');
  const smtp = await startLocalSmtp({ dir: path.join(dir, 'smtp'), store: false });
  const smsc = await startLocalSmsc({
    systemId: 'bench',
    password: 'bench123',
    receiptDelayMs: 10,
  });
  process.env.SMTP_URL = smtp.url;
  process.env.SMPP_URL = `smpp://bench:bench123@127.0.0.1:${smsc.port}`;
  const { bootStrapi } = require('../cms/dist/src/cli/boot');
  const strapi = await bootStrapi();
  try {
    await seedPortfolio(strapi);
    const total = await planActions(strapi);
    console.log(
      `Huikuan dispatch benchmark: ${total} actions (${DEBTORS} debtors, half email, half SMS), ` +
        `PostgreSQL, ${os.cpus().length} cores, worker concurrency 4 per channel`,
    );
    for (const workers of WORKERS) {
      const run = await runPipeline(strapi, smtp, smsc, workers, total);
      const raw = await rawBullmq(workers, total);
      console.log(
        `${workers} worker(s): ${run.seconds.toFixed(1)} s, ${Math.round(total / run.seconds)} msg/s ` +
          `(SMTP received ${run.email}, SMSC received ${run.sms}), workers' peak RSS ${mib(run.peak)}; ` +
          `empty BullMQ jobs: ${Math.round(total / raw)} jobs/s`,
      );
    }
  } finally {
    await strapi.destroy();
    await smtp.close();
    await smsc.close();
    const client = new Client({ connectionString: pgUrl });
    await client.connect();
    await client.query(`DROP SCHEMA "${schema}" CASCADE`);
    await client.end();
    fs.rmSync(dir, { recursive: true, force: true });
    await dropQueueKeys(redisUrl, process.env.HUIKUAN_QUEUE_PREFIX);
  }
};

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
