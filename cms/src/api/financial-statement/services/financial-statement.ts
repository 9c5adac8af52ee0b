import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::financial-statement.financial-statement');
