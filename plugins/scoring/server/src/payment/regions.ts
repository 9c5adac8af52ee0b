import type { IsoDate } from '../types';
import { fromDay, toDay } from './calendar';
import { NEVER, type CompiledHistory } from './history';
import type { Queries } from './sweep';

/**
 * Per query, the settled invoices of the other debtors in the described debtor's region,
 * as known on the query's day: settled on or before it. The debtor's own invoices are left
 * out (its own history says that already), so the region is an independent prior.
 * Every column is NaN where the debtor's region is not known.
 */
export interface RegionColumns {
  settledCount: Float64Array;
  late: Float64Array;
  disputed: Float64Array;
  daysToSettle: Float64Array;
}

/** One region's settled invoices, all its debtors together. */
export interface RegionTotal {
  region: string;
  settledCount: number;
  late: number;
  disputed: number;
  /** Sum of their days to settle. */
  daysToSettle: number;
}

/**
 * Every region's totals on a day, as a model keeps them: its predictions then read the
 * same region figures whichever debtors they are asked about, where a history of a few
 * debtors alone would show their regions almost empty.
 */
export interface RegionSnapshot {
  asOf: IsoDate;
  /** By region name. */
  totals: RegionTotal[];
}

/** Running sums over settled invoices, one slot per region or per debtor. */
class Sums {
  readonly count: Float64Array;
  readonly late: Float64Array;
  readonly disputed: Float64Array;
  readonly days: Float64Array;

  constructor(size: number) {
    this.count = new Float64Array(size);
    this.late = new Float64Array(size);
    this.disputed = new Float64Array(size);
    this.days = new Float64Array(size);
  }

  /** Adds one settled invoice's outcome to `slot`. */
  add(slot: number, history: CompiledHistory, invoice: number): void {
    this.count[slot]! += 1;
    this.late[slot]! += Number(history.settleDay[invoice]! > history.dueDay[invoice]!);
    this.disputed[slot]! += history.disputed[invoice]!;
    this.days[slot]! += history.settleDay[invoice]! - history.issueDay[invoice]!;
  }
}

const noColumns = (rows: number): RegionColumns => ({
  settledCount: new Float64Array(rows).fill(NaN),
  late: new Float64Array(rows).fill(NaN),
  disputed: new Float64Array(rows).fill(NaN),
  daysToSettle: new Float64Array(rows).fill(NaN),
});

/** Writes a region's totals less the debtor's own into row `query`, never below zero. */
const putOthers = (
  columns: RegionColumns,
  query: number,
  region: { count: number; late: number; disputed: number; days: number },
  own: Sums,
  debtor: number,
): void => {
  const less = (total: number, mine: number): number => Math.max(0, total - mine);
  columns.settledCount[query] = less(region.count, own.count[debtor]!);
  columns.late[query] = less(region.late, own.late[debtor]!);
  columns.disputed[query] = less(region.disputed, own.disputed[debtor]!);
  columns.daysToSettle[query] = less(region.days, own.days[debtor]!);
};

/**
 * Indexes ordered by their day, ties in index order: one native sort of packed keys
 * (day offset times the count, plus the index), which a double holds exactly.
 */
export function orderByDay(days: ArrayLike<number>, indexes: ArrayLike<number>): Int32Array {
  const count = indexes.length;
  let first = Infinity;
  for (let at = 0; at < count; at += 1) first = Math.min(first, days[indexes[at]!]!);
  const keys = new Float64Array(count);
  for (let at = 0; at < count; at += 1) {
    keys[at] = (days[indexes[at]!]! - first) * count + at;
  }
  keys.sort();
  return Int32Array.from(keys, (key) => indexes[key % count]!);
}

/** Settled invoices of debtors with a known region, in settlement order. */
function settledWithRegion(history: CompiledHistory): Int32Array {
  const found: number[] = [];
  history.settleDay.forEach((day, invoice) => {
    if (day !== NEVER && history.regionOf[history.debtorOf[invoice]!]! >= 0) found.push(invoice);
  });
  return orderByDay(history.settleDay, found);
}

/**
 * The region figures of every query in one sweep: settlements and queries are each sorted
 * once by day, and settlements on a query's day count for it. O(n log n) in all.
 */
export function regionColumns(history: CompiledHistory, queries: Queries): RegionColumns {
  const columns = noColumns(queries.invoice.length);
  if (history.regionNames.length === 0) return columns;

  const settled = settledWithRegion(history);
  const byRegion = new Sums(history.regionNames.length);
  const byDebtor = new Sums(history.debtorCodes.length);
  const order = orderByDay(queries.day, Int32Array.from(queries.invoice.keys()));
  let next = 0;
  for (const query of order) {
    const day = queries.day[query]!;
    for (; next < settled.length && history.settleDay[settled[next]!]! <= day; next += 1) {
      const invoice = settled[next]!;
      const debtor = history.debtorOf[invoice]!;
      byRegion.add(history.regionOf[debtor]!, history, invoice);
      byDebtor.add(debtor, history, invoice);
    }
    const debtor = history.debtorOf[queries.invoice[query]!]!;
    const region = history.regionOf[debtor]!;
    if (region < 0) continue;
    const total = {
      count: byRegion.count[region]!,
      late: byRegion.late[region]!,
      disputed: byRegion.disputed[region]!,
      days: byRegion.days[region]!,
    };
    putOthers(columns, query, total, byDebtor, debtor);
  }
  return columns;
}

/** Every region's totals over the invoices settled on or before `day`, by region name. */
export function regionSnapshot(history: CompiledHistory, day: number): RegionSnapshot {
  const sums = new Sums(history.regionNames.length);
  history.settleDay.forEach((settled, invoice) => {
    const region = history.regionOf[history.debtorOf[invoice]!]!;
    if (settled <= day && region >= 0) sums.add(region, history, invoice);
  });
  const totals = history.regionNames.map((region, index) => ({
    region,
    settledCount: sums.count[index]!,
    late: sums.late[index]!,
    disputed: sums.disputed[index]!,
    daysToSettle: sums.days[index]!,
  }));
  totals.sort((a, b) => (a.region < b.region ? -1 : a.region > b.region ? 1 : 0));
  return { asOf: fromDay(day), totals };
}

/**
 * The region figures of every query from a snapshot instead of the history: the region's
 * totals on the snapshot day less the debtor's own invoices settled by then. A region
 * the snapshot does not know has nothing settled. Only for queries on or after that day.
 */
export function snapshotColumns(
  history: CompiledHistory,
  queries: Queries,
  snapshot: RegionSnapshot,
): RegionColumns {
  const columns = noColumns(queries.invoice.length);
  const day = toDay(snapshot.asOf, 'region snapshot asOf');
  const byName = new Map(snapshot.totals.map((total) => [total.region, total]));
  const own = new Sums(history.debtorCodes.length);
  const counted = new Uint8Array(history.debtorCodes.length);
  const { start, items } = history.invoicesByDebtor;
  queries.invoice.forEach((invoice, query) => {
    if (queries.day[query]! < day) {
      throw new RangeError(`region figures of ${snapshot.asOf} cannot describe an earlier day`);
    }
    const debtor = history.debtorOf[invoice]!;
    const region = history.regionOf[debtor]!;
    if (region < 0) return;
    if (!counted[debtor]) {
      counted[debtor] = 1;
      for (let at = start[debtor]!; at < start[debtor + 1]!; at += 1) {
        if (history.settleDay[items[at]!]! <= day) own.add(debtor, history, items[at]!);
      }
    }
    const total = byName.get(history.regionNames[region]!);
    const { settledCount = 0, late = 0, disputed = 0, daysToSettle = 0 } = total ?? {};
    putOthers(
      columns,
      query,
      { count: settledCount, late, disputed, days: daysToSettle },
      own,
      debtor,
    );
  });
  return columns;
}
