import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::scoring-model.scoring-model');
