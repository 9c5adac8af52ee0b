import { fromDay, toDay } from '../payment/calendar';
// The same grace and reply window as the payment model's contact features.
import { PROMISE_GRACE_DAYS, RESPONSE_WINDOW_DAYS } from '../payment/contact-tracker';

import type { ContactEvent, FinancialStatementRecord, IsoDate } from '../types';

/** One invoice of a debtor with every dated movement that reduced it. */
export interface HistoryInvoice {
  number: string;
  issueDate: IsoDate;
  dueDate: IsoDate;
  amountMinor: number;
  currency: string;
  disputed: boolean;
  movements: Array<{ date: IsoDate; amountMinor: number; kind: 'payment' | 'credit' }>;
}

/** Everything the scoring reads about one debtor. */
export interface DebtorHistory {
  debtorCode: string;
  /** The debtor's region or country, as imported. */
  region?: string | null;
  invoices: HistoryInvoice[];
  activities: ContactEvent[];
  statements: FinancialStatementRecord[];
}

/** Day arithmetic on ISO dates without a date library: it runs for every invoice. */
const daysBetween = (from: IsoDate, to: IsoDate): number => toDay(to) - toDay(from);
const addDays = (date: IsoDate, days: number): IsoDate => fromDay(toDay(date) + days);

/** Contact notes older than this are not read for a reason verdict. */
const NOTE_HORIZON_DAYS = 180;

/** Outcomes a collector records after speaking to (or trying to reach) the debtor. */
const COLLECTOR_OUTCOMES: ReadonlyArray<ContactEvent['outcome']> = [
  'reached',
  'refused',
  'promised',
  'disputed',
  'no_answer',
  'paid',
];

/**
 * Whether a contact's summary carries the debtor's words and so counts as keyword evidence:
 * inbound contacts, or outbound ones a collector recorded an outcome for. The dispatcher's own
 * summaries of what Huikuan sent ('sent', 'task_created', 'failed') never do: "sms task:
 * instalment-offer" is our offer, not the debtor asking for instalments.
 */
export const isDebtorNote = (activity: ContactEvent): boolean =>
  activity.direction === 'inbound' || COLLECTOR_OUTCOMES.includes(activity.outcome);

export interface InvoiceState {
  invoice: HistoryInvoice;
  paidMinor: number;
  openMinor: number;
  /** Day the open amount reached zero, if it did by the as-of date. */
  settledOn: IsoDate | null;
  paymentsCount: number;
}

/** An invoice as it stood on `asOf`: only movements dated on or before it count. */
export const invoiceStateAsOf = (invoice: HistoryInvoice, asOf: IsoDate): InvoiceState => {
  let reduced = 0;
  let settledOn: IsoDate | null = null;
  let paymentsCount = 0;
  const movements = invoice.movements
    .filter((movement) => movement.date <= asOf)
    .sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
  for (const movement of movements) {
    reduced += movement.amountMinor;
    if (movement.kind === 'payment') paymentsCount += 1;
    if (settledOn === null && reduced >= invoice.amountMinor) settledOn = movement.date;
  }
  const openMinor = Math.max(0, invoice.amountMinor - reduced);
  return { invoice, paidMinor: reduced, openMinor, settledOn, paymentsCount };
};

export interface ContactNote {
  occurredOn: IsoDate;
  channel: ContactEvent['channel'];
  direction: ContactEvent['direction'];
  text: string;
}

/** What a debtor's record shows on one day; every figure uses only what was known then. */
export interface Behaviour {
  asOf: IsoDate;
  invoicesIssued: number;
  settledInvoices: number;
  lateSettled: number;
  /** Null without settled invoices: nothing is known yet. */
  onTimeShare: number | null;
  meanDaysLate: number | null;
  /** Mean days late of the five most recently settled invoices. */
  recentMeanDaysLate: number | null;
  meanDaysToSettle: number | null;
  openInvoices: number;
  openMinor: number;
  overdueInvoices: number;
  overdueMinor: number;
  disputedOpenInvoices: number;
  maxDaysPastDue: number;
  /** Invoices paid in two or more parts, or open with a part paid. */
  partialPayments: number;
  invoicesWithPayments: number;
  /** Open balance now against 90 days before: (now − then) / then; 1 when it grew from nothing. */
  balanceGrowth: number;
  promisesKept: number;
  promisesBroken: number;
  promisesPending: number;
  disputeContacts: number;
  refusals: number;
  reminders: number;
  repliedReminders: number;
  unansweredReminders: number;
  extensionRequests: number;
  relationshipMonths: number;
  currencies: string[];
  notes: ContactNote[];
}

const mean = (values: number[]): number | null =>
  values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;

const matchesAny = (text: string, keywords: string[]): boolean => {
  const lower = text.toLowerCase();
  return keywords.some((keyword) => lower.includes(keyword.toLowerCase()));
};

const openBalance = (invoices: HistoryInvoice[], asOf: IsoDate): number =>
  invoices
    .filter((invoice) => invoice.issueDate <= asOf)
    .reduce((sum, invoice) => sum + invoiceStateAsOf(invoice, asOf).openMinor, 0);

const paymentDates = (invoices: HistoryInvoice[]): IsoDate[] =>
  invoices.flatMap((invoice) =>
    invoice.movements.filter((m) => m.kind === 'payment').map((m) => m.date),
  );

/** Summarises a debtor's payment and contact record as it stood on `asOf`. */
export const summariseBehaviour = (
  history: DebtorHistory,
  asOf: IsoDate,
  extensionKeywords: string[],
): Behaviour => {
  const issued = history.invoices.filter((invoice) => invoice.issueDate <= asOf);
  const states = issued.map((invoice) => invoiceStateAsOf(invoice, asOf));
  const settled = states
    .filter((state): state is InvoiceState & { settledOn: IsoDate } => state.settledOn !== null)
    .sort((x, y) => (x.settledOn < y.settledOn ? -1 : x.settledOn > y.settledOn ? 1 : 0));
  const daysLate = settled.map((s) => Math.max(0, daysBetween(s.invoice.dueDate, s.settledOn)));
  const open = states.filter((state) => state.openMinor > 0);
  const overdue = open.filter((state) => state.invoice.dueDate < asOf);
  const then = openBalance(history.invoices, addDays(asOf, -90));
  const now = open.reduce((sum, state) => sum + state.openMinor, 0);

  // Contacts count from the day after they happened: a day's score rests on what was on
  // record when the day began, so rerunning a day (after its own reminders) scores the same.
  const activities = history.activities.filter((a) => a.occurredOn.slice(0, 10) < asOf);
  const payments = paymentDates(history.invoices).filter((date) => date <= asOf);
  const paymentsBetween = (from: IsoDate, to: IsoDate, invoices = history.invoices) =>
    invoices
      .flatMap((invoice) => invoice.movements)
      .filter((m) => m.kind === 'payment' && m.date >= from && m.date <= to && m.date <= asOf)
      .reduce((sum, m) => sum + m.amountMinor, 0);

  let promisesKept = 0;
  let promisesBroken = 0;
  let promisesPending = 0;
  for (const promise of activities.filter((a) => a.outcome === 'promised' && a.promiseDate)) {
    const made = promise.occurredOn.slice(0, 10);
    const deadline = addDays(promise.promiseDate as IsoDate, PROMISE_GRACE_DAYS);
    const paid = paymentsBetween(made, deadline);
    const needed = promise.promiseAmountMinor ?? 1;
    if (paid >= needed) promisesKept += 1;
    else if (deadline < asOf) promisesBroken += 1;
    else promisesPending += 1;
  }

  const reminders = activities.filter(
    (a) =>
      a.direction === 'outbound' &&
      ['sent', 'reached', 'no_answer', 'task_created'].includes(a.outcome),
  );
  let replied = 0;
  let unanswered = 0;
  for (const reminder of reminders) {
    const from = reminder.occurredOn.slice(0, 10);
    const until = addDays(from, RESPONSE_WINDOW_DAYS);
    const answered =
      ['reached', 'promised', 'disputed', 'paid'].includes(reminder.outcome) ||
      activities.some(
        (a) =>
          a.direction === 'inbound' &&
          a.occurredOn.slice(0, 10) >= from &&
          a.occurredOn.slice(0, 10) <= until,
      ) ||
      payments.some((date) => date >= from && date <= until);
    if (answered) replied += 1;
    else if (until < asOf) unanswered += 1;
  }

  const horizon = addDays(asOf, -NOTE_HORIZON_DAYS);
  const notes: ContactNote[] = activities
    .filter((a) => a.summary && isDebtorNote(a) && a.occurredOn.slice(0, 10) >= horizon)
    .map((a) => ({
      occurredOn: a.occurredOn.slice(0, 10),
      channel: a.channel,
      direction: a.direction,
      text: a.summary as string,
    }));
  const first = issued.reduce<IsoDate | null>(
    (earliest, invoice) =>
      earliest === null || invoice.issueDate < earliest ? invoice.issueDate : earliest,
    null,
  );
  const withPayments = states.filter((state) => state.paidMinor > 0);

  return {
    asOf,
    invoicesIssued: issued.length,
    settledInvoices: settled.length,
    lateSettled: daysLate.filter((days) => days > 0).length,
    onTimeShare:
      settled.length === 0 ? null : daysLate.filter((d) => d === 0).length / settled.length,
    meanDaysLate: mean(daysLate),
    recentMeanDaysLate: mean(daysLate.slice(-5)),
    meanDaysToSettle: mean(settled.map((s) => daysBetween(s.invoice.issueDate, s.settledOn))),
    openInvoices: open.length,
    openMinor: now,
    overdueInvoices: overdue.length,
    overdueMinor: overdue.reduce((sum, state) => sum + state.openMinor, 0),
    disputedOpenInvoices: open.filter((state) => state.invoice.disputed).length,
    maxDaysPastDue: overdue.reduce(
      (max, state) => Math.max(max, daysBetween(state.invoice.dueDate, asOf)),
      0,
    ),
    partialPayments: states.filter(
      (state) => state.paymentsCount >= 2 || (state.openMinor > 0 && state.paidMinor > 0),
    ).length,
    invoicesWithPayments: withPayments.length,
    balanceGrowth: then === 0 ? (now > 0 ? 1 : 0) : (now - then) / then,
    promisesKept,
    promisesBroken,
    promisesPending,
    disputeContacts: activities.filter((a) => a.outcome === 'disputed').length,
    refusals: activities.filter((a) => a.outcome === 'refused').length,
    reminders: reminders.length,
    repliedReminders: replied,
    unansweredReminders: unanswered,
    extensionRequests: activities.filter(
      (a) => a.direction === 'inbound' && a.summary && matchesAny(a.summary, extensionKeywords),
    ).length,
    relationshipMonths: first === null ? 0 : Math.floor(daysBetween(first, asOf) / 30.44),
    currencies: [...new Set(open.map((state) => state.invoice.currency))].sort(),
    notes,
  };
};

export { matchesAny };
