import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import IORedis from 'ioredis';

/** Whether a Redis answers PING at the URL within a few seconds. */
export const redisReachable = async (url: string): Promise<boolean> => {
  const client = new IORedis(url, {
    lazyConnect: true,
    connectTimeout: 2000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
};

/**
 * Starts a private redis-server from PATH at the URL's local port, keeping
 * nothing on disk (the outbox in the database is the truth, not Redis).
 * Returns null when the URL is not local or redis-server is not installed.
 */
export const startPrivateRedis = async (
  url: string,
  dataDir: string,
): Promise<ChildProcess | null> => {
  const parsed = new URL(url);
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(parsed.hostname)) return null;
  if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status !== 0) return null;

  fs.mkdirSync(dataDir, { recursive: true });
  const port = parsed.port || '6379';
  const child = spawn(
    'redis-server',
    [
      '--port',
      port,
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dataDir,
      '--logfile',
      path.join(dataDir, 'redis.log'),
    ],
    { stdio: 'ignore' },
  );
  for (let attempt = 0; attempt < 50; attempt += 1) {
    if (await redisReachable(url)) return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill();
  return null;
};
