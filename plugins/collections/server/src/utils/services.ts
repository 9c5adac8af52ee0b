import type { Core } from '@strapi/strapi';

import type services from '../services';

type Services = typeof services;
export type ServiceName = keyof Services;
export type Service<N extends ServiceName> = ReturnType<Services[N]>;

/** The plugin's services, typed: renaming one breaks the build, not the run. */
export const getService = <N extends ServiceName>(strapi: Core.Strapi, name: N): Service<N> =>
  strapi.plugin('collections').service(name) as Service<N>;
