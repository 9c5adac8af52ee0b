import fs from 'node:fs/promises';
import path from 'node:path';

import type { Core } from '@strapi/strapi';

import { createActivityStore } from '../repositories/activity-store';
import { createCaseStore } from '../repositories/case-store';
import { logEvent } from '../utils/log';
import { fromDbTime, modelTable } from '../utils/model';
import { getService } from '../utils/services';

const ACTION_UID = 'api::action.action';
const REFERRAL_UID = 'api::referral.referral';

/** What an operator asked of an action that is not in a state that allows it. */
export class DeadLetterError extends Error {
  override name = 'DeadLetterError';
}

/** Referral states in which the case is back with us. */
const REFERRAL_ENDED = ['recovered', 'returned', 'closed'];

/**
 * The dead letters: actions that failed for good (a permanent error, or transient errors
 * until the retries ran out) and actions a dead worker left `unconfirmed`. An operator
 * retries one (it is planned again and queued now) or, for an unconfirmed one, confirms it
 * went; both are recorded.
 */
const deadLettersService = ({ strapi }: { strapi: Core.Strapi }) => {
  const table = () => modelTable(strapi, ACTION_UID);

  const findAction = async (documentId: string) => {
    const actions = table();
    const row = await strapi.db
      .connection(actions.table)
      .where({ document_id: documentId })
      .first();
    if (!row) throw new DeadLetterError(`no action ${documentId} / 没有该催收动作`);
    return { row, status: String(row[actions.column('dispatchStatus')]) };
  };

  const linkedId = async (actionId: number, attribute: 'debtor' | 'collectionCase') => {
    const link = table().link(attribute);
    const row = await strapi.db
      .connection(link.table)
      .where(link.ownerColumn, actionId)
      .first(link.targetColumn);
    return Number(row?.[link.targetColumn]);
  };

  return {
    /** The document stored with an action (a letter's PDF, a hand-off's dossier). */
    async document(documentId: string) {
      const { row } = await findAction(documentId);
      const stored = row[table().column('documentPath')] as string | null;
      if (!stored)
        throw new DeadLetterError(`action ${documentId} has no document / 该动作没有文件`);
      const content = await fs.readFile(stored).catch(() => {
        throw new DeadLetterError(`the document of action ${documentId} is missing on disk`);
      });
      const pdf = stored.endsWith('.pdf');
      return {
        filename: path.basename(stored),
        contentType: pdf ? 'application/pdf' : 'application/json',
        content,
      };
    },

    async list(
      options: { page?: number; pageSize?: number; status?: 'failed' | 'unconfirmed' } = {},
    ) {
      const actions = table();
      const pageSize = Math.min(Math.max(options.pageSize ?? 50, 1), 500);
      const page = Math.max(options.page ?? 1, 1);
      const status = actions.column('dispatchStatus');
      const query = strapi.db
        .connection(actions.table)
        .whereIn(status, options.status ? [options.status] : ['failed', 'unconfirmed']);
      const total = Number((await query.clone().count({ n: '*' }))[0]?.n ?? 0);
      const rows = await query
        .orderBy('updated_at', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize);
      return {
        data: rows.map((row: Record<string, unknown>) => ({
          documentId: row.document_id,
          idempotencyKey: row[actions.column('idempotencyKey')],
          channel: row[actions.column('channel')],
          status: row[status],
          attempts: row[actions.column('attempts')],
          lastError: row[actions.column('lastError')],
          recipient: row[actions.column('recipient')],
          updatedAt: fromDbTime(row.updated_at)?.toISOString() ?? null,
        })),
        meta: { pagination: { page, pageSize, total } },
      };
    },

    /** Plans a failed or unconfirmed action again, due now, and queues it. */
    async retry(documentId: string, note: string | null) {
      const { row, status } = await findAction(documentId);
      if (!['failed', 'unconfirmed'].includes(status)) {
        throw new DeadLetterError(
          `action ${documentId} is ${status}: only a failed or unconfirmed action is retried / ` +
            '只有失败或未确认的动作可以重试',
        );
      }
      const actions = table();
      await strapi.db
        .connection(actions.table)
        .where({ id: row.id })
        .update({
          [actions.column('dispatchStatus')]: 'planned',
          [actions.column('dueAt')]: new Date(),
          [actions.column('claimToken')]: null,
          [actions.column('provider')]: null,
          [actions.column('providerMessageId')]: null,
          [actions.column('deliveryState')]: null,
          [actions.column('deliveredAt')]: null,
          [actions.column('lastError')]: `retried by an operator${note ? `: ${note}` : ''}`,
          updated_at: new Date(),
        });
      logEvent(strapi, 'info', 'dead_letter.retried', { action: documentId, was: status });
      const queued = await getService(strapi, 'dispatch').enqueueDue();
      return { documentId, status: 'planned', queued: queued.includes(Number(row.id)) };
    },

    /** An unconfirmed action that did reach the debtor (checked by a person) is marked sent. */
    async confirmSent(documentId: string, note: string) {
      const { row, status } = await findAction(documentId);
      if (status !== 'unconfirmed') {
        throw new DeadLetterError(
          `action ${documentId} is ${status}, not unconfirmed / 只有未确认的动作可以确认已发送`,
        );
      }
      const actions = table();
      const id = Number(row.id);
      // Read before the transaction: SQLite has one connection, which the transaction holds.
      const debtorId = await linkedId(id, 'debtor');
      const caseId = await linkedId(id, 'collectionCase');
      await strapi.db.connection.transaction(async (trx) => {
        await trx(actions.table)
          .where({ id })
          .update({
            [actions.column('dispatchStatus')]: 'sent',
            [actions.column('sentAt')]: new Date(),
            [actions.column('lastError')]: `confirmed sent by an operator: ${note}`,
            updated_at: new Date(),
          });
        await createActivityStore(strapi).record(trx, {
          activityKey: `${String(row[actions.column('idempotencyKey')])}:sent`,
          occurredAt: new Date(),
          channel: row[actions.column('channel')],
          outcome: 'sent',
          summary: `confirmed sent by an operator: ${note}`,
          debtorId,
          caseId,
          actionId: id,
        });
      });
      logEvent(strapi, 'info', 'dead_letter.confirmed', { action: documentId });
      return { documentId, status: 'sent' };
    },

    /**
     * A referral that ended (recovered, returned, closed) gives the case back: it is no
     * longer frozen, so the strategy plans internal steps again from the next run.
     */
    async releaseEndedReferral(documentId: string): Promise<boolean> {
      const referral = (await strapi
        .documents(REFERRAL_UID as never)
        .findOne({ documentId, populate: ['collectionCase'] } as never)) as unknown as {
        referralStatus: string;
        kind: 'legal_review' | 'agency';
        collectionCase?: { id: number } | null;
      } | null;
      if (!referral?.collectionCase || !REFERRAL_ENDED.includes(referral.referralStatus)) {
        return false;
      }
      await createCaseStore(strapi).endHandOff(
        strapi.db.connection,
        referral.collectionCase.id,
        referral.kind,
      );
      logEvent(strapi, 'info', 'referral.ended', {
        referral: documentId,
        status: referral.referralStatus,
        case: referral.collectionCase.id,
      });
      return true;
    },
  };
};

export default deadLettersService;
