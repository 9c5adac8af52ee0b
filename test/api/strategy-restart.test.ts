/**
 * Restarts in the middle of a strategy run lose nothing and repeat nothing: the collection
 * run is the real CLI in child processes (Node-RED cannot start twice in one process), on
 * PostgreSQL and Redis, and one of them is killed with SIGKILL while it plans a day.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import IORedis from 'ioredis';
import { Client } from 'pg';

import { repoRoot } from '../support/paths';
import { POSTGRES_URL, REDIS_URL } from '../support/strapi';
import {
  portfolioOf,
  shift,
  todayInZone,
  type PayerSpec,
  type Profile,
} from '../support/strategy-portfolio';

const CYCLE_CLI = path.join(repoRoot, 'cms', 'dist', 'src', 'cli', 'cycle.js');
const DEFAULT_FLOW = path.join(repoRoot, 'flows', 'strategies', 'default.json');

/** Boots the compiled app, writes the ledger batch in HK_SEED_FILE and the agency, stops. */
const SEED_SCRIPT = `
const fs = require('node:fs');
const { bootStrapi } = require('./cms/dist/src/cli/boot');
(async () => {
  const strapi = await bootStrapi();
  try {
    const batch = JSON.parse(fs.readFileSync(process.env.HK_SEED_FILE, 'utf8'));
    await strapi.plugin('collections').service('ledger').writeBatch(batch);
    await strapi.documents('api::agency.agency').create({
      data: { code: 'AGENCY-01', name: '华东信用管理有限公司', active: true },
    });
  } finally {
    await strapi.destroy();
  }
})().then(() => process.exit(0), (error) => { console.error(error); process.exit(1); });
`;

/** One installation: its own schema, queue prefix, outbox, Node-RED folder and flow file. */
interface Install {
  schema: string;
  prefix: string;
  dir: string;
  env: NodeJS.ProcessEnv;
}

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

const withPg = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
  const client = new Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

const createInstall = async (label: string): Promise<Install> => {
  const id = randomUUID().slice(0, 8);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `huikuan-restart-${label}-`));
  const schema = `hk_test_${label}_${id}`;
  const prefix = `hk-test-${label}-${id}`;
  fs.mkdirSync(path.join(dir, 'flows'));
  const flowFile = path.join(dir, 'flows', 'default.json');
  fs.copyFileSync(DEFAULT_FLOW, flowFile);
  await withPg((client) => client.query(`CREATE SCHEMA "${schema}"`));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: POSTGRES_URL,
    DATABASE_SCHEMA: schema,
    REDIS_URL,
    HUIKUAN_QUEUE_PREFIX: prefix,
    HUIKUAN_OUTBOX_DIR: path.join(dir, 'outbox'),
    HUIKUAN_FLOWS_USER_DIR: path.join(dir, 'node-red'),
    HUIKUAN_FLOW_FILE: flowFile,
    LOG_LEVEL: 'info',
  };
  delete env.DATABASE_FILENAME;
  delete env.SMTP_URL;
  return { schema, prefix, dir, env };
};

const dropInstall = async (install: Install): Promise<void> => {
  await withPg((client) => client.query(`DROP SCHEMA IF EXISTS "${install.schema}" CASCADE`));
  const redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${install.prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  fs.rmSync(install.dir, { recursive: true, force: true });
};

/**
 * Runs `node args` in the repository with the installation's environment. `killWhen` sees
 * the output so far and returns true to kill the process with SIGKILL at that moment.
 */
const node = (
  install: Install,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; killWhen?: (output: string) => boolean } = {},
): Promise<Finished> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: repoRoot,
      env: { ...install.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let killed = false;
    const take = (chunk: Buffer) => {
      output += chunk.toString();
      if (!killed && options.killWhen?.(output)) {
        killed = true;
        child.kill('SIGKILL');
      }
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, output }));
  });

const seed = async (install: Install, batch: unknown): Promise<void> => {
  const file = path.join(install.dir, 'seed.json');
  fs.writeFileSync(file, JSON.stringify(batch));
  const done = await node(install, ['-e', SEED_SCRIPT], { env: { HK_SEED_FILE: file } });
  if (done.code !== 0) throw new Error(`seeding failed (${done.code}):\n${done.output}`);
};

interface CycleJson {
  asOf: string;
  actions: { planned: number; byStep: Record<string, number>; refused: unknown[] };
}

/** One day's collection run in a fresh process; its JSON report. */
const cycle = async (install: Install, asOf: string): Promise<CycleJson> => {
  const json = path.join(install.dir, `cycle-${asOf}-${randomUUID().slice(0, 6)}.json`);
  const done = await node(install, [
    CYCLE_CLI,
    '--as-of',
    asOf,
    '--json',
    json,
    '--simulate-future',
  ]);
  if (done.code !== 0) throw new Error(`cycle ${asOf} failed (${done.code}):\n${done.output}`);
  return JSON.parse(fs.readFileSync(json, 'utf8')) as CycleJson;
};

interface ActionTuple {
  key: string;
  kind: string;
  channel: string | null;
  dueAt: string;
  status: string;
  asOf: string;
}

const actionsIn = async (install: Install): Promise<ActionTuple[]> =>
  withPg(async (client) => {
    const { rows } = await client.query(
      `SELECT idempotency_key, kind, channel, due_at, dispatch_status, as_of::text AS as_of
         FROM "${install.schema}".actions ORDER BY idempotency_key`,
    );
    return rows.map((row) => ({
      key: String(row.idempotency_key),
      kind: String(row.kind),
      channel: row.channel === null ? null : String(row.channel),
      dueAt: new Date(row.due_at).toISOString(),
      status: String(row.dispatch_status),
      asOf: String(row.as_of),
    }));
  });

const countWhere = async (install: Install, table: string, asOf: string): Promise<number> =>
  withPg(async (client) => {
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM "${install.schema}".${table} WHERE as_of = $1`,
      [asOf],
    );
    return Number(rows[0]?.n ?? 0);
  });

const duplicateKeys = async (install: Install): Promise<string[]> =>
  withPg(async (client) => {
    const { rows } = await client.query(
      `SELECT idempotency_key FROM "${install.schema}".actions
         GROUP BY idempotency_key HAVING count(*) > 1`,
    );
    return rows.map((row) => String(row.idempotency_key));
  });

const outboxFiles = (install: Install): number => {
  const outbox = path.join(install.dir, 'outbox');
  return fs.existsSync(outbox)
    ? fs.readdirSync(outbox).filter((f) => f.endsWith('.eml')).length
    : 0;
};

/** Days of the timeline: day 0 is today, as the dispatcher stamps what it sends. */
const T0 = todayInZone();
const DAYS = [0, 3, 7, 14].map((n) => shift(T0, n));
const [D0, D3, D7, D14] = DAYS as [string, string, string, string];

/**
 * A portfolio big enough that planning a day takes a while: debtors late on day 0 in every
 * quadrant and cadence, and debtors that fall due between day 0 and day 3.
 */
const PORTFOLIO = (() => {
  const specs: PayerSpec[] = [];
  const add = (prefix: string, profile: Profile, asOf: string, late: number, count: number) => {
    for (let i = 1; i <= count; i += 1) {
      const code = `${prefix}${String(i).padStart(3, '0')}`;
      specs.push({ code, name: `${code} 测试有限公司`, profile, asOf, openDaysPastDue: late });
    }
  };
  add('HH', 'HH', D0, 5, 15);
  add('HF', 'HL', D0, 1, 15);
  add('HR', 'HL', D0, 40, 25);
  add('LH', 'LH', D0, 12, 15);
  add('LA', 'LL', D0, 20, 15);
  add('LB', 'LL', D0, 80, 15);
  add('NH', 'HH', D3, 1, 15);
  add('NF', 'HL', D3, 1, 15);
  add('NL', 'LH', D3, 1, 15);
  add('NX', 'LL', D3, 1, 15);
  return portfolioOf(specs);
})();

describe('strategy runs restarted mid-day on PostgreSQL and Redis', () => {
  let reference: Install;
  let restarted: Install;

  beforeAll(async () => {
    expect(fs.existsSync(CYCLE_CLI)).toBe(true);
    [reference, restarted] = await Promise.all([createInstall('ref'), createInstall('kill')]);
    await Promise.all([seed(reference, PORTFOLIO), seed(restarted, PORTFOLIO)]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([reference, restarted].filter(Boolean).map(dropInstall));
  });

  it('loses and repeats nothing when a run is killed while it plans', async () => {
    const referenceRun = (async () => {
      const reports: CycleJson[] = [];
      for (const day of DAYS) reports.push(await cycle(reference, day));
      return reports;
    })();

    const killedRun = (async () => {
      await cycle(restarted, D0);
      // Killed once the day's scores are stored, while the strategy flows plan the cases.
      const killed = await node(restarted, [CYCLE_CLI, '--as-of', D3, '--simulate-future'], {
        killWhen: (output) => output.includes('"event":"scoring.done"'),
      });
      const atKill = {
        actions: await countWhere(restarted, 'actions', D3),
        snapshots: await countWhere(restarted, 'score_snapshots', D3),
      };
      const rerun = await cycle(restarted, D3);
      const later = [await cycle(restarted, D7), await cycle(restarted, D14)];
      return { killed, atKill, rerun, later };
    })();

    const [referenceReports, restart] = await Promise.all([referenceRun, killedRun]);

    // It really died mid-run: by the signal, with the day's scores stored and no plan yet.
    expect(restart.killed.signal).toBe('SIGKILL');
    expect(restart.killed.output).not.toContain('"event":"cycle.planned"');
    expect(restart.atKill.snapshots).toBeGreaterThan(0);
    expect(restart.atKill.actions).toBe(0);
    const referenceDay3 = referenceReports[1] as CycleJson;
    expect(referenceDay3.actions.planned).toBeGreaterThan(0);
    expect(restart.rerun.actions.byStep).toEqual(referenceDay3.actions.byStep);
    expect(restart.later.map((report) => report.actions.byStep)).toEqual(
      referenceReports.slice(2).map((report) => report.actions.byStep),
    );

    // Every day planned something, and the two installations hold the same outbox.
    for (const report of referenceReports) expect(report.actions.planned).toBeGreaterThan(0);
    const [expected, actual] = await Promise.all([actionsIn(reference), actionsIn(restarted)]);
    const tuple = (a: ActionTuple) => [a.key, a.kind, a.channel, a.dueAt];
    expect(actual.map(tuple)).toEqual(expected.map(tuple));
    expect(actual.map((a) => [a.key, a.status])).toEqual(expected.map((a) => [a.key, a.status]));
    expect(new Set(expected.map((a) => a.asOf))).toEqual(new Set(DAYS));
    expect(await duplicateKeys(reference)).toEqual([]);
    expect(await duplicateKeys(restarted)).toEqual([]);
    expect(outboxFiles(restarted)).toBe(outboxFiles(reference));
    expect(outboxFiles(reference)).toBeGreaterThan(0);

    // The same day again in a new process plans and changes nothing.
    const again = await cycle(reference, D14);
    expect(again.actions.planned).toBe(0);
    expect(await actionsIn(reference)).toEqual(expected);
  }, 240_000);
});
