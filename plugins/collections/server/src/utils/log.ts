import type { Core } from '@strapi/strapi';

import { redactFields } from './redact';

/**
 * Structured log lines: an event name plus the ids of what it happened to.
 * Strapi's logger is winston; it takes the fields as metadata. Secrets (passwords, keys,
 * tokens, credentials in URLs) are masked before anything is written.
 */
export const logEvent = (
  strapi: Core.Strapi,
  level: 'debug' | 'info' | 'warn' | 'error',
  event: string,
  fields: Record<string, unknown> = {},
): void => {
  strapi.log[level](JSON.stringify({ event, ...redactFields(fields) }));
};
