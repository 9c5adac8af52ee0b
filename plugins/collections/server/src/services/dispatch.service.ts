import { randomUUID } from 'node:crypto';

import type { Core } from '@strapi/strapi';
import { loadConfig } from '@huikuan/config';
import { Queue, Worker, type Job } from 'bullmq';
import IORedis from 'ioredis';
import { DateTime } from 'luxon';

import { PermanentDispatchError } from '../channels/errors';
import { createEmailChannel, type EmailChannel } from '../channels/email';
import { addDays, daysBetween, startOfDayIn, todayIn } from '../domain/dates';
import type { OfferTerms } from '@huikuan/flows';

import {
  buildMessageContext,
  type MessageAgency,
  type MessageOffer,
} from '../domain/message-context';
import { CHANNELS, type Channel } from '../domain/ledger';
import { positionsAsOf } from '../domain/positions';
import { renderMessage, TemplateRenderError } from '../domain/render';
import { createActionStore, type StoredAction } from '../repositories/action-store';
import { createActivityStore } from '../repositories/activity-store';
import { createPortfolioStore, type StoredDebtor } from '../repositories/portfolio-store';
import { logEvent } from '../utils/log';
import { getService } from '../utils/services';
import { TemplateMissingError } from './templates.service';

export type ProcessOutcome = 'sent' | 'task_open' | 'failed' | 'cancelled' | 'skipped' | 'missing';

/** Redis is down or unreachable: nothing was enqueued. */
export class QueueUnavailableError extends Error {
  override name = 'QueueUnavailableError';
}

/** Job data holds ids only: Redis keeps job data as plain text, so no debtor details go there. */
interface ActionJob {
  actionId: number;
  documentId: string;
}

/** An action planned at most this many days ago is live: it is sent from today's ledger. */
const LIVE_WINDOW_DAYS = 7;

/** A claim older than this belongs to a dead worker and may be taken over. */
const STALE_CLAIM_MS = 60_000;

const JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential' as const, delay: 2000, jitter: 0.5 },
  removeOnComplete: { count: 1000 },
  removeOnFail: { count: 10000 },
};

const redisOptions = { maxRetriesPerRequest: null, enableOfflineQueue: true } as const;

const dispatchService = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = loadConfig();
  const actions = createActionStore(strapi);
  const activities = createActivityStore(strapi);
  const portfolio = createPortfolioStore(strapi);
  const queues = new Map<Channel, Queue<ActionJob>>();
  let connection: IORedis | null = null;
  let email: EmailChannel | null = null;

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

  const recipientFor = (action: StoredAction, debtor: StoredDebtor): string | null => {
    const reachable = debtor.contacts.filter((contact) => contact.consent && !contact.doNotContact);
    if (action.channel === 'email')
      return reachable.find((contact) => contact.email)?.email ?? null;
    if (action.channel === 'sms' || action.channel === 'phone') {
      return reachable.find((contact) => contact.phone)?.phone ?? null;
    }
    return reachable[0]?.name ?? null;
  };

  /**
   * The day whose ledger the message states: the action's own day, its due
   * day, the latest day a run saw its case, and, for a live action (planned
   * within the last LIVE_WINDOW_DAYS), today: a payment recorded since
   * planning is never asked for again. A replay of old days keeps to its own
   * dates, since later payments were not known then.
   */
  const sendDate = (action: StoredAction, debtor: StoredDebtor): string => {
    const zone = debtor.timeZone ?? config.defaultTimeZone;
    const due = DateTime.fromJSDate(action.dueAt).setZone(zone).toISODate() as string;
    const today = todayIn(zone);
    const live = daysBetween(action.asOf, today) <= LIVE_WINDOW_DAYS;
    return [action.asOf, due, action.caseLastAsOf ?? action.asOf, live ? today : action.asOf]
      .sort()
      .at(-1) as string;
  };

  const render = async (action: StoredAction, debtor: StoredDebtor) => {
    const asOf = sendDate(action, debtor);
    const invoices = await portfolio.loadInvoices(strapi.db.connection, [debtor.id]);
    const reductions = await portfolio.loadReductions(
      strapi.db.connection,
      invoices.map((invoice) => invoice.id),
    );
    const context = buildMessageContext({
      asOf,
      language: debtor.language ?? 'zh-CN',
      creditor: config.creditor,
      debtor: { code: debtor.code, name: debtor.name },
      positions: positionsAsOf(invoices, reductions, () => asOf),
      offer: offerOf(action),
      agency: await agencyOf(action),
    });
    if (!context) return null;
    const template = await getService(strapi, 'templates').find(
      action.templateCode,
      action.channel,
      debtor.language ?? 'zh-CN',
    );
    return { context, template, message: renderMessage(template, context) };
  };

  /** The terms an offer step proposes, as the template shows them. */
  const offerOf = (action: StoredAction): MessageOffer | null => {
    const terms = action.detail?.offer as OfferTerms | undefined;
    if (!terms) return null;
    const last = terms.instalments[terms.instalments.length - 1];
    return {
      type: terms.type,
      currency: terms.currency,
      downPaymentMinor: terms.downPaymentMinor,
      instalments: terms.instalments,
      instalmentCount: terms.instalments.length,
      lastDueOn: last?.dueOn ?? action.asOf,
    };
  };

  /** The agency an agency hand-off goes to, from the agency list (it must still be there). */
  const agencyOf = async (action: StoredAction): Promise<MessageAgency | null> => {
    const code = action.detail?.agencyCode;
    if (typeof code !== 'string' || code === '') return null;
    const found = (await strapi
      .documents('api::agency.agency')
      .findFirst({ filters: { code } } as never)) as unknown as Record<string, unknown> | null;
    if (!found) {
      throw new PermanentDispatchError(
        `agency '${code}' is no longer in the agency list`,
        'no-agency',
      );
    }
    const text = (value: unknown) => (typeof value === 'string' ? value : '');
    return {
      code,
      name: text(found.name),
      contactName: text(found.contactName),
      phone: text(found.phone),
      email: text(found.email),
    };
  };

  /** Stores an outcome and its activity together, only while this worker holds the claim. */
  const settle = async (
    action: StoredAction,
    token: string,
    fields: Record<string, unknown>,
    activity: { outcome: 'sent' | 'failed' | 'task_created'; summary: string } | null,
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
      return true;
    });

  const deliver = async (action: StoredAction, token: string): Promise<ProcessOutcome> => {
    const debtor = (await portfolio.loadDebtors(strapi.db.connection, [action.debtorId])).get(
      action.debtorId,
    );
    if (!debtor)
      throw new PermanentDispatchError(
        `debtor id ${action.debtorId} no longer exists`,
        'no-debtor',
      );

    // A closed case (paid since planning) or nothing overdue on the send day: send nothing.
    const rendered = action.caseStatus === 'open' ? await render(action, debtor) : null;
    if (!rendered) {
      const reason = 'nothing is overdue any more / 已无逾期款项';
      await settle(action, token, { dispatchStatus: 'cancelled', lastError: reason }, null);
      return 'cancelled';
    }
    const recipient = recipientFor(action, debtor);
    const renderedFields = {
      renderedSubject: rendered.message.subject,
      renderedBody: rendered.message.body,
      recipient,
    };

    if (action.channel !== 'email') {
      await settle(
        action,
        token,
        { ...renderedFields, dispatchStatus: 'task_open', sentAt: new Date() },
        {
          outcome: 'task_created',
          summary: `${action.channel} task: ${rendered.message.subject ?? action.templateCode}`,
        },
      );
      return 'task_open';
    }

    if (!recipient) {
      throw new PermanentDispatchError(
        `debtor ${debtor.code} has no contact with an email address who may be contacted`,
        'no-email',
      );
    }
    email ??= createEmailChannel({
      smtpUrl: config.mail.smtpUrl,
      outboxDir: config.mail.outboxDir,
    });
    const delivery = await email.send({
      messageId: `<${action.documentId}@huikuan>`,
      outboxName: action.documentId,
      from: config.mail.from,
      to: recipient,
      subject: rendered.message.subject ?? action.templateCode,
      text: rendered.message.body,
    });
    await settle(
      action,
      token,
      {
        ...renderedFields,
        dispatchStatus: 'sent',
        providerMessageId: delivery.providerMessageId,
        sentAt: new Date(),
      },
      { outcome: 'sent', summary: `email to ${recipient}: ${rendered.message.subject ?? ''}` },
    );
    logEvent(strapi, 'info', 'action.sent', {
      action: action.documentId,
      key: action.idempotencyKey,
      channel: action.channel,
      via: delivery.via,
      alreadyDelivered: delivery.alreadyDelivered,
    });
    return 'sent';
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
      return await deliver(action, token);
    } catch (error) {
      const message = (error as Error).message;
      if (!isPermanent(error) && !lastAttempt) {
        await actions.finish(strapi.db.connection, action.id, token, {
          dispatchStatus: 'queued',
          claimToken: null,
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
        error: message,
      });
      return 'failed';
    }
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
            opts: { jobId: `action-${action.documentId}` },
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

    /** Starts one BullMQ worker per channel in this process. */
    async startWorkers(options: { concurrency?: number } = {}) {
      const connections: IORedis[] = [];
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
            concurrency: options.concurrency ?? 4,
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

    /** Waits until none of the actions is still planned, queued or being sent. */
    async waitForSettled(ids: number[], timeoutMs: number): Promise<Record<string, number>> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const counts = await actions.statusCounts(strapi.db.connection, ids);
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
      email?.close();
      email = null;
      connection?.disconnect();
      connection = null;
    },
  };
};

export default dispatchService;
