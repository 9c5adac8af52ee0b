import { ContactTracker } from './contact-tracker';
import { DebtorBook, type BookView } from './debtor-book';
import { groupByDebtor, NEVER, type CompiledHistory } from './history';

/**
 * Event kinds in the order they apply within one day: everything dated on or before a
 * query's day is known to it, so queries come last.
 */
const ISSUE = 0;
const REDUCE = 1;
const SETTLE = 2;
const OVERDUE = 3;
const CONTACT = 4;
const PAYMENT = 5;
const QUERY = 6;
const KINDS = 8;
/** Room for a debtor's event index inside one sort key (a double holds 53 bits exactly). */
const LOCAL = 2 ** 26;
const MAX_SPAN_DAYS = Math.floor(2 ** 53 / LOCAL / KINDS);

/** Which invoices to describe, and as of which day (one entry per row). */
export interface Queries {
  invoice: Int32Array;
  day: Int32Array;
}

/** Receives each query with the debtor's book and contacts as known on its day. */
export type Visit = (
  query: number,
  book: BookView,
  contacts: ContactTracker,
  debtor: number,
) => void;

/** One debtor's events, sorted by one numeric key per event. */
class EventBuffer {
  day: number[] = [];
  kind: number[] = [];
  ref: number[] = [];

  constructor(private readonly until: number) {}

  add(day: number, kind: number, ref: number): void {
    if (day > this.until) return;
    this.day.push(day);
    this.kind.push(kind);
    this.ref.push(ref);
  }

  /** Event indexes by day, then kind, then the order they were added in. */
  sorted(): Float64Array {
    const count = this.day.length;
    if (count >= LOCAL) throw new RangeError(`a debtor has more than ${LOCAL} ledger events`);
    let [first, last] = [Infinity, -Infinity];
    for (const day of this.day) [first, last] = [Math.min(first, day), Math.max(last, day)];
    if (last - first >= MAX_SPAN_DAYS) {
      throw new RangeError('a debtor history spans too many days to sort');
    }
    const keys = new Float64Array(count);
    for (let index = 0; index < count; index += 1) {
      keys[index] = ((this.day[index]! - first) * KINDS + this.kind[index]!) * LOCAL + index;
    }
    return keys.sort().map((key) => key % LOCAL);
  }
}

function collectEvents(history: CompiledHistory, debtor: number, queries: number[], q: Queries) {
  const until = queries.reduce((last, query) => Math.max(last, q.day[query]!), -Infinity);
  const events = new EventBuffer(until);
  const { invoicesByDebtor, partialsByDebtor, paymentsByDebtor, contactsByDebtor } = history;
  const each = (groups: typeof invoicesByDebtor, add: (item: number) => void): void => {
    for (let at = groups.start[debtor]!; at < groups.start[debtor + 1]!; at += 1) {
      add(groups.items[at]!);
    }
  };

  each(invoicesByDebtor, (invoice) => {
    const settled = history.settleDay[invoice]!;
    const overdueFrom = Math.max(history.dueDay[invoice]! + 1, history.issueDay[invoice]!);
    events.add(history.issueDay[invoice]!, ISSUE, invoice);
    if (settled !== NEVER) events.add(settled, SETTLE, invoice);
    if (overdueFrom < settled) events.add(overdueFrom, OVERDUE, invoice);
  });
  each(partialsByDebtor, (partial) => events.add(history.partials.day[partial]!, REDUCE, partial));
  each(contactsByDebtor, (contact) => events.add(history.contacts[contact]!.day, CONTACT, contact));
  each(paymentsByDebtor, (payment) => events.add(history.payments.day[payment]!, PAYMENT, payment));
  for (const query of queries) events.add(q.day[query]!, QUERY, query);
  return events;
}

function replayDebtor(
  history: CompiledHistory,
  debtor: number,
  events: EventBuffer,
  state: { status: Uint8Array; openLeft: Float64Array; queries: Queries },
  visit: Visit,
): void {
  const book = new DebtorBook(history, state.status, state.openLeft);
  const contacts = new ContactTracker();
  for (const local of events.sorted()) {
    const day = events.day[local]!;
    const ref = events.ref[local]!;
    contacts.advance(day);
    switch (events.kind[local]) {
      case ISSUE:
        book.issue(ref);
        break;
      case REDUCE:
        book.reduce(history.partials.invoice[ref]!, history.partials.amount[ref]!);
        break;
      case SETTLE:
        book.settle(ref, day);
        break;
      case OVERDUE:
        book.overdue(ref);
        break;
      case CONTACT: {
        const contact = history.contacts[ref]!;
        contacts.contact(contact.event, contact.day, contact.promiseDay);
        break;
      }
      case PAYMENT:
        contacts.payment(day, history.payments.amount[ref]!);
        break;
      default:
        visit(ref, book.view(state.queries.invoice[ref]!, day), contacts, debtor);
    }
  }
}

/**
 * Replays the history once, debtor by debtor, and stops at each query's day to hand the
 * book as known then to `visit`. Debtors without queries are skipped; events after a
 * debtor's last query are never read. Queries before their invoice's issue day throw.
 */
export function sweep(history: CompiledHistory, queries: Queries, visit: Visit): void {
  queries.invoice.forEach((invoice, query) => {
    if (queries.day[query]! < history.issueDay[invoice]!) {
      const number = history.source.invoices[invoice]!.number;
      throw new RangeError(`invoice ${number} cannot be described before its issue date`);
    }
  });
  const debtorOfQuery = queries.invoice.map((invoice) => history.debtorOf[invoice]!);
  const byDebtor = groupByDebtor(debtorOfQuery, history.debtorCodes.length);
  const size = history.amount.length;
  const state = { status: new Uint8Array(size), openLeft: new Float64Array(size), queries };

  for (let debtor = 0; debtor < history.debtorCodes.length; debtor += 1) {
    const own = Array.from(
      byDebtor.items.subarray(byDebtor.start[debtor]!, byDebtor.start[debtor + 1]!),
    );
    if (own.length === 0) continue;
    const events = collectEvents(history, debtor, own, queries);
    replayDebtor(history, debtor, events, state, visit);
  }
}
