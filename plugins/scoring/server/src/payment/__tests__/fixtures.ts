import { addDays } from '@huikuan/plugin-collections/domain/dates';
import type {
  CreditNoteRecord,
  InvoiceRecord,
  PaymentRecord,
} from '@huikuan/plugin-collections/domain/ledger';

import type { ContactEvent } from '../../types';
import type { PaymentHistory } from '../history';

export const invoice = (
  number: string,
  debtorCode: string,
  issueDate: string,
  amountMinor: number,
  extra: Partial<InvoiceRecord> = {},
): InvoiceRecord => ({
  number,
  debtorCode,
  issueDate,
  dueDate: addDays(issueDate, 30),
  amountMinor,
  currency: 'CNY',
  disputed: false,
  ...extra,
});

export const payment = (
  reference: string,
  debtorCode: string,
  paymentDate: string,
  allocations: Array<[invoiceNumber: string, amountMinor: number]>,
): PaymentRecord => ({
  reference,
  debtorCode,
  paymentDate,
  amountMinor: allocations.reduce((sum, [, amount]) => sum + amount, 0),
  currency: 'CNY',
  allocations: allocations.map(([invoiceNumber, amountMinor]) => ({ invoiceNumber, amountMinor })),
});

export const creditNote = (
  number: string,
  debtorCode: string,
  issueDate: string,
  invoiceNumber: string,
  amountMinor: number,
): CreditNoteRecord => ({
  number,
  debtorCode,
  invoiceNumber,
  issueDate,
  amountMinor,
  currency: 'CNY',
});

export const contact = (
  debtorCode: string,
  occurredOn: string,
  outcome: ContactEvent['outcome'],
  extra: Partial<ContactEvent> = {},
): ContactEvent => ({
  debtorCode,
  occurredOn,
  channel: 'phone',
  direction: 'outbound',
  outcome,
  ...extra,
});

export const history = (parts: Partial<PaymentHistory>): PaymentHistory => ({
  invoices: [],
  payments: [],
  creditNotes: [],
  ...parts,
});

/** A small deterministic pseudo-random generator (Park-Miller), so fixtures never vary. */
export const random = (seed: number): (() => number) => {
  let state = seed;
  return () => {
    state = (state * 16807) % 2147483647;
    return state / 2147483647;
  };
};

/**
 * A portfolio in which each debtor has its own habit: a typical delay (some pay early,
 * some weeks late), more delay on paper bills and a lot more on disputed ones. Invoices
 * issued after `openFrom` are left unpaid, so the history also has open invoices. With
 * `regions`, debtor d is listed in region `R{d % regions}`, whose disputes are more
 * frequent the higher its number.
 */
export function syntheticPortfolio(options: {
  debtors: number;
  invoicesEach: number;
  seed: number;
  openFrom?: string;
  regions?: number;
}): PaymentHistory {
  const next = random(options.seed);
  const invoices: InvoiceRecord[] = [];
  const payments: PaymentRecord[] = [];
  const debtors: Array<{ code: string; region: string }> = [];
  for (let d = 0; d < options.debtors; d += 1) {
    const debtorCode = `D${String(d).padStart(3, '0')}`;
    const habit = 5 + next() * 45;
    let disputeRate = next() * 0.4;
    if (options.regions) {
      const region = d % options.regions;
      debtors.push({ code: debtorCode, region: `R${region}` });
      disputeRate = (disputeRate + (0.4 * region) / options.regions) / 2;
    }
    for (let k = 0; k < options.invoicesEach; k += 1) {
      const number = `${debtorCode}-${String(k).padStart(3, '0')}`;
      const issueDate = addDays('2023-01-02', Math.floor(k * 14 + next() * 10));
      const paper = next() < 0.5;
      const disputed = next() < disputeRate;
      const amountMinor = 1000 + Math.floor(next() * 9000) * 100;
      invoices.push(
        invoice(number, debtorCode, issueDate, amountMinor, {
          disputed,
          billingChannel: paper ? 'Paper' : 'Electronic',
        }),
      );
      if (options.openFrom && issueDate >= options.openFrom) continue;
      const days = habit + (paper ? 6 : 0) + (disputed ? 15 : 0) + (next() - 0.5) * 10;
      const paid = addDays(issueDate, Math.max(0, Math.round(days)));
      payments.push(payment(`PAY-${number}`, debtorCode, paid, [[number, amountMinor]]));
    }
  }
  return history(options.regions ? { invoices, payments, debtors } : { invoices, payments });
}
