import type { Core } from '@strapi/strapi';

import { getService } from './utils/services';

/** Closes the queue connections and the strategy runtime the plugin opened. */
const destroy = async ({ strapi }: { strapi: Core.Strapi }): Promise<void> => {
  await getService(strapi, 'dispatch').close();
  await getService(strapi, 'cycle').close();
};

export default destroy;
