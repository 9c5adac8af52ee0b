import fs from 'node:fs';

import request from 'supertest';

import { dpdLadderFlow } from '../support/paths';
import { bootTestApp, type TestApp } from '../support/strapi';

describe('strict templates at send time', () => {
  let app: TestApp;
  const service = (name: string) => app.strapi.plugin('collections').service(name);

  beforeAll(async () => {
    app = await bootTestApp('sqlite', { flowFile: dpdLadderFlow });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it('fails the action with the missing variable named and sends nothing', async () => {
    // Without Strapi's generated types the document service does not know our fields.
    const templates = app.strapi.documents('api::template.template' as never) as any;
    const reminder = await templates.findFirst({
      filters: { code: 'reminder', channel: 'email', language: 'zh-CN' },
    });
    const body = '尊敬的{{debtor.contactTitle}}：请付款 {{money totals.overdueMinor currency}}。';
    // Saving it is refused, with the variable named…
    await expect(
      templates.update({ documentId: reminder.documentId, data: { body }, status: 'published' }),
    ).rejects.toThrow(/body uses unknown variable\(s\) debtor\.contactTitle/);
    // …and one that got in past the CMS (a raw SQL edit) still never goes out with a blank.
    await app.strapi.db
      .connection('templates')
      .where({ document_id: reminder.documentId })
      .update({ body });
    await service('ledger').writeBatch({
      debtors: [{ code: 'S001', name: '无锡博远电器有限公司' }],
      contacts: [
        {
          debtorCode: 'S001',
          name: '李强',
          email: 'li.qiang@example.com',
          preferredChannel: 'email',
        },
      ],
      contracts: [],
      invoices: [
        {
          number: 'FP-S-1',
          debtorCode: 'S001',
          issueDate: '2024-04-01',
          dueDate: '2024-05-01',
          amountMinor: 880000,
          currency: 'CNY',
          disputed: false,
        },
      ],
      payments: [],
      creditNotes: [],
      shipments: [],
    });

    const report = await service('cycle').run({ asOf: '2024-05-02' });

    expect(report.actions).toMatchObject({ planned: 1, sent: 0, failed: 1 });
    const action = await app.strapi.db.connection('actions').first();
    expect(action.dispatch_status).toBe('failed');
    expect(action.last_error).toBe(
      "template 'reminder' (email) body: variable 'contactTitle' has no value",
    );
    const activity = await app.strapi.db.connection('activities').first();
    expect(activity.outcome).toBe('failed');
    expect(fs.existsSync(app.outboxDir) ? fs.readdirSync(app.outboxDir) : []).toEqual([]);
  });

  it('refuses to save copy with an unknown variable or broken syntax, and keeps good copy', async () => {
    const templates = app.strapi.documents('api::template.template' as never) as any;
    const base = { code: 'formal-notice', channel: 'letter', language: 'zh-CN', tone: 'formal' };
    await expect(
      templates.create({
        data: {
          ...base,
          subject: '催款函',
          body: '{{#each invoices}}{{number}} {{amount}}{{/each}}',
        },
      }),
    ).rejects.toThrow(/正文引用了不存在的变量 amount \/ body uses unknown variable\(s\) amount/);
    // Copy that parses but would fail or print nonsense is refused too, the part named.
    const refused = templates.create({
      data: {
        ...base,
        subject: '{{debtor}} 催款函',
        body: '{{> header}}{{moneyUpper totals.overdueMinor}}',
      },
    });
    await expect(refused).rejects.toThrow(/主题：debtor 是对象.* \/ subject: debtor is an object/);
    await expect(refused).rejects.toThrow(
      /body: partials such as \{\{> header\}\} are not supported/,
    );
    await expect(refused).rejects.toThrow(/正文：函数 moneyUpper 需要 2 个参数.*given 1/);
    await expect(
      templates.create({ data: { ...base, subject: '{{debtor.name', body: '正文' } }),
    ).rejects.toThrow(/subject does not compile/);
    const good = await templates.create({
      data: {
        ...base,
        subject: '{{debtor.name}} 催款函',
        body: '欠款合计 {{money totals.overdueMinor currency}}（{{moneyUpper totals.overdueMinor currency}}）',
      },
    });
    expect(good.documentId).toEqual(expect.any(String));
  });

  it('previews a template against a real debtor over REST, as it would be sent', async () => {
    await app.strapi.server.mount();
    const { accessKey } = await app.strapi.service('admin::api-token').create({
      name: 'preview test',
      type: 'full-access',
      lifespan: null,
    });
    const templates = app.strapi.documents('api::template.template' as never) as any;
    const letter = await templates.create({
      data: {
        code: 'preview-letter',
        channel: 'letter',
        language: 'zh-CN',
        subject: '{{debtor.name}} 催款函',
        body: '截至 {{asOf}} 欠款 {{moneyUpper totals.overdueMinor currency}}{{#each invoices}}；{{number}}{{/each}}',
      },
    });
    const get = (query: string) =>
      request(app.strapi.server.httpServer)
        .get(`/api/collections/templates/${letter.documentId}/preview${query}`)
        .set('Authorization', `Bearer ${accessKey}`);

    const shown = await get('?debtor=S001&asOf=2024-05-10');
    expect(shown.status).toBe(200);
    expect(shown.body.data.subject).toBe('无锡博远电器有限公司 催款函');
    expect(shown.body.data.body).toBe('截至 2024-05-10 欠款 人民币捌仟捌佰元整；FP-S-1');

    expect((await get('?debtor=S001&asOf=2024-04-15')).status).toBe(404);
    expect((await get('?debtor=NOBODY')).body.error.message).toMatch(/no debtor NOBODY/);
    expect((await get('?debtor=S001&asOf=2024-02-30')).status).toBe(400);
    expect((await get('')).status).toBe(400);
    const unauthorised = await request(app.strapi.server.httpServer).get(
      `/api/collections/templates/${letter.documentId}/preview?debtor=S001`,
    );
    expect(unauthorised.status).toBe(403);
  });
});
