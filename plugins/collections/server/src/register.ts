import type { Core } from '@strapi/strapi';

/** Nothing to extend at register time: the content model lives in the cms app. */
const register = (_: { strapi: Core.Strapi }): void => {};

export default register;
