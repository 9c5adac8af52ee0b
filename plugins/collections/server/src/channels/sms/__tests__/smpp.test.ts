/// <reference path="../../../types/smpp.d.ts" />
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import * as smpp from 'smpp';

import { PermanentDispatchError, UncertainDeliveryError } from '../../errors';
import type { ChannelAdapter, DeliveryReceipt, OutboundMessage } from '../../types';
import { startLocalSmsc, type LocalSmsc, type LocalSmscOptions } from '../local-smsc';
import { createSmppChannel, parseSmppUrl, type SmppChannelOptions } from '../smpp';
import { SmppBindError } from '../smpp-link';
import { SmppError } from '../smpp-status';

/**
 * The SMPP channel against a real SMPP server on 127.0.0.1 (the local SMSC,
 * and for the keep-alive case a bare smpp server that never answers).
 */

const SYSTEM_ID = 'huikuan';
const PASSWORD = 'Pa55-word';
const REJECTED = '8613900000011';
const THROTTLED = '8613900000058';

const CHINESE_200 = '贵公司尚有发票已逾期，请尽快安排付款，谢谢合作！'.repeat(9).slice(0, 200);

let dir: string;
let smsc: LocalSmsc;
let channel: ChannelAdapter | null = null;
let events: Array<{ event: string; fields: Record<string, unknown> }>;
const receipts: DeliveryReceipt[] = [];

const smscOptions = (port = 0): LocalSmscOptions => ({
  port,
  systemId: SYSTEM_ID,
  password: PASSWORD,
  logFile: path.join(dir, 'smsc', 'messages.jsonl'),
  receiptDelayMs: 20,
  reject: (destination) => {
    if (destination === REJECTED) return 0x0b;
    if (destination === THROTTLED) return 0x58;
    return null;
  },
});

const open = (overrides: Partial<SmppChannelOptions> = {}): ChannelAdapter => {
  channel = createSmppChannel({
    url: `smpp://${SYSTEM_ID}:${PASSWORD}@127.0.0.1:${smsc.port}`,
    sourceAddr: '10690001',
    reconnectMs: 50,
    submitTimeoutMs: 2_000,
    logger: (event, fields) => events.push({ event, fields }),
    ...overrides,
  });
  channel.onReceipt!((receipt) => receipts.push(receipt));
  return channel;
};

const message = (to: string, text: string, actionId = 'act-1'): OutboundMessage => ({
  actionId,
  idempotencyKey: `${actionId}:step-1:1`,
  to,
  language: 'zh-CN',
  subject: null,
  text,
});

const waitFor = async (what: string, predicate: () => boolean, timeoutMs = 5_000) => {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

const logged = (event: string) => events.some((entry) => entry.event === event);

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'huikuan-smpp-'));
  events = [];
  receipts.length = 0;
  smsc = await startLocalSmsc(smscOptions());
});

afterEach(async () => {
  await channel?.close();
  channel = null;
  await smsc.close();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('sending through SMPP', () => {
  it('sends a short English message and receives its delivery receipt', async () => {
    const text = 'Invoice FP0001 (CNY 12,345.67) is 30 days overdue. Please pay by 20 March.';
    const delivery = await open().send(message('+86 138-0013-8000', text));

    expect(delivery).toMatchObject({ via: 'smpp', parts: 1, alreadyDelivered: false });
    expect(smsc.messages).toEqual([
      {
        destination: '8613800138000',
        source: '10690001',
        text,
        messageIds: [delivery.providerMessageId],
        parts: 1,
        receivedAt: expect.any(String),
      },
    ]);
    await waitFor('the receipt', () => receipts.length === 1);
    expect(receipts[0]).toMatchObject({
      providerMessageId: delivery.providerMessageId,
      state: 'DELIVRD',
      delivered: true,
      error: null,
    });
    const lines = (await fs.readFile(path.join(dir, 'smsc', 'messages.jsonl'), 'utf8')).trim();
    expect(lines.split('\n').map((line) => JSON.parse(line))).toEqual(smsc.messages);
  });

  it('sends 200 Chinese characters as three UCS-2 parts and gets a receipt for each', async () => {
    expect(CHINESE_200).toHaveLength(200);
    const delivery = await open().send(message('13800138000', CHINESE_200));

    const ids = delivery.providerMessageId.split(',');
    expect(delivery.parts).toBe(3);
    expect(new Set(ids).size).toBe(3);
    expect(smsc.messages).toHaveLength(1);
    expect(smsc.messages[0]).toMatchObject({ text: CHINESE_200, parts: 3, messageIds: ids });
    await waitFor('three receipts', () => receipts.length === 3);
    expect(receipts.map((receipt) => receipt.providerMessageId).sort()).toEqual([...ids].sort());
    expect(receipts.every((receipt) => receipt.delivered)).toBe(true);
  });

  it('reassembles a long GSM message with escaped characters', async () => {
    const text = `Balance due: €1,234.50 {3 invoices} [FP0001|FP0002|FP0003] ${'~'.repeat(80)} ${'x'.repeat(120)}`;
    const delivery = await open().send(message('13800138000', text));

    // 59 characters with 7 escaped ones, 80 tildes, a space and 120 x: 347 septets.
    expect(delivery.parts).toBe(3);
    expect(smsc.messages[0]).toMatchObject({ text, parts: 3 });
  });

  it('fails an invalid number before it reaches the SMSC', async () => {
    const attempt = open().send(message('not a number', 'hello'));

    await expect(attempt).rejects.toThrow(PermanentDispatchError);
    await expect(attempt).rejects.toMatchObject({ code: 'invalid-number' });
    expect(logged('sms.smpp.bound')).toBe(false);
  });

  it('makes a rejected destination permanent and a throttled answer transient', async () => {
    const adapter = open();

    const rejected = adapter.send(message(`+${REJECTED}`, 'hello'));
    await expect(rejected).rejects.toThrow(PermanentDispatchError);
    await expect(rejected).rejects.toMatchObject({
      code: 'invalid-number',
      message: expect.stringContaining('ESME_RINVDSTADR (0x0000000B)'),
    });

    const throttled = adapter.send(message(`+${THROTTLED}`, 'hello'));
    await expect(throttled).rejects.toThrow(SmppError);
    await expect(throttled).rejects.not.toThrow(PermanentDispatchError);
    await expect(throttled).rejects.toMatchObject({ status: 0x58 });

    await expect(adapter.send(message('13800138000', 'still bound'))).resolves.toMatchObject({
      parts: 1,
    });
  });
});

describe('the SMPP session', () => {
  it('fails the bind with a clear, transient error when the password is wrong', async () => {
    const url = `smpp://${SYSTEM_ID}:wrong-secret@127.0.0.1:${smsc.port}`;
    const attempt = open({ url }).send(message('13800138000', 'hello'));

    await expect(attempt).rejects.toThrow(SmppBindError);
    await expect(attempt).rejects.toThrow(
      `smpp://${SYSTEM_ID}:***@127.0.0.1:${smsc.port} refused bind_transceiver: ESME_RBINDFAIL (0x0000000D)`,
    );
    await expect(attempt).rejects.not.toThrow(PermanentDispatchError);
    await expect(attempt).rejects.not.toThrow(/wrong-secret/);
    expect(smsc.messages).toEqual([]);
  });

  it('reconnects after the SMSC restarts and gets receipts again', async () => {
    const adapter = open();
    await adapter.send(message('13800138000', 'before the restart', 'act-1'));
    await waitFor('the first receipt', () => receipts.length === 1);
    const port = smsc.port;

    await smsc.close();
    await waitFor('the drop', () => logged('sms.smpp.closed'));
    const whileDown = adapter.send(message('13800138000', 'while down', 'act-2'));
    await expect(whileDown).rejects.toThrow(SmppError);
    await expect(whileDown).rejects.not.toThrow(PermanentDispatchError);

    smsc = await startLocalSmsc(smscOptions(port));
    const delivery = await adapter.send(message('13800138000', 'after the restart', 'act-3'));
    expect(smsc.messages.map((sent) => sent.text)).toEqual(['after the restart']);
    await waitFor('the second receipt', () => receipts.length === 2);
    expect(receipts[1]!.providerMessageId).toBe(delivery.providerMessageId);
  });

  it('rebinds by itself after a drop, without waiting for the next send', async () => {
    const adapter = open();
    await adapter.send(message('13800138000', 'first'));
    const port = smsc.port;

    await smsc.close();
    smsc = await startLocalSmsc(smscOptions(port));
    await waitFor('the rebind', () => logged('sms.smpp.reconnected'));
    expect(events.filter((entry) => entry.event === 'sms.smpp.bound')).toHaveLength(2);
  });

  it('unbinds on close and refuses to send afterwards', async () => {
    const adapter = open();
    await adapter.send(message('13800138000', 'hello'));

    await adapter.close();
    channel = null;
    expect(logged('sms.smpp.channel-closed')).toBe(true);
    await expect(adapter.send(message('13800138000', 'late'))).rejects.toThrow(/closed/);
  });

  it('never logs the password', async () => {
    const adapter = open();
    await adapter.send(message('13800138000', 'hello'));
    await adapter.close();
    channel = null;

    const log = JSON.stringify(events);
    expect(log).toContain(`smpp://${SYSTEM_ID}:***@127.0.0.1:${smsc.port}`);
    expect(log).not.toContain(PASSWORD);
  });
});

describe('keep-alive', () => {
  it('drops a link whose enquire_link goes unanswered', async () => {
    const silent = smpp.createServer((session) => {
      session.on('error', () => undefined);
      session.on('bind_transceiver', (pdu) => session.send(pdu.response({ system_id: 'mute' })));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };

    try {
      const adapter = open({
        url: `smpp://${SYSTEM_ID}:${PASSWORD}@127.0.0.1:${port}`,
        enquireLinkMs: 100,
        submitTimeoutMs: 150,
        reconnectMs: 60_000,
      });
      const submit = adapter.send(message('13800138000', 'never answered'));
      await expect(submit).rejects.toThrow('no submit_sm_resp within 150 ms');
      await waitFor('the link timeout', () => logged('sms.smpp.link-timeout'));
      await waitFor('the drop', () => logged('sms.smpp.closed'));
    } finally {
      await channel?.close();
      channel = null;
      for (const session of silent.sessions) session.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

describe('a multipart message interrupted by the SMSC', () => {
  it('makes a message uncertain once a part is out, naming the parts, and keeps the reference', async () => {
    const references: number[] = [];
    let submits = 0;
    const picky = smpp.createServer((session) => {
      session.on('error', () => undefined);
      session.on('bind_transceiver', (pdu) => session.send(pdu.response({ system_id: 'picky' })));
      session.on('submit_sm', (pdu) => {
        submits += 1;
        const udh = (pdu.short_message as { udh?: Buffer[] }).udh ?? [];
        references.push(udh[0]![2]!);
        const status = submits === 2 ? { command_status: 0x58 } : { message_id: `m${submits}` };
        session.send(pdu.response(status));
      });
    });
    await new Promise<void>((resolve) => picky.listen(0, '127.0.0.1', resolve));
    const { port } = picky.address() as { port: number };

    try {
      const adapter = open({ url: `smpp://${SYSTEM_ID}:${PASSWORD}@127.0.0.1:${port}` });
      const first = adapter.send(message('13800138000', CHINESE_200, 'act-42'));
      // Part 1 is out: the dispatcher must not resend it blindly.
      await expect(first).rejects.toThrow(UncertainDeliveryError);
      await expect(first).rejects.toThrow(
        'SMSC refused part 2/3 of action act-42: ESME_RTHROTTLED (0x00000058) ' +
          '(after part 1 had been accepted as m1)',
      );

      // A person who resends it from the dead letters sends it whole, with the same reference.
      const retry = await adapter.send(message('13800138000', CHINESE_200, 'act-42'));
      expect(retry.providerMessageId).toBe('m3,m4,m5');
      expect(new Set(references).size).toBe(1);
    } finally {
      await channel?.close();
      channel = null;
      for (const session of picky.sessions) session.destroy();
      await new Promise((resolve) => picky.close(resolve));
    }
  });
});

describe('parseSmppUrl', () => {
  it('reads the credentials and redacts the password', () => {
    expect(parseSmppUrl('smpp://hk%40corp:p%3Ass@smsc.example.com')).toEqual({
      host: 'smsc.example.com',
      port: 2775,
      systemId: 'hk@corp',
      password: 'p:ss',
      redactedUrl: 'smpp://hk%40corp:***@smsc.example.com:2775',
    });
  });

  it('refuses other schemes and unparsable URLs without echoing them', () => {
    expect(() => parseSmppUrl('http://a:b@host:1')).toThrow('smpp://systemId:password@host:port');
    expect(() => parseSmppUrl('smpp://id:secret@')).toThrow(/^(?!.*secret)/);
  });
});
