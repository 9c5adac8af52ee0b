import type { Core } from '@strapi/strapi';

import type services from '../services';

type Services = typeof services;
export type ServiceName = keyof Services;
export type Service<N extends ServiceName> = ReturnType<Services[N]>;

/** The scoring plugin's services, typed. */
export const getScoringService = <N extends ServiceName>(
  strapi: Core.Strapi,
  name: N,
): Service<N> => strapi.plugin('scoring').service(name) as Service<N>;
