import type { Core } from '@strapi/strapi';

import type { Channel } from '../domain/ledger';
import { DEFAULT_TEMPLATES } from '../seed/templates';
import { logEvent } from '../utils/log';

const TEMPLATE_UID = 'api::template.template';

export interface MessageTemplate {
  documentId: string;
  code: string;
  channel: Channel;
  language: string;
  subject: string | null;
  body: string;
}

/** No published template exists for a planned action. */
export class TemplateMissingError extends Error {
  override name = 'TemplateMissingError';
}

const templatesService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Publishes the shipped copy for every (code, channel, language) that has none yet. */
  async seedDefaults(): Promise<number> {
    let created = 0;
    for (const seed of DEFAULT_TEMPLATES) {
      const filters = { code: seed.code, channel: seed.channel, language: seed.language };
      const existing = await strapi.documents(TEMPLATE_UID).findFirst({ filters } as never);
      if (existing) continue;
      await strapi.documents(TEMPLATE_UID).create({ data: seed, status: 'published' } as never);
      created += 1;
    }
    if (created > 0) logEvent(strapi, 'info', 'template.seeded', { created });
    return created;
  },

  /** The published template for an action, in the debtor's language, else Chinese (the default). */
  async find(code: string, channel: Channel, language: string): Promise<MessageTemplate> {
    for (const candidate of [...new Set([language, 'zh-CN'])]) {
      const found = (await strapi.documents(TEMPLATE_UID).findFirst({
        filters: { code, channel, language: candidate },
        status: 'published',
      } as never)) as unknown as MessageTemplate | null;
      if (found) return found;
    }
    throw new TemplateMissingError(
      `no published template '${code}' for channel ${channel} in ${language} or zh-CN`,
    );
  },
});

export default templatesService;
