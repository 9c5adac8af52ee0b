import type { IsoDate } from '../types';
import { toDay } from './calendar';
import type { ContactTracker } from './contact-tracker';
import type { BookView, SettledSums, Settlement } from './debtor-book';
import { compileHistory, type CompiledHistory, type PaymentHistory } from './history';
import { regionColumns, snapshotColumns, type RegionColumns, type RegionSnapshot } from './regions';
import { sweep, type Queries } from './sweep';

/**
 * What the payment prediction knows about an invoice and its debtor on an as-of day. Only
 * facts dated on or before that day count; an invoice settled later counts as open, its
 * own settlement never counts, and another invoice's outcome counts once it is settled.
 * NaN means "not known yet" (no settled invoice, no reminder); it is never a default.
 */
export const FEATURE_NAMES = [
  // The invoice itself
  'amountMinor',
  'relativeAmount',
  'termDays',
  'paperBill',
  'disputed',
  // The debtor's settled invoices
  'settledCount',
  'lateShare',
  'meanDaysLate',
  'maxDaysLate',
  'meanDaysToSettle',
  'sdDaysToSettle',
  'meanDaysFromDue',
  'lastDaysLate',
  'daysLateTrend',
  'recentLateShare',
  'recentDaysLate',
  'daysSinceLastLate',
  'partialShare',
  'creditedShare',
  'paperShare',
  'sameChannelCount',
  'sameChannelDaysToSettle',
  'sameChannelLateShare',
  'disputedShare',
  'undisputedDaysToSettle',
  // The debtor's open invoices on the day
  'openCount',
  'openAmountMinor',
  'overdueCount',
  'overdueAmountMinor',
  'oldestOverdueDays',
  'oldestOpenDays',
  'partiallyPaidOpen',
  'knownLateShare',
  'knownDaysToSettle',
  // The other debtors of the debtor's region
  'regionSettledCount',
  'regionLateShare',
  'regionDisputedShare',
  'regionDaysToSettle',
  // The relationship
  'relationshipDays',
  'pastInvoiceCount',
  'invoicesLast90Days',
  // Contacts
  'promisesKept',
  'promisesBroken',
  'promisesPending',
  'disputesRaised',
  'refusals',
  'remindersSent',
  'reminderAnswerShare',
  'meanDaysToAnswer',
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];
export type FeatureRecord = Record<FeatureName, number>;

/**
 * Features that read the described invoice's own `disputed` flag. A source may set it after
 * the fact (the IBM sample states it once the invoice is closed), so they are used only on
 * request. Disputes of the debtor's other invoices count once those are settled.
 */
export const DISPUTE_FEATURES: readonly FeatureName[] = ['disputed'];

export interface FeatureOptions {
  /**
   * Also describe the invoice's disputed flag and the debtor's share of disputed invoices.
   * @defaultValue false
   */
  withDisputed?: boolean;
  /**
   * Read the region figures from these totals (a model's, see `RegionSnapshot`) rather
   * than from the history, which may hold only some of the debtors. Every query must be
   * on or after the snapshot's day.
   */
  regions?: RegionSnapshot;
}

/** One row per query, columns in `names` order, row-major. */
export interface FeatureMatrix {
  names: readonly FeatureName[];
  rows: number;
  values: Float64Array;
  /** The invoice (index into `history.invoices`) and as-of day of each row. */
  invoices: Int32Array;
  days: Int32Array;
}

/** Invoices issued this many days back or fewer count as recent volume. */
export const RECENT_VOLUME_DAYS = 90;

export const featureNames = (withDisputed = false): FeatureName[] =>
  FEATURE_NAMES.filter((name) => withDisputed || !DISPUTE_FEATURES.includes(name));

const ratio = (part: number, whole: number): number => (whole > 0 ? part / whole : NaN);

/** A recency-weighted share; weights that have decayed to almost nothing say nothing. */
const weighted = (part: number, weight: number): number => (weight > 1e-9 ? part / weight : NaN);

/** Least-squares slope of days late per settlement over the latest ones (3 or more). */
const trendOf = (latest: Settlement[]): number => {
  if (latest.length < 3) return NaN;
  const meanX = (latest.length - 1) / 2;
  const meanY = latest.reduce((sum, entry) => sum + entry.daysLate, 0) / latest.length;
  let covariance = 0;
  let variance = 0;
  latest.forEach((entry, x) => {
    covariance += (x - meanX) * (entry.daysLate - meanY);
    variance += (x - meanX) ** 2;
  });
  return covariance / variance;
};

/** Standard deviation of days to settle over two or more settled invoices. */
const spread = (settled: SettledSums): number => {
  if (settled.count < 2) return NaN;
  const mean = settled.daysToSettle / settled.count;
  const variance =
    (settled.daysToSettleSquares - settled.count * mean * mean) / (settled.count - 1);
  return Math.sqrt(Math.max(0, variance));
};

/** Position of each feature in a full row (FEATURE_NAMES order). */
const AT = Object.fromEntries(FEATURE_NAMES.map((name, index) => [name, index])) as Record<
  FeatureName,
  number
>;

/** Settled invoices billed through the same channel as this one (paper or electronic). */
function putSameChannel(row: Float64Array, settled: SettledSums, paper: number): void {
  if (paper < 0) {
    row[AT.sameChannelCount] = NaN;
    row[AT.sameChannelDaysToSettle] = NaN;
    row[AT.sameChannelLateShare] = NaN;
    return;
  }
  const count = paper === 1 ? settled.paper : settled.electronic;
  row[AT.sameChannelCount] = count;
  row[AT.sameChannelDaysToSettle] = ratio(
    paper === 1 ? settled.paperDays : settled.electronicDays,
    count,
  );
  row[AT.sameChannelLateShare] = ratio(
    paper === 1 ? settled.paperLate : settled.electronicLate,
    count,
  );
}

/**
 * Settled invoices plus the open ones already past due, whose lateness is known too: the
 * settled ones alone under-count the late, because the latest late invoices are still open.
 * An overdue invoice's age so far is a lower bound of its days to settle.
 */
function putKnownOutcomes(row: Float64Array, book: BookView, day: number): void {
  const { settled, overdueCount } = book;
  const known = settled.count + overdueCount;
  const overdueAges = overdueCount * day - book.overdueIssueDays;
  row[AT.knownLateShare] = ratio(settled.late + overdueCount, known);
  row[AT.knownDaysToSettle] = ratio(settled.daysToSettle + overdueAges, known);
}

/** Other invoices of the debtor issued in the RECENT_VOLUME_DAYS up to `day`. */
function recentVolume(history: CompiledHistory, debtor: number, invoice: number, day: number) {
  const { start, items } = history.invoicesByDebtor;
  const issuedBy = (limit: number): number => {
    let [low, high] = [start[debtor]!, start[debtor + 1]!];
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (history.issueDay[items[middle]!]! <= limit) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  const since = day - RECENT_VOLUME_DAYS;
  const own = history.issueDay[invoice]! > since ? 1 : 0;
  return issuedBy(day) - issuedBy(since) - own;
}

/** Writes every feature of one query into `row` (FEATURE_NAMES order). */
function describe(
  history: CompiledHistory,
  query: { invoice: number; day: number; debtor: number },
  book: BookView,
  contacts: ContactTracker,
  row: Float64Array,
): void {
  const { invoice, day } = query;
  const paper = history.paper[invoice]!;
  const amount = history.amount[invoice]!;
  const { settled, recent } = book;
  const since = (from: number | null): number => (from === null ? 0 : day - from);

  row[AT.amountMinor] = amount;
  row[AT.relativeAmount] = ratio(amount, ratio(book.issuedAmount, book.issuedCount));
  row[AT.termDays] = history.dueDay[invoice]! - history.issueDay[invoice]!;
  row[AT.paperBill] = paper < 0 ? NaN : paper;
  row[AT.disputed] = history.disputed[invoice]!;

  row[AT.settledCount] = settled.count;
  row[AT.lateShare] = ratio(settled.late, settled.count);
  row[AT.meanDaysLate] = ratio(settled.daysLate, settled.count);
  row[AT.maxDaysLate] = book.maxDaysLate ?? NaN;
  row[AT.meanDaysToSettle] = ratio(settled.daysToSettle, settled.count);
  row[AT.sdDaysToSettle] = spread(settled);
  row[AT.meanDaysFromDue] = ratio(settled.fromDue, settled.count);
  row[AT.lastDaysLate] = book.latest.at(-1)?.daysLate ?? NaN;
  row[AT.daysLateTrend] = trendOf(book.latest);
  row[AT.recentLateShare] = weighted(recent.late, recent.weight);
  row[AT.recentDaysLate] = weighted(recent.daysLate, recent.weight);
  row[AT.daysSinceLastLate] = book.lastLateDay === null ? NaN : day - book.lastLateDay;
  row[AT.partialShare] = ratio(settled.partial, settled.count);
  row[AT.creditedShare] = ratio(settled.credited, settled.count);
  row[AT.paperShare] = ratio(settled.paper, settled.paper + settled.electronic);
  putSameChannel(row, settled, paper);
  row[AT.disputedShare] = ratio(settled.disputed, settled.count);
  row[AT.undisputedDaysToSettle] = ratio(settled.undisputedDays, settled.undisputed);

  row[AT.openCount] = book.openCount;
  row[AT.openAmountMinor] = book.openAmount;
  row[AT.overdueCount] = book.overdueCount;
  row[AT.overdueAmountMinor] = book.overdueAmount;
  row[AT.oldestOverdueDays] = since(book.oldestOverdueDueDay);
  row[AT.oldestOpenDays] = since(book.oldestOpenIssueDay);
  row[AT.partiallyPaidOpen] = book.partiallyPaidOpen;
  putKnownOutcomes(row, book, day);

  row[AT.relationshipDays] = since(book.firstIssueDay);
  row[AT.pastInvoiceCount] = book.issuedCount;
  row[AT.invoicesLast90Days] = recentVolume(history, query.debtor, invoice, day);

  row[AT.promisesKept] = contacts.promisesKept;
  row[AT.promisesBroken] = contacts.promisesBroken;
  row[AT.promisesPending] = contacts.promisesPending;
  row[AT.disputesRaised] = contacts.disputesRaised;
  row[AT.refusals] = contacts.refusals;
  row[AT.remindersSent] = contacts.reminders;
  row[AT.reminderAnswerShare] = ratio(contacts.answered, contacts.answered + contacts.unanswered);
  row[AT.meanDaysToAnswer] = ratio(contacts.answerDaysSum, contacts.answered);
}

/** The other debtors of the region (NaN throughout when the region is not known). */
function putRegion(row: Float64Array, region: RegionColumns, query: number): void {
  const settled = region.settledCount[query]!;
  row[AT.regionSettledCount] = settled;
  row[AT.regionLateShare] = ratio(region.late[query]!, settled);
  row[AT.regionDisputedShare] = ratio(region.disputed[query]!, settled);
  row[AT.regionDaysToSettle] = ratio(region.daysToSettle[query]!, settled);
}

/** Describes every query in one replay of the history. */
export function describeInvoices(
  history: CompiledHistory,
  queries: Queries,
  options: FeatureOptions = {},
): FeatureMatrix {
  const names = featureNames(options.withDisputed);
  const picked = Int32Array.from(names, (name) => AT[name]);
  const rows = queries.invoice.length;
  const values = new Float64Array(rows * names.length);
  const full = new Float64Array(FEATURE_NAMES.length).fill(NaN);
  const region = options.regions
    ? snapshotColumns(history, queries, options.regions)
    : regionColumns(history, queries);
  sweep(history, queries, (query, book, contacts, debtor) => {
    const at = { invoice: queries.invoice[query]!, day: queries.day[query]!, debtor };
    describe(history, at, book, contacts, full);
    putRegion(full, region, query);
    const offset = query * names.length;
    for (let column = 0; column < picked.length; column += 1) {
      values[offset + column] = full[picked[column]!]!;
    }
  });
  return { names, rows, values, invoices: queries.invoice, days: queries.day };
}

/** Each invoice as of its own issue day: what a model is trained and evaluated on. */
export const atIssue = (history: CompiledHistory, invoices: ArrayLike<number>): Queries => ({
  invoice: Int32Array.from(invoices),
  day: Int32Array.from(invoices, (invoice) => history.issueDay[invoice]!),
});

/** Invoices open on `day`: issued on or before it and not settled by it. */
export const openOn = (history: CompiledHistory, day: number): Queries => {
  const open: number[] = [];
  history.issueDay.forEach((issued, invoice) => {
    if (issued <= day && history.settleDay[invoice]! > day) open.push(invoice);
  });
  return { invoice: Int32Array.from(open), day: new Int32Array(open.length).fill(day) };
};

/** One row of a matrix by feature name (features left out of the matrix are absent). */
export const rowRecord = (matrix: FeatureMatrix, row: number): Partial<FeatureRecord> => {
  const record: Partial<FeatureRecord> = {};
  const offset = row * matrix.names.length;
  matrix.names.forEach((name, column) => {
    record[name] = matrix.values[offset + column]!;
  });
  return record;
};

/**
 * Features of named invoices as of given dates, straight from a history: the convenient
 * form for one-off scoring and tests. Unknown invoice numbers throw RangeError.
 */
export function describeAsOf(
  history: PaymentHistory,
  queries: ReadonlyArray<{ invoiceNumber: string; asOf: IsoDate }>,
  options: FeatureOptions = {},
): Array<Partial<FeatureRecord>> {
  const compiled = compileHistory(history);
  const invoice = Int32Array.from(queries, ({ invoiceNumber }) => {
    const index = compiled.numberIndex.get(invoiceNumber);
    if (index === undefined) throw new RangeError(`unknown invoice ${invoiceNumber}`);
    return index;
  });
  const day = Int32Array.from(queries, ({ asOf }) => toDay(asOf, 'asOf'));
  const matrix = describeInvoices(compiled, { invoice, day }, options);
  return queries.map((_, row) => rowRecord(matrix, row));
}
