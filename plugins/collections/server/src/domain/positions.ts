import { agingBucket, daysPastDue, type AgingBucket } from './aging';
import type { IsoDate } from './ledger';

/** An invoice as stored, with the ids the ledger tables use. */
export interface LedgerInvoice {
  id: number;
  number: string;
  debtorId: number;
  issueDate: IsoDate;
  dueDate: IsoDate;
  amountMinor: number;
  currency: string;
  disputed: boolean;
}

/** Anything that reduces an invoice's open amount on a date: a payment allocation or a credit note. */
export interface LedgerReduction {
  invoiceId: number;
  date: IsoDate;
  amountMinor: number;
  kind: 'payment' | 'credit';
}

export interface InvoicePosition {
  invoice: LedgerInvoice;
  asOf: IsoDate;
  openMinor: number;
  daysPastDue: number;
  bucket: AgingBucket;
}

/**
 * Rebuilds every invoice's position as it stood on its debtor's as-of date: an
 * invoice issued on or before that date is open for its amount less the payments
 * and credits dated on or before it. Later movements are not known yet, which is
 * how a settled history (the IBM sample) replays to any day.
 */
export const positionsAsOf = (
  invoices: LedgerInvoice[],
  reductions: LedgerReduction[],
  asOfFor: (debtorId: number) => IsoDate,
): InvoicePosition[] => {
  const byInvoice = new Map<number, LedgerReduction[]>();
  for (const reduction of reductions) {
    const list = byInvoice.get(reduction.invoiceId);
    if (list) list.push(reduction);
    else byInvoice.set(reduction.invoiceId, [reduction]);
  }

  const positions: InvoicePosition[] = [];
  for (const invoice of invoices) {
    const asOf = asOfFor(invoice.debtorId);
    if (invoice.issueDate > asOf) continue;

    const reduced = (byInvoice.get(invoice.id) ?? [])
      .filter((reduction) => reduction.date <= asOf)
      .reduce((sum, reduction) => sum + reduction.amountMinor, 0);
    const openMinor = Math.max(0, invoice.amountMinor - reduced);
    if (openMinor === 0) continue;

    const pastDue = daysPastDue(invoice.dueDate, asOf);
    positions.push({
      invoice,
      asOf,
      openMinor,
      daysPastDue: pastDue,
      bucket: agingBucket(pastDue),
    });
  }
  return positions;
};
