import type { Core } from '@strapi/strapi';

import type { Channel } from '../domain/ledger';
import { modelTable, systemColumns, type Db } from '../utils/model';

export type ActivityOutcome =
  | 'sent'
  | 'failed'
  | 'task_created'
  | 'reached'
  | 'no_answer'
  | 'wrong_number'
  | 'promised'
  | 'refused'
  | 'disputed';

export interface NewActivity {
  activityKey: string;
  occurredAt: Date;
  channel: Channel;
  outcome: ActivityOutcome;
  /** Outbound unless given: the dispatcher's sends are; a debtor's answer is inbound. */
  direction?: 'outbound' | 'inbound';
  summary: string;
  promiseDate?: string | null;
  promiseAmountMinor?: number | null;
  promiseCurrency?: string | null;
  debtorId: number;
  caseId: number;
  actionId: number;
}

/** Every contact or attempt, written once per key (a retried write is a no-op). */
export const createActivityStore = (strapi: Core.Strapi) => {
  const record = async (db: Db, activity: NewActivity): Promise<boolean> => {
    const table = modelTable(strapi, 'api::activity.activity');
    const keyColumn = table.column('activityKey');
    const exists = await db(table.table).where(keyColumn, activity.activityKey).first('id');
    if (exists) return false;

    const [inserted] = await db(table.table)
      .insert({
        ...systemColumns(new Date()),
        [keyColumn]: activity.activityKey,
        [table.column('occurredAt')]: activity.occurredAt,
        [table.column('channel')]: activity.channel,
        [table.column('direction')]: activity.direction ?? 'outbound',
        [table.column('outcome')]: activity.outcome,
        [table.column('summary')]: activity.summary,
        [table.column('promiseDate')]: activity.promiseDate ?? null,
        [table.column('promiseAmount')]: activity.promiseAmountMinor ?? null,
        [table.column('promiseCurrency')]: activity.promiseCurrency ?? null,
      })
      .returning('id');
    const id = Number(typeof inserted === 'object' ? inserted.id : inserted);
    const links: Array<[string, number]> = [
      ['debtor', activity.debtorId],
      ['collectionCase', activity.caseId],
      ['action', activity.actionId],
    ];
    for (const [attribute, targetId] of links) {
      const link = table.link(attribute);
      await db(link.table).insert({
        [link.ownerColumn]: id,
        [link.targetColumn]: targetId,
        ...(link.orderColumn ? { [link.orderColumn]: 1 } : {}),
      });
    }
    return true;
  };

  return { record };
};
