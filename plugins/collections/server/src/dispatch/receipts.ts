import type { Core } from '@strapi/strapi';

import type { DeliveryReceipt } from '../channels/types';
import type { ActionStore } from '../repositories/action-store';
import { logEvent } from '../utils/log';

/** How long a receipt waits for its action's provider id to be recorded. */
const KEEP_MS = 10 * 60_000;
const RETRY_MS = 2000;

/**
 * Records SMS delivery receipts on their actions. An SMSC can answer before the worker has
 * stored the message ids it was given (the receipt races the record), so a receipt that matches
 * no action yet is kept and tried again every 2 s for up to 10 minutes.
 */
export const createReceiptRecorder = (strapi: Core.Strapi, actions: ActionStore) => {
  const waiting: Array<{ receipt: DeliveryReceipt; since: number }> = [];
  let timer: NodeJS.Timeout | null = null;

  const tryRecord = async (receipt: DeliveryReceipt): Promise<boolean> => {
    const id = await actions.recordReceipt(strapi.db.connection, receipt);
    if (id === null) return false;
    logEvent(strapi, 'info', 'action.receipt', {
      actionId: id,
      providerMessageId: receipt.providerMessageId,
      state: receipt.state,
    });
    return true;
  };

  const retryWaiting = async () => {
    const now = Date.now();
    for (const entry of waiting.splice(0)) {
      if (await tryRecord(entry.receipt).catch(() => false)) continue;
      if (now - entry.since < KEEP_MS) waiting.push(entry);
      else {
        logEvent(strapi, 'warn', 'action.receipt_unmatched', {
          providerMessageId: entry.receipt.providerMessageId,
          state: entry.receipt.state,
        });
      }
    }
  };

  return {
    receive(receipt: DeliveryReceipt): void {
      tryRecord(receipt).then(
        (recorded) => {
          if (recorded) return;
          waiting.push({ receipt, since: Date.now() });
          timer ??= setInterval(() => void retryWaiting(), RETRY_MS);
        },
        (error: Error) =>
          logEvent(strapi, 'error', 'action.receipt_failed', { error: error.message }),
      );
    },
    /** Receipts still waiting (for tests and the shutdown log). */
    waiting: () => waiting.length,
    stop(): void {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
};
