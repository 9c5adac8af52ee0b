import { isDeepStrictEqual } from 'node:util';

import type { Core } from '@strapi/strapi';
import { todayIn } from '@huikuan/plugin-collections/domain/dates';
import { logEvent } from '@huikuan/plugin-collections/utils/log';
import { loadConfig } from '@huikuan/config';

import { toPaymentHistory } from '../adapters/payments';
import { DEFAULT_SEED, MIN_TRAINING_INVOICES, train, type PaymentModel } from '../payment/model';
import { createHistoryStore } from '../repositories/history-store';
import { createModelStore, type StoredModel } from '../repositories/model-store';

export interface TrainPaymentOptions {
  /** Learn from what was settled by this day. @defaultValue today in the default time zone */
  asOf?: string;
  /** @defaultValue 42 */
  seed?: number;
  /** Read each invoice's disputed flag (known when an invoice is scored live). @defaultValue true */
  withDisputed?: boolean;
}

/** The ledger has too little settled history to learn from. */
export class NotEnoughHistoryError extends Error {
  override name = 'NotEnoughHistoryError';
}

const modelsService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Trains the payment model on the whole stored ledger (`npm run model:train`), stores
   * it as the next version and makes it the one the collection run uses. The same
   * ledger, day and seed give the same model.
   */
  async trainPayment(options: TrainPaymentOptions = {}): Promise<StoredModel> {
    const db = strapi.db.connection;
    const asOf = options.asOf ?? todayIn(loadConfig().defaultTimeZone);
    const seed = options.seed ?? DEFAULT_SEED;
    const histories = createHistoryStore(strapi);
    const loaded = await histories.load(db, await histories.debtorIdsWithInvoices(db));
    const history = toPaymentHistory(loaded.values());
    let model: PaymentModel;
    try {
      model = await train(history, { asOf, seed, withDisputed: options.withDisputed ?? true });
    } catch (error) {
      // train() throws a RangeError when fewer than MIN_TRAINING_INVOICES are settled.
      if (error instanceof RangeError) {
        throw new NotEnoughHistoryError(
          `${error.message} (by ${asOf}; at least ${MIN_TRAINING_INVOICES}) / 已结清发票太少，无法训练`,
        );
      }
      throw error;
    }
    // Retraining on an unchanged ledger gives the same model: keep the version in use.
    const store = createModelStore(strapi);
    const current = await store.active(db, 'payment');
    // Compared as values: PostgreSQL's jsonb gives the keys back in its own order.
    if (current && isDeepStrictEqual(current.model, JSON.parse(JSON.stringify(model)))) {
      logEvent(strapi, 'info', 'scoring.model.unchanged', { model: current.modelKey });
      return current;
    }
    const stored = await store.activate(db, {
      kind: 'payment',
      seed,
      trainedOn: model.trainedOn,
      metrics: model.metrics,
      model,
    });
    logEvent(strapi, 'info', 'scoring.model.trained', {
      model: stored.modelKey,
      trainedOn: model.trainedOn,
      training: model.metrics.training,
    });
    return stored;
  },
});

export default modelsService;
