import type { Core } from '@strapi/strapi';

import { toIsoDate } from '../domain/dates';
import type { LedgerInvoice, LedgerReduction } from '../domain/positions';
import { toMinor } from '../domain/money';
import { fromDbBool, modelTable, type Db } from '../utils/model';

export interface StoredContact {
  name: string;
  phone: string | null;
  email: string | null;
  preferredChannel: 'email' | 'sms' | 'phone' | 'letter' | null;
  consent: boolean;
  doNotContact: boolean;
}

export interface StoredDebtor {
  id: number;
  documentId: string;
  code: string;
  name: string;
  timeZone: string | null;
  language: string | null;
  address: string | null;
  assignedCollector: string | null;
  contacts: StoredContact[];
}

/** Reads the ledger as the collection run needs it: invoices, their movements and debtors. */
export const createPortfolioStore = (strapi: Core.Strapi) => {
  const invoice = () => modelTable(strapi, 'api::invoice.invoice');

  const loadInvoices = async (db: Db, debtorIds?: number[]): Promise<LedgerInvoice[]> => {
    const model = invoice();
    const link = model.link('debtor');
    const query = db(model.table)
      .join(link.table, `${model.table}.id`, `${link.table}.${link.ownerColumn}`)
      .select({
        id: `${model.table}.id`,
        number: `${model.table}.${model.column('number')}`,
        debtorId: `${link.table}.${link.targetColumn}`,
        issueDate: `${model.table}.${model.column('issueDate')}`,
        dueDate: `${model.table}.${model.column('dueDate')}`,
        amount: `${model.table}.${model.column('amount')}`,
        currency: `${model.table}.${model.column('currency')}`,
        disputed: `${model.table}.${model.column('disputed')}`,
      });
    if (debtorIds) query.whereIn(`${link.table}.${link.targetColumn}`, debtorIds);
    const rows = await query;
    return rows.map((row: Record<string, unknown>) => ({
      id: Number(row.id),
      number: String(row.number),
      debtorId: Number(row.debtorId),
      issueDate: toIsoDate(row.issueDate),
      dueDate: toIsoDate(row.dueDate),
      amountMinor: toMinor(row.amount),
      currency: String(row.currency),
      disputed: fromDbBool(row.disputed),
    }));
  };

  /** Payment allocations (dated by their payment) and credit notes, per invoice. */
  const loadReductions = async (db: Db, invoiceIds?: number[]): Promise<LedgerReduction[]> => {
    const allocation = modelTable(strapi, 'api::payment-allocation.payment-allocation');
    const payment = modelTable(strapi, 'api::payment.payment');
    const credit = modelTable(strapi, 'api::credit-note.credit-note');
    const toInvoice = allocation.link('invoice');
    const toPayment = allocation.link('payment');
    const creditToInvoice = credit.link('invoice');

    const allocations = db(allocation.table)
      .join(
        toInvoice.table,
        `${allocation.table}.id`,
        `${toInvoice.table}.${toInvoice.ownerColumn}`,
      )
      .join(
        toPayment.table,
        `${allocation.table}.id`,
        `${toPayment.table}.${toPayment.ownerColumn}`,
      )
      .join(payment.table, `${payment.table}.id`, `${toPayment.table}.${toPayment.targetColumn}`)
      .select({
        invoiceId: `${toInvoice.table}.${toInvoice.targetColumn}`,
        date: `${payment.table}.${payment.column('paymentDate')}`,
        amount: `${allocation.table}.${allocation.column('amount')}`,
      });
    const credits = db(credit.table)
      .join(
        creditToInvoice.table,
        `${credit.table}.id`,
        `${creditToInvoice.table}.${creditToInvoice.ownerColumn}`,
      )
      .select({
        invoiceId: `${creditToInvoice.table}.${creditToInvoice.targetColumn}`,
        date: `${credit.table}.${credit.column('issueDate')}`,
        amount: `${credit.table}.${credit.column('amount')}`,
      });
    if (invoiceIds) {
      allocations.whereIn(`${toInvoice.table}.${toInvoice.targetColumn}`, invoiceIds);
      credits.whereIn(`${creditToInvoice.table}.${creditToInvoice.targetColumn}`, invoiceIds);
    }
    const read =
      (kind: LedgerReduction['kind']) =>
      (row: Record<string, unknown>): LedgerReduction => ({
        invoiceId: Number(row.invoiceId),
        date: toIsoDate(row.date),
        amountMinor: toMinor(row.amount),
        kind,
      });
    return [...(await allocations).map(read('payment')), ...(await credits).map(read('credit'))];
  };

  const loadDebtors = async (db: Db, ids?: number[]): Promise<Map<number, StoredDebtor>> => {
    const debtor = modelTable(strapi, 'api::debtor.debtor');
    const contact = modelTable(strapi, 'api::contact.contact');
    const link = contact.link('debtor');
    const debtorQuery = db(debtor.table).select('*');
    if (ids) debtorQuery.whereIn('id', ids);
    const debtors = new Map<number, StoredDebtor>();
    for (const row of await debtorQuery) {
      debtors.set(Number(row.id), {
        id: Number(row.id),
        documentId: String(row.document_id),
        code: String(row[debtor.column('code')]),
        name: String(row[debtor.column('name')]),
        timeZone: row[debtor.column('timeZone')] ?? null,
        language: row[debtor.column('language')] ?? null,
        address: row[debtor.column('address')] ?? null,
        assignedCollector: row[debtor.column('assignedCollector')] ?? null,
        contacts: [],
      });
    }
    const contactQuery = db(contact.table)
      .join(link.table, `${contact.table}.id`, `${link.table}.${link.ownerColumn}`)
      .select(`${contact.table}.*`, { debtorId: `${link.table}.${link.targetColumn}` });
    if (ids) contactQuery.whereIn(`${link.table}.${link.targetColumn}`, ids);
    for (const row of await contactQuery) {
      debtors.get(Number(row.debtorId))?.contacts.push({
        name: String(row[contact.column('name')]),
        phone: row[contact.column('phone')] ?? null,
        email: row[contact.column('email')] ?? null,
        preferredChannel: row[contact.column('preferredChannel')] ?? null,
        consent: fromDbBool(row[contact.column('consent')]),
        doNotContact: fromDbBool(row[contact.column('doNotContact')]),
      });
    }
    return debtors;
  };

  return { loadInvoices, loadReductions, loadDebtors };
};
