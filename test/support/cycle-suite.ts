import fs from 'node:fs';
import path from 'node:path';

import { simpleParser } from 'mailparser';

import { expectedPortfolio, readIbmRows } from './ibm';
import { dpdLadderFlow, ibmReceivablesCsv } from './paths';
import { bootTestApp, type DatabaseKind, type TestApp } from './strapi';

const AS_OF = '2013-06-30';

/** A small ledger with reachable contacts, so the email path runs end to end. */
const smallLedger = {
  debtors: [
    { code: 'T001', name: '苏州恒信模具有限公司', timeZone: 'Asia/Shanghai', language: 'zh-CN' },
    { code: 'T002', name: 'Rhein Automation GmbH', timeZone: 'Europe/Berlin', language: 'en' },
  ],
  contacts: [
    {
      debtorCode: 'T001',
      name: '王芳',
      email: 'wang.fang@example.com',
      phone: '13800000001',
      preferredChannel: 'email',
    },
    {
      debtorCode: 'T002',
      name: 'Anna Schmidt',
      email: 'anna@example.com',
      preferredChannel: 'email',
    },
  ],
  contracts: [],
  invoices: [
    {
      number: 'FP-T-1',
      debtorCode: 'T001',
      issueDate: '2024-02-07',
      dueDate: '2024-03-08',
      amountMinor: 1234567,
      currency: 'CNY',
      disputed: false,
    },
    {
      number: 'FP-T-2',
      debtorCode: 'T001',
      issueDate: '2024-02-09',
      dueDate: '2024-03-09',
      amountMinor: 500000,
      currency: 'CNY',
      disputed: false,
    },
    {
      number: 'FP-T-3',
      debtorCode: 'T002',
      issueDate: '2024-01-20',
      dueDate: '2024-03-08',
      amountMinor: 99900,
      currency: 'EUR',
      disputed: false,
    },
  ],
  payments: [
    {
      reference: 'BK-T-1',
      debtorCode: 'T001',
      paymentDate: '2024-02-20',
      amountMinor: 234567,
      currency: 'CNY',
      allocations: [{ invoiceNumber: 'FP-T-1', amountMinor: 234567 }],
    },
  ],
  creditNotes: [],
  shipments: [],
};

interface TestInvoice {
  number: string;
  issueDate: string;
  dueDate: string;
  amountMinor: number;
  disputed?: boolean;
}

/** One debtor with one emailable contact and one CNY invoice, plus the payments given. */
const oneInvoiceLedger = (
  code: string,
  name: string,
  email: string,
  invoice: TestInvoice,
  payments: unknown[] = [],
) => ({
  debtors: [{ code, name }],
  contacts: [{ debtorCode: code, name: `${name} 财务`, email }],
  contracts: [],
  invoices: [
    { ...invoice, debtorCode: code, currency: 'CNY', disputed: invoice.disputed ?? false },
  ],
  payments,
  creditNotes: [],
  shipments: [],
});

/** A payment that settles the invoice in full on a day. */
const settlement = (code: string, invoice: TestInvoice, paymentDate: string) => ({
  reference: `BK-${invoice.number}`,
  debtorCode: code,
  paymentDate,
  amountMinor: invoice.amountMinor,
  currency: 'CNY',
  allocations: [{ invoiceNumber: invoice.number, amountMinor: invoice.amountMinor }],
});

/** The spine end to end on one database: import, as-of replay, cases, strategy, queue, outbox. */
export const describeCycle = (kind: DatabaseKind): void => {
  describe(`collection run on ${kind}`, () => {
    let app: TestApp;
    const service = (name: string) => app.strapi.plugin('collections').service(name);

    beforeAll(async () => {
      app = await bootTestApp(kind, { flowFile: dpdLadderFlow });
    }, 120_000);

    afterAll(async () => {
      await app?.close();
    });

    it('replays the IBM sample to the as-of date with the figures computed from the raw file', async () => {
      const report = await service('cycle').run({
        asOf: AS_OF,
        input: {
          content: fs.readFileSync(ibmReceivablesCsv),
          fileName: 'ibm.csv',
          preset: 'ibm-ar',
        },
      });
      const expected = expectedPortfolio(readIbmRows(), AS_OF);

      expect(report.import.written).toBe(true);
      expect(report.import.counts.invoices.created).toBe(2466);
      expect(report.portfolio.currency).toBe('USD');
      expect(report.portfolio.openInvoices).toBe(expected.openInvoices);
      expect(report.portfolio.openAmount).toBeCloseTo(expected.openAmount, 2);
      expect(report.portfolio.overdueInvoices).toBe(expected.overdueInvoices);
      expect(report.portfolio.overdueAmount).toBeCloseTo(expected.overdueAmount, 2);
      expect(report.portfolio.debtorsWithOverdue).toBe(expected.debtorsWithOverdue);
      for (const [bucket, figure] of Object.entries(expected.aging)) {
        expect(report.portfolio.aging[bucket].count).toBe(figure.count);
        expect(report.portfolio.aging[bucket].amount).toBeCloseTo(figure.amount, 2);
      }
      expect(report.cases.opened).toBe(expected.debtorsWithOverdue);
      expect(report.cases.onHold).toBe(
        expected.debtorsWithOverdue - expected.debtorsWithCollectible,
      );
      expect(report.actions.planned).toBe(expected.debtorsWithCollectible);
      expect(report.actions.sent + report.actions.tasks + report.actions.failed).toBe(
        report.actions.planned,
      );
      expect(await app.count('collection_cases')).toBe(expected.debtorsWithOverdue);
      // Every open case is scored, dated and kept; disputed ones are found to be disputes.
      const segments = Object.values(report.segments as Record<string, number>);
      expect(segments.reduce((sum, n) => sum + n, 0)).toBe(report.cases.open);
      expect(report.reasons.dispute).toBeGreaterThanOrEqual(report.cases.onHold);
      expect(await app.count('score_snapshots')).toBe(report.cases.open);
    });

    it('plans and sends nothing new when the same day runs again', async () => {
      const actionsBefore = await app.count('actions');
      const activitiesBefore = await app.count('activities');
      const report = await service('cycle').run({
        asOf: AS_OF,
        input: {
          content: fs.readFileSync(ibmReceivablesCsv),
          fileName: 'ibm.csv',
          preset: 'ibm-ar',
        },
      });
      expect(report.import.counts.invoices).toEqual({ created: 0, updated: 0, unchanged: 2466 });
      expect(report.cases).toMatchObject({ opened: 0, updated: 0, closed: 0 });
      expect(report.actions).toMatchObject({
        planned: 0,
        enqueued: 0,
        sent: 0,
        tasks: 0,
        failed: 0,
      });
      expect(await app.count('actions')).toBe(actionsBefore);
      expect(await app.count('activities')).toBe(activitiesBefore);
    });

    it('closes the cases that are paid by a later day and escalates the rest', async () => {
      const before = expectedPortfolio(readIbmRows(), AS_OF);
      const later = expectedPortfolio(readIbmRows(), '2013-07-31');
      const report = await service('cycle').run({ asOf: '2013-07-31' });
      expect(report.portfolio.openInvoices).toBe(later.openInvoices);
      expect(report.cases.open).toBe(later.debtorsWithOverdue);
      expect(report.cases.closed).toBeGreaterThan(0);
      expect(report.cases.opened - report.cases.closed).toBe(
        later.debtorsWithOverdue - before.debtorsWithOverdue,
      );
    });

    it('learns the payment model from the stored history and scores the next day with it', async () => {
      const models = app.strapi.plugin('scoring').service('models');
      const first = await models.trainPayment({ asOf: '2013-07-31', seed: 7 });
      const second = await models.trainPayment({ asOf: '2013-07-31', seed: 7 });
      // The same ledger, day and seed give the same model: the version in use is kept.
      expect([first.modelKey, second.modelKey]).toEqual(['payment-v1', 'payment-v1']);
      expect(second.model).toEqual(first.model);
      const other = await models.trainPayment({ asOf: '2013-07-31', seed: 8 });
      expect(other.modelKey).toBe('payment-v2');
      expect(first.trainedOn.asOf).toBe('2013-07-31');
      expect(first.trainedOn.invoices).toBeGreaterThan(1000);

      const report = await service('cycle').run({ asOf: '2013-08-31', worker: false });
      const rows = (await app.strapi.db.query('api::score-snapshot.score-snapshot').findMany({
        where: { asOf: '2013-08-31' },
      })) as Array<Record<string, any>>;
      expect(rows).toHaveLength(report.cases.open);
      expect(rows.every((row) => row.modelVersions.payment === 'payment-v2')).toBe(true);
      const predicted = rows.filter((row) => row.lateProbability !== null);
      expect(predicted.length).toBeGreaterThan(0);
      for (const row of predicted) {
        expect(Number(row.lateProbability)).toBeGreaterThanOrEqual(0);
        expect(Number(row.lateProbability)).toBeLessThanOrEqual(1);
      }
      const invoices = rows.flatMap((row) => row.details.invoices);
      expect(invoices.length).toBeGreaterThan(0);
      expect(invoices[0].reasons[0].text['zh-CN']).toEqual(expect.any(String));
    });

    it('emails reachable debtors through the outbox exactly once, rendered from the ledger', async () => {
      await service('ledger').writeBatch(smallLedger);
      const report = await service('cycle').run({ asOf: '2024-03-10' });
      // Both debtors are 1-2 days past due: the reminder step, by email (their preferred channel).
      expect(report.actions.byChannel).toEqual({ email: 2 });
      expect(report.actions.sent).toBe(2);

      const files = fs.readdirSync(app.outboxDir).filter((name) => name.endsWith('.eml'));
      const messages = await Promise.all(
        files.map((name) => simpleParser(fs.readFileSync(path.join(app.outboxDir, name)))),
      );
      const chinese = messages.find((mail) => mail.text?.includes('苏州恒信模具有限公司'));
      expect(chinese?.subject).toContain('付款提醒');
      // FP-T-1: 12,345.67 less 2,345.67 paid on 2024-02-20 is 10,000.00 open; FP-T-2 5,000.00.
      expect(chinese?.text).toContain('FP-T-1');
      expect(chinese?.text).toContain('¥10,000.00');
      expect(chinese?.text).toContain('¥15,000.00');
      const english = messages.find((mail) => mail.text?.includes('Rhein Automation GmbH'));
      expect(english?.subject).toContain('payment reminder');
      expect(english?.text).toContain('€999.00');

      const rerun = await service('cycle').run({ asOf: '2024-03-10' });
      expect(rerun.actions).toMatchObject({ planned: 0, sent: 0 });
      expect(fs.readdirSync(app.outboxDir).filter((name) => name.endsWith('.eml'))).toHaveLength(
        files.length,
      );
    });

    it('sends nothing for a case paid between planning and sending', async () => {
      const invoice = {
        number: 'FP-P-1',
        issueDate: '2024-05-01',
        dueDate: '2024-05-31',
        amountMinor: 300000,
      };
      const ledger = (payments: unknown[]) =>
        oneInvoiceLedger('P001', '合肥锦程包装有限公司', 'zhao.lei@example.com', invoice, payments);
      await service('ledger').writeBatch(ledger([]));
      const planned = await service('cycle').run({ asOf: '2024-06-01', worker: false });
      expect(planned.actions.sent).toBe(0);
      const queued = await app.strapi.db
        .connection('actions')
        .where('idempotency_key', 'like', 'P001-%')
        .first();
      expect(queued.dispatch_status).toBe('queued');

      await service('ledger').writeBatch(ledger([settlement('P001', invoice, '2024-06-02')]));
      const paid = await service('cycle').run({ asOf: '2024-06-03' });
      expect(paid.cases.closed).toBe(1);
      // Earlier debtors' later steps (a legal hand-off by now) may go; P001's reminder may not.
      expect(paid.actions.cancelled).toBeGreaterThanOrEqual(1);
      const action = await app.strapi.db
        .connection('actions')
        .where('idempotency_key', 'like', 'P001-%')
        .first();
      expect(action.dispatch_status).toBe('cancelled');
      const mails = fs
        .readdirSync(app.outboxDir)
        .map((name) => fs.readFileSync(path.join(app.outboxDir, name), 'utf8'));
      expect(mails.some((text) => text.includes('zhao.lei@example.com'))).toBe(false);
    });

    it('holds a debtor whose overdue invoices are all disputed', async () => {
      const invoice = {
        number: 'FP-Q-1',
        issueDate: '2024-05-01',
        dueDate: '2024-05-31',
        amountMinor: 450000,
        disputed: true,
      };
      await service('ledger').writeBatch(
        oneInvoiceLedger('Q001', '郑州宝利医疗器械有限公司', 'sun.li@example.com', invoice),
      );
      const report = await service('cycle').run({ asOf: '2024-06-05' });
      expect(report.cases.opened).toBe(1);
      expect(report.cases.onHold).toBe(1);
      const held = await app.strapi.db
        .connection('actions')
        .where('idempotency_key', 'like', 'Q001-%');
      expect(held).toEqual([]);
      const heldCase = await app.strapi.db
        .connection('collection_cases')
        .where('case_key', 'like', 'Q001-%')
        .first();
      expect(heldCase.case_status).toBe('open');
    });

    it('refuses a day before one already run, before importing anything', async () => {
      const debtorsBefore = await app.count('debtors');
      const csv = Buffer.from(
        '客户编码,客户名称,发票号,开票日期,到期日,金额,币别\nLATE1,迟到客户有限公司,FP-L-1,2024-05-01,2024-05-20,100,CNY\n',
      );
      await expect(
        service('cycle').run({ asOf: '2024-06-01', input: { content: csv, fileName: 'late.csv' } }),
      ).rejects.toThrow(
        /already run for a later day .*run replays of past days on a separate database/,
      );
      expect(await app.count('debtors')).toBe(debtorsBefore);
    });

    it('never sends twice when the same action is processed again', async () => {
      const dispatch = service('dispatch');
      const sent = await app.strapi.db
        .connection('actions')
        .where({ dispatch_status: 'sent' })
        .first('id');
      expect(sent).toBeDefined();
      await expect(dispatch.processAction(Number(sent.id))).resolves.toBe('skipped');
    });

    it("sends a live action from today's ledger: a payment recorded since planning cancels it", async () => {
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
        new Date(),
      );
      const shift = (days: number) =>
        new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
      const invoice = {
        number: 'FP-L-9',
        issueDate: shift(-40),
        dueDate: shift(-3),
        amountMinor: 120000,
      };
      const ledger = (payments: unknown[]) =>
        oneInvoiceLedger('L001', '武汉同舟物流有限公司', 'zhou.jie@example.com', invoice, payments);
      await service('ledger').writeBatch(ledger([]));
      await service('cycle').run({ asOf: shift(-2), worker: false });
      const planned = await app.strapi.db
        .connection('actions')
        .where('idempotency_key', 'like', 'L001-%')
        .first();
      expect(planned.dispatch_status).toBe('queued');

      await service('ledger').writeBatch(ledger([settlement('L001', invoice, shift(-1))]));
      await expect(service('dispatch').processAction(Number(planned.id))).resolves.toBe(
        'cancelled',
      );
    });
  });
};
