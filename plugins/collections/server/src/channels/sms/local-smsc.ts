/// <reference path="../../types/smpp.d.ts" />
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

import * as smpp from 'smpp';
import type { PDU, Session } from 'smpp';

import { SMPP_STATUS } from './smpp-status';
import { bodyOf, createReassembler, receiptParams, type SmscMessage } from './smsc-parts';

export type { SmscMessage } from './smsc-parts';

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

export interface LocalSmsc {
  port: number;
  messages: SmscMessage[];
  close(): Promise<void>;
}

interface SessionState {
  /** The system id once bound. */
  systemId: string | null;
  /** Bound as transmitter or transceiver: may submit. */
  transmits: boolean;
}

interface Receipt {
  systemId: string;
  params: Record<string, unknown>;
}

const ESME_RINVCMDID = 0x03;
/** Parts whose siblings never arrive are dropped after this long. */
const INCOMPLETE_TTL_MS = 10 * 60_000;

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
  const reassembler = createReassembler(INCOMPLETE_TTL_MS);
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

  const scheduleReceipt = (systemId: string, pdu: PDU, messageId: string) => {
    const destination = pdu.destination_addr ?? '';
    const stat = options.receiptState?.(destination) ?? 'DELIVRD';
    const part = {
      source: pdu.source_addr ?? '',
      destination,
      messageId,
      text: bodyOf(pdu).text,
      submittedAt: new Date(),
    };
    const timer = setTimeout(() => {
      timers.delete(timer);
      dispatchReceipt({ systemId, params: receiptParams(part, stat, new Date()) });
    }, options.receiptDelayMs ?? 50);
    timers.add(timer);
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
    const complete = reassembler.add(systemId, pdu, messageId, new Date());
    if (complete) record(complete);
    if ((pdu.registered_delivery ?? 0) & 0x03) scheduleReceipt(systemId, pdu, messageId);
  };

  const bind = (session: Session, pdu: PDU, state: SessionState): void => {
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
    state.transmits = pdu.command !== 'bind_receiver';
    session.send(pdu.response({ system_id: 'huikuan-smsc' }));
    if (pdu.command === 'bind_transmitter') return;

    receivers.set(session, options.systemId);
    const waiting = queuedReceipts.splice(0);
    for (const receipt of waiting) dispatchReceipt(receipt);
  };

  const serve = (session: Session): void => {
    const state: SessionState = { systemId: null, transmits: false };
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
          if (state.systemId === null || !state.transmits) {
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
