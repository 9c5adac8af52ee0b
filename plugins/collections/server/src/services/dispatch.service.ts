import { randomUUID } from 'node:crypto';

import type { Core } from '@strapi/strapi';
import { loadConfig } from '@huikuan/config';
import { Queue, Worker, type Job } from 'bullmq';
import IORedis from 'ioredis';

import { PermanentDispatchError } from '../channels/errors';
import { DocumentInputError } from '../channels/letter/schema';
import { createChannelRegistry } from '../channels/registry';
import { addDays, startOfDayIn } from '../domain/dates';
import { CHANNELS, type Channel } from '../domain/ledger';
import { TemplateRenderError } from '../domain/render';
import { ClaimLostError, createDelivery, type ProcessOutcome } from '../dispatch/deliver';
import { createReceiptRecorder } from '../dispatch/receipts';
import { createActionStore } from '../repositories/action-store';
import { logEvent } from '../utils/log';
import { redactUrl } from '../utils/redact';
import { TemplateMissingError } from './templates.service';

export type { ProcessOutcome };

/** Redis is down or unreachable: nothing was enqueued. */
export class QueueUnavailableError extends Error {
  override name = 'QueueUnavailableError';
}

/** Job data holds ids only: Redis keeps job data as plain text, so no debtor details go there. */
interface ActionJob {
  actionId: number;
  documentId: string;
}

/**
 * One try per job: retries live in the outbox (the action is due again after a backoff), so a
 * sweep and a queue can never run two retry chains for one action.
 */
const JOB_OPTIONS = {
  attempts: 1,
  removeOnComplete: { count: 1000 },
  removeOnFail: { count: 10000 },
};

/** Tries an action gets before a transient failure is final. */
const MAX_ATTEMPTS = 8;

/** Wait before try n + 1: 2 s, 4 s, 8 s … at most 10 minutes, ±25 % so retries spread. */
const backoffMs = (attempt: number): number =>
  Math.min(2000 * 2 ** (attempt - 1), 600_000) * (0.75 + Math.random() * 0.5);

const redisOptions = { maxRetriesPerRequest: null, enableOfflineQueue: true } as const;

const dispatchService = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = loadConfig();
  /** A claim older than this belongs to a dead worker and may be taken over. */
  const STALE_CLAIM_MS = config.dispatch.staleClaimMs;
  const actions = createActionStore(strapi);
  const channels = createChannelRegistry(config, (event, fields) =>
    logEvent(strapi, 'info', event, fields),
  );
  const { deliver, recover, settle } = createDelivery(strapi, config, actions, channels);
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
        `Redis is not reachable at ${redactUrl(config.redis.url)} (${(error as Error).message}): ` +
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

  const isPermanent = (error: unknown): boolean =>
    error instanceof PermanentDispatchError ||
    error instanceof DocumentInputError ||
    error instanceof TemplateRenderError ||
    error instanceof TemplateMissingError;

  /**
   * Sends one action at most once: claim it, render it from today's ledger,
   * deliver it, and record the outcome with its activity. `lastAttempt` turns
   * a transient failure into a final one.
   */
  const processAction = async (
    actionId: number,
    /** From a queue job: its action's document id, and only if the action is due. */
    job: { documentId?: string; onlyIfDue?: boolean } = {},
  ): Promise<ProcessOutcome> => {
    const action = await actions.findById(strapi.db.connection, actionId);
    // A job names its action twice: an id from another installation's queue matches neither.
    if (!action || (job.documentId !== undefined && job.documentId !== action.documentId)) {
      return 'missing';
    }
    // A redelivered or early job for an action deferred or retried later waits for its time.
    if (job.onlyIfDue && action.dueAt.getTime() > Date.now() + 1000) return 'skipped';
    const token = randomUUID();
    if (!(await actions.claim(strapi.db.connection, action.id, token, STALE_CLAIM_MS))) {
      return 'skipped';
    }

    try {
      if (action.status === 'sending' && action.provider !== null) {
        const recovered = await recover(action, token);
        if (recovered) return recovered;
      }
      return await deliver(action, token);
    } catch (error) {
      if (error instanceof ClaimLostError) return 'skipped';
      const message = redactUrl((error as Error).message);
      const attempt = action.attempts + 1;
      if (!isPermanent(error) && attempt < MAX_ATTEMPTS) {
        // The outbox keeps the retry: due again after a backoff, picked up by the next sweep.
        const dueAt = new Date(Date.now() + backoffMs(attempt));
        await actions.finish(strapi.db.connection, action.id, token, {
          dispatchStatus: 'planned',
          dueAt,
          claimToken: null,
          provider: null,
          lastError: message,
        });
        logEvent(strapi, 'warn', 'action.retry', {
          action: action.documentId,
          attempt,
          dueAt,
          error: message,
        });
        return 'retrying';
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
        attempts: attempt,
        error: message,
      });
      return 'failed';
    }
  };

  /** SMS delivery receipts (SMPP deliver_sm) update the action they belong to. */
  const receipts = createReceiptRecorder(strapi, actions);
  let receiptsHooked = false;
  const listenForReceipts = () => {
    if (receiptsHooked) return;
    receiptsHooked = true;
    channels.adapterFor('sms').onReceipt?.((receipt) => receipts.receive(receipt));
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
            return processAction(job.data.actionId, {
              documentId: job.data.documentId,
              onlyIfDue: true,
            });
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
      receipts.stop();
      await channels.close();
      connection?.disconnect();
      connection = null;
    },
  };
};

export default dispatchService;
