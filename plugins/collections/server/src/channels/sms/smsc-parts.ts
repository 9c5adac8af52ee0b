/// <reference path="../../types/smpp.d.ts" />
import type { PDU } from 'smpp';

import { messageStateOf } from './receipts';
import { DATA_CODING_GSM, resolveGsmEscapes } from './segments';

/**
 * What the local SMSC does with the parts it accepts: put concatenated parts
 * back together into messages, and build the delivery receipt for each part.
 */

export interface SmscMessage {
  destination: string;
  source: string;
  text: string;
  messageIds: string[];
  parts: number;
  receivedAt: string;
}

interface Part {
  sequence: number;
  text: string;
  messageId: string;
}

interface PendingMessage {
  total: number;
  dataCoding: number;
  firstAt: Date;
  parts: Map<number, Part>;
}

const ESM_DELIVERY_RECEIPT = 0x04;
const TON_INTERNATIONAL = 0x01;
const NPI_ISDN = 0x01;

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
  return { reference: -1, total: 1, sequence: 1 };
};

/** The part's UDH and decoded text, from short_message or else the message_payload TLV. */
export const bodyOf = (pdu: PDU): { udh?: Buffer[]; text: string } => {
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

const assemble = (pdu: PDU, message: PendingMessage): SmscMessage => {
  const parts = [...message.parts.values()].sort((a, b) => a.sequence - b.sequence);
  const joined = parts.map((part) => part.text).join('');
  return {
    destination: pdu.destination_addr ?? '',
    source: pdu.source_addr ?? '',
    text: message.dataCoding === DATA_CODING_GSM ? resolveGsmEscapes(joined) : joined,
    messageIds: parts.map((part) => part.messageId),
    parts: parts.length,
    receivedAt: message.firstAt.toISOString(),
  };
};

/**
 * Collects parts by sender, recipient and concatenation reference; `add`
 * returns the whole message once its last part is in. Parts whose siblings
 * never arrive are forgotten after `ttlMs`.
 */
export const createReassembler = (ttlMs: number) => {
  const pending = new Map<string, PendingMessage>();

  const dropStale = (now: Date): void => {
    for (const [key, message] of pending) {
      if (now.getTime() - message.firstAt.getTime() > ttlMs) pending.delete(key);
    }
  };

  const add = (systemId: string, pdu: PDU, messageId: string, now: Date): SmscMessage | null => {
    const { udh, text } = bodyOf(pdu);
    const { reference, total, sequence } = concatenationOf(udh);
    const key = [systemId, pdu.source_addr, pdu.destination_addr, reference, total].join('|');
    dropStale(now);

    const message = pending.get(key) ?? {
      total,
      dataCoding: (pdu.data_coding ?? 0) & 0x0f,
      firstAt: now,
      parts: new Map<number, Part>(),
    };
    message.parts.set(sequence, { sequence, text, messageId });
    pending.set(key, message);
    if (message.parts.size < message.total) return null;

    pending.delete(key);
    return assemble(pdu, message);
  };

  return { add };
};

/** SMPP receipt dates: YYMMDDhhmm (in UTC here). */
const receiptDate = (date: Date): string => date.toISOString().replace(/\D/g, '').slice(2, 12);

export interface SubmittedPart {
  source: string;
  destination: string;
  messageId: string;
  text: string;
  submittedAt: Date;
}

/** The deliver_sm of a receipt: SMPP 3.4 Appendix B text plus both receipt TLVs. */
export const receiptParams = (
  part: SubmittedPart,
  stat: string,
  doneAt: Date,
): Record<string, unknown> => {
  const delivered = stat === 'DELIVRD';
  const preview = part.text.replace(/[^ -~]/g, '').slice(0, 20);
  const text =
    `id:${part.messageId} sub:001 dlvrd:${delivered ? '001' : '000'} ` +
    `submit date:${receiptDate(part.submittedAt)} done date:${receiptDate(doneAt)} ` +
    `stat:${stat} err:${delivered ? '000' : '001'} text:${preview}`;
  return {
    source_addr_ton: TON_INTERNATIONAL,
    source_addr_npi: NPI_ISDN,
    source_addr: part.destination,
    destination_addr: part.source,
    esm_class: ESM_DELIVERY_RECEIPT,
    data_coding: DATA_CODING_GSM,
    short_message: text,
    receipted_message_id: part.messageId,
    message_state: messageStateOf(stat),
  };
};
