/// <reference path="../../../types/smpp.d.ts" />
import { once } from 'node:events';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import * as smpp from 'smpp';
import type { PDU, Session } from 'smpp';

import { startLocalSmsc, type LocalSmsc } from '../local-smsc';

/**
 * The local SMSC driven by a bare SMPP client, so that it sees PDUs the
 * channel never sends: submits before a bind, 16-bit references, parts out of
 * order, an escape split across parts, message_payload, receiver-only binds.
 */

const CREDENTIALS = { system_id: 'demo', password: 'demo-pass' };

let dir: string;
let smsc: LocalSmsc;
const clients: Session[] = [];

const connect = async (): Promise<Session> => {
  const session = smpp.connect({ host: '127.0.0.1', port: smsc.port });
  session.on('error', () => undefined);
  clients.push(session);
  await once(session, 'connect');
  return session;
};

type Command = 'bind_transmitter' | 'bind_receiver' | 'bind_transceiver' | 'submit_sm';
const call = (session: Session, command: Command, params: Record<string, unknown>) =>
  new Promise<PDU>((resolve) => session[command](params, resolve));

const nextDeliverSm = (session: Session): Promise<PDU> =>
  new Promise((resolve) => {
    session.once('deliver_sm', (pdu: PDU) => {
      session.send(pdu.response());
      resolve(pdu);
    });
  });

const gsmPart = (reference: number, total: number, sequence: number, bytes: number[]) =>
  Buffer.from([0x06, 0x08, 0x04, reference >> 8, reference & 0xff, total, sequence, ...bytes]);

const ascii = (text: string) => [...Buffer.from(text, 'ascii')];

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'huikuan-smsc-'));
  smsc = await startLocalSmsc({
    systemId: CREDENTIALS.system_id,
    password: CREDENTIALS.password,
    logFile: path.join(dir, 'sms.jsonl'),
    receiptDelayMs: 10,
    receiptState: (destination) => (destination === '8613900000005' ? 'UNDELIV' : 'DELIVRD'),
  });
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await smsc.close();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('the local SMSC', () => {
  it('refuses a submit before the bind and a bind with the wrong password', async () => {
    const session = await connect();
    const early = await call(session, 'submit_sm', { destination_addr: '1', short_message: 'x' });
    expect(early.command_status).toBe(0x04);

    const bind = await call(session, 'bind_transceiver', { ...CREDENTIALS, password: 'nope' });
    expect(bind.command_status).toBe(0x0d);
    await once(session, 'close');
    expect(smsc.messages).toEqual([]);
  });

  it('reassembles parts sent out of order, with a 16-bit reference and a split escape', async () => {
    const session = await connect();
    await call(session, 'bind_transmitter', CREDENTIALS);
    const part = (sequence: number, bytes: number[]) =>
      call(session, 'submit_sm', {
        source_addr: '10690001',
        destination_addr: '8613800138000',
        esm_class: 0x40,
        data_coding: 0,
        short_message: gsmPart(0x1234, 2, sequence, bytes),
      });

    const second = await part(2, [0x28, ...ascii('x'), 0x1b, 0x29]);
    expect(smsc.messages).toEqual([]);
    const first = await part(1, [...ascii('price '), 0x1b]);

    expect(smsc.messages).toEqual([
      {
        destination: '8613800138000',
        source: '10690001',
        text: 'price {x}',
        messageIds: [first.message_id, second.message_id],
        parts: 2,
        receivedAt: expect.any(String),
      },
    ]);
  });

  it('reads the text from message_payload when short_message is empty', async () => {
    const session = await connect();
    await call(session, 'bind_transmitter', CREDENTIALS);
    const text = '您的账款已逾期，请尽快付款。';
    const answer = await call(session, 'submit_sm', {
      destination_addr: '8613800138000',
      data_coding: 0x08,
      message_payload: Buffer.from(text, 'utf16le').swap16(),
    });

    expect(answer.command_status).toBe(0);
    expect(smsc.messages.map((message) => message.text)).toEqual([text]);
  });

  it('keeps receipts until a receiver binds, and never lets a receiver submit', async () => {
    const transmitter = await connect();
    await call(transmitter, 'bind_transmitter', CREDENTIALS);
    const submitted = await call(transmitter, 'submit_sm', {
      source_addr: '10690001',
      destination_addr: '8613900000005',
      registered_delivery: 1,
      short_message: 'hello',
    });
    await new Promise((resolve) => setTimeout(resolve, 50));

    const receiver = await connect();
    const receipt = nextDeliverSm(receiver);
    await call(receiver, 'bind_receiver', CREDENTIALS);
    const pdu = await receipt;
    expect(pdu).toMatchObject({
      esm_class: 0x04,
      source_addr: '8613900000005',
      destination_addr: '10690001',
      receipted_message_id: submitted.message_id,
      message_state: 5,
    });
    const text = (pdu.short_message as { message: string }).message;
    expect(text).toMatch(
      new RegExp(
        `^id:${submitted.message_id} sub:001 dlvrd:000 .* stat:UNDELIV err:001 text:hello$`,
      ),
    );

    const refused = await call(receiver, 'submit_sm', {
      destination_addr: '1',
      short_message: 'x',
    });
    expect(refused.command_status).toBe(0x04);
  });

  it('appends every message to the log file and gives ids that differ between runs', async () => {
    const session = await connect();
    await call(session, 'bind_transmitter', CREDENTIALS);
    const first = await call(session, 'submit_sm', {
      destination_addr: '8613800138000',
      short_message: 'one',
    });
    await call(session, 'submit_sm', { destination_addr: '8613800138000', short_message: 'two' });
    const port = smsc.port;
    await smsc.close();

    const lines = (await fs.readFile(path.join(dir, 'sms.jsonl'), 'utf8')).trim().split('\n');
    expect(lines.map((line) => JSON.parse(line).text)).toEqual(['one', 'two']);

    smsc = await startLocalSmsc({ port, systemId: 'demo', password: 'demo-pass' });
    const again = await connect();
    await call(again, 'bind_transmitter', CREDENTIALS);
    const later = await call(again, 'submit_sm', {
      destination_addr: '8613800138000',
      short_message: 'three',
    });
    expect(later.message_id).not.toBe(first.message_id);
  });
});
