import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::payment-allocation.payment-allocation');
