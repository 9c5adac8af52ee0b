import fs from 'node:fs';
import path from 'node:path';

import iconv from 'iconv-lite';
import request from 'supertest';

import { ibmReceivablesCsv } from '../support/paths';
import { bootTestApp, type TestApp } from '../support/strapi';

const HEADER = '客户编码,客户名称,发票号,开票日期,到期日,金额,币别';
const GOOD_ROWS = [
  'K001,杭州瑞丰电子有限公司,FP0001,2024-03-05,2024/4/4,"12,345.67",人民币',
  'K002,宁波永成重工有限公司,FP0002,2024年3月6日,2024年4月5日,8800,CNY',
];

const csv = (...rows: string[]) => Buffer.from([HEADER, ...rows].join('\n'), 'utf8');

/** Each bad-input kind, the row and column it must be reported at, and its code. */
const BAD_FILES: Array<[string, Buffer, { row: number; column: string | null; code: string }]> = [
  [
    'an unknown header',
    Buffer.from(`${HEADER},折扣率\n${GOOD_ROWS[0]},5%`),
    { row: 1, column: '折扣率', code: 'unknown-header' },
  ],
  [
    'a bad date',
    csv(GOOD_ROWS[0] as string, 'K003,广州宏达建设有限公司,FP0003,2024-02-30,2024-03-30,100,CNY'),
    { row: 3, column: '开票日期', code: 'bad-date' },
  ],
  [
    'a negative amount',
    csv('K003,广州宏达建设有限公司,FP0003,2024-03-01,2024-03-30,-100,CNY', GOOD_ROWS[1] as string),
    { row: 2, column: '金额', code: 'negative-amount' },
  ],
  [
    'a non-numeric amount',
    csv(
      GOOD_ROWS[0] as string,
      'K003,广州宏达建设有限公司,FP0003,2024-03-01,2024-03-30,一百元,CNY',
    ),
    { row: 3, column: '金额', code: 'bad-amount' },
  ],
  [
    'a duplicate invoice number with different content',
    csv(
      GOOD_ROWS[0] as string,
      'K001,杭州瑞丰电子有限公司,FP0001,2024-03-05,2024/4/4,"99.00",人民币',
    ),
    { row: 3, column: '发票号', code: 'duplicate-invoice' },
  ],
  [
    'a wrong encoding',
    iconv.encode([HEADER, GOOD_ROWS[0]].join('\n'), 'shift_jis'),
    { row: 0, column: null, code: 'wrong-encoding' },
  ],
];

describe('importing receivables', () => {
  let app: TestApp;
  const importer = () => app.strapi.plugin('collections').service('importer');
  const ledgerRows = async () => ({
    debtors: await app.count('debtors'),
    invoices: await app.count('invoices'),
    payments: await app.count('payments'),
  });

  beforeAll(async () => {
    app = await bootTestApp('sqlite');
    await importer().importFile(fs.readFileSync(ibmReceivablesCsv), {
      fileName: 'ibm.csv',
      preset: 'ibm-ar',
    });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it.each(BAD_FILES)(
    'rejects %s by row and column, writing nothing',
    async (_, content, expected) => {
      const before = await ledgerRows();
      const report = await importer().importFile(content, { fileName: 'export.csv' });
      expect(report.written).toBe(false);
      expect(report.errors).toEqual(expect.arrayContaining([expect.objectContaining(expected)]));
      expect(await ledgerRows()).toEqual(before);
    },
  );

  it('imports only the valid rows when asked to skip the invalid ones', async () => {
    const before = await ledgerRows();
    const content = csv(
      GOOD_ROWS[0] as string,
      'K003,广州宏达建设有限公司,FP0003,2024-03-01,2024-03-30,-100,CNY',
    );
    const report = await importer().importFile(content, {
      fileName: 'export.csv',
      skipInvalid: true,
    });
    expect(report.written).toBe(true);
    expect(report.rejectedRows).toBe(1);
    expect(report.counts.invoices.created).toBe(1);
    expect(await ledgerRows()).toEqual({
      ...before,
      debtors: before.debtors + 1,
      invoices: before.invoices + 1,
    });
    const stored = await app.strapi.db.connection('invoices').where({ number: 'FP0001' }).first();
    expect(Number(stored.amount)).toBe(1234567);
    expect(stored.due_date).toBe('2024-04-04');
    expect(Number(stored.open_amount)).toBe(1234567);
  });

  it('refuses an older export that would move a recorded payment back in time', async () => {
    const header = '客户编码,客户名称,发票号,开票日期,到期日,金额,币别,已收金额,收款日期';
    const file = (paid: string, date: string) =>
      Buffer.from(
        `${header}\nK020,青岛德润包装有限公司,FP0020,2024-03-01,2024-03-31,8800,CNY,${paid},${date}\n`,
      );
    await importer().importFile(file('5000', '2024-04-20'), { fileName: 'new.csv' });
    const report = await importer().importFile(file('3000', '2024-04-10'), { fileName: 'old.csv' });
    expect(report.written).toBe(false);
    expect(report.errors[0]).toMatchObject({ code: 'ledger-integrity', value: 'IMPORT-FP0020' });
    expect(report.errors[0].message).toMatch(/recorded on 2024-04-20, the file says 2024-04-10/);
    const payment = await app.strapi.db
      .connection('payments')
      .where({ reference: 'IMPORT-FP0020' })
      .first();
    expect(Number(payment.amount)).toBe(500000);
  });

  it('skips the extra columns it is told to ignore, and only those', async () => {
    const row = 'K030,东莞凯胜模具有限公司,FP0030,2024-03-07,2024-04-06,4200,CNY';
    const content = Buffer.from(`${HEADER},业务员,部门\n${row},陈晨,华东销售部\n`);
    const refused = await importer().importFile(content, { fileName: 'erp.csv' });
    expect(refused.errors.map((error: { code: string }) => error.code)).toEqual([
      'unknown-header',
      'unknown-header',
    ]);
    const report = await importer().importFile(content, {
      fileName: 'erp.csv',
      ignoreColumns: ['业务员', '部门'],
    });
    expect(report.errors).toEqual([]);
    expect(report.written).toBe(true);
  });

  it('counts a dry run exactly and writes nothing', async () => {
    const before = await ledgerRows();
    const report = await importer().importFile(csv(...GOOD_ROWS), {
      fileName: 'export.csv',
      dryRun: true,
    });
    expect(report.counts.invoices).toEqual({ created: 1, updated: 0, unchanged: 1 });
    expect(report.written).toBe(false);
    expect(await ledgerRows()).toEqual(before);
  });

  it('reads the same export saved as GBK', async () => {
    const gbk = iconv.encode([HEADER, ...GOOD_ROWS].join('\r\n'), 'gbk');
    const report = await importer().importFile(gbk, { fileName: 'export.csv' });
    expect(report.encoding).toBe('gb18030');
    expect(report.written).toBe(true);
    expect(report.counts.invoices).toEqual({ created: 1, updated: 0, unchanged: 1 });
    const debtor = await app.strapi.db.connection('debtors').where({ code: 'K002' }).first();
    expect(debtor.name).toBe('宁波永成重工有限公司');
  });

  describe('over REST with an API token', () => {
    let token: string;
    const agent = () => request(app.strapi.server.httpServer);

    beforeAll(async () => {
      await app.strapi.server.mount();
      const created = await app.strapi.service('admin::api-token').create({
        name: 'import test',
        type: 'full-access',
        lifespan: null,
      });
      token = created.accessKey;
    });

    it('refuses a request without a token', async () => {
      const response = await agent()
        .post('/api/collections/imports')
        .attach('file', csv(...GOOD_ROWS), 'export.csv');
      expect(response.status).toBe(403);
      expect(response.body.error.name).toBe('ForbiddenError');
    });

    it('imports an uploaded file and reports what it wrote', async () => {
      const response = await agent()
        .post('/api/collections/imports')
        .set('Authorization', `Bearer ${token}`)
        .attach(
          'file',
          csv('K009,天津天成钢构有限公司,FP0009,2024/3/5,3/25/2024,"1,000.5",CNY'),
          'export.csv',
        );
      expect(response.status).toBe(200);
      expect(response.body.data.counts.invoices.created).toBe(1);
      const stored = await app.strapi.db.connection('invoices').where({ number: 'FP0009' }).first();
      expect(Number(stored.amount)).toBe(100050);
      expect(stored.due_date).toBe('2024-03-25');
    });

    it('answers a bad file with 400 and the rejected rows, writing nothing', async () => {
      const before = await ledgerRows();
      const response = await agent()
        .post('/api/collections/imports')
        .set('Authorization', `Bearer ${token}`)
        .attach('file', csv('K010,x,FP0010,2024-13-01,2024-03-30,5,CNY'), 'export.csv');
      expect(response.status).toBe(400);
      expect(response.body.error.name).toBe('ValidationError');
      expect(response.body.error.details.report.errors[0]).toMatchObject({
        row: 2,
        column: '开票日期',
        code: 'bad-date',
      });
      expect(await ledgerRows()).toEqual(before);
    });

    it('accepts a JSON ledger batch and names the bad field of a bad one', async () => {
      const batch = {
        debtors: [{ code: 'API1', name: '成都海川物流有限公司' }],
        invoices: [
          {
            number: 'API-INV-1',
            debtorCode: 'API1',
            issueDate: '2024-05-01',
            dueDate: '2024-05-31',
            amountMinor: 880000,
            currency: 'CNY',
            disputed: false,
          },
        ],
      };
      const good = await agent()
        .post('/api/collections/ledger')
        .set('Authorization', `Bearer ${token}`)
        .send({ data: batch });
      expect(good.status).toBe(200);
      expect(good.body.data.counts.invoices.created).toBe(1);

      const bad = {
        ...batch,
        invoices: [{ ...batch.invoices[0], number: 'API-INV-2', amountMinor: -5 }],
      };
      const before = await ledgerRows();
      const refused = await agent()
        .post('/api/collections/ledger')
        .set('Authorization', `Bearer ${token}`)
        .send({ data: bad });
      expect(refused.status).toBe(400);
      expect(refused.body.error.details.errors).toEqual([
        { path: 'invoices[0].amountMinor', message: 'must be more than zero' },
      ]);
      expect(await ledgerRows()).toEqual(before);
    });

    it('takes financial statements and contact history as JSON, naming each bad field', async () => {
      const post = (body: unknown) =>
        agent()
          .post('/api/collections/ledger')
          .set('Authorization', `Bearer ${token}`)
          .send({ data: body });
      const statement = {
        debtorCode: 'API1',
        periodEnd: '2024-12-31',
        currency: 'CNY',
        totalAssetsMinor: 500_000_00,
        currentAssetsMinor: 300_000_00,
        netProfitMinor: -20_000_00,
        equityMinor: -5_000_00,
      };
      const activity = {
        key: 'CRM-API-1',
        debtorCode: 'API1',
        occurredOn: '2025-01-10',
        channel: 'phone',
        direction: 'inbound',
        outcome: 'promised',
        promiseDate: '2025-01-20',
        promiseAmountMinor: 10_000,
        summary: '客户称资金紧张，承诺月底前付款',
      };
      const before = await app.count('financial_statements');
      const good = await post({ statements: [statement], activities: [activity] });
      expect(good.status).toBe(200);
      expect(good.body.data.counts.statements.created).toBe(1);
      expect(good.body.data.counts.activities.created).toBe(1);
      const again = await post({ statements: [statement], activities: [activity] });
      expect(again.body.data.counts.statements).toEqual({ created: 0, updated: 0, unchanged: 1 });
      expect(again.body.data.counts.activities).toEqual({ created: 0, updated: 0, unchanged: 1 });

      const bad = await post({
        statements: [
          { ...statement, periodEnd: '2023-12-31', currentAssetsMinor: 900_000_00 },
          { ...statement, periodEnd: '2022-12-31', inventoryMinor: -1 },
          { debtorCode: 'API1', periodEnd: '2021-12-31', currency: 'CNY', cashMinor: 5 },
        ],
        activities: [{ ...activity, key: 'CRM-API-2', promiseDate: undefined }],
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.errors.map((e: { path: string }) => e.path)).toEqual([
        'statements[0].currentAssetsMinor',
        'statements[1].inventoryMinor',
        'statements[2].totalAssetsMinor',
        'activities[0].promiseDate',
      ]);
      expect(await app.count('financial_statements')).toBe(before + 1);
    });

    it('answers what the caller got wrong with 400, never 500', async () => {
      const post = (body: unknown) =>
        agent()
          .post('/api/collections/ledger')
          .set('Authorization', `Bearer ${token}`)
          .send({ data: body });
      const invoice = {
        debtorCode: 'API1',
        issueDate: '2024-05-01',
        dueDate: '2024-05-31',
        amountMinor: 100,
        currency: 'CNY',
        disputed: false,
      };
      const before = await ledgerRows();

      const duplicate = await post({
        invoices: [
          { ...invoice, number: 'D-1' },
          { ...invoice, number: 'D-1' },
        ],
      });
      expect(duplicate.status).toBe(400);
      expect(duplicate.body.error.details.errors[0].path).toBe('invoices[1].number');

      const huge = await post({ invoices: [{ ...invoice, number: 'H-1', amountMinor: 1e300 }] });
      expect(huge.status).toBe(400);
      expect(huge.body.error.details.errors[0]).toMatchObject({ path: 'invoices[0].amountMinor' });

      const unknownDebtor = await post({
        invoices: [{ ...invoice, number: 'U-1', debtorCode: 'NOBODY' }],
      });
      expect(unknownDebtor.status).toBe(400);
      expect(unknownDebtor.body.error.message).toMatch(
        /debtor 'NOBODY' is neither in the file nor in the ledger/,
      );

      const crossDebtor = await post({
        debtors: [{ code: 'API2', name: '其他客户' }],
        payments: [
          {
            reference: 'X-1',
            debtorCode: 'API2',
            paymentDate: '2024-06-01',
            amountMinor: 50,
            currency: 'USD',
            allocations: [{ invoiceNumber: 'API-INV-1', amountMinor: 50 }],
          },
        ],
      });
      expect(crossDebtor.status).toBe(400);
      const problems = crossDebtor.body.error.details.problems.map(
        (p: { message: string }) => p.message,
      );
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/from debtor API2 but invoice API-INV-1/),
          expect.stringMatching(/in USD but invoice API-INV-1 is in CNY/),
        ]),
      );

      const overpaid = await post({
        payments: [
          {
            reference: 'O-1',
            debtorCode: 'API1',
            paymentDate: '2024-06-01',
            amountMinor: 990000,
            currency: 'CNY',
            allocations: [{ invoiceNumber: 'API-INV-1', amountMinor: 990000 }],
          },
        ],
      });
      expect(overpaid.status).toBe(400);
      expect(overpaid.body.error.details.problems[0].message).toMatch(/exceed its amount/);

      const preset = await agent()
        .post('/api/collections/imports?preset=sap-fi')
        .set('Authorization', `Bearer ${token}`)
        .attach('file', csv(...GOOD_ROWS), 'export.csv');
      expect(preset.status).toBe(400);
      expect(preset.body.error.message).toMatch(/unknown preset 'sap-fi'/);
      expect(await ledgerRows()).toEqual(before);
    });
  });
});
