import path from 'node:path';

import { createStrapi, type Core } from '@strapi/strapi';

/** The cms app folder, whether running from src (ts-jest) or from dist. */
export const appDir = path.resolve(
  __dirname,
  __dirname.includes(`${path.sep}dist${path.sep}`) ? '../../..' : '../..',
);

export interface BootOptions {
  /** Strapi's own log level; our structured events use it too. @defaultValue `error` (LOG_LEVEL) */
  logLevel?: string;
}

/**
 * Loads the Strapi application headless (no HTTP server): content types, the
 * database with its schema, and our plugins, for command-line jobs and workers.
 */
export const bootStrapi = async (options: BootOptions = {}): Promise<Core.Strapi> => {
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  const app = createStrapi({ appDir, distDir: path.join(appDir, 'dist') });
  app.log.level = options.logLevel ?? process.env.LOG_LEVEL ?? 'error';
  await app.load();
  return app;
};

/** Stops Strapi and the process's connections; safe to call twice. */
export const shutdown = async (app: Core.Strapi | null): Promise<void> => {
  if (!app) return;
  await app.destroy();
};
