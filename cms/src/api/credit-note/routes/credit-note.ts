import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::credit-note.credit-note');
