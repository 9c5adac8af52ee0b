import request from 'supertest';

import { bootTestApp, type TestApp } from '../support/strapi';

const DAY = 86_400_000;
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const shift = (days: number) =>
  new Date(Date.parse(`${today}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** A debtor 10 days past due whose contact prefers to be called. */
const ledger = {
  debtors: [{ code: 'TK01', name: '嘉兴华茂纺织有限公司', timeZone: 'Asia/Shanghai' }],
  contacts: [{ debtorCode: 'TK01', name: '沈磊', phone: '13900000001', preferredChannel: 'phone' }],
  contracts: [],
  invoices: [
    {
      number: 'FP-TK-1',
      debtorCode: 'TK01',
      issueDate: shift(-40),
      dueDate: shift(-10),
      amountMinor: 1_500_000,
      currency: 'CNY',
      disputed: false,
    },
  ],
  payments: [],
  creditNotes: [],
  shipments: [],
};

describe("a collector records a task's outcome", () => {
  let app: TestApp;
  let token: string;
  let task: { id: number; document_id: string };
  const db = () => app.strapi.db.connection;
  const post = (documentId: string, body: object) =>
    request(app.strapi.server.httpServer)
      .post(`/api/collections/actions/${documentId}/outcome`)
      .set('Authorization', `Bearer ${token}`)
      .send(body);

  beforeAll(async () => {
    app = await bootTestApp('sqlite');
    await app.strapi.server.mount();
    ({ accessKey: token } = await app.strapi.service('admin::api-token').create({
      name: 'task outcome test',
      type: 'full-access',
      lifespan: null,
    }));
    const service = (name: string) => app.strapi.plugin('collections').service(name);
    await service('ledger').writeBatch(ledger);
    await service('cycle').run({ worker: false });
    const due = await db()('actions')
      .whereIn('channel', ['phone', 'letter', 'visit'])
      .whereIn('dispatch_status', ['planned', 'queued'])
      .where('due_at', '<=', Date.now())
      .first();
    expect(due).toBeDefined();
    // The worker's own path turns it into an open task on the collector's list.
    expect(await service('dispatch').processAction(Number(due.id))).toBe('task_open');
    task = due;
  }, 180_000);

  afterAll(async () => {
    await app?.close();
  });

  it('refuses an outcome that is missing what it needs, naming the field', async () => {
    const noDate = await post(task.document_id, { outcome: 'promised' });
    expect(noDate.status).toBe(400);
    expect(noDate.body.error.details.errors).toEqual([
      expect.objectContaining({ path: 'promiseDate' }),
      expect.objectContaining({ path: 'promiseAmountMinor' }),
    ]);
    const impossible = await post(task.document_id, {
      outcome: 'promised',
      promiseDate: '2027-02-30',
      promiseAmountMinor: 100,
    });
    expect(impossible.body.error.details.errors).toEqual([
      expect.objectContaining({
        path: 'promiseDate',
        message: expect.stringMatching(/not a real/),
      }),
    ]);
    const noReason = await post(task.document_id, { outcome: 'disputed' });
    expect(noReason.body.error.details.errors).toEqual([expect.objectContaining({ path: 'note' })]);
    const unknown = await post(task.document_id, { outcome: 'maybe', extra: 1 });
    expect(unknown.status).toBe(400);
    const before = await post(task.document_id, {
      outcome: 'promised',
      promiseDate: shift(-3),
      promiseAmountMinor: 100_000,
    });
    expect(before.body.error.details.errors).toEqual([
      expect.objectContaining({ path: 'promiseDate', message: expect.stringMatching(/before/) }),
    ]);
    const epoch = await post(task.document_id, {
      outcome: 'reached',
      occurredAt: '1970-01-01T08:00:00+08:00',
    });
    expect(epoch.status).toBe(400);
    expect(epoch.body.error.details.errors).toEqual([
      expect.objectContaining({ path: 'occurredAt', message: expect.stringMatching(/366 days/) }),
    ]);
    expect(await db()('activities').where({ direction: 'inbound' })).toHaveLength(0);
  });

  // A known action that is not an open task answers 400: see the completed task below.
  it('answers 404 for an action that does not exist', async () => {
    const response = await post('no-such-action', { outcome: 'reached' });
    expect(response.status).toBe(404);
    expect(response.body.error).toMatchObject({
      name: 'NotFoundError',
      message: expect.stringMatching(/no action no-such-action/),
    });
  });

  it('writes an unanswered call as the collector’s attempt, and a promise as the debtor’s answer that holds the case and closes the task', async () => {
    const unanswered = await post(task.document_id, {
      outcome: 'no_answer',
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
    });
    expect(unanswered.status).toBe(200);
    const attempt = await db()('activities').where({ outcome: 'no_answer' }).first();
    expect(attempt).toMatchObject({ direction: 'outbound', channel: expect.any(String) });
    // Nobody answered: the task stays on the worklist.
    expect((await db()('actions').where({ id: task.id }).first()).dispatch_status).toBe(
      'task_open',
    );

    const promised = await post(task.document_id, {
      outcome: 'promised',
      promiseDate: shift(6),
      promiseAmountMinor: 1_500_000,
      note: '沈经理承诺下周付清 / will pay in full next week',
    });
    expect(promised.status).toBe(200);
    expect(promised.body.data).toMatchObject({ recorded: true, outcome: 'promised' });
    expect(promised.body.data.reevaluated.planned).toBeGreaterThanOrEqual(1);
    const answer = await db()('activities').where({ outcome: 'promised' }).first();
    expect(answer).toMatchObject({
      direction: 'inbound',
      promise_date: shift(6),
      promise_currency: 'CNY',
      summary: '沈经理承诺下周付清 / will pay in full next week',
    });
    expect(Number(answer.promise_amount)).toBe(1_500_000);
    const links = await db()('activities_action_lnk').where({ activity_id: answer.id });
    expect(links.map((link: { action_id: number }) => link.action_id)).toEqual([task.id]);

    const hold = (await db()('actions').where({ kind: 'hold' })).find(
      (row: { detail: string }) => JSON.parse(row.detail).reason === 'promise',
    );
    expect(JSON.parse(hold.detail).until).toBe(shift(6));

    // Reached and promised: the task is done and leaves the worklist.
    expect((await db()('actions').where({ id: task.id }).first()).dispatch_status).toBe(
      'completed',
    );
    const again = await post(task.document_id, { outcome: 'reached' });
    expect(again.status).toBe(400);
    expect(again.body.error).toMatchObject({
      name: 'ValidationError',
      message: expect.stringMatching(/is completed, not an open task/),
    });
  });
});
