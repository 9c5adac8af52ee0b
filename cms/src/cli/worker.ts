import type { Core } from '@strapi/strapi';
import { loadConfig } from '@huikuan/config';

import { runMain } from './args';
import { bootStrapi, shutdown } from './boot';

/**
 * `npm run worker`: sends queued actions until stopped. At start and then every
 * HUIKUAN_SWEEP_MS it re-queues the due actions that are not done (jobs lost
 * with a Redis restart, claims left by a worker that died), so nothing waits for
 * the next cycle. Strapi installs its own signal handlers that exit at once;
 * ours close the workers first.
 */
const main = async (): Promise<number> => {
  const config = loadConfig();
  const strapi: Core.Strapi = await bootStrapi({ logLevel: process.env.LOG_LEVEL ?? 'info' });
  const dispatch = strapi.plugin('collections').service('dispatch');
  await dispatch.ensureQueue();
  const workers = await dispatch.startWorkers();
  const log = (event: string, fields: Record<string, unknown> = {}) =>
    strapi.log.info(JSON.stringify({ event, pid: process.pid, ...fields }));
  log('worker.started');

  const sweep = async () => {
    try {
      const queued: number[] = await dispatch.enqueueDue();
      if (queued.length > 0) log('worker.swept', { queued: queued.length });
    } catch (error) {
      strapi.log.warn(JSON.stringify({ event: 'worker.sweep_failed', error: String(error) }));
    }
  };
  await sweep();
  const timer = setInterval(() => void sweep(), config.dispatch.sweepMs);

  await new Promise<void>((resolve) => {
    process.removeAllListeners('SIGINT');
    process.removeAllListeners('SIGTERM');
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  clearInterval(timer);
  log('worker.stopping');
  await workers.close();
  await shutdown(strapi);
  return 0;
};

runMain(main);
