import fs from 'node:fs';

import { bootTestApp, type TestApp } from '../support/strapi';

describe('strict templates at send time', () => {
  let app: TestApp;
  const service = (name: string) => app.strapi.plugin('collections').service(name);

  beforeAll(async () => {
    app = await bootTestApp('sqlite');
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
    const body = '尊敬的{{debtor.contactName}}：请付款 {{money totals.overdueMinor currency}}。';
    // Saving it is refused, with the variable named…
    await expect(
      templates.update({ documentId: reminder.documentId, data: { body }, status: 'published' }),
    ).rejects.toThrow(/body uses unknown variable\(s\) debtor\.contactName/);
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
      "template 'reminder' (email) body: variable 'contactName' has no value",
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
    ).rejects.toThrow(/body uses unknown variable\(s\) amount \/ 正文引用了不存在的变量 amount/);
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
});
