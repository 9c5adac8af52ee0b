/**
 * The one interface every delivery channel implements. The dispatcher renders
 * the message from the ledger, hands it to the channel's adapter, and records
 * what the adapter returns on the action in the same step as its activity.
 *
 * Errors: an adapter throws `PermanentDispatchError` (../channels/errors) for a
 * send that can never succeed as asked (invalid number, rejected template,
 * mailbox does not exist): the action fails at once and lands in the dead
 * letters. Any other error is transient (connection refused, throttled, 4xx):
 * the job is retried with backoff.
 */

export interface MessageAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface OutboundMessage {
  /** The action's document id: unique per action, stable across retries. */
  actionId: string;
  /** The action's idempotency key (case + step + round). */
  idempotencyKey: string;
  /** The address the channel delivers to: an email address or an E.164 / mainland number. */
  to: string;
  language: string;
  subject: string | null;
  text: string;
  html?: string | null;
  attachments?: MessageAttachment[];
  /**
   * A provider-side template and its parameters, for SMS APIs that only send
   * registered templates (Aliyun TemplateCode, Tencent TemplateId).
   */
  providerTemplate?: { code: string; params: Record<string, string> } | null;
}

export interface Delivery {
  /** The provider's id(s) for the message: SMTP Message-ID, SMSC message_id (segments joined with ','), BizId. */
  providerMessageId: string;
  /** Which adapter took it (`smtp`, `eml:<path>`, `smpp`, `aliyun`, `tencent`). */
  via: string;
  /** True when an earlier attempt had already delivered it and nothing was sent again. */
  alreadyDelivered: boolean;
  /** Number of parts the provider accepted (SMS segments); 1 otherwise. */
  parts: number;
}

/** A delivery receipt from the provider, for a message sent earlier. */
export interface DeliveryReceipt {
  providerMessageId: string;
  /** SMPP stat values (DELIVRD, UNDELIV, EXPIRED, REJECTD…) or the provider's own. */
  state: string;
  delivered: boolean;
  at: Date;
  error: string | null;
}

export interface ChannelAdapter {
  /** `email`, `sms`. */
  readonly channel: string;
  /** The provider's name for logs and the action (`smtp`, `smpp`, `aliyun`…). */
  readonly provider: string;
  send(message: OutboundMessage): Promise<Delivery>;
  /**
   * Whether a message for this action already reached the provider, for a
   * claim taken over from a worker that died mid-send. `null`: the provider
   * cannot tell.
   */
  lookup?(actionId: string): Promise<Delivery | null | 'unknown'>;
  /** Receipts arrive here when the provider sends them (SMPP deliver_sm). */
  onReceipt?(listener: (receipt: DeliveryReceipt) => void): void;
  close(): Promise<void>;
}
