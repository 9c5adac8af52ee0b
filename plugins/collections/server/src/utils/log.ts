import type { Core } from '@strapi/strapi';

/**
 * Structured log lines: an event name plus the ids of what it happened to.
 * Strapi's logger is winston; it takes the fields as metadata.
 */
export const logEvent = (
  strapi: Core.Strapi,
  level: 'debug' | 'info' | 'warn' | 'error',
  event: string,
  fields: Record<string, unknown> = {},
): void => {
  strapi.log[level](JSON.stringify({ event, ...fields }));
};
