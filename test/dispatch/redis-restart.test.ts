import type { ChildProcess } from 'node:child_process';

import {
  freePort,
  killAndWait,
  startFaultWorld,
  startRedis,
  statusCounts,
  waitFor,
  type FaultWorld,
} from '../support/dispatch-fixtures';

jest.setTimeout(240_000);

const DEBTORS = 80;

describe('Redis restarts that lose every job', () => {
  let world: FaultWorld;
  let redis: ChildProcess;
  let redisUrl: string;

  beforeAll(async () => {
    const port = await freePort();
    redisUrl = `redis://127.0.0.1:${port}`;
    redis = await startRedis(port);
    world = await startFaultWorld(DEBTORS, redisUrl);
  }, 120_000);
  afterAll(async () => {
    await world?.close();
    if (redis) await killAndWait(redis);
  });

  const restartRedis = async () => {
    await killAndWait(redis);
    redis = await startRedis(Number(new URL(redisUrl).port));
  };

  it('still send each action exactly once', async () => {
    // The queued jobs were only in Redis, which keeps nothing on disk: gone.
    await restartRedis();
    world.startWorker({ REDIS_URL: redisUrl });
    const half = async () => ((await statusCounts(world.app.strapi)).sent ?? 0) >= DEBTORS / 2;
    await waitFor('half sent', half, 120_000);
    // And again while the worker is sending.
    await restartRedis();
    await waitFor('every action settled', () => world.settled(), 150_000);

    const { rows, perAction } = await world.receivedPerAction();
    expect(rows).toHaveLength(DEBTORS);
    for (const row of rows) {
      expect(row.dispatch_status).toBe('sent');
      expect(perAction.get(String(row.document_id))).toBe(1);
    }
  });
});
