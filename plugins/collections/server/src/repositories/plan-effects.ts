import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

import { addDays, startOfDayIn } from '../domain/dates';
import { createActionStore, type NewAction } from './action-store';
import { createCaseStore } from './case-store';

/**
 * What newly stored plans do to their case: an agency hand-off freezes it and withdraws its
 * internal steps; a promise hold withdraws the steps due before the promised day; every
 * hold is noted on the case. Returns how many pending actions were withdrawn.
 */
export const applyPlanEffects = async (
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  fresh: NewAction[],
  zones: Map<number, string>,
): Promise<number> => {
  const caseStore = createCaseStore(strapi);
  const actionStore = createActionStore(strapi);
  const freshKeys = fresh.map((action) => action.idempotencyKey);
  let cancelled = 0;
  for (const action of fresh) {
    const detail = action.detail ?? {};
    if (action.kind === 'escalation' && detail.type === 'agency') {
      await caseStore.freeze(trx, action.caseId, String(detail.agencyCode), action.asOf);
      cancelled += await actionStore.cancelPendingForCase(
        trx,
        action.caseId,
        `handed to agency ${String(detail.agencyCode)} / 已委外催收`,
        { kinds: ['action', 'offer'], exceptKeys: freshKeys },
      );
    }
    if (action.kind === 'hold') {
      const until = String(detail.until);
      const reason = String(detail.reason);
      await caseStore.setHold(trx, action.caseId, until, reason);
      if (reason === 'promise') {
        const zone = zones.get(action.debtorId) as string;
        cancelled += await actionStore.cancelPendingForCase(
          trx,
          action.caseId,
          `promise to pay by ${until} / 已承诺于 ${until} 前还款`,
          {
            kinds: ['action', 'offer', 'escalation'],
            dueBefore: startOfDayIn(addDays(until, 1), zone),
            exceptKeys: freshKeys,
          },
        );
      }
    }
  }
  return cancelled;
};
