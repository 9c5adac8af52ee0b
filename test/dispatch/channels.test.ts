import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import request from 'supertest';

import { startLocalSmtp } from '../../plugins/collections/server/src/channels/local-smtp';
import { startLocalSmsc } from '../../plugins/collections/server/src/channels/sms/local-smsc';
import {
  extractPdf,
  plain,
} from '../../plugins/collections/server/src/channels/letter/__tests__/pdf-text';
import { waitFor } from '../support/dispatch-fixtures';
import { dpdLadderFlow } from '../support/paths';
import { bootTestApp, type TestApp } from '../support/strapi';

jest.setTimeout(180_000);

const AS_OF = '2024-07-02';
const SMPP_PASSWORD = 'smpp-Secret-77';

const debtor = (code: string, name: string, address: string | null) => ({
  code,
  name,
  address,
  language: 'zh-CN',
  timeZone: 'Asia/Shanghai',
  assignedCollector: '刘洋',
});
const invoice = (code: string, dueDate: string, amountMinor: number) => ({
  number: `INV-${code}`,
  debtorCode: code,
  issueDate: '2024-03-01',
  dueDate,
  amountMinor,
  currency: 'CNY',
  disputed: false,
});

/** One debtor per channel of the days-past-due ladder, as of 2024-07-02. */
const LEDGER = {
  debtors: [
    debtor('CE', '苏州恒通电子有限公司', '江苏省苏州市工业园区星湖街 1 号'),
    debtor('CS', '无锡长兴机电有限公司', null),
    debtor('CL', '常州华光照明有限公司', '江苏省常州市新北区通江中路 88 号'),
    debtor('CG', '南通宏达船舶配件有限公司', '江苏省南通市崇川区工农路 9 号'),
    debtor('CX', '扬州金帆化工有限公司', null),
  ],
  contacts: [
    { debtorCode: 'CE', name: '周婷', email: 'zhou.ting@example.com', preferredChannel: 'email' },
    { debtorCode: 'CS', name: '钱勇', phone: '+86 139-0000-1111', preferredChannel: 'sms' },
    { debtorCode: 'CL', name: '吴敏', phone: '13900002222' },
    { debtorCode: 'CG', name: '郑强', email: 'zheng.qiang@example.com' },
    { debtorCode: 'CX', name: '冯雪', email: 'nobody@example.com', preferredChannel: 'email' },
  ],
  contracts: [
    {
      number: 'HT-CG-2024',
      debtorCode: 'CG',
      signedDate: '2024-01-05',
      creditAmountMinor: 50_000_000,
      currency: 'CNY',
      paymentTermDays: 60,
    },
  ],
  invoices: [
    invoice('CE', '2024-07-01', 1_234_567),
    invoice('CS', '2024-07-01', 880_000),
    invoice('CL', '2024-06-20', 1_234_567),
    invoice('CG', '2024-04-01', 9_900_000),
    invoice('CX', '2024-07-01', 100_000),
  ],
  payments: [],
  creditNotes: [],
  shipments: [
    {
      number: 'SH-CG-1',
      debtorCode: 'CG',
      invoiceNumber: 'INV-CG',
      orderNumber: 'SO-CG-1',
      shippedDate: '2024-03-02',
      deliveredDate: '2024-03-05',
      proofOfDelivery: '签收单 POD-7788',
    },
  ],
};

describe('every channel through its real adapter', () => {
  let app: TestApp;
  let smtp: Awaited<ReturnType<typeof startLocalSmtp>>;
  let smsc: Awaited<ReturnType<typeof startLocalSmsc>>;
  let token: string;
  const logged: string[] = [];
  const db = () => app.strapi.db.connection;
  const actionOf = async (code: string) =>
    db()('actions').where('idempotency_key', 'like', `%${code}%`).first();

  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hk-channels-'));
    smtp = await startLocalSmtp({
      dir,
      rejectRecipient: (address) => address.startsWith('nobody@'),
    });
    smsc = await startLocalSmsc({
      systemId: 'huikuan',
      password: SMPP_PASSWORD,
      receiptDelayMs: 20,
    });
    process.env.SMPP_URL = `smpp://huikuan:${SMPP_PASSWORD}@127.0.0.1:${smsc.port}`;
    process.env.HUIKUAN_DOCUMENTS_DIR = path.join(dir, 'documents');
    app = await bootTestApp('postgres', { smtpUrl: smtp.url, flowFile: dpdLadderFlow });
    for (const level of ['debug', 'info', 'warn', 'error'] as const) {
      const original = app.strapi.log[level].bind(app.strapi.log);
      app.strapi.log[level] = ((...args: unknown[]) => {
        logged.push(args.map(String).join(' '));
        return original(...(args as [string]));
      }) as never;
    }
    await app.strapi.server.mount();
    ({ accessKey: token } = await app.strapi.service('admin::api-token').create({
      name: 'channels test',
      type: 'full-access',
      lifespan: null,
    }));
    // The author asks for a statement of account with the Chinese reminder email.
    const templates = app.strapi.documents('api::template.template' as never) as any;
    const reminder = await templates.findFirst({
      filters: { code: 'reminder', channel: 'email', language: 'zh-CN' },
    });
    await templates.update({
      documentId: reminder.documentId,
      data: { attachStatement: true },
      status: 'published',
    });
    await app.strapi.plugin('collections').service('ledger').writeBatch(LEDGER);
    await app.strapi.plugin('collections').service('cycle').run({ asOf: AS_OF });
  });

  afterAll(async () => {
    await app?.close();
    await smtp?.close();
    await smsc?.close();
    delete process.env.SMPP_URL;
    delete process.env.HUIKUAN_DOCUMENTS_DIR;
  });

  it('emails text and HTML with the statement of account attached, once', async () => {
    const action = await actionOf('CE');
    expect(action.dispatch_status).toBe('sent');
    const mails = smtp.received.filter((mail) => mail.to.includes('zhou.ting@example.com'));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.messageId).toBe(`<${action.document_id}@huikuan>`);
    expect(mails[0]?.attachments).toEqual([`对账单-CE-${AS_OF}.pdf`]);
    const raw = fs.readFileSync(mails[0]?.file as string, 'utf8');
    expect(raw).toContain('Content-Type: text/html');
    expect(raw).toContain('Content-Type: text/plain');
    expect(action.provider).toBe('smtp');
  });

  it('sends a long Chinese SMS over SMPP in UCS-2 parts and records the receipts', async () => {
    const action = await actionOf('CS');
    expect(action.dispatch_status).toBe('sent');
    const [message, ...more] = smsc.messages.filter((sms) => sms.destination === '8613900001111');
    expect(more).toHaveLength(0);
    expect(message?.text).toBe(action.rendered_body);
    expect(action.parts).toBe(message?.parts);
    expect(action.provider_message_id.split(',')).toEqual(message?.messageIds);
    await waitFor(
      'the delivery receipt',
      async () => (await actionOf('CS')).delivery_state === 'DELIVRD',
      20_000,
    );
  });

  it('stores a letter as a PDF with the total in Chinese capitals, linked to the task', async () => {
    const action = await actionOf('CL');
    expect(action.dispatch_status).toBe('task_open');
    expect(action.document_sha_256).toMatch(/^[0-9a-f]{64}$/);
    const response = await request(app.strapi.server.httpServer)
      .get(`/api/collections/actions/${action.document_id}/document`)
      .set('Authorization', `Bearer ${token}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('application/pdf');
    const text = plain(extractPdf(response.body as Buffer).text);
    expect(text).toContain('常州华光照明有限公司');
    expect(text).toContain('江苏省常州市新北区通江中路 88 号');
    expect(text).toContain('INV-CL');
    expect(text).toContain('人民币壹万贰仟叁佰肆拾伍元陆角柒分');
    expect(JSON.parse(action.contact_detail)).toMatchObject({
      contactName: '吴敏',
      phone: '13900002222',
    });
  });

  it('hands a legal review over with its dossier and stops internal steps until it ends', async () => {
    const action = await actionOf('CG');
    expect(action.dispatch_status).toBe('sent');
    const referral = await app.strapi
      .documents('api::referral.referral' as never)
      .findOne({ documentId: action.provider_message_id } as never);
    const dossier = (referral as any).dossier;
    expect(referral).toMatchObject({
      kind: 'legal_review',
      referralStatus: 'open',
      currency: 'CNY',
    });
    expect(String((referral as any).claimAmount)).toBe('9900000');
    expect(dossier.contracts[0]).toMatchObject({ number: 'HT-CG-2024', paymentTermDays: 60 });
    expect(dossier.invoices.map((item: { number: string }) => item.number)).toEqual(['INV-CG']);
    expect(dossier.deliveries[0]).toMatchObject({
      number: 'SH-CG-1',
      proofOfDelivery: '签收单 POD-7788',
    });
    const frozen = await db()('collection_cases').where('case_key', 'like', '%CG%').first();
    expect(frozen.legal_review_on).toBeTruthy();
    expect(frozen.agency_code).toBeNull();

    // The next day plans nothing new for the case: its legal review is open.
    const next = await app.strapi
      .plugin('collections')
      .service('cycle')
      .run({ asOf: '2024-07-03', worker: false });
    const caseActions = await db()('actions').where('idempotency_key', 'like', '%CG%');
    expect(caseActions).toHaveLength(1);
    expect(next.actions.byStep).not.toHaveProperty('legal-review-day-60');

    await app.strapi.documents('api::referral.referral' as never).update({
      documentId: action.provider_message_id,
      data: { referralStatus: 'returned', closedOn: '2024-07-03' },
    } as never);
    const back = await db()('collection_cases').where('case_key', 'like', '%CG%').first();
    expect(back.legal_review_on).toBeNull();
  });

  it('puts a permanent failure in the dead letters, where it can be retried', async () => {
    const action = await actionOf('CX');
    expect(action.dispatch_status).toBe('failed');
    expect(action.last_error).toContain('550');
    const api = (method: 'get' | 'post', url: string) =>
      request(app.strapi.server.httpServer)[method](url).set('Authorization', `Bearer ${token}`);
    const list = await api('get', '/api/collections/dead-letters');
    expect(list.status).toBe(200);
    expect(list.body.data.map((row: { documentId: string }) => row.documentId)).toContain(
      action.document_id,
    );
    expect(list.body.data[0].updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const unconfirmedOnly = await api('get', '/api/collections/dead-letters?status=unconfirmed');
    expect(unconfirmedOnly.body.data).toEqual([]);
    expect((await api('get', '/api/collections/dead-letters?status=lost')).status).toBe(400);
    const confirm = await api(
      'post',
      `/api/collections/actions/${action.document_id}/confirm-sent`,
    ).send({
      note: 'called them',
    });
    expect(confirm.status).toBe(400);
    expect(confirm.body.error.message).toContain('not unconfirmed');
    const retried = await api('post', `/api/collections/actions/${action.document_id}/retry`).send({
      note: 'mailbox fixed',
    });
    expect(retried.status).toBe(200);
    expect(retried.body.data).toMatchObject({ status: 'planned', queued: true });
    const bad = await api('post', `/api/collections/actions/${action.document_id}/retry`).send({
      note: 5,
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toContain('note');
  });

  it('never writes a channel password to the log', () => {
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.join('\n')).not.toContain(SMPP_PASSWORD);
  });
});
