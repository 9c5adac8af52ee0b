import request from 'supertest';

import { bootTestApp, type TestApp } from '../support/strapi';

const DAY = 86_400_000;
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const shift = (days: number) =>
  new Date(Date.parse(`${today}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** One debtor 10 days past due today, with an email contact. */
const ledger = {
  debtors: [{ code: 'EV01', name: '常州鼎盛包装有限公司', timeZone: 'Asia/Shanghai' }],
  contacts: [
    { debtorCode: 'EV01', name: '周敏', email: 'zhou.min@example.com', preferredChannel: 'email' },
  ],
  contracts: [],
  invoices: [
    {
      number: 'FP-EV-1',
      debtorCode: 'EV01',
      issueDate: shift(-40),
      dueDate: shift(-10),
      amountMinor: 3_000_000,
      currency: 'CNY',
      disputed: false,
    },
  ],
  payments: [],
  creditNotes: [],
  shipments: [],
};

describe('events re-evaluate the strategy at once', () => {
  let app: TestApp;
  let token: string;
  const db = () => app.strapi.db.connection;
  const post = (body: unknown, query = '') =>
    request(app.strapi.server.httpServer)
      .post(`/api/collections/ledger${query}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ data: body });

  beforeAll(async () => {
    app = await bootTestApp('sqlite');
    await app.strapi.server.mount();
    ({ accessKey: token } = await app.strapi.service('admin::api-token').create({
      name: 'events test',
      type: 'full-access',
      lifespan: null,
    }));
    await app.strapi.plugin('collections').service('ledger').writeBatch(ledger);
    await app.strapi.plugin('collections').service('cycle').run({ worker: false });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
  });

  it('holds the case for a promise to pay recorded through the API and withdraws what was due before it', async () => {
    const before = await db()('actions').whereNot('dispatch_status', 'held');
    expect(before.length).toBeGreaterThan(0);

    const promised = await post({
      activities: [
        {
          key: 'EV01-call-1',
          debtorCode: 'EV01',
          occurredOn: today,
          channel: 'phone',
          direction: 'inbound',
          outcome: 'promised',
          promiseDate: shift(5),
          promiseAmountMinor: 3_000_000,
          promiseCurrency: 'CNY',
          summary: '客户来电承诺 5 天内付清 / promised to pay in full within 5 days',
        },
      ],
    });
    expect(promised.status).toBe(200);
    expect(promised.body.data.reevaluated).toMatchObject({ cases: 1, refused: [] });
    expect(promised.body.data.reevaluated.planned).toBeGreaterThanOrEqual(1);

    const holds = await db()('actions').where({ kind: 'hold', dispatch_status: 'held' });
    const promiseHold = holds.find((row: any) => JSON.parse(row.detail).reason === 'promise');
    expect(promiseHold).toBeDefined();
    expect(JSON.parse(promiseHold.detail).until).toBe(shift(5));
    const openCase = await db()('collection_cases').where({ case_status: 'open' }).first();
    expect(openCase.hold_until).toBe(shift(5));
    expect(openCase.hold_reason).toBe('promise');

    // Whatever was planned and not yet sent before the promised day is withdrawn, with the reason.
    const pending = await db()('actions')
      .whereIn('dispatch_status', ['planned', 'queued'])
      .whereNot('kind', 'hold');
    for (const row of pending) {
      expect(new Date(row.due_at).getTime()).toBeGreaterThanOrEqual(
        Date.parse(`${shift(6)}T00:00:00+08:00`),
      );
    }
    const withdrawn = await db()('actions').where({ dispatch_status: 'cancelled' });
    for (const row of withdrawn) expect(row.last_error).toMatch(/promise to pay by/);
  });

  it('plans nothing twice when the same event arrives again', async () => {
    const count = async () => Number((await db()('actions').count({ n: '*' }))[0]?.n);
    const before = await count();
    const again = await post({
      activities: [
        {
          key: 'EV01-call-1',
          debtorCode: 'EV01',
          occurredOn: today,
          channel: 'phone',
          direction: 'inbound',
          outcome: 'promised',
          promiseDate: shift(5),
          promiseAmountMinor: 3_000_000,
          promiseCurrency: 'CNY',
          summary: '客户来电承诺 5 天内付清 / promised to pay in full within 5 days',
        },
      ],
    });
    expect(again.status).toBe(200);
    expect(again.body.data.reevaluated.planned).toBe(0);
    expect(await count()).toBe(before);
  });

  it('closes the case and cancels its open steps when the payment arrives', async () => {
    const paid = await post({
      payments: [
        {
          reference: 'BK-EV-1',
          debtorCode: 'EV01',
          paymentDate: today,
          amountMinor: 3_000_000,
          currency: 'CNY',
          allocations: [{ invoiceNumber: 'FP-EV-1', amountMinor: 3_000_000 }],
        },
      ],
    });
    expect(paid.status).toBe(200);
    expect(paid.body.data.reevaluated).toMatchObject({ cases: 0, planned: 0 });
    const openCases = await db()('collection_cases').where({ case_status: 'open' });
    expect(openCases).toHaveLength(0);
    const live = await db()('actions').whereIn('dispatch_status', ['planned', 'queued']);
    expect(live).toHaveLength(0);
  });

  it('refuses to save a collection-strategy policy the runs would reject, naming the field', async () => {
    const policies = app.strapi.documents('api::policy.policy' as never) as any;
    const current = await policies.findFirst({
      filters: { name: 'collection-strategy' },
      status: 'published',
    });
    expect(current.config.offers.maxInstalments).toBe(12);
    const bad = structuredClone(current.config);
    bad.offers.minDownPaymentPercent = 150;
    await expect(
      policies.create({
        data: { name: 'collection-strategy', version: 2, config: bad },
        status: 'published',
      }),
    ).rejects.toThrow(/offers\.minDownPaymentPercent/);
    const stored = await policies.findMany({ filters: { name: 'collection-strategy' } });
    expect(stored).toHaveLength(1);
  });

  it('reads a policy config sent as JSON text, as the admin does, and stores the object', async () => {
    const policies = app.strapi.documents('api::policy.policy' as never) as any;
    const current = await policies.findFirst({
      filters: { name: 'collection-strategy' },
      status: 'published',
    });
    const bad = structuredClone(current.config);
    bad.costs.perChannel.sms = -5;
    await expect(
      policies.update({
        documentId: current.documentId,
        data: { config: JSON.stringify(bad) },
        status: 'published',
      }),
    ).rejects.toThrow(/costs\.perChannel\.sms/);
    const good = structuredClone(current.config);
    good.costs.perChannel.sms = 6;
    await policies.update({
      documentId: current.documentId,
      data: { config: JSON.stringify(good) },
      status: 'published',
    });
    const saved = await app.strapi.plugin('collections').service('strategy').currentPolicy();
    expect(saved.policy.costs.perChannel.sms).toBe(6);
    await expect(
      policies.update({ documentId: current.documentId, data: { config: '{not json' } }),
    ).rejects.toThrow(/not valid JSON/);
  });

  it('skips the re-evaluation when asked, and for a dry run', async () => {
    const skipped = await post({ activities: [] }, '?reevaluate=false');
    expect(skipped.status).toBe(200);
    expect(skipped.body.data.reevaluated).toBeNull();
  });
});
