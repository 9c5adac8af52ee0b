import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import type { Core } from '@strapi/strapi';

import { startLocalSmtp } from '../../plugins/collections/server/src/channels/local-smtp';
import { startLocalSmsc } from '../../plugins/collections/server/src/channels/sms/local-smsc';
import { uniformPortfolio } from '../../cms/src/demo/uniform-portfolio';
import { dpdLadderFlow, repoRoot } from './paths';
import { bootTestApp } from './strapi';

/** `count` debtors with one reminder each to plan (see uniformPortfolio). */
export const seedReminderPortfolio = async (strapi: Core.Strapi, count: number) =>
  strapi.plugin('collections').service('ledger').writeBatch(uniformPortfolio(count, 'F'));

/** The environment a worker process needs to reach the same database, queues and servers. */
export const workerEnv = (extra: Record<string, string>): NodeJS.ProcessEnv => {
  const keys = [
    'DATABASE_URL',
    'DATABASE_SCHEMA',
    'DATABASE_FILENAME',
    'REDIS_URL',
    'HUIKUAN_QUEUE_PREFIX',
    'HUIKUAN_OUTBOX_DIR',
    'HUIKUAN_FLOWS_USER_DIR',
    'HUIKUAN_FLOW_FILE',
    'HUIKUAN_DOCUMENTS_DIR',
    'SMTP_URL',
    'SMPP_URL',
    'HUIKUAN_CLAIM_STALE_MS',
    'HUIKUAN_SWEEP_MS',
    'HUIKUAN_DEBTOR_DAILY_CAP',
  ];
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
  for (const key of keys) if (process.env[key] !== undefined) env[key] = process.env[key];
  return { ...env, LOG_LEVEL: 'warn', ...extra };
};

/** `npm run worker`'s compiled entry point in a child process, as production runs it. */
export const spawnWorker = (env: NodeJS.ProcessEnv): ChildProcess =>
  spawn(process.execPath, [path.join(repoRoot, 'cms', 'dist', 'src', 'cli', 'worker.js')], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });

/** Polls until `check` holds, or fails naming what it waited for. */
export const waitFor = async (
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
};

/** Action rows by dispatch status. */
export const statusCounts = async (strapi: Core.Strapi): Promise<Record<string, number>> => {
  const rows = await strapi.db
    .connection('actions')
    .groupBy('dispatch_status')
    .select({ status: 'dispatch_status' })
    .count({ n: '*' });
  return Object.fromEntries(rows.map((row: any) => [String(row.status), Number(row.n)]));
};

type Smtp = Awaited<ReturnType<typeof startLocalSmtp>>;
type Smsc = Awaited<ReturnType<typeof startLocalSmsc>>;

/** A free TCP port on 127.0.0.1. */
export const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const probe = net.createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });

/** A private redis-server that keeps nothing on disk, so killing it loses every job. */
export const startRedis = async (port: number): Promise<ChildProcess> => {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const child = spawn('redis-server', args, { stdio: 'ignore' });
  const answers = () =>
    new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
  await waitFor(`redis on ${port}`, answers, 10_000);
  return child;
};

export const killAndWait = async (child: ChildProcess): Promise<void> => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
};

const FAULT_ENV = [
  'SMPP_URL',
  'HUIKUAN_CLAIM_STALE_MS',
  'HUIKUAN_SWEEP_MS',
  'HUIKUAN_DEBTOR_DAILY_CAP',
];

/**
 * The fault tests' world: a real SMTP server and SMSC on 127.0.0.1, the app on PostgreSQL
 * with `debtors` reminders planned and queued (no worker in this process), and the worker
 * processes a test starts. `close` stops all of it.
 */
export const startFaultWorld = async (debtors: number, redisUrl?: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hk-faults-'));
  const smtp: Smtp = await startLocalSmtp({ dir, acceptDelayMs: 40 });
  const smsc: Smsc = await startLocalSmsc({
    systemId: 'huikuan',
    password: 'secret12',
    receiptDelayMs: 20,
  });
  Object.assign(process.env, {
    SMPP_URL: `smpp://huikuan:secret12@127.0.0.1:${smsc.port}`,
    HUIKUAN_CLAIM_STALE_MS: '3000',
    HUIKUAN_SWEEP_MS: '1000',
    HUIKUAN_DEBTOR_DAILY_CAP: '50',
  });
  const app = await bootTestApp('postgres', {
    smtpUrl: smtp.url,
    flowFile: dpdLadderFlow,
    redisUrl,
  });
  await seedReminderPortfolio(app.strapi, debtors);
  const cycle = app.strapi.plugin('collections').service('cycle');
  const report = await cycle.run({ asOf: '2024-07-02', worker: false });
  const workers: ChildProcess[] = [];

  return {
    app,
    smtp,
    smsc,
    planned: report.actions.planned as number,
    startWorker(extra: Record<string, string> = {}): ChildProcess {
      const worker = spawnWorker(workerEnv(extra));
      workers.push(worker);
      return worker;
    },
    /** Nothing due is left planned, queued or being sent. */
    async settled(): Promise<boolean> {
      const counts = await statusCounts(app.strapi);
      return (counts.planned ?? 0) + (counts.queued ?? 0) + (counts.sending ?? 0) === 0;
    },
    /** How many times each action's message reached its server (by Message-ID, by number). */
    async receivedPerAction() {
      const rows = await app.strapi.db
        .connection('actions')
        .select('document_id', 'channel', 'dispatch_status', 'recipient');
      const perAction = new Map<string, number>();
      for (const row of rows) {
        const id = String(row.document_id);
        const emails = smtp.received.filter((mail) => mail.messageId === `<${id}@huikuan>`);
        const phone = String(row.recipient ?? '').replace(/\D/g, '');
        const texts = smsc.messages.filter(
          (message) => row.channel === 'sms' && phone !== '' && message.destination.endsWith(phone),
        );
        perAction.set(id, emails.length + texts.length);
      }
      return { rows, perAction };
    },
    async close(): Promise<void> {
      await Promise.all(workers.map(killAndWait));
      await app.close();
      await smtp.close();
      await smsc.close();
      for (const key of FAULT_ENV) delete process.env[key];
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
};

export type FaultWorld = Awaited<ReturnType<typeof startFaultWorld>>;
