import {
  startFaultWorld,
  statusCounts,
  waitFor,
  killAndWait,
  type FaultWorld,
} from '../support/dispatch-fixtures';

jest.setTimeout(240_000);

const DEBTORS = 80;

describe('a worker killed mid-batch', () => {
  let world: FaultWorld;

  beforeAll(async () => {
    world = await startFaultWorld(DEBTORS);
  }, 120_000);
  afterAll(async () => world?.close());

  it('sends nothing twice, loses nothing, and names what it cannot confirm', async () => {
    const { app } = world;
    expect(world.planned).toBe(DEBTORS);
    const first = world.startWorker();
    const third = async () => ((await statusCounts(app.strapi)).sent ?? 0) >= DEBTORS / 3;
    await waitFor('a third of the batch sent', third, 120_000);
    await killAndWait(first);

    world.startWorker();
    await waitFor('every action settled', () => world.settled(), 150_000);

    const counts = await statusCounts(app.strapi);
    const { rows, perAction } = await world.receivedPerAction();
    expect(Math.max(...perAction.values())).toBeLessThanOrEqual(1);
    for (const row of rows) {
      // Sent: received exactly once. Otherwise the kill caught it on the wire: unconfirmed.
      if (row.dispatch_status === 'sent') expect(perAction.get(String(row.document_id))).toBe(1);
      else expect(row.dispatch_status).toBe('unconfirmed');
    }
    // Only what was on the wire when the worker died: 4 jobs per channel at once.
    expect(counts.unconfirmed ?? 0).toBeLessThanOrEqual(8);
    expect((counts.sent ?? 0) + (counts.unconfirmed ?? 0)).toBe(DEBTORS);
    const dead = await app.strapi.plugin('collections').service('deadLetters').list();
    expect(dead.meta.pagination.total).toBe(counts.unconfirmed ?? 0);
  });
});
