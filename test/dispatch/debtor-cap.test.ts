import { createActionStore } from '../../plugins/collections/server/src/repositories/action-store';
import { modelTable } from '../../plugins/collections/server/src/utils/model';
import { uniformPortfolio } from '../../cms/src/demo/uniform-portfolio';
import { dpdLadderFlow } from '../support/paths';
import { bootTestApp, type TestApp } from '../support/strapi';

jest.setTimeout(120_000);

const DAY_MS = 86_400_000;

describe('the per-debtor daily cap', () => {
  let app: TestApp;

  beforeAll(async () => {
    process.env.HUIKUAN_DEBTOR_DAILY_CAP = '1';
    app = await bootTestApp('sqlite', { flowFile: dpdLadderFlow });
    const collections = (name: string) => app.strapi.plugin('collections').service(name);
    await collections('ledger').writeBatch(uniformPortfolio(1, 'Q'));
    await collections('cycle').run({ asOf: '2024-07-02', worker: false });
  });

  afterAll(async () => {
    delete process.env.HUIKUAN_DEBTOR_DAILY_CAP;
    await app?.close();
  });

  it('sends one message a day and moves the next to the same time the day after', async () => {
    const db = app.strapi.db.connection;
    const [first] = await db('actions').select('*');
    const links = modelTable(app.strapi, 'api::action.action');
    const caseLink = links.link('collectionCase');
    const debtorLink = links.link('debtor');
    const caseId = (await db(caseLink.table).first())[caseLink.targetColumn];
    const debtorId = (await db(debtorLink.table).first())[debtorLink.targetColumn];
    // A second reminder due the same minute, as a second strategy step would plan it.
    await createActionStore(app.strapi).planMany(db, [
      {
        idempotencyKey: `${first.idempotency_key}:again`,
        kind: 'action',
        stepKey: 'reminder-again',
        round: 0,
        channel: 'email',
        templateCode: 'reminder',
        asOf: '2024-07-02',
        dueAt: new Date(first.due_at),
        flowVersion: first.flow_version,
        strategyVersion: first.strategy_version,
        flowNodeId: first.flow_node_id,
        branches: [],
        detail: null,
        caseId,
        debtorId,
      },
    ]);
    const second = await db('actions').where('step_key', 'reminder-again').first();
    const dispatch = app.strapi.plugin('collections').service('dispatch');

    expect(await dispatch.processAction(first.id)).toBe('sent');
    expect(await dispatch.processAction(second.id)).toBe('deferred');
    const deferred = await db('actions').where('id', second.id).first();
    expect(deferred.dispatch_status).toBe('planned');
    expect(Number(new Date(deferred.due_at)) - Number(new Date(first.due_at))).toBe(DAY_MS);
    expect(deferred.last_error).toMatch(/cap of 1 messages a day/);
    // Nothing went out for it. A queue job for it is refused while it is not due, and a job
    // naming another document (another installation's queue) is refused always.
    expect(deferred.sent_at).toBeNull();
    const tomorrow = new Date(Date.now() + DAY_MS);
    await db('actions').where('id', second.id).update({ due_at: tomorrow });
    expect(await dispatch.processAction(second.id, { onlyIfDue: true })).toBe('skipped');
    expect(await dispatch.processAction(second.id, { documentId: 'someone-else' })).toBe('missing');
    await db('actions')
      .where('id', second.id)
      .update({ due_at: new Date(Number(new Date(first.due_at)) + DAY_MS) });
    expect(await dispatch.processAction(second.id)).toBe('sent');
  });
});
