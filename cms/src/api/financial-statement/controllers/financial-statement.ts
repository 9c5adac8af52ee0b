import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::financial-statement.financial-statement');
