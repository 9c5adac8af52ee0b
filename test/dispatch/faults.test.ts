import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

import { Queue } from 'bullmq';

import { startLocalSmtp } from '../../plugins/collections/server/src/channels/local-smtp';
import { startLocalSmsc } from '../../plugins/collections/server/src/channels/sms/local-smsc';
import {
  seedReminderPortfolio,
  spawnWorker,
  statusCounts,
  waitFor,
  workerEnv,
} from '../support/dispatch-fixtures';
import { dpdLadderFlow } from '../support/paths';
import { bootTestApp, type TestApp } from '../support/strapi';

jest.setTimeout(240_000);

const DEBTORS = 80;

type Smtp = Awaited<ReturnType<typeof startLocalSmtp>>;
type Smsc = Awaited<ReturnType<typeof startLocalSmsc>>;

/** Messages each server received, by action: the email header, the SMS's invoice number. */
const receivedPerAction = async (app: TestApp, smtp: Smtp, smsc: Smsc) => {
  const rows = await app.strapi.db
    .connection('actions')
    .select('document_id', 'channel', 'dispatch_status', 'recipient');
  const perAction = new Map<string, number>();
  for (const row of rows) {
    const id = String(row.document_id);
    const email = smtp.received.filter((mail) => mail.messageId === `<${id}@huikuan>`).length;
    const phone = String(row.recipient ?? '').replace(/\D/g, '');
    const sms = smsc.messages.filter(
      (message) => row.channel === 'sms' && phone !== '' && message.destination.endsWith(phone),
    ).length;
    perAction.set(id, email + sms);
  }
  return { rows, perAction };
};

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const probe = net.createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });

const startRedis = async (port: number): Promise<ChildProcess> => {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  await waitFor(
    `redis on ${port}`,
    () =>
      new Promise((resolve) => {
        const socket = net.connect(port, '127.0.0.1', () => {
          socket.end();
          resolve(true);
        });
        socket.on('error', () => resolve(false));
      }),
    10_000,
  );
  return child;
};

describe('dispatch faults: every action reaches the debtor exactly once', () => {
  let app: TestApp;
  let smtp: Smtp;
  let smsc: Smsc;
  let workers: ChildProcess[] = [];

  const boot = async (extraEnv: Record<string, string> = {}, redisUrl?: string) => {
    smtp = await startLocalSmtp({
      dir: path.join('/tmp', `hk-smtp-${process.pid}-${Date.now()}`),
      acceptDelayMs: 40,
    });
    smsc = await startLocalSmsc({ systemId: 'huikuan', password: 'secret12', receiptDelayMs: 20 });
    Object.assign(process.env, {
      SMPP_URL: `smpp://huikuan:secret12@127.0.0.1:${smsc.port}`,
      HUIKUAN_CLAIM_STALE_MS: '3000',
      HUIKUAN_SWEEP_MS: '1000',
      HUIKUAN_DEBTOR_DAILY_CAP: '50',
      ...extraEnv,
    });
    app = await bootTestApp('postgres', { smtpUrl: smtp.url, flowFile: dpdLadderFlow, redisUrl });
    await seedReminderPortfolio(app.strapi, DEBTORS);
    // Plans and queues one reminder per debtor; no worker runs in this process.
    const report = await app.strapi
      .plugin('collections')
      .service('cycle')
      .run({ asOf: '2024-07-02', worker: false });
    expect(report.actions.planned).toBe(DEBTORS);
  };

  afterEach(async () => {
    for (const worker of workers) worker.kill('SIGKILL');
    workers = [];
    await app?.close();
    await smtp?.close();
    await smsc?.close();
    for (const key of [
      'SMPP_URL',
      'HUIKUAN_CLAIM_STALE_MS',
      'HUIKUAN_SWEEP_MS',
      'HUIKUAN_DEBTOR_DAILY_CAP',
      'REDIS_URL',
    ]) {
      delete process.env[key];
    }
  });

  const settled = async () => {
    const counts = await statusCounts(app.strapi);
    return (counts.planned ?? 0) + (counts.queued ?? 0) + (counts.sending ?? 0) === 0;
  };

  it('a worker killed mid-batch and restarted sends nothing twice and loses nothing', async () => {
    await boot();
    const first = spawnWorker(workerEnv({}));
    workers.push(first);
    await waitFor(
      'a third of the batch sent',
      async () => ((await statusCounts(app.strapi)).sent ?? 0) >= DEBTORS / 3,
      120_000,
    );
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));

    workers.push(spawnWorker(workerEnv({})));
    await waitFor('every action settled', settled, 150_000);

    const counts = await statusCounts(app.strapi);
    const { rows, perAction } = await receivedPerAction(app, smtp, smsc);
    // Nothing twice, ever.
    expect(Math.max(...perAction.values())).toBeLessThanOrEqual(1);
    for (const row of rows) {
      const received = perAction.get(String(row.document_id));
      // Sent means received exactly once; an unconfirmed one (the kill caught it on the wire) is in the dead letters.
      if (row.dispatch_status === 'sent') expect(received).toBe(1);
      else expect(row.dispatch_status).toBe('unconfirmed');
    }
    // Only what was on the wire when the worker died can be unconfirmed (4 per channel at most).
    expect(counts.unconfirmed ?? 0).toBeLessThanOrEqual(8);
    expect((counts.sent ?? 0) + (counts.unconfirmed ?? 0)).toBe(DEBTORS);
    const dead = await app.strapi.plugin('collections').service('deadLetters').list();
    expect(dead.meta.pagination.total).toBe(counts.unconfirmed ?? 0);
  });

  it('a Redis restart that loses every job still sends each action once', async () => {
    const port = await freePort();
    let redis = await startRedis(port);
    try {
      await boot({}, `redis://127.0.0.1:${port}`);
      // Lose the queue: the jobs were only in Redis, which keeps nothing on disk.
      redis.kill('SIGKILL');
      await new Promise((resolve) => redis.once('exit', resolve));
      redis = await startRedis(port);

      workers.push(spawnWorker(workerEnv({ REDIS_URL: `redis://127.0.0.1:${port}` })));
      await waitFor(
        'half sent',
        async () => ((await statusCounts(app.strapi)).sent ?? 0) >= DEBTORS / 2,
        120_000,
      );
      // And once more while the worker is sending.
      redis.kill('SIGKILL');
      await new Promise((resolve) => redis.once('exit', resolve));
      redis = await startRedis(port);
      await waitFor('every action settled', settled, 150_000);

      const { rows, perAction } = await receivedPerAction(app, smtp, smsc);
      for (const row of rows) {
        expect(row.dispatch_status).toBe('sent');
        expect(perAction.get(String(row.document_id))).toBe(1);
      }
    } finally {
      redis.kill('SIGKILL');
    }
  });

  it('the same job delivered twice sends once', async () => {
    await boot();
    const prefix = process.env.HUIKUAN_QUEUE_PREFIX as string;
    const rows = await app.strapi.db.connection('actions').select('id', 'document_id', 'channel');
    for (const channel of ['email', 'sms']) {
      const queue = new Queue(`actions-${channel}`, {
        connection: { host: '127.0.0.1', port: 6379 },
        prefix,
      });
      const mine = rows.filter((row: any) => row.channel === channel);
      await queue.addBulk(
        mine.map((row: any) => ({
          name: 'duplicate',
          data: { actionId: Number(row.id), documentId: String(row.document_id) },
          opts: { jobId: `duplicate-${row.document_id}` },
        })),
      );
      await queue.close();
    }
    workers.push(spawnWorker(workerEnv({})));
    await waitFor('every action settled', settled, 150_000);
    const { rows: after, perAction } = await receivedPerAction(app, smtp, smsc);
    for (const row of after) {
      expect(row.dispatch_status).toBe('sent');
      expect(perAction.get(String(row.document_id))).toBe(1);
    }
  });
});
