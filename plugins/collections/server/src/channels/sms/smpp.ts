/// <reference path="../../types/smpp.d.ts" />
import { createHash } from 'node:crypto';

import type { PDU } from 'smpp';

import { PermanentDispatchError, UncertainDeliveryError } from '../errors';
import type { ChannelAdapter, Delivery, DeliveryReceipt, OutboundMessage } from '../types';
import { normaliseMobileNumber } from './phone';
import { isReceiptEsmClass, toDeliveryReceipt } from './receipts';
import { MessageTooLongError, segmentMessage, type SegmentedMessage } from './segments';
import { createSmppLink, type SmppLogger } from './smpp-link';
import { SMPP_STATUS, submitError } from './smpp-status';

export interface SmppChannelOptions {
  /** smpp://systemId:password@host:port (port 2775 when left out). */
  url: string;
  /** The sender: digits (with + for an international number) or an alphanumeric name. */
  sourceAddr: string;
  systemType?: string;
  /** Keep-alive period; default 30 s. */
  enquireLinkMs?: number;
  /** How long a bind, submit_sm or enquire_link may wait for its answer; default 10 s. */
  submitTimeoutMs?: number;
  /** First delay before rebinding after the link drops; default 1 s. */
  reconnectMs?: number;
  logger?: SmppLogger;
}

/** SMPP TON / NPI values (SMPP 3.4 section 5.2.5 and 5.2.6). */
const TON_UNKNOWN = 0x00;
const TON_INTERNATIONAL = 0x01;
const TON_ALPHANUMERIC = 0x05;
const NPI_UNKNOWN = 0x00;
const NPI_ISDN = 0x01;
/** registered_delivery: a receipt on the final outcome, delivered or not. */
const RECEIPT_ON_FINAL_OUTCOME = 0x01;

interface SmppTarget {
  host: string;
  port: number;
  systemId: string;
  password: string;
  redactedUrl: string;
}

/** Splits the URL; neither the password nor the raw URL ever appears in an error. */
export const parseSmppUrl = (url: string): SmppTarget => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('the SMPP URL is not a URL; expected smpp://systemId:password@host:port');
  }
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  const systemId = decodeURIComponent(parsed.username);
  if (parsed.protocol !== 'smpp:' || !host || !systemId) {
    throw new Error('the SMPP URL must look like smpp://systemId:password@host:port');
  }
  const port = parsed.port ? Number(parsed.port) : 2775;
  const redactedUrl = `smpp://${parsed.username}:***@${parsed.hostname}:${port}`;
  return { host, port, systemId, password: decodeURIComponent(parsed.password), redactedUrl };
};

const sourceAddress = (sourceAddr: string) => {
  if (/^\+\d+$/.test(sourceAddr)) {
    return {
      source_addr_ton: TON_INTERNATIONAL,
      source_addr_npi: NPI_ISDN,
      source_addr: sourceAddr.slice(1),
    };
  }
  if (/^\d+$/.test(sourceAddr)) {
    return { source_addr_ton: TON_UNKNOWN, source_addr_npi: NPI_ISDN, source_addr: sourceAddr };
  }
  return {
    source_addr_ton: TON_ALPHANUMERIC,
    source_addr_npi: NPI_UNKNOWN,
    source_addr: sourceAddr,
  };
};

/** The text of a deliver_sm, however the library left it (decoded or raw). */
const textOf = (pdu: PDU): string => {
  const body = pdu.short_message || pdu.message_payload;
  if (!body) return '';
  if (typeof body === 'string') return body;
  if (Buffer.isBuffer(body)) return body.toString('latin1');
  return typeof body.message === 'string' ? body.message : body.message.toString('latin1');
};

const segmentFor = (message: OutboundMessage, reference: number): SegmentedMessage => {
  if (message.text.length === 0) {
    throw new PermanentDispatchError('an SMS needs text', 'empty-message');
  }
  try {
    return segmentMessage(message.text, reference);
  } catch (error) {
    if (error instanceof MessageTooLongError) {
      throw new PermanentDispatchError(error.message, 'message-too-long');
    }
    throw error;
  }
};

/** Says which parts the SMSC had already taken when a later part failed. */
const afterAccepted = (error: Error, accepted: string[]): Error => {
  if (accepted.length === 0) return error;
  const parts = accepted.length === 1 ? 'part 1' : `parts 1-${accepted.length}`;
  error.message += ` (after ${parts} had been accepted as ${accepted.join(',')})`;
  return error;
};

/**
 * The concatenation reference of an action's message: the same on every retry,
 * so a handset that kept the parts of an interrupted attempt can complete the
 * message with the parts of the next one.
 */
const referenceFor = (actionId: string): number =>
  createHash('sha256').update(actionId).digest()[0]!;

/**
 * SMS through an SMPP 3.4 SMSC: one transceiver bind, submit_sm per part with
 * a receipt requested, and the deliver_sm receipts passed to onReceipt
 * listeners (one receipt per part, each naming that part's message_id).
 */
export const createSmppChannel = (options: SmppChannelOptions): ChannelAdapter => {
  const target = parseSmppUrl(options.url);
  const log: SmppLogger = options.logger ?? (() => undefined);
  const listeners: Array<(receipt: DeliveryReceipt) => void> = [];
  const source = sourceAddress(options.sourceAddr);

  const onDeliver = (pdu: PDU): void => {
    if (!isReceiptEsmClass(pdu.esm_class ?? 0)) {
      log('sms.smpp.mobile-originated-ignored', { url: target.redactedUrl });
      return;
    }
    const receipt = toDeliveryReceipt(
      {
        text: textOf(pdu),
        receiptedMessageId: pdu.receipted_message_id,
        messageState: pdu.message_state,
      },
      new Date(),
    );
    if (!receipt) {
      log('sms.smpp.receipt-unreadable', { url: target.redactedUrl, text: textOf(pdu) });
      return;
    }
    log('sms.smpp.receipt', { messageId: receipt.providerMessageId, state: receipt.state });
    for (const listener of listeners) {
      try {
        listener(receipt);
      } catch (error) {
        log('sms.smpp.receipt-listener-failed', { error: (error as Error).message });
      }
    }
  };

  const link = createSmppLink({
    ...target,
    systemType: options.systemType ?? '',
    enquireLinkMs: options.enquireLinkMs ?? 30_000,
    requestTimeoutMs: options.submitTimeoutMs ?? 10_000,
    reconnectMs: options.reconnectMs ?? 1_000,
    log,
    onDeliver,
  });

  const submitParams = (destination: string, segmented: SegmentedMessage, part: Buffer) => ({
    ...source,
    dest_addr_ton: TON_INTERNATIONAL,
    dest_addr_npi: NPI_ISDN,
    destination_addr: destination,
    esm_class: segmented.esmClass,
    registered_delivery: RECEIPT_ON_FINAL_OUTCOME,
    data_coding: segmented.dataCoding,
    short_message: part,
  });

  const send = async (message: OutboundMessage): Promise<Delivery> => {
    const number = normaliseMobileNumber(message.to);
    const segmented = segmentFor(message, referenceFor(message.actionId));

    const accepted: string[] = [];
    try {
      for (const [index, part] of segmented.parts.entries()) {
        const response = await link.submit(submitParams(number.international, segmented, part));
        if (response.command_status !== SMPP_STATUS.ESME_ROK) {
          const label = `part ${index + 1}/${segmented.parts.length} of action ${message.actionId}`;
          throw submitError(response.command_status, label);
        }
        accepted.push(response.message_id ?? '');
      }
    } catch (error) {
      // Once a part is out, a retry would send it again: the whole message is uncertain.
      if (accepted.length > 0 && !(error instanceof UncertainDeliveryError)) {
        throw afterAccepted(new UncertainDeliveryError((error as Error).message), accepted);
      }
      throw afterAccepted(error as Error, accepted);
    }

    log('sms.smpp.sent', {
      action: message.actionId,
      parts: accepted.length,
      messageIds: accepted,
    });
    return {
      providerMessageId: accepted.join(','),
      via: 'smpp',
      alreadyDelivered: false,
      parts: accepted.length,
    };
  };

  return {
    channel: 'sms',
    provider: 'smpp',
    send,
    onReceipt: (listener) => {
      listeners.push(listener);
    },
    close: () => link.close(),
  };
};
