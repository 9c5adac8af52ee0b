import { Queue } from 'bullmq';

import { startFaultWorld, waitFor, type FaultWorld } from '../support/dispatch-fixtures';
import { REDIS_URL } from '../support/strapi';

jest.setTimeout(240_000);

describe('the same job delivered twice', () => {
  let world: FaultWorld;

  beforeAll(async () => {
    world = await startFaultWorld(40);
  }, 120_000);
  afterAll(async () => world?.close());

  it('sends once', async () => {
    const prefix = process.env.HUIKUAN_QUEUE_PREFIX as string;
    const rows = await world.app.strapi.db
      .connection('actions')
      .select('id', 'document_id', 'channel');
    // A second job for every action, as a redelivery or a second enqueue would make.
    for (const channel of ['email', 'sms']) {
      const url = new URL(REDIS_URL);
      const queue = new Queue(`actions-${channel}`, {
        connection: { host: url.hostname, port: Number(url.port) },
        prefix,
      });
      const mine = rows.filter((row: { channel: string }) => row.channel === channel);
      await queue.addBulk(
        mine.map((row: { id: number; document_id: string }) => ({
          name: 'duplicate',
          data: { actionId: Number(row.id), documentId: String(row.document_id) },
          opts: { jobId: `duplicate-${row.document_id}` },
        })),
      );
      await queue.close();
    }
    world.startWorker();
    await waitFor('every action settled', () => world.settled(), 150_000);

    const { rows: after, perAction } = await world.receivedPerAction();
    for (const row of after) {
      expect(row.dispatch_status).toBe('sent');
      expect(perAction.get(String(row.document_id))).toBe(1);
    }
  });
});
