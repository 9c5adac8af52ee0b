import type { DebtorHistory, HistoryInvoice } from '../history';
import type { ContactEvent } from '../../types';

/** An invoice of 1,000.00 paid in full on `paidOn` (or open when null). */
export const invoice = (
  number: string,
  issueDate: string,
  dueDate: string,
  paidOn: string | null,
  extra: Partial<HistoryInvoice> = {},
): HistoryInvoice => ({
  number,
  issueDate,
  dueDate,
  amountMinor: 100_000,
  currency: 'CNY',
  disputed: false,
  movements: paidOn ? [{ date: paidOn, amountMinor: 100_000, kind: 'payment' }] : [],
  ...extra,
});

export const contact = (
  occurredOn: string,
  outcome: ContactEvent['outcome'],
  extra: Partial<ContactEvent> = {},
): ContactEvent => ({
  debtorCode: 'D1',
  occurredOn,
  channel: 'phone',
  direction: 'inbound',
  outcome,
  ...extra,
});

export const history = (
  invoices: HistoryInvoice[],
  activities: ContactEvent[] = [],
): DebtorHistory => ({ debtorCode: 'D1', invoices, activities, statements: [] });
