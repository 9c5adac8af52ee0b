import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { Core } from '@strapi/strapi';
import IORedis from 'ioredis';
import { Client } from 'pg';

import { bootStrapi } from '../../cms/src/cli/boot';

export type DatabaseKind = 'sqlite' | 'postgres';

export interface TestApp {
  strapi: Core.Strapi;
  dir: string;
  outboxDir: string;
  queuePrefix: string;
  /** Rows in a table, for "nothing was written" checks. */
  count(table: string): Promise<number>;
  close(): Promise<void>;
}

/** PostgreSQL on this machine (trust auth), database `test`; each suite gets its own schema. */
export const POSTGRES_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const withPg = async <T>(run: (client: Client) => Promise<T>): Promise<T> => {
  const client = new Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
};

const dropQueueKeys = async (prefix: string): Promise<void> => {
  const redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
};

/**
 * Boots the real Strapi app (compiled cms and plugins) on a fresh database —
 * a temp SQLite file or a new PostgreSQL schema — with its own queue prefix,
 * outbox folder and Node-RED user folder.
 */
export const bootTestApp = async (
  kind: DatabaseKind,
  options: { smtpUrl?: string; flowFile?: string; redisUrl?: string } = {},
): Promise<TestApp> => {
  const id = randomUUID().slice(0, 8);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `huikuan-${kind}-`));
  const schema = `hk_test_${id}`;
  const queuePrefix = `hk-test-${id}`;
  const outboxDir = path.join(dir, 'outbox');

  Object.assign(process.env, {
    REDIS_URL: options.redisUrl ?? REDIS_URL,
    HUIKUAN_QUEUE_PREFIX: queuePrefix,
    HUIKUAN_OUTBOX_DIR: outboxDir,
    HUIKUAN_FLOWS_USER_DIR: path.join(dir, 'node-red'),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
  });
  if (options.flowFile) process.env.HUIKUAN_FLOW_FILE = options.flowFile;
  else delete process.env.HUIKUAN_FLOW_FILE;
  if (options.smtpUrl) process.env.SMTP_URL = options.smtpUrl;
  else delete process.env.SMTP_URL;
  if (kind === 'postgres') {
    await withPg((client) => client.query(`CREATE SCHEMA "${schema}"`));
    process.env.DATABASE_URL = POSTGRES_URL;
    process.env.DATABASE_SCHEMA = schema;
    delete process.env.DATABASE_FILENAME;
  } else {
    delete process.env.DATABASE_URL;
    delete process.env.DATABASE_SCHEMA;
    process.env.DATABASE_FILENAME = path.join(dir, 'huikuan.db');
  }

  const strapi = await bootStrapi();
  return {
    strapi,
    dir,
    outboxDir,
    queuePrefix,
    count: async (table) =>
      Number((await strapi.db.connection(table).count({ n: '*' }))[0]?.n ?? 0),
    async close() {
      await strapi.destroy();
      await dropQueueKeys(queuePrefix);
      if (kind === 'postgres')
        await withPg((client) => client.query(`DROP SCHEMA "${schema}" CASCADE`));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
};
