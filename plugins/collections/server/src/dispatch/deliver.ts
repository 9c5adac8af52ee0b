import path from 'node:path';

import type { Core } from '@strapi/strapi';
import type { HuikuanConfig } from '@huikuan/config';
import type { Knex } from 'knex';
import { DateTime } from 'luxon';

import { PermanentDispatchError, UncertainDeliveryError } from '../channels/errors';
import type { ChannelRegistry, MessageChannel } from '../channels/registry';
import { addDays, startOfDayIn } from '../domain/dates';
import type { ActionStore, StoredAction } from '../repositories/action-store';
import { createActivityStore } from '../repositories/activity-store';
import { createCaseStore } from '../repositories/case-store';
import { createPortfolioStore } from '../repositories/portfolio-store';
import { logEvent } from '../utils/log';
import { composeAction, outboundOf, type ComposedAction } from './compose';
import { letterOf, storeLetter } from './documents';
import { handOff } from './hand-off';

/** What became of an action a worker took. */
export type ProcessOutcome =
  | 'sent'
  | 'task_open'
  | 'failed'
  | 'cancelled'
  | 'skipped'
  | 'missing'
  | 'deferred'
  | 'retrying'
  | 'unconfirmed';

/**
 * Delivering one claimed action by its channel: a message through its provider, a letter's
 * PDF, a referral, a collector's task; and recovering a claim a dead worker left mid-send.
 * Every outcome is recorded with its activity in one transaction, only by the claim holder.
 */
/** The first key of the advisory lock a debtor's daily cap takes on PostgreSQL ('HKcp'). */
const DEBTOR_LOCK = 0x484b6370;

/** The claim went to another worker (this one was too slow): it sends nothing. */
export class ClaimLostError extends Error {
  override name = 'ClaimLostError';
}

export const createDelivery = (
  strapi: Core.Strapi,
  config: HuikuanConfig,
  actions: ActionStore,
  channels: ChannelRegistry,
) => {
  const activities = createActivityStore(strapi);
  const portfolio = createPortfolioStore(strapi);
  const caseStore = createCaseStore(strapi);

  /** Stores an outcome and its activity together, only while this worker holds the claim. */
  const settle = async (
    action: StoredAction,
    token: string,
    fields: Record<string, unknown>,
    activity: { outcome: 'sent' | 'failed' | 'task_created'; summary: string } | null,
    alsoInTransaction?: (trx: Knex.Transaction) => Promise<void>,
  ): Promise<boolean> =>
    strapi.db.connection.transaction(async (trx) => {
      const owned = await actions.finish(trx, action.id, token, { ...fields, claimToken: null });
      if (!owned) return false;
      if (activity) {
        await activities.record(trx, {
          activityKey: `${action.idempotencyKey}:${activity.outcome}`,
          occurredAt: new Date(),
          channel: action.channel,
          outcome: activity.outcome,
          summary: activity.summary,
          debtorId: action.debtorId,
          caseId: action.caseId,
          actionId: action.id,
        });
      }
      await alsoInTransaction?.(trx);
      return true;
    });

  /**
   * The per-debtor cap: at most HUIKUAN_DEBTOR_DAILY_CAP emails and SMS on one day in the
   * debtor's time zone (the action's due day, so a replay of past days counts as they were).
   * The count and this action's mark that it is about to be sent are one transaction, locked
   * per debtor on PostgreSQL, so concurrent jobs for one debtor cannot pass the cap. Returns
   * null when the action may go now (and is marked), else the time it is due instead.
   */
  const reserve = async (
    action: StoredAction,
    token: string,
    zone: string,
    provider: string,
  ): Promise<Date | null> => {
    const day = DateTime.fromJSDate(action.dueAt).setZone(zone).toISODate() as string;
    const start = startOfDayIn(day, zone);
    const end = startOfDayIn(addDays(day, 1), zone);
    return strapi.db.connection.transaction(async (trx) => {
      if (config.database.client === 'postgres') {
        await trx.raw('SELECT pg_advisory_xact_lock(?, ?)', [DEBTOR_LOCK, action.debtorId]);
      }
      const taken = await actions.messagesToDebtorBetween(trx, action.debtorId, {
        from: start,
        to: end,
        exceptId: action.id,
      });
      if (taken >= config.dispatch.debtorDailyCap) {
        return new Date(action.dueAt.getTime() + (end.getTime() - start.getTime()));
      }
      if (!(await actions.recordIntent(trx, action.id, token, provider))) {
        throw new ClaimLostError(`action ${action.documentId} was taken over by another worker`);
      }
      return null;
    });
  };

  /** An email or SMS through its provider, recorded with the provider's id. */
  const sendMessage = async (
    action: StoredAction,
    token: string,
    composed: ComposedAction,
    channel: MessageChannel,
    zone: string,
  ): Promise<ProcessOutcome> => {
    if (!composed.recipient) {
      throw new PermanentDispatchError(
        `debtor ${composed.context.debtor.code} has no contact with ` +
          `${channel === 'email' ? 'an email address' : 'a phone number'} who may be contacted`,
        channel === 'email' ? 'no-email' : 'no-phone',
      );
    }
    const adapter = channels.adapterFor(channel);
    const outbound = await outboundOf(action, composed);
    const until = await reserve(action, token, zone, adapter.provider);
    if (until) {
      await actions.finish(strapi.db.connection, action.id, token, {
        dispatchStatus: 'planned',
        claimToken: null,
        dueAt: until,
        lastError: `debtor cap of ${config.dispatch.debtorDailyCap} messages a day reached / 已达每日联系上限`,
      });
      logEvent(strapi, 'info', 'action.deferred', { action: action.documentId, until });
      return 'deferred';
    }
    let delivery;
    try {
      delivery = await adapter.send(outbound);
    } catch (error) {
      if (!(error instanceof UncertainDeliveryError)) throw error;
      return markUnconfirmed(
        action,
        token,
        adapter.provider,
        error.message,
        renderedFields(composed),
      );
    }
    await settle(
      action,
      token,
      {
        ...renderedFields(composed),
        dispatchStatus: 'sent',
        provider: adapter.provider,
        providerMessageId: delivery.providerMessageId,
        parts: delivery.parts,
        sentAt: new Date(),
      },
      {
        outcome: 'sent',
        summary: `${channel} to ${composed.recipient}: ${composed.message.subject ?? action.templateCode}`,
      },
    );
    logEvent(strapi, 'info', 'action.sent', {
      action: action.documentId,
      key: action.idempotencyKey,
      channel,
      provider: adapter.provider,
      parts: delivery.parts,
      alreadyDelivered: delivery.alreadyDelivered,
    });
    return 'sent';
  };

  const renderedFields = (composed: ComposedAction) => ({
    renderedSubject: composed.message.subject,
    renderedBody: composed.message.body,
    recipient: composed.recipient,
    contactDetail: JSON.stringify(composed.contactDetail),
  });

  /**
   * A letter: its PDF is stored with the action, and posting it is a task. Without an address
   * on file the letter says so where the address goes, and the task asks for it.
   */
  const writeLetter = async (action: StoredAction, token: string, composed: ComposedAction) => {
    const title =
      composed.message.subject ?? (composed.context.locale === 'en' ? 'Payment demand' : '催款函');
    const stored = await storeLetter(
      action.documentId,
      letterOf(composed.context, action.documentId, title, composed.message.body),
    );
    await settle(
      action,
      token,
      {
        ...renderedFields(composed),
        dispatchStatus: 'task_open',
        documentPath: stored.path,
        documentSha256: stored.sha256,
        sentAt: new Date(),
      },
      {
        outcome: 'task_created',
        summary: composed.context.debtor.address
          ? `letter to post: ${title} (${path.basename(stored.path)})`
          : `letter to post once the address is found (none on file): ${title} (${path.basename(stored.path)})`,
      },
    );
    return 'task_open' as const;
  };

  /** Legal review or an agency: a referral with its dossier; internal steps stop. */
  const handOver = async (action: StoredAction, token: string, composed: ComposedAction) => {
    const referral = await handOff(strapi, action, composed.context);
    await settle(
      action,
      token,
      {
        ...renderedFields(composed),
        dispatchStatus: 'sent',
        provider: 'referral',
        providerMessageId: referral.referralId,
        documentPath: referral.dossierPath,
        sentAt: new Date(),
      },
      {
        outcome: 'sent',
        summary: `handed to ${referral.handlerName} (referral ${referral.referralId})`,
      },
      async (trx) => {
        if (referral.kind === 'agency') {
          const code = String(action.detail?.agencyCode);
          await caseStore.freeze(trx, action.caseId, code, composed.context.asOf);
        } else {
          await caseStore.startLegalReview(trx, action.caseId, composed.context.asOf);
        }
        await actions.cancelPendingForCase(
          trx,
          action.caseId,
          `handed to ${referral.handlerName} / 已移交${referral.kind === 'agency' ? '委外机构' : '法务'}`,
          // Open calls, visits and letters not yet posted are withdrawn too.
          { kinds: ['action', 'offer'], openTasks: true },
        );
      },
    );
    logEvent(strapi, 'info', 'case.handed_off', {
      action: action.documentId,
      referral: referral.referralId,
      kind: referral.kind,
      created: referral.created,
    });
    return 'sent' as const;
  };

  /** A call, a visit or a write-off proposal: a task with its script and the contact. */
  const openTask = async (action: StoredAction, token: string, composed: ComposedAction) => {
    await settle(
      action,
      token,
      { ...renderedFields(composed), dispatchStatus: 'task_open', sentAt: new Date() },
      {
        outcome: 'task_created',
        summary: `${action.channel} task: ${composed.message.subject ?? action.templateCode}`,
      },
    );
    return 'task_open' as const;
  };

  const deliver = async (action: StoredAction, token: string): Promise<ProcessOutcome> => {
    const debtor = (await portfolio.loadDebtors(strapi.db.connection, [action.debtorId])).get(
      action.debtorId,
    );
    if (!debtor) {
      throw new PermanentDispatchError(
        `debtor id ${action.debtorId} no longer exists`,
        'no-debtor',
      );
    }

    // A closed case (paid since planning) or nothing overdue on the send day: send nothing.
    const composed =
      action.caseStatus === 'open' ? await composeAction(strapi, config, action, debtor) : null;
    if (!composed) {
      const reason = 'nothing is overdue any more / 已无逾期款项';
      await settle(action, token, { dispatchStatus: 'cancelled', lastError: reason }, null);
      return 'cancelled';
    }
    if (action.channel === 'email' || action.channel === 'sms') {
      const zone = debtor.timeZone ?? config.defaultTimeZone;
      return sendMessage(action, token, composed, action.channel, zone);
    }
    if (action.channel === 'letter') return writeLetter(action, token, composed);
    if (action.channel === 'legal' || action.channel === 'agency') {
      return handOver(action, token, composed);
    }
    return openTask(action, token, composed);
  };

  /**
   * A claim taken over from a worker that died after it had called its provider: ask the
   * provider whether the message went. Sent → record it; not sent → send; the provider
   * cannot tell → `unconfirmed`, for a person to check in the dead letters (never resent
   * blindly, so a debtor never gets the same demand twice).
   */
  const recover = async (action: StoredAction, token: string): Promise<ProcessOutcome | null> => {
    if (action.channel !== 'email' && action.channel !== 'sms') return null;
    const adapter = channels.adapterFor(action.channel);
    const found = adapter.lookup ? await adapter.lookup(action.documentId) : 'unknown';
    if (found === null) return null;
    if (found !== 'unknown') {
      await settle(
        action,
        token,
        {
          dispatchStatus: 'sent',
          providerMessageId: found.providerMessageId,
          parts: found.parts,
          sentAt: new Date(),
        },
        { outcome: 'sent', summary: `${action.channel}: found delivered by ${adapter.provider}` },
      );
      return 'sent';
    }
    return markUnconfirmed(
      action,
      token,
      adapter.provider,
      `a worker stopped while ${adapter.provider} was sending this`,
    );
  };

  /**
   * The provider may have the message and cannot say: the action is not sent again blindly but
   * kept for a person (the dead letters), with what it said and to whom.
   */
  const markUnconfirmed = async (
    action: StoredAction,
    token: string,
    provider: string,
    why: string,
    fields: Record<string, unknown> = {},
  ): Promise<ProcessOutcome> => {
    const reason =
      `${why}; ${provider} cannot tell whether the message went: check with the debtor, then ` +
      'resend or confirm / 无法确认是否已送达，请核实后重发或确认';
    await settle(
      action,
      token,
      { ...fields, dispatchStatus: 'unconfirmed', lastError: reason },
      null,
    );
    logEvent(strapi, 'warn', 'action.unconfirmed', { action: action.documentId, provider });
    return 'unconfirmed';
  };

  return { deliver, recover, settle };
};
