/** The content API Strapi serves when `VITE_STRAPI_URL` is not set at build time. */
export const DEFAULT_API_URL = 'http://127.0.0.1:1337/api';

/**
 * The content API base URL baked in by Vite. Kept apart so that Jest, which runs the providers
 * as CommonJS without Vite's `import.meta.env`, can replace this module.
 */
export const readApiUrl = (): string => {
  const fromEnv = import.meta.env.VITE_STRAPI_URL?.trim();
  return fromEnv ? fromEnv : DEFAULT_API_URL;
};
