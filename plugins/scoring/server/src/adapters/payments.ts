import type { Core } from '@strapi/strapi';
import type {
  CreditNoteRecord,
  InvoiceRecord,
  PaymentRecord,
} from '@huikuan/plugin-collections/domain/ledger';
import type { Db } from '@huikuan/plugin-collections/utils/model';

import type { DebtorHistory } from '../domain/history';
import type { PaymentHistory } from '../payment/history';
import { parseModel, predict, type PaymentPrediction } from '../payment/model';
import { createModelStore } from '../repositories/model-store';
import type { IsoDate } from '../types';

/** The ledger as the payment model reads it, from the histories the scoring loaded. */
export const toPaymentHistory = (histories: Iterable<DebtorHistory>): PaymentHistory => {
  const invoices: InvoiceRecord[] = [];
  const payments: PaymentRecord[] = [];
  const creditNotes: CreditNoteRecord[] = [];
  const contactEvents: NonNullable<PaymentHistory['contactEvents']>[number][] = [];
  const debtors: NonNullable<PaymentHistory['debtors']>[number][] = [];
  for (const history of histories) {
    debtors.push({ code: history.debtorCode, region: history.region ?? null });
    for (const invoice of history.invoices) {
      invoices.push({
        number: invoice.number,
        debtorCode: history.debtorCode,
        issueDate: invoice.issueDate,
        dueDate: invoice.dueDate,
        amountMinor: invoice.amountMinor,
        currency: invoice.currency,
        disputed: invoice.disputed,
      });
      invoice.movements.forEach((movement, index) => {
        const reference = `${invoice.number}#${index + 1}`;
        if (movement.kind === 'credit') {
          creditNotes.push({
            number: reference,
            debtorCode: history.debtorCode,
            invoiceNumber: invoice.number,
            issueDate: movement.date,
            amountMinor: movement.amountMinor,
            currency: invoice.currency,
          });
        } else {
          payments.push({
            reference,
            debtorCode: history.debtorCode,
            paymentDate: movement.date,
            amountMinor: movement.amountMinor,
            currency: invoice.currency,
            allocations: [{ invoiceNumber: invoice.number, amountMinor: movement.amountMinor }],
          });
        }
      });
    }
    contactEvents.push(...history.activities);
  }
  return { invoices, payments, creditNotes, contactEvents, debtors };
};

export interface PaymentForecast {
  /** The active model's key (e.g. payment-v3), or null when none has been trained. */
  version: string | null;
  /** Predictions for each debtor's open invoices, by debtor code. */
  byDebtor: Map<string, PaymentPrediction[]>;
}

/**
 * Predicts the open invoices of the given debtors with the active payment model, grouped
 * by as-of date (debtors in other time zones may be on another day). Without a trained
 * model there are no predictions, and the willingness score says so.
 */
export const forecastPayments = async (
  strapi: Core.Strapi,
  db: Db,
  entries: Array<{ history: DebtorHistory; asOf: IsoDate }>,
): Promise<PaymentForecast> => {
  const stored = await createModelStore(strapi).active(db, 'payment');
  const byDebtor = new Map<string, PaymentPrediction[]>();
  if (!stored) return { version: null, byDebtor };
  const model = parseModel(stored.model);
  const byDay = new Map<IsoDate, DebtorHistory[]>();
  for (const { history, asOf } of entries) {
    const day = byDay.get(asOf);
    if (day) day.push(history);
    else byDay.set(asOf, [history]);
  }
  for (const [asOf, histories] of byDay) {
    for (const prediction of await predict(model, toPaymentHistory(histories), asOf)) {
      const list = byDebtor.get(prediction.debtorCode);
      if (list) list.push(prediction);
      else byDebtor.set(prediction.debtorCode, [prediction]);
    }
  }
  return { version: stored.modelKey, byDebtor };
};

/**
 * The chance the debtor pays its not-yet-due open invoices late: what the model adds to
 * what is already known (an overdue invoice is late for certain). Null without any.
 */
export const upcomingLateProbability = (
  predictions: PaymentPrediction[] | undefined,
): number | null => {
  const upcoming = (predictions ?? []).filter((prediction) => !prediction.knownLate);
  if (upcoming.length === 0) return null;
  return (
    upcoming.reduce((sum, prediction) => sum + prediction.lateProbability, 0) / upcoming.length
  );
};
