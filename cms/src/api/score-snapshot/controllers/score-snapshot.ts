import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::score-snapshot.score-snapshot');
