import type { Core } from '@strapi/strapi';

import { loadConfig } from '@huikuan/config';

import { todayIn } from '../domain/dates';
import type { Channel } from '../domain/ledger';
import type { MessageContext } from '../domain/message-context';
import { renderMessage, type RenderedMessage } from '../domain/render';
import { loadMessageContext } from '../repositories/message-source';
import { createPortfolioStore } from '../repositories/portfolio-store';
import { modelTable } from '../utils/model';
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
  tone?: string | null;
  /** Attach a statement of account (PDF) to an email. */
  attachStatement?: boolean | null;
  /** Attach the open invoices as a spreadsheet (CSV) to an email. */
  attachInvoiceList?: boolean | null;
}

/** A preview was asked for something that is not there (template, debtor, anything overdue). */
export class PreviewError extends Error {
  override name = 'PreviewError';
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

  /**
   * Renders a template (its latest draft, as the author is editing it) against a debtor's
   * ledger on a day, exactly as the worker would at send time. Nothing is sent or stored.
   */
  async preview(
    documentId: string,
    debtorCode: string,
    asOf?: string,
  ): Promise<RenderedMessage & { asOf: string; context: MessageContext }> {
    const template = (await strapi
      .documents(TEMPLATE_UID)
      .findOne({ documentId } as never)) as unknown as MessageTemplate | null;
    if (!template) throw new PreviewError(`no template ${documentId} / 模板不存在`);
    const db = strapi.db.connection;
    const debtorTable = modelTable(strapi, 'api::debtor.debtor');
    const row = await db(debtorTable.table)
      .where(debtorTable.column('code'), debtorCode)
      .first('id');
    if (!row) throw new PreviewError(`no debtor ${debtorCode} in the ledger / 账中没有该客户`);
    const portfolio = createPortfolioStore(strapi);
    const debtor = (await portfolio.loadDebtors(db, [Number(row.id)])).get(Number(row.id));
    if (!debtor) throw new PreviewError(`no debtor ${debtorCode} in the ledger / 账中没有该客户`);
    const config = loadConfig();
    const day = asOf ?? todayIn(debtor.timeZone ?? config.defaultTimeZone);
    const loaded = await loadMessageContext(strapi, db, config, { debtor, asOf: day });
    const context = loaded?.context ?? null;
    if (!context) {
      throw new PreviewError(
        `${debtorCode} has nothing overdue on ${day} / 该客户当日没有逾期款项`,
      );
    }
    const format = template.channel === 'email' ? 'html' : 'text';
    return { ...renderMessage(template, context, format), asOf: day, context };
  },
});

export default templatesService;
