import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

import type { Core } from '@strapi/strapi';

import { repoRoot } from './paths';

/**
 * A portfolio of `count` debtors with one overdue invoice each; even ones prefer email,
 * odd ones SMS, so one cycle of the days-past-due ladder plans one email or SMS each.
 */
export const seedReminderPortfolio = async (strapi: Core.Strapi, count: number) => {
  const codes = Array.from({ length: count }, (_, index) => `F${String(index).padStart(4, '0')}`);
  await strapi
    .plugin('collections')
    .service('ledger')
    .writeBatch({
      debtors: codes.map((code) => ({ code, name: `测试客户${code}有限公司`, language: 'zh-CN' })),
      contacts: codes.map((code, index) => ({
        debtorCode: code,
        name: `联系人${code}`,
        email: `${code.toLowerCase()}@example.com`,
        phone: `1380013${String(index).padStart(4, '0')}`,
        preferredChannel: index % 2 === 0 ? 'email' : 'sms',
      })),
      contracts: [],
      invoices: codes.map((code) => ({
        number: `INV-${code}`,
        debtorCode: code,
        issueDate: '2024-06-01',
        dueDate: '2024-07-01',
        amountMinor: 1234567,
        currency: 'CNY',
        disputed: false,
      })),
      payments: [],
      creditNotes: [],
      shipments: [],
    });
  return codes;
};

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
