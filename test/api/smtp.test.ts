import type { AddressInfo } from 'node:net';

import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

import { dpdLadderFlow } from '../support/paths';
import { bootTestApp, type TestApp } from '../support/strapi';

/** A real SMTP server on 127.0.0.1 that keeps what it receives. */
const startSmtp = async () => {
  const received: Array<{ to: string[]; mail: ParsedMail }> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), mail });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    received,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

describe('email through SMTP when SMTP_URL is set', () => {
  let app: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await bootTestApp('sqlite', {
      smtpUrl: `smtp://127.0.0.1:${smtp.port}?ignoreTLS=true`,
      flowFile: dpdLadderFlow,
    });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await smtp?.close();
  });

  it('delivers the reminder to the SMTP server once and keeps its Message-ID', async () => {
    const service = (name: string) => app.strapi.plugin('collections').service(name);
    await service('ledger').writeBatch({
      debtors: [{ code: 'M001', name: '青岛远航供应链有限公司', language: 'zh-CN' }],
      contacts: [
        {
          debtorCode: 'M001',
          name: '张敏',
          email: 'zhang.min@example.com',
          preferredChannel: 'email',
        },
      ],
      contracts: [],
      invoices: [
        {
          number: 'FP-M-1',
          debtorCode: 'M001',
          issueDate: '2024-06-01',
          dueDate: '2024-07-01',
          amountMinor: 2000000,
          currency: 'CNY',
          disputed: false,
        },
      ],
      payments: [],
      creditNotes: [],
      shipments: [],
    });

    const report = await service('cycle').run({ asOf: '2024-07-02' });
    expect(report.actions).toMatchObject({ planned: 1, sent: 1, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    const [message] = smtp.received;
    expect(message?.to).toEqual(['zhang.min@example.com']);
    expect(message?.mail.subject).toBe('华东精密机械制造有限公司：付款提醒（¥20,000.00）');
    expect(message?.mail.text).toContain('FP-M-1');

    const action = await app.strapi.db.connection('actions').first();
    expect(action.dispatch_status).toBe('sent');
    expect(action.provider_message_id).toBe(message?.mail.messageId);
    expect(action.provider_message_id).toBe(`<${action.document_id}@huikuan>`);

    const again = await service('cycle').run({ asOf: '2024-07-02' });
    expect(again.actions.sent).toBe(0);
    expect(smtp.received).toHaveLength(1);
  });
});
