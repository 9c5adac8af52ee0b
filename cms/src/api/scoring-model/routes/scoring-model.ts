import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::scoring-model.scoring-model');
