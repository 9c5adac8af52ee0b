import type { Core } from '@strapi/strapi';
import type { HuikuanConfig } from '@huikuan/config';
import type { OfferTerms } from '@huikuan/flows';
import { DateTime } from 'luxon';

import { PermanentDispatchError } from '../channels/errors';
import type { MessageAttachment, OutboundMessage } from '../channels/types';
import { daysBetween, todayIn } from '../domain/dates';
import { textToHtml } from '../domain/email-html';
import type { MessageAgency, MessageContext, MessageOffer } from '../domain/message-context';
import { formatMoney } from '../domain/money';
import { renderMessage, type RenderedMessage } from '../domain/render';
import type { StoredAction } from '../repositories/action-store';
import { loadMessageContext, reachableContacts } from '../repositories/message-source';
import type { StoredDebtor } from '../repositories/portfolio-store';
import type { MessageTemplate } from '../services/templates.service';
import { getService } from '../utils/services';
import { invoiceListAttachment } from './attachments';
import { statementAttachment, type StatementLines } from './documents';

/** An action planned at most this many days ago is live: it is sent from today's ledger. */
const LIVE_WINDOW_DAYS = 7;

export interface ComposedAction {
  context: MessageContext;
  /** Amounts, payments and credits of the listed invoices, for a statement of account. */
  lines: StatementLines;
  template: MessageTemplate;
  message: RenderedMessage;
  /** Where it goes: an email address, a phone number, a postal address or a person. */
  recipient: string | null;
  /** What a collector needs for a task: the contact's name, phone, email and the address. */
  contactDetail: Record<string, string | null>;
}

/**
 * The day whose ledger the message states: the action's own day, its due
 * day, the latest day a run saw its case, and, for a live action (planned
 * within the last LIVE_WINDOW_DAYS), today: a payment recorded since
 * planning is never asked for again. A replay of old days keeps to its own
 * dates, since later payments were not known then.
 */
export const sendDate = (action: StoredAction, zone: string): string => {
  const due = DateTime.fromJSDate(action.dueAt).setZone(zone).toISODate() as string;
  const today = todayIn(zone);
  const live = daysBetween(action.asOf, today) <= LIVE_WINDOW_DAYS;
  return [action.asOf, due, action.caseLastAsOf ?? action.asOf, live ? today : action.asOf]
    .sort()
    .at(-1) as string;
};

/** The terms an offer step proposes, as the template shows them. */
const offerOf = (action: StoredAction): MessageOffer | null => {
  const terms = action.detail?.offer as OfferTerms | undefined;
  if (!terms) return null;
  const last = terms.instalments[terms.instalments.length - 1];
  return {
    type: terms.type,
    currency: terms.currency,
    downPaymentMinor: terms.downPaymentMinor,
    instalments: terms.instalments,
    instalmentCount: terms.instalments.length,
    lastDueOn: last?.dueOn ?? action.asOf,
  };
};

/** The agency a hand-off goes to, from the agency list (it must still be there). */
const agencyOf = async (
  strapi: Core.Strapi,
  action: StoredAction,
): Promise<MessageAgency | null> => {
  const code = action.detail?.agencyCode;
  if (typeof code !== 'string' || code === '') return null;
  const found = (await strapi
    .documents('api::agency.agency')
    .findFirst({ filters: { code } } as never)) as unknown as Record<string, unknown> | null;
  if (!found) {
    throw new PermanentDispatchError(
      `agency '${code}' is no longer in the agency list`,
      'no-agency',
    );
  }
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    code,
    name: text(found.name),
    contactName: text(found.contactName),
    phone: text(found.phone),
    email: text(found.email),
  };
};

/** The address or person an action reaches, by channel; null when none may be contacted. */
const recipientFor = (action: StoredAction, debtor: StoredDebtor): string | null => {
  const reachable = reachableContacts(debtor);
  if (action.channel === 'email') return reachable.find((contact) => contact.email)?.email ?? null;
  if (action.channel === 'sms' || action.channel === 'phone') {
    return reachable.find((contact) => contact.phone)?.phone ?? null;
  }
  if (action.channel === 'letter') return debtor.address ?? reachable[0]?.name ?? null;
  return reachable[0]?.name ?? null;
};

const contactDetailOf = (debtor: StoredDebtor): Record<string, string | null> => {
  const contact = reachableContacts(debtor)[0] ?? null;
  return {
    debtorCode: debtor.code,
    debtorName: debtor.name,
    contactName: contact?.name ?? null,
    phone: contact?.phone ?? null,
    email: contact?.email ?? null,
    address: debtor.address,
  };
};

/**
 * Renders an action from the ledger as it stands on its send day. Null when nothing is
 * overdue any more (the action is then cancelled, not sent).
 */
export const composeAction = async (
  strapi: Core.Strapi,
  config: HuikuanConfig,
  action: StoredAction,
  debtor: StoredDebtor,
): Promise<ComposedAction | null> => {
  const asOf = sendDate(action, debtor.timeZone ?? config.defaultTimeZone);
  const loaded = await loadMessageContext(strapi, strapi.db.connection, config, {
    debtor,
    asOf,
    offer: offerOf(action),
    agency: await agencyOf(strapi, action),
  });
  if (!loaded) return null;
  const { context, lines } = loaded;
  const template = (await getService(strapi, 'templates').find(
    action.templateCode,
    action.channel,
    debtor.language ?? 'zh-CN',
  )) as MessageTemplate;
  return {
    context,
    lines,
    template,
    message: renderMessage(template, context),
    recipient: recipientFor(action, debtor),
    contactDetail: contactDetailOf(debtor),
  };
};

/** The values an SMS provider's registered template takes, by name. */
const providerParams = (context: MessageContext): Record<string, string> => ({
  name: context.debtor.name,
  amount: formatMoney(context.totals.overdueMinor, context.currency, context.locale),
  invoices: String(context.totals.overdueInvoices),
  days: String(context.totals.maxDaysPastDue),
  phone: context.creditor.phone,
});

/** The message an email or SMS adapter sends: text, HTML and attachments for email. */
export const outboundOf = async (
  action: StoredAction,
  composed: ComposedAction,
): Promise<OutboundMessage> => {
  const { template, context, message } = composed;
  const attachments: MessageAttachment[] = [];
  if (action.channel === 'email' && template.attachStatement) {
    attachments.push(await statementAttachment(context, action.documentId, composed.lines));
  }
  if (action.channel === 'email' && template.attachInvoiceList) {
    attachments.push(await invoiceListAttachment(context));
  }
  return {
    actionId: action.documentId,
    idempotencyKey: action.idempotencyKey,
    to: composed.recipient as string,
    language: context.locale,
    subject: message.subject,
    text: message.body,
    html:
      action.channel === 'email'
        ? textToHtml(renderMessage(template, context, 'html').body, context.locale)
        : null,
    attachments,
    // SMS APIs send only templates registered with them: ours maps to theirs by code
    // (HUIKUAN_SMS_TEMPLATE_CODES), with these named values.
    providerTemplate:
      action.channel === 'sms'
        ? { code: action.templateCode, params: providerParams(context) }
        : null,
  };
};
