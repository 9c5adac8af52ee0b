import type { Core } from '@strapi/strapi';

import { runMain } from './args';
import { bootStrapi, shutdown } from './boot';

/**
 * `npm run worker`: sends queued actions until stopped. Strapi installs its own
 * signal handlers that exit at once; ours close the workers first.
 */
const main = async (): Promise<number> => {
  const strapi: Core.Strapi = await bootStrapi({ logLevel: process.env.LOG_LEVEL ?? 'info' });
  const dispatch = strapi.plugin('collections').service('dispatch');
  await dispatch.ensureQueue();
  const workers = await dispatch.startWorkers();
  strapi.log.info(JSON.stringify({ event: 'worker.started', pid: process.pid }));

  await new Promise<void>((resolve) => {
    process.removeAllListeners('SIGINT');
    process.removeAllListeners('SIGTERM');
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  strapi.log.info(JSON.stringify({ event: 'worker.stopping', pid: process.pid }));
  await workers.close();
  await shutdown(strapi);
  return 0;
};

runMain(main);
