/// <reference path="../../types/smpp.d.ts" />
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

import * as smpp from 'smpp';
import type { PDU, Session } from 'smpp';

import { resolveGsmEscapes, DATA_CODING_GSM } from './segments';
import { SMPP_STATUS } from './smpp-status';

/**
 * A small SMPP 3.4 SMSC on 127.0.0.1 for the tests and the demo: it checks the
 * bind credentials, answers submit_sm with unique message ids, puts
 * concatenated parts back together, records each complete message (and
 * appends it as a JSON line to `logFile`), and sends a delivery receipt per
 * part after `receiptDelayMs`.
 */
export interface LocalSmscOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: '127.0.0.1';
  systemId: string;
  password: string;
  logFile?: string;
  /** Default 50 ms. */
  receiptDelayMs?: number;
  /** A command_status to answer submit_sm for this destination with, or null to accept it. */
  reject?: (destination: string) => number | null;
  /** The receipt's stat for this destination (DELIVRD, UNDELIV, EXPIRED…); default DELIVRD. */
  receiptState?: (destination: string) => string;
}

export interface SmscMessage {
  destination: string;
  source: string;
  text: string;
  messageIds: string[];
  parts: number;
  receivedAt: string;
}

export interface LocalSmsc {
  port: number;
  messages: SmscMessage[];
  close(): Promise<void>;
}

interface Part {
  sequence: number;
  text: string;
  messageId: string;
}

interface PendingMessage {
  source: string;
  destination: string;
  total: number;
  dataCoding: number;
  firstAt: Date;
  parts: Map<number, Part>;
}

interface Receipt {
  systemId: string;
  params: Record<string, unknown>;
}

/** message_state values (SMPP 3.4 section 5.2.28) for the receipt TLV. */
const MESSAGE_STATE: Record<string, number> = {
  ENROUTE: 1,
  DELIVRD: 2,
  EXPIRED: 3,
  DELETED: 4,
  UNDELIV: 5,
  ACCEPTD: 6,
  UNKNOWN: 7,
  REJECTD: 8,
};
const ESM_DELIVERY_RECEIPT = 0x04;
const ESME_RINVCMDID = 0x03;
/** Parts whose siblings never arrive are dropped after this long. */
const INCOMPLETE_TTL_MS = 10 * 60_000;

/** Concatenation from the UDH (IEI 00: 8-bit reference, IEI 08: 16-bit reference). */
const concatenationOf = (udh: Buffer[] | undefined) => {
  for (const element of udh ?? []) {
    if (element[0] === 0x00 && element[1] === 3) {
      return { reference: element[2]!, total: element[3]!, sequence: element[4]! };
    }
    if (element[0] === 0x08 && element[1] === 4) {
      return { reference: element.readUInt16BE(2), total: element[4]!, sequence: element[5]! };
    }
  }
  return null;
};

/** The part's UDH and decoded text, from short_message or the message_payload TLV. */
const bodyOf = (pdu: PDU): { udh?: Buffer[]; text: string } => {
  const shortMessage = pdu.short_message;
  const hasShort =
    shortMessage && typeof shortMessage === 'object' && !Buffer.isBuffer(shortMessage)
      ? shortMessage.message.length > 0
      : Boolean(shortMessage && shortMessage.length > 0);
  const body = hasShort ? shortMessage : pdu.message_payload;
  if (!body) return { text: '' };
  if (typeof body === 'string') return { text: body };
  if (Buffer.isBuffer(body)) return { text: body.toString('latin1') };
  const text = typeof body.message === 'string' ? body.message : body.message.toString('latin1');
  return { udh: body.udh, text };
};

/** SMPP receipt dates: YYMMDDhhmm (UTC here). */
const receiptDate = (date: Date): string => date.toISOString().replace(/\D/g, '').slice(2, 12);

const receiptText = (id: string, state: string, submitted: Date, text: string): string => {
  const ok = state === 'DELIVRD';
  const preview = text.replace(/[^ -~]/g, '').slice(0, 20);
  return (
    `id:${id} sub:001 dlvrd:${ok ? '001' : '000'} submit date:${receiptDate(submitted)} ` +
    `done date:${receiptDate(new Date())} stat:${state} err:${ok ? '000' : '001'} text:${preview}`
  );
};

const listen = (server: smpp.Server, port: number, host: string): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });

export const startLocalSmsc = async (options: LocalSmscOptions): Promise<LocalSmsc> => {
  const messages: SmscMessage[] = [];
  const pending = new Map<string, PendingMessage>();
  const timers = new Set<NodeJS.Timeout>();
  const receivers = new Map<Session, string>();
  const queuedReceipts: Receipt[] = [];
  const sessions = new Set<Session>();
  const idPrefix = randomBytes(4).toString('hex');
  let nextId = 0;
  let writes: Promise<void> = Promise.resolve();

  const record = (message: SmscMessage): void => {
    messages.push(message);
    const file = options.logFile;
    if (!file) return;
    writes = writes
      .then(() => fs.mkdir(path.dirname(file), { recursive: true }))
      .then(() => fs.appendFile(file, `${JSON.stringify(message)}\n`, 'utf8'))
      .catch((error: Error) => {
        process.emitWarning(`local SMSC could not write ${file}: ${error.message}`);
      });
  };

  /** Delivers a receipt to a bound receiver of that system id, or keeps it until one binds. */
  const dispatchReceipt = (receipt: Receipt): void => {
    const receiver = [...receivers].find(([, systemId]) => systemId === receipt.systemId)?.[0];
    if (receiver) receiver.deliver_sm(receipt.params);
    else queuedReceipts.push(receipt);
  };

  const scheduleReceipt = (systemId: string, pdu: PDU, messageId: string, text: string) => {
    const destination = pdu.destination_addr ?? '';
    const state = options.receiptState?.(destination) ?? 'DELIVRD';
    const submitted = new Date();
    const timer = setTimeout(() => {
      timers.delete(timer);
      const params = {
        source_addr_ton: 1,
        source_addr_npi: 1,
        source_addr: destination,
        destination_addr: pdu.source_addr ?? '',
        esm_class: ESM_DELIVERY_RECEIPT,
        data_coding: DATA_CODING_GSM,
        short_message: receiptText(messageId, state, submitted, text),
        receipted_message_id: messageId,
        message_state: MESSAGE_STATE[state] ?? MESSAGE_STATE.UNKNOWN,
      };
      dispatchReceipt({ systemId, params });
    }, options.receiptDelayMs ?? 50);
    timers.add(timer);
  };

  const dropStale = (now: number): void => {
    for (const [key, message] of pending) {
      if (now - message.firstAt.getTime() > INCOMPLETE_TTL_MS) pending.delete(key);
    }
  };

  /** Files one accepted part; records the message once every part is in. */
  const collect = (systemId: string, pdu: PDU, messageId: string): string => {
    const { udh, text } = bodyOf(pdu);
    const concatenation = concatenationOf(udh) ?? { reference: -1, total: 1, sequence: 1 };
    const source = pdu.source_addr ?? '';
    const destination = pdu.destination_addr ?? '';
    const key = `${systemId}|${source}|${destination}|${concatenation.reference}|${concatenation.total}`;
    dropStale(Date.now());

    const message = pending.get(key) ?? {
      source,
      destination,
      total: concatenation.total,
      dataCoding: (pdu.data_coding ?? 0) & 0x0f,
      firstAt: new Date(),
      parts: new Map<number, Part>(),
    };
    message.parts.set(concatenation.sequence, {
      sequence: concatenation.sequence,
      text,
      messageId,
    });
    pending.set(key, message);
    if (message.parts.size < message.total) return text;

    pending.delete(key);
    const parts = [...message.parts.values()].sort((a, b) => a.sequence - b.sequence);
    const joined = parts.map((part) => part.text).join('');
    record({
      destination,
      source,
      text: message.dataCoding === DATA_CODING_GSM ? resolveGsmEscapes(joined) : joined,
      messageIds: parts.map((part) => part.messageId),
      parts: parts.length,
      receivedAt: message.firstAt.toISOString(),
    });
    return text;
  };

  const submit = (session: Session, systemId: string, pdu: PDU): void => {
    const status = options.reject?.(pdu.destination_addr ?? '') ?? null;
    if (status) {
      session.send(pdu.response({ command_status: status }));
      return;
    }
    nextId += 1;
    const messageId = `${idPrefix}${nextId.toString(16).padStart(8, '0')}`;
    session.send(pdu.response({ message_id: messageId }));
    const text = collect(systemId, pdu, messageId);
    if ((pdu.registered_delivery ?? 0) & 0x03) scheduleReceipt(systemId, pdu, messageId, text);
  };

  const bind = (session: Session, pdu: PDU, state: { systemId: string | null }): void => {
    if (state.systemId !== null) {
      session.send(pdu.response({ command_status: SMPP_STATUS.ESME_RALYBND }));
      return;
    }
    if (pdu.system_id !== options.systemId || pdu.password !== options.password) {
      session.send(pdu.response({ command_status: SMPP_STATUS.ESME_RBINDFAIL }), () =>
        session.close(),
      );
      return;
    }
    state.systemId = options.systemId;
    session.send(pdu.response({ system_id: 'huikuan-smsc' }));
    if (pdu.command === 'bind_transmitter') return;

    receivers.set(session, options.systemId);
    const waiting = queuedReceipts.splice(0);
    for (const receipt of waiting) dispatchReceipt(receipt);
  };

  const serve = (session: Session): void => {
    const state: { systemId: string | null } = { systemId: null };
    sessions.add(session);
    session.on('error', () => session.destroy());
    session.on('close', () => {
      sessions.delete(session);
      receivers.delete(session);
    });
    session.on('pdu', (pdu: PDU) => {
      if (pdu.isResponse()) return;
      switch (pdu.command) {
        case 'bind_transceiver':
        case 'bind_transmitter':
        case 'bind_receiver':
          return bind(session, pdu, state);
        case 'enquire_link':
          session.send(pdu.response());
          return;
        case 'unbind':
          session.send(pdu.response(), () => session.close());
          return;
        case 'submit_sm':
          if (state.systemId === null) {
            session.send(pdu.response({ command_status: SMPP_STATUS.ESME_RINVBNDSTS }));
          } else {
            submit(session, state.systemId, pdu);
          }
          return;
        case 'alert_notification':
        case 'outbind':
          return;
        default:
          session.send(
            pdu.command === 'unknown'
              ? pdu.response()
              : pdu.response({ command_status: ESME_RINVCMDID }),
          );
      }
    });
  };

  const server = smpp.createServer(serve);
  const port = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');

  const close = async (): Promise<void> => {
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    for (const session of sessions) session.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await writes;
  };

  return { port, messages, close };
};
