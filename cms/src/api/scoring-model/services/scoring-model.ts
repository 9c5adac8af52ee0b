import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::scoring-model.scoring-model');
