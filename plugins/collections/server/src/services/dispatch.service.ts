import { randomUUID } from 'node:crypto';

import type { Core } from '@strapi/strapi';
import { loadConfig } from '@huikuan/config';
import { Queue, Worker, type Job } from 'bullmq';
import IORedis from 'ioredis';
import type { Knex } from 'knex';

import { PermanentDispatchError } from '../channels/errors';
import { createChannelRegistry, type MessageChannel } from '../channels/registry';
import { addDays, startOfDayIn } from '../domain/dates';
import { CHANNELS, type Channel } from '../domain/ledger';
import { TemplateRenderError } from '../domain/render';
import { composeAction, outboundOf, type ComposedAction } from '../dispatch/compose';
import { letterOf, storeLetter } from '../dispatch/documents';
import { handOff } from '../dispatch/hand-off';
import { createActionStore, type StoredAction } from '../repositories/action-store';
import { createActivityStore } from '../repositories/activity-store';
import { createCaseStore } from '../repositories/case-store';
import { createPortfolioStore } from '../repositories/portfolio-store';
import { logEvent } from '../utils/log';
import { redactUrl } from '../utils/redact';
import { TemplateMissingError } from './templates.service';

export type ProcessOutcome =
  | 'sent'
  | 'task_open'
  | 'failed'
  | 'cancelled'
  | 'skipped'
  | 'missing'
  | 'deferred'
  | 'unconfirmed';

/** Redis is down or unreachable: nothing was enqueued. */
export class QueueUnavailableError extends Error {
  override name = 'QueueUnavailableError';
}

/** Job data holds ids only: Redis keeps job data as plain text, so no debtor details go there. */
interface ActionJob {
  actionId: number;
  documentId: string;
}

const JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential' as const, delay: 2000, jitter: 0.5 },
  removeOnComplete: { count: 1000 },
  removeOnFail: { count: 10000 },
};

const redisOptions = { maxRetriesPerRequest: null, enableOfflineQueue: true } as const;

const dispatchService = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = loadConfig();
  /** A claim older than this belongs to a dead worker and may be taken over. */
  const STALE_CLAIM_MS = config.dispatch.staleClaimMs;
  const actions = createActionStore(strapi);
  const activities = createActivityStore(strapi);
  const portfolio = createPortfolioStore(strapi);
  const caseStore = createCaseStore(strapi);
  const channels = createChannelRegistry(config, (event, fields) =>
    logEvent(strapi, 'info', event, fields),
  );
  const queues = new Map<Channel, Queue<ActionJob>>();
  let connection: IORedis | null = null;

  const redis = async (): Promise<IORedis> => {
    if (connection) return connection;
    const candidate = new IORedis(config.redis.url, {
      ...redisOptions,
      lazyConnect: true,
      connectTimeout: 3000,
    });
    candidate.on('error', () => undefined);
    try {
      await candidate.connect();
      await candidate.ping();
    } catch (error) {
      candidate.disconnect();
      throw new QueueUnavailableError(
        `Redis is not reachable at ${config.redis.url} (${(error as Error).message}): ` +
          'start redis-server or set REDIS_URL',
      );
    }
    connection = candidate;
    return candidate;
  };

  const queueFor = async (channel: Channel): Promise<Queue<ActionJob>> => {
    const existing = queues.get(channel);
    if (existing) return existing;
    const queue = new Queue<ActionJob>(`actions-${channel}`, {
      connection: await redis(),
      prefix: config.redis.queuePrefix,
      defaultJobOptions: JOB_OPTIONS,
    });
    queue.on('error', (error) =>
      logEvent(strapi, 'error', 'queue.error', { channel, error: error.message }),
    );
    queues.set(channel, queue);
    return queue;
  };

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

  /** When a debtor may next get a message, if the per-debtor cap is reached now. */
  const deferredUntil = async (action: StoredAction): Promise<Date | null> => {
    const windowMs = 24 * 3600 * 1000;
    const since = new Date(Date.now() - windowMs);
    const recent = await actions.sentToDebtorSince(strapi.db.connection, action.debtorId, since);
    const cap = config.dispatch.debtorDailyCap;
    if (recent.length < cap) return null;
    return new Date((recent[recent.length - cap] as Date).getTime() + windowMs + 1000);
  };

  /** An email or SMS through its provider, recorded with the provider's id. */
  const sendMessage = async (
    action: StoredAction,
    token: string,
    composed: ComposedAction,
    channel: MessageChannel,
  ): Promise<ProcessOutcome> => {
    if (!composed.recipient) {
      throw new PermanentDispatchError(
        `debtor ${composed.context.debtor.code} has no contact with ` +
          `${channel === 'email' ? 'an email address' : 'a phone number'} who may be contacted`,
        channel === 'email' ? 'no-email' : 'no-phone',
      );
    }
    const until = await deferredUntil(action);
    if (until) {
      await actions.finish(strapi.db.connection, action.id, token, {
        dispatchStatus: 'planned',
        claimToken: null,
        dueAt: until,
        lastError: `debtor cap of ${config.dispatch.debtorDailyCap} messages in 24 h reached`,
      });
      logEvent(strapi, 'info', 'action.deferred', { action: action.documentId, until });
      return 'deferred';
    }
    const adapter = channels.adapterFor(channel);
    const outbound = await outboundOf(action, composed);
    await actions.recordIntent(strapi.db.connection, action.id, token, adapter.provider);
    const delivery = await adapter.send(outbound);
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

  /** A letter: its PDF is stored with the action, and posting it is a task. */
  const writeLetter = async (action: StoredAction, token: string, composed: ComposedAction) => {
    if (!composed.context.debtor.address) {
      throw new PermanentDispatchError(
        `debtor ${composed.context.debtor.code} has no postal address for a letter`,
        'no-address',
      );
    }
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
      { outcome: 'task_created', summary: `letter to post: ${title} (${stored.path})` },
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
        const code = referral.kind === 'agency' ? String(action.detail?.agencyCode) : 'legal';
        await caseStore.freeze(trx, action.caseId, code, composed.context.asOf);
        await actions.cancelPendingForCase(
          trx,
          action.caseId,
          `handed to ${referral.handlerName} / 已移交${referral.kind === 'agency' ? '委外机构' : '法务'}`,
          { kinds: ['action', 'offer'] },
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
      return sendMessage(action, token, composed, action.channel);
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
    const reason =
      `a worker stopped while ${adapter.provider} was sending this; it cannot tell whether ` +
      'the message went: check with the debtor, then resend or confirm / 发送中断，无法确认是否已送达';
    await settle(action, token, { dispatchStatus: 'unconfirmed', lastError: reason }, null);
    logEvent(strapi, 'warn', 'action.unconfirmed', { action: action.documentId });
    return 'unconfirmed';
  };

  const isPermanent = (error: unknown): boolean =>
    error instanceof PermanentDispatchError ||
    error instanceof TemplateRenderError ||
    error instanceof TemplateMissingError;

  /**
   * Sends one action at most once: claim it, render it from today's ledger,
   * deliver it, and record the outcome with its activity. `lastAttempt` turns
   * a transient failure into a final one.
   */
  const processAction = async (actionId: number, lastAttempt = true): Promise<ProcessOutcome> => {
    const action = await actions.findById(strapi.db.connection, actionId);
    if (!action) return 'missing';
    const token = randomUUID();
    if (!(await actions.claim(strapi.db.connection, action.id, token, STALE_CLAIM_MS))) {
      const current = await actions.findById(strapi.db.connection, actionId);
      if (current?.status === 'sending')
        throw new Error(`action ${action.documentId} is being sent by another worker`);
      return 'skipped';
    }

    try {
      if (action.status === 'sending' && action.provider !== null) {
        const recovered = await recover(action, token);
        if (recovered) return recovered;
      }
      return await deliver(action, token);
    } catch (error) {
      const message = redactUrl((error as Error).message);
      if (!isPermanent(error) && !lastAttempt) {
        await actions.finish(strapi.db.connection, action.id, token, {
          dispatchStatus: 'queued',
          claimToken: null,
          provider: null,
          lastError: message,
        });
        logEvent(strapi, 'warn', 'action.retry', { action: action.documentId, error: message });
        throw error;
      }
      await settle(
        action,
        token,
        { dispatchStatus: 'failed', lastError: message },
        { outcome: 'failed', summary: message },
      );
      logEvent(strapi, 'warn', 'action.failed', {
        action: action.documentId,
        key: action.idempotencyKey,
        permanent: isPermanent(error),
        error: message,
      });
      return 'failed';
    }
  };

  /** SMS delivery receipts (SMPP deliver_sm) update the action they belong to. */
  let receiptsHooked = false;
  const listenForReceipts = () => {
    if (receiptsHooked) return;
    receiptsHooked = true;
    channels.adapterFor('sms').onReceipt?.((receipt) => {
      actions.recordReceipt(strapi.db.connection, receipt).then(
        (id) =>
          logEvent(strapi, id === null ? 'warn' : 'info', 'action.receipt', {
            actionId: id,
            providerMessageId: receipt.providerMessageId,
            state: receipt.state,
          }),
        (error: Error) =>
          logEvent(strapi, 'error', 'action.receipt_failed', { error: error.message }),
      );
    });
  };

  return {
    processAction,

    /** Fails fast with a one-line instruction when Redis cannot be reached. */
    async ensureQueue(): Promise<void> {
      await redis();
    },

    /** Puts every due, unfinished action on its channel's queue; returns their ids. */
    /**
     * Queues the actions that are due now. A run for a past day (a replay) passes its day:
     * then only what was due by the end of that day in each debtor's time zone goes, and the
     * later steps wait for the run of their own day.
     */
    async enqueueDue(
      now: Date = new Date(),
      day?: { asOf: string; zoneOf: (debtorId: number) => string },
    ): Promise<number[]> {
      const listed = await actions.listDue(strapi.db.connection, now, STALE_CLAIM_MS);
      const due = day
        ? listed.filter(
            (action) =>
              action.dueAt.getTime() <
              startOfDayIn(addDays(day.asOf, 1), day.zoneOf(action.debtorId)).getTime(),
          )
        : listed;
      if (due.length === 0) return [];
      for (const channel of CHANNELS) {
        const batch = due.filter((action) => action.channel === channel);
        if (batch.length === 0) continue;
        const queue = await queueFor(channel);
        await queue.addBulk(
          batch.map((action) => ({
            name: action.stepKey,
            data: { actionId: action.id, documentId: action.documentId },
            // One job per action and attempt: a job lost with Redis is added again, one still
            // waiting is not doubled, and a deferred or retried action gets a new one.
            opts: { jobId: `action-${action.documentId}-${action.attempts}` },
          })),
        );
      }
      await actions.markQueued(
        strapi.db.connection,
        due.map((action) => action.id),
      );
      logEvent(strapi, 'info', 'actions.enqueued', { count: due.length });
      return due.map((action) => action.id);
    },

    /**
     * Starts one BullMQ worker per channel in this process; email and SMS are rate-limited per
     * provider (across every worker sharing the queue), and SMS delivery receipts are recorded.
     */
    async startWorkers(options: { concurrency?: number } = {}) {
      const connections: IORedis[] = [];
      const limits: Partial<Record<Channel, number>> = {
        email: config.dispatch.emailPerSecond,
        sms: config.dispatch.smsPerSecond,
      };
      listenForReceipts();
      const workers = CHANNELS.map((channel) => {
        const workerConnection = new IORedis(config.redis.url, redisOptions);
        workerConnection.on('error', () => undefined);
        connections.push(workerConnection);
        const worker = new Worker<ActionJob>(
          `actions-${channel}`,
          async (job: Job<ActionJob>) => {
            const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
            return processAction(job.data.actionId, lastAttempt);
          },
          {
            connection: workerConnection,
            prefix: config.redis.queuePrefix,
            concurrency: options.concurrency ?? config.dispatch.concurrency,
            ...(limits[channel] ? { limiter: { max: limits[channel], duration: 1000 } } : {}),
          },
        );
        worker.on('error', (error) =>
          logEvent(strapi, 'error', 'worker.error', { channel, error: error.message }),
        );
        return worker;
      });
      await Promise.all(workers.map((worker) => worker.waitUntilReady()));
      return {
        async close(): Promise<void> {
          await Promise.all(workers.map((worker) => worker.close()));
          for (const workerConnection of connections) workerConnection.disconnect();
        },
      };
    },

    /** Waits until none of the actions due by now is still planned, queued or being sent. */
    async waitForSettled(ids: number[], timeoutMs: number): Promise<Record<string, number>> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const counts = await actions.statusCounts(strapi.db.connection, ids, new Date());
        const pending = (counts.planned ?? 0) + (counts.queued ?? 0) + (counts.sending ?? 0);
        if (pending === 0) return counts;
        if (Date.now() > deadline) {
          throw new Error(
            `${pending} action(s) were still pending after ${timeoutMs} ms: is a worker running?`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },

    async close(): Promise<void> {
      for (const queue of queues.values()) await queue.close();
      queues.clear();
      await channels.close();
      connection?.disconnect();
      connection = null;
    },
  };
};

export default dispatchService;
