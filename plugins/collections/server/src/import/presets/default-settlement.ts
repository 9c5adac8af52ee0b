import { compositeKey, type IsoDate, type PaymentRecord } from '../../domain/ledger';
import type { Money, RowReader } from '../row-reader';
import { formatMinor } from '../values/currency';

export interface InvoiceFacts {
  number: string;
  debtorCode: string;
  issueDate: IsoDate;
  amount: Money;
}

interface Settlement {
  paid: Money | null;
  open: Money | null;
  paidDate: IsoDate | null;
}

function readSettlementCells(reader: RowReader, currency: string | null, fallback: string) {
  const options = { currency, fallback, sign: 'non-negative' as const };
  return {
    paid: reader.amount('paidAmount', options),
    open: reader.amount('openAmount', options),
    paidDate: reader.date('paidDate'),
  };
}

/** The amount received so far, from the paid column or else from amount minus open amount. */
function paidMinor(reader: RowReader, invoice: InvoiceFacts, s: Settlement): number | null {
  const total = invoice.amount.minor;
  const show = (minor: number): string => formatMinor(minor, invoice.amount.currency);
  if (s.open && s.open.minor > total) {
    return reader.error('open-exceeds-amount', 'openAmount', {
      value: show(s.open.minor),
      other: show(total),
    });
  }
  if (s.paid && s.paid.minor > total) {
    return reader.error('overpaid', 'paidAmount', {
      value: show(s.paid.minor),
      other: show(total),
    });
  }
  if (s.paid && s.open && s.paid.minor + s.open.minor !== total) {
    return reader.error('balance-mismatch', 'openAmount', {
      value: show(s.open.minor),
      expected: show(total),
      other: show(s.paid.minor),
    });
  }
  return s.paid?.minor ?? (s.open ? total - s.open.minor : 0);
}

function checkPaidDate(reader: RowReader, invoice: InvoiceFacts, s: Settlement, paid: number) {
  const amountField = s.paid ? 'paidAmount' : 'openAmount';
  if (paid > 0 && !s.paidDate) {
    const value = formatMinor(paid, invoice.amount.currency);
    return reader.error('missing-paid-date', amountField, { value });
  }
  const noAmounts = reader.raw('paidAmount') === '' && reader.raw('openAmount') === '';
  if (s.paidDate && noAmounts) {
    return reader.error('missing-paid-amount', 'paidDate', { value: s.paidDate });
  }
  if (s.paidDate && paid > 0 && s.paidDate < invoice.issueDate) {
    reader.warn('paid-before-issue', 'paidDate', { value: s.paidDate, other: invoice.issueDate });
  }
  return s.paidDate;
}

/**
 * Reads the paid amount, open amount and payment date of a row and, when money was received,
 * builds the payment allocated to the row's invoice. An invoice that may have been paid is
 * never imported as open: a payment date without an amount is an error, not a guess.
 *
 * ERP exports state the cumulative amount paid as of the export, not the single receipts, so
 * each invoice gets one payment with the stable reference IMPORT-<invoice number>: the ledger
 * upserts payments by reference, and a later export (800 paid by 03-01 after 300 by 02-01)
 * updates that payment instead of adding a second one. The price is that the payment carries
 * the stated, latest payment date: a replay dates the whole paid amount at that day.
 */
export function readSettlement(
  reader: RowReader,
  invoice: InvoiceFacts | null,
  fallback: string,
): PaymentRecord | null {
  const settlement = readSettlementCells(reader, invoice?.amount.currency ?? null, fallback);
  if (!invoice) return null;

  const paid = paidMinor(reader, invoice, settlement);
  if (paid === null) return null;
  const paymentDate = checkPaidDate(reader, invoice, settlement, paid);
  if (paid === 0 || !paymentDate) return null;

  return {
    reference: compositeKey(`IMPORT-${invoice.number}`),
    debtorCode: invoice.debtorCode,
    paymentDate,
    amountMinor: paid,
    currency: invoice.amount.currency,
    allocations: [{ invoiceNumber: invoice.number, amountMinor: paid }],
  };
}
