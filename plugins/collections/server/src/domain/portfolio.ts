import { AGING_BUCKETS, type AgingBucket } from './aging';
import { toMajor } from './money';
import type { InvoicePosition } from './positions';

export interface BucketFigure {
  count: number;
  amount: number;
}

export interface PortfolioFigures {
  currency: string;
  openInvoices: number;
  openAmount: number;
  overdueInvoices: number;
  overdueAmount: number;
  debtorsWithOverdue: number;
  aging: Record<AgingBucket, BucketFigure>;
}

/** The report's portfolio section: figures in major units, per currency, never mixed. */
export interface PortfolioSummary extends PortfolioFigures {
  byCurrency: Record<string, PortfolioFigures>;
}

const figuresOf = (currency: string, positions: InvoicePosition[]): PortfolioFigures => {
  const aging = Object.fromEntries(
    AGING_BUCKETS.map((bucket) => [bucket, { count: 0, minor: 0 }]),
  ) as Record<AgingBucket, { count: number; minor: number }>;
  let openMinor = 0;
  let overdueMinor = 0;
  let overdueInvoices = 0;
  const debtors = new Set<number>();
  for (const position of positions) {
    openMinor += position.openMinor;
    aging[position.bucket].count += 1;
    aging[position.bucket].minor += position.openMinor;
    if (position.daysPastDue > 0) {
      overdueMinor += position.openMinor;
      overdueInvoices += 1;
      debtors.add(position.invoice.debtorId);
    }
  }
  return {
    currency,
    openInvoices: positions.length,
    openAmount: toMajor(openMinor, currency),
    overdueInvoices,
    overdueAmount: toMajor(overdueMinor, currency),
    debtorsWithOverdue: debtors.size,
    aging: Object.fromEntries(
      AGING_BUCKETS.map((bucket) => [
        bucket,
        { count: aging[bucket].count, amount: toMajor(aging[bucket].minor, currency) },
      ]),
    ) as Record<AgingBucket, BucketFigure>,
  };
};

/**
 * Sums open positions per currency, never across currencies. The top-level
 * figures are those of the reporting currency: the one with the most open
 * invoices unless named.
 */
export const summarisePortfolio = (
  positions: InvoicePosition[],
  reportingCurrency?: string,
): PortfolioSummary => {
  const byCurrency = new Map<string, InvoicePosition[]>();
  for (const position of positions) {
    const list = byCurrency.get(position.invoice.currency);
    if (list) list.push(position);
    else byCurrency.set(position.invoice.currency, [position]);
  }
  const figures = Object.fromEntries(
    [...byCurrency].map(([currency, list]) => [currency, figuresOf(currency, list)]),
  );
  const largest = [...byCurrency.keys()].sort(
    (a, b) => (figures[b]?.openInvoices ?? 0) - (figures[a]?.openInvoices ?? 0),
  )[0];
  const currency = reportingCurrency ?? largest ?? 'CNY';
  return { ...(figures[currency] ?? figuresOf(currency, [])), byCurrency: figures };
};

/**
 * What one debtor owes on the as-of date. Amounts are in the debtor's main
 * currency (that of its most overdue invoice); counts and days span all.
 * Disputed invoices are overdue but not collectible: they are on hold until
 * the dispute is settled, so the strategy works the collectible part only.
 */
export interface DebtorExposure {
  debtorId: number;
  asOf: string;
  currency: string;
  openMinor: number;
  openInvoices: number;
  overdueMinor: number;
  overdueInvoices: number;
  maxDaysPastDue: number;
  collectibleMinor: number;
  collectibleInvoices: number;
  collectibleMaxDaysPastDue: number;
  disputedInvoices: number;
}

const byUrgency = (a: InvoicePosition, b: InvoicePosition): number =>
  Number(a.invoice.disputed) - Number(b.invoice.disputed) ||
  b.daysPastDue - a.daysPastDue ||
  a.invoice.number.localeCompare(b.invoice.number);

const exposureOf = (debtorId: number, positions: InvoicePosition[]): DebtorExposure => {
  const overdue = positions.filter((position) => position.daysPastDue > 0);
  const collectible = overdue.filter((position) => !position.invoice.disputed);
  const lead = [...(overdue.length > 0 ? overdue : positions)].sort(
    byUrgency,
  )[0] as InvoicePosition;
  const currency = lead.invoice.currency;
  const sumIn = (list: InvoicePosition[]) =>
    list
      .filter((position) => position.invoice.currency === currency)
      .reduce((sum, position) => sum + position.openMinor, 0);
  const maxDays = (list: InvoicePosition[]) =>
    list.reduce((max, position) => Math.max(max, position.daysPastDue), 0);
  return {
    debtorId,
    asOf: lead.asOf,
    currency,
    openMinor: sumIn(positions),
    openInvoices: positions.length,
    overdueMinor: sumIn(overdue),
    overdueInvoices: overdue.length,
    maxDaysPastDue: maxDays(overdue),
    collectibleMinor: sumIn(collectible),
    collectibleInvoices: collectible.length,
    collectibleMaxDaysPastDue: maxDays(collectible),
    disputedInvoices: overdue.length - collectible.length,
  };
};

export const debtorExposures = (positions: InvoicePosition[]): Map<number, DebtorExposure> => {
  const byDebtor = new Map<number, InvoicePosition[]>();
  for (const position of positions) {
    const list = byDebtor.get(position.invoice.debtorId);
    if (list) list.push(position);
    else byDebtor.set(position.invoice.debtorId, [position]);
  }
  return new Map([...byDebtor].map(([debtorId, list]) => [debtorId, exposureOf(debtorId, list)]));
};
