import type { Core } from '@strapi/strapi';

import { getScoringService } from './utils/services';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }): Promise<void> => {
  await getScoringService(strapi, 'policy').seedDefault();
};

export default bootstrap;
