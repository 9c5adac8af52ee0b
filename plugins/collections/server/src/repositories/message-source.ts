import type { Core } from '@strapi/strapi';
import type { HuikuanConfig } from '@huikuan/config';

import {
  buildMessageContext,
  type MessageAgency,
  type MessageContext,
  type MessageOffer,
} from '../domain/message-context';
import { positionsAsOf, type LedgerInvoice, type LedgerReduction } from '../domain/positions';
import type { StatementLines } from '../dispatch/documents';
import type { Db } from '../utils/model';
import { createPortfolioStore, type StoredDebtor } from './portfolio-store';

/** The contacts a message may go to: consented and not opted out. */
export const reachableContacts = (debtor: StoredDebtor) =>
  debtor.contacts.filter((contact) => contact.consent && !contact.doNotContact);

/**
 * What a template sees for a debtor on a day, from the ledger as it stands then (open
 * amounts net of payments and credit notes): the worker at send time and the preview both
 * read it here. Null when nothing is overdue.
 */
export const loadMessageContext = async (
  strapi: Core.Strapi,
  db: Db,
  config: HuikuanConfig,
  input: {
    debtor: StoredDebtor;
    asOf: string;
    offer?: MessageOffer | null;
    agency?: MessageAgency | null;
  },
): Promise<{ context: MessageContext; lines: StatementLines } | null> => {
  const portfolio = createPortfolioStore(strapi);
  const { debtor, asOf } = input;
  const invoices = await portfolio.loadInvoices(db, [debtor.id]);
  const reductions = await portfolio.loadReductions(
    db,
    invoices.map((invoice) => invoice.id),
  );
  const contact = reachableContacts(debtor)[0] ?? debtor.contacts[0];
  const context = buildMessageContext({
    asOf,
    language: debtor.language ?? 'zh-CN',
    creditor: config.creditor,
    debtor: {
      code: debtor.code,
      name: debtor.name,
      address: debtor.address ?? '',
      contactName: contact?.name ?? '',
    },
    collector: {
      name:
        debtor.assignedCollector ?? (debtor.language === 'en' ? 'Collections desk' : '应收账款部'),
      phone: config.creditor.phone,
      email: '',
    },
    positions: positionsAsOf(invoices, reductions, () => asOf),
    offer: input.offer ?? null,
    agency: input.agency ?? null,
  });
  if (!context) return null;
  return { context, lines: statementLines(invoices, reductions, asOf) };
};

/** Each invoice's amount, and what was paid and credited on it by a day (for statements). */
const statementLines = (
  invoices: LedgerInvoice[],
  reductions: LedgerReduction[],
  asOf: string,
): StatementLines => {
  const byId = new Map(invoices.map((invoice) => [invoice.id, invoice]));
  const lines: StatementLines = new Map(
    invoices.map((invoice) => [
      invoice.number,
      { amountMinor: invoice.amountMinor, paidMinor: 0, creditedMinor: 0 },
    ]),
  );
  for (const reduction of reductions) {
    const invoice = byId.get(reduction.invoiceId);
    if (!invoice || reduction.date > asOf) continue;
    const line = lines.get(invoice.number);
    if (!line) continue;
    if (reduction.kind === 'credit') line.creditedMinor += reduction.amountMinor;
    else line.paidMinor += reduction.amountMinor;
  }
  return lines;
};
