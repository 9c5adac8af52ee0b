import type { Core } from '@strapi/strapi';
import { loadConfig } from '@huikuan/config';

import { emptyBatch, type LedgerBatch } from '../domain/ledger';
import { createLedgerStore, type LedgerCounts } from '../repositories/ledger-store';
import { logEvent } from '../utils/log';

/** Rolls the transaction back after counting what it would have written. */
class DryRunRollback extends Error {
  constructor(readonly counts: LedgerCounts) {
    super('dry run');
  }
}

const ledgerService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Writes a batch in one transaction with multi-row statements; on any error
   * nothing of the batch is stored. With `dryRun` the counts are exact and the
   * transaction is rolled back. Kinds of record the batch leaves out count as none.
   */
  async writeBatch(
    partial: Partial<LedgerBatch>,
    options: { dryRun?: boolean } = {},
  ): Promise<LedgerCounts> {
    const batch: LedgerBatch = { ...emptyBatch(), ...partial };
    const store = createLedgerStore(strapi, loadConfig().importBatchSize);
    try {
      const counts = await strapi.db.connection.transaction(async (trx) => {
        const written = await store.write(trx, batch);
        if (options.dryRun) throw new DryRunRollback(written);
        return written;
      });
      logEvent(strapi, 'info', 'ledger.batch.written', { counts });
      return counts;
    } catch (error) {
      if (error instanceof DryRunRollback) return error.counts;
      throw error;
    }
  },
});

export default ledgerService;
