import type { Core } from '@strapi/strapi';

import { modelTable } from './utils/model';
import { getService } from './utils/services';

/**
 * Natural keys the ledger upserts by. Strapi checks `unique` only in the
 * Document Service; bulk SQL needs the database to enforce them.
 */
const UNIQUE_KEYS: Array<[string, string]> = [
  ['api::debtor.debtor', 'code'],
  ['api::contact.contact', 'contactKey'],
  ['api::contract.contract', 'number'],
  ['api::invoice.invoice', 'number'],
  ['api::payment.payment', 'reference'],
  ['api::payment-allocation.payment-allocation', 'allocationKey'],
  ['api::credit-note.credit-note', 'number'],
  ['api::shipment.shipment', 'number'],
  ['api::collection-case.collection-case', 'caseKey'],
  ['api::action.action', 'idempotencyKey'],
  ['api::activity.activity', 'activityKey'],
  ['api::financial-statement.financial-statement', 'statementKey'],
  ['api::score-snapshot.score-snapshot', 'snapshotKey'],
  ['api::scoring-model.scoring-model', 'modelKey'],
  ['api::agency.agency', 'code'],
  ['api::referral.referral', 'referralKey'],
];

/** Creates the unique indexes on natural keys (idempotent). */
const ensureUniqueKeys = async (strapi: Core.Strapi): Promise<void> => {
  for (const [uid, attribute] of UNIQUE_KEYS) {
    const table = modelTable(strapi, uid as never);
    const column = table.column(attribute);
    await strapi.db.connection.raw(`CREATE UNIQUE INDEX IF NOT EXISTS ?? ON ?? (??)`, [
      `${table.table}_${column}_hk_uq`,
      table.table,
      column,
    ]);
  }
};

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }): Promise<void> => {
  await ensureUniqueKeys(strapi);
  await getService(strapi, 'templates').seedDefaults();
  await getService(strapi, 'strategy').seedPolicy();
};

export default bootstrap;
