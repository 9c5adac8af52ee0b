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
 * Sums open positions per currency. The top-level figures are those of the
 * reporting currency (the one with the largest open amount unless named).
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

/** What one debtor owes on the as-of date, in its main currency. */
export interface DebtorExposure {
  debtorId: number;
  asOf: string;
  currency: string;
  openMinor: number;
  overdueMinor: number;
  openInvoices: number;
  overdueInvoices: number;
  maxDaysPastDue: number;
}

export const debtorExposures = (positions: InvoicePosition[]): Map<number, DebtorExposure> => {
  const grouped = new Map<string, DebtorExposure>();
  for (const position of positions) {
    const key = `${position.invoice.debtorId}|${position.invoice.currency}`;
    const exposure = grouped.get(key) ?? {
      debtorId: position.invoice.debtorId,
      asOf: position.asOf,
      currency: position.invoice.currency,
      openMinor: 0,
      overdueMinor: 0,
      openInvoices: 0,
      overdueInvoices: 0,
      maxDaysPastDue: 0,
    };
    exposure.openMinor += position.openMinor;
    exposure.openInvoices += 1;
    if (position.daysPastDue > 0) {
      exposure.overdueMinor += position.openMinor;
      exposure.overdueInvoices += 1;
      exposure.maxDaysPastDue = Math.max(exposure.maxDaysPastDue, position.daysPastDue);
    }
    grouped.set(key, exposure);
  }
  const byDebtor = new Map<number, DebtorExposure>();
  for (const exposure of grouped.values()) {
    const current = byDebtor.get(exposure.debtorId);
    if (!current || exposure.overdueMinor > current.overdueMinor)
      byDebtor.set(exposure.debtorId, exposure);
  }
  return byDebtor;
};
