import type { DeliveryReceipt } from '../types';

/**
 * SMPP 3.4 delivery receipts (Appendix B): the deliver_sm text
 * "id:IIII sub:SSS dlvrd:DDD submit date:YYMMDDhhmm done date:YYMMDDhhmm
 * stat:DDDDDDD err:E text: …", and the receipted_message_id / message_state
 * TLVs (SMPP 3.4 section 5.3.2.12 and 5.3.2.35) that most SMSCs add.
 */

/** esm_class message-type bits (2-5) of a deliver_sm. */
const ESM_MESSAGE_TYPE = 0x3c;
const ESM_DELIVERY_RECEIPT = 0x04;
const ESM_INTERMEDIATE_NOTIFICATION = 0x20;

/** message_state values (SMPP 3.4 section 5.2.28) in the receipt's stat spelling. */
const MESSAGE_STATES: Record<number, string> = {
  1: 'ENROUTE',
  2: 'DELIVRD',
  3: 'EXPIRED',
  4: 'DELETED',
  5: 'UNDELIV',
  6: 'ACCEPTD',
  7: 'UNKNOWN',
  8: 'REJECTD',
  9: 'SKIPPED',
};

/** States after which the SMSC may still deliver. */
const PENDING_STATES = new Set(['ENROUTE', 'ACCEPTD']);

export const isReceiptEsmClass = (esmClass: number): boolean => {
  const type = esmClass & ESM_MESSAGE_TYPE;
  return type === ESM_DELIVERY_RECEIPT || type === ESM_INTERMEDIATE_NOTIFICATION;
};

/** The receipt text's fields by name ("submit date" and "done date" keep their space). */
export const parseReceiptText = (text: string): Record<string, string> => {
  const fields: Record<string, string> = {};
  const pattern = /(id|sub|dlvrd|submit date|done date|stat|err):(\S*)/gi;
  for (const match of text.matchAll(pattern)) {
    fields[match[1]!.toLowerCase()] = match[2]!;
  }
  const textAt = text.search(/\btext:/i);
  if (textAt >= 0) fields.text = text.slice(textAt + 'text:'.length);
  return fields;
};

export interface ReceiptPdu {
  text: string;
  receiptedMessageId?: string | null;
  messageState?: number | null;
}

/**
 * The receipt, or null when neither the TLVs nor the text name a message.
 * `at` is when the receipt arrived: SMPP's done date carries no time zone.
 */
export const toDeliveryReceipt = (pdu: ReceiptPdu, arrivedAt: Date): DeliveryReceipt | null => {
  const fields = parseReceiptText(pdu.text);
  const providerMessageId = pdu.receiptedMessageId || fields.id;
  if (!providerMessageId) return null;

  const tlvState = pdu.messageState ? MESSAGE_STATES[pdu.messageState] : undefined;
  const state = (tlvState ?? fields.stat ?? 'UNKNOWN').toUpperCase();
  const err = fields.err ?? null;
  const failed = !PENDING_STATES.has(state) && state !== 'DELIVRD';
  const errorCode = err !== null && !/^0+$/.test(err);
  return {
    providerMessageId,
    state,
    delivered: state === 'DELIVRD',
    at: arrivedAt,
    error: failed || errorCode ? `${state}${err === null ? '' : ` err:${err}`}` : null,
  };
};
