import type {
  CreditNoteRecord,
  InvoiceRecord,
  PaymentRecord,
} from '@huikuan/plugin-collections/domain/ledger';

import type { ContactEvent } from '../types';
import { DayReader } from './calendar';

/** A debtor's attributes the prediction reads; `region` is its region or country as imported. */
export interface DebtorAttributes {
  code: string;
  region?: string | null;
}

/**
 * What the payment prediction reads: the ledger's movements and, when known, the contacts
 * and the debtors' regions. Debtors that are not listed, or have no region, have none.
 */
export interface PaymentHistory {
  invoices: readonly InvoiceRecord[];
  payments: readonly PaymentRecord[];
  creditNotes: readonly CreditNoteRecord[];
  contactEvents?: readonly ContactEvent[];
  debtors?: ReadonlyArray<DebtorAttributes>;
}

/** Day number of an invoice that the history never settles. */
export const NEVER = 2_147_483_647;

/** Items of one debtor: `items[start[d]]` up to `items[start[d + 1]]`. */
export interface Groups {
  start: Int32Array;
  items: Int32Array;
}

/** A contact event with its dates read; `promiseDay` only for dated promises. */
export interface DatedContact {
  event: ContactEvent;
  day: number;
  promiseDay: number | null;
}

/**
 * The history replayed once: every invoice's settlement day (when amount less allocations
 * less credit notes first reaches zero), the partial reductions before it, and every
 * record grouped by debtor. Dates are day numbers (`calendar.toDay`).
 */
export interface CompiledHistory {
  source: PaymentHistory;
  debtorCodes: string[];
  debtorOf: Int32Array;
  issueDay: Int32Array;
  dueDay: Int32Array;
  amount: Float64Array;
  /** `NEVER` while the invoice stays open. */
  settleDay: Int32Array;
  /** Distinct days with a reduction, up to and including the settlement day. */
  instalments: Int32Array;
  /** 1 when a credit note reduced the invoice by its settlement day. */
  credited: Uint8Array;
  /** Billing channel: 1 paper, 0 electronic, -1 unknown (`billedOnPaper`). */
  paper: Int8Array;
  disputed: Uint8Array;
  /** Per debtor, its invoices ordered by issue day, then invoice number. */
  invoicesByDebtor: Groups;
  /** Reductions that leave the invoice open: one per invoice and day, in day order. */
  partials: { invoice: Int32Array; day: Int32Array; amount: Float64Array };
  partialsByDebtor: Groups;
  payments: { day: Int32Array; amount: Float64Array };
  paymentsByDebtor: Groups;
  contacts: DatedContact[];
  contactsByDebtor: Groups;
  /** Per debtor, its region (index into `regionNames`), or -1 when not known. */
  regionOf: Int32Array;
  regionNames: string[];
  numberIndex: Map<string, number>;
  /** Records that name an unknown invoice or debtor, left out of the replay. */
  skipped: { allocations: number; creditNotes: number; payments: number; contacts: number };
}

const PAPER = new Set(['paper', 'post', 'mail', 'letter', '纸质']);
const ELECTRONIC = new Set(['electronic', 'email', 'e-invoice', 'edi', 'portal', '电子']);

/** 1 for an invoice billed on paper, 0 electronically, -1 when the channel is not known. */
export const billedOnPaper = (channel: string | null | undefined): number => {
  const value = (channel ?? '').trim().toLowerCase();
  if (PAPER.has(value)) return 1;
  return ELECTRONIC.has(value) ? 0 : -1;
};

/** Stable counting sort of item indexes by their debtor; -1 leaves an item out. */
export const groupByDebtor = (debtorOfItem: Int32Array, debtors: number): Groups => {
  const start = new Int32Array(debtors + 1);
  for (const debtor of debtorOfItem) if (debtor >= 0) start[debtor + 1]! += 1;
  for (let d = 0; d < debtors; d += 1) start[d + 1]! += start[d]!;
  const next = start.slice(0, debtors);
  const items = new Int32Array(start[debtors]!);
  debtorOfItem.forEach((debtor, item) => {
    if (debtor >= 0) items[next[debtor]!++] = item;
  });
  return { start, items };
};

const finiteAmount = (value: number, what: string): number => {
  if (!Number.isFinite(value)) throw new RangeError(`${what} must be a finite amount`);
  return value;
};

interface Reductions {
  invoice: number[];
  day: number[];
  amount: number[];
  credit: number[];
}

function readInvoices(history: PaymentHistory, dates: DayReader, compiled: CompiledHistory) {
  const debtors = new Map<string, number>();
  history.invoices.forEach((invoice, index) => {
    const what = `invoice ${invoice.number}`;
    if (compiled.numberIndex.has(invoice.number)) {
      throw new RangeError(`${what} appears twice in the history`);
    }
    compiled.numberIndex.set(invoice.number, index);
    let debtor = debtors.get(invoice.debtorCode);
    if (debtor === undefined) {
      debtor = compiled.debtorCodes.push(invoice.debtorCode) - 1;
      debtors.set(invoice.debtorCode, debtor);
    }
    compiled.debtorOf[index] = debtor;
    compiled.issueDay[index] = dates.read(invoice.issueDate, `${what} issueDate`);
    compiled.dueDay[index] = dates.read(invoice.dueDate, `${what} dueDate`);
    compiled.amount[index] = finiteAmount(invoice.amountMinor, `${what} amountMinor`);
    compiled.paper[index] = billedOnPaper(invoice.billingChannel);
    compiled.disputed[index] = Number(invoice.disputed);
  });
  return debtors;
}

function collectReductions(history: PaymentHistory, dates: DayReader, compiled: CompiledHistory) {
  const found: Reductions = { invoice: [], day: [], amount: [], credit: [] };
  const add = (number: string, day: number, amount: number, credit: number): boolean => {
    const invoice = compiled.numberIndex.get(number);
    if (invoice === undefined) return false;
    found.invoice.push(invoice);
    found.day.push(Math.max(day, compiled.issueDay[invoice]!));
    found.amount.push(amount);
    found.credit.push(credit);
    return true;
  };
  for (const payment of history.payments) {
    const day = dates.read(payment.paymentDate, `payment ${payment.reference} paymentDate`);
    for (const allocation of payment.allocations) {
      const what = `payment ${payment.reference} allocation`;
      const amount = finiteAmount(allocation.amountMinor, what);
      if (!add(allocation.invoiceNumber, day, amount, 0)) compiled.skipped.allocations += 1;
    }
  }
  for (const note of history.creditNotes) {
    const what = `credit note ${note.number}`;
    const day = dates.read(note.issueDate, `${what} issueDate`);
    const amount = finiteAmount(note.amountMinor, `${what} amountMinor`);
    if (!note.invoiceNumber || !add(note.invoiceNumber, day, amount, 1)) {
      compiled.skipped.creditNotes += 1;
    }
  }
  return found;
}

/** Walks each invoice's reductions in day order to its settlement; earlier days are partials. */
function settle(found: Reductions, compiled: CompiledHistory): void {
  const order = Array.from(found.invoice.keys()).sort(
    (a, b) => found.invoice[a]! - found.invoice[b]! || found.day[a]! - found.day[b]! || a - b,
  );
  const partial = { invoice: [] as number[], day: [] as number[], amount: [] as number[] };
  let position = 0;
  while (position < order.length) {
    const invoice = found.invoice[order[position]!]!;
    let reduced = 0;
    let days = 0;
    let credited = 0;
    while (position < order.length && found.invoice[order[position]!] === invoice) {
      const day = found.day[order[position]!]!;
      let sameDay = 0;
      while (position < order.length) {
        const item = order[position]!;
        if (found.invoice[item] !== invoice || found.day[item] !== day) break;
        sameDay += found.amount[item]!;
        credited |= found.credit[item]!;
        position += 1;
      }
      if (compiled.settleDay[invoice] !== NEVER) continue;
      reduced += sameDay;
      days += 1;
      if (reduced >= compiled.amount[invoice]!) {
        compiled.settleDay[invoice] = day;
        compiled.instalments[invoice] = days;
        compiled.credited[invoice] = credited;
      } else {
        partial.invoice.push(invoice);
        partial.day.push(day);
        partial.amount.push(sameDay);
      }
    }
  }
  compiled.partials = {
    invoice: Int32Array.from(partial.invoice),
    day: Int32Array.from(partial.day),
    amount: Float64Array.from(partial.amount),
  };
}

/** Orders each debtor's invoices by issue day, then number, so every replay sees one order. */
function sortInvoices(compiled: CompiledHistory): void {
  const { invoicesByDebtor, issueDay, source } = compiled;
  const { start, items } = invoicesByDebtor;
  for (let debtor = 0; debtor + 1 < start.length; debtor += 1) {
    const own = items.subarray(start[debtor]!, start[debtor + 1]!);
    own.sort((a, b) => {
      const byDay = issueDay[a]! - issueDay[b]!;
      if (byDay !== 0) return byDay;
      const [left, right] = [source.invoices[a]!.number, source.invoices[b]!.number];
      return left < right ? -1 : left > right ? 1 : 0;
    });
  }
}

function readPayments(history: PaymentHistory, dates: DayReader, debtors: Map<string, number>) {
  const count = history.payments.length;
  const day = new Int32Array(count);
  const amount = new Float64Array(count);
  const debtorOf = new Int32Array(count);
  history.payments.forEach((payment, index) => {
    day[index] = dates.read(payment.paymentDate, `payment ${payment.reference} paymentDate`);
    amount[index] = finiteAmount(payment.amountMinor, `payment ${payment.reference} amountMinor`);
    debtorOf[index] = debtors.get(payment.debtorCode) ?? -1;
  });
  return { day, amount, debtorOf };
}

function readContacts(history: PaymentHistory, dates: DayReader, debtors: Map<string, number>) {
  const events = history.contactEvents ?? [];
  const debtorOf = new Int32Array(events.length);
  const contacts = events.map((event, index): DatedContact => {
    const what = `contact event ${index + 1} of ${event.debtorCode}`;
    debtorOf[index] = debtors.get(event.debtorCode) ?? -1;
    const day = dates.read(event.occurredOn, `${what} occurredOn`);
    const promised = event.outcome === 'promised' && event.promiseDate;
    const promiseDay = promised ? dates.read(event.promiseDate!, `${what} promiseDate`) : null;
    return { event, day, promiseDay };
  });
  return { contacts, debtorOf };
}

/**
 * Each debtor's region, read from `history.debtors`: trimmed, and compared as written. A
 * debtor listed twice keeps the first region given; listed debtors without invoices are
 * not needed and left out.
 */
function readRegions(
  history: PaymentHistory,
  debtors: Map<string, number>,
  compiled: CompiledHistory,
) {
  const regionOf = new Int32Array(compiled.debtorCodes.length).fill(-1);
  const regions = new Map<string, number>();
  for (const { code, region } of history.debtors ?? []) {
    const debtor = debtors.get(code);
    const name = (region ?? '').trim();
    if (debtor === undefined || name === '' || regionOf[debtor]! >= 0) continue;
    let index = regions.get(name);
    if (index === undefined) {
      index = compiled.regionNames.push(name) - 1;
      regions.set(name, index);
    }
    regionOf[debtor] = index;
  }
  compiled.regionOf = regionOf;
}

/**
 * Reads and replays a history once. Throws RangeError naming the record on a date that is
 * not YYYY-MM-DD, an amount that is not finite, or an invoice number used twice.
 */
export function compileHistory(history: PaymentHistory): CompiledHistory {
  const count = history.invoices.length;
  const dates = new DayReader();
  const compiled: CompiledHistory = {
    source: history,
    debtorCodes: [],
    debtorOf: new Int32Array(count),
    issueDay: new Int32Array(count),
    dueDay: new Int32Array(count),
    amount: new Float64Array(count),
    settleDay: new Int32Array(count).fill(NEVER),
    instalments: new Int32Array(count),
    credited: new Uint8Array(count),
    paper: new Int8Array(count),
    disputed: new Uint8Array(count),
    invoicesByDebtor: { start: new Int32Array(1), items: new Int32Array(0) },
    partials: { invoice: new Int32Array(0), day: new Int32Array(0), amount: new Float64Array(0) },
    partialsByDebtor: { start: new Int32Array(1), items: new Int32Array(0) },
    payments: { day: new Int32Array(0), amount: new Float64Array(0) },
    paymentsByDebtor: { start: new Int32Array(1), items: new Int32Array(0) },
    contacts: [],
    contactsByDebtor: { start: new Int32Array(1), items: new Int32Array(0) },
    regionOf: new Int32Array(0),
    regionNames: [],
    numberIndex: new Map(),
    skipped: { allocations: 0, creditNotes: 0, payments: 0, contacts: 0 },
  };

  const debtors = readInvoices(history, dates, compiled);
  const debtorCount = compiled.debtorCodes.length;
  compiled.amount.forEach((amount, invoice) => {
    if (amount <= 0) compiled.settleDay[invoice] = compiled.issueDay[invoice]!;
  });
  settle(collectReductions(history, dates, compiled), compiled);
  compiled.invoicesByDebtor = groupByDebtor(compiled.debtorOf, debtorCount);
  sortInvoices(compiled);
  const partialDebtors = compiled.partials.invoice.map((invoice) => compiled.debtorOf[invoice]!);
  compiled.partialsByDebtor = groupByDebtor(partialDebtors, debtorCount);

  const payments = readPayments(history, dates, debtors);
  compiled.payments = { day: payments.day, amount: payments.amount };
  compiled.paymentsByDebtor = groupByDebtor(payments.debtorOf, debtorCount);
  compiled.skipped.payments = payments.debtorOf.filter((debtor) => debtor < 0).length;

  const contacts = readContacts(history, dates, debtors);
  compiled.contacts = contacts.contacts;
  compiled.contactsByDebtor = groupByDebtor(contacts.debtorOf, debtorCount);
  compiled.skipped.contacts = contacts.debtorOf.filter((debtor) => debtor < 0).length;

  readRegions(history, debtors, compiled);
  return compiled;
}
