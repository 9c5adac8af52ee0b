import fs from 'node:fs/promises';
import path from 'node:path';

import nodemailer, { type Transporter } from 'nodemailer';

import { PermanentDispatchError } from './errors';
import type { ChannelAdapter, Delivery, OutboundMessage } from './types';

/** The Message-ID of an action's email: the same on every attempt, so receivers can drop a resend. */
export const messageIdOf = (actionId: string): string => `<${actionId}@huikuan>`;

const mailOf = (from: string, message: OutboundMessage) => ({
  messageId: messageIdOf(message.actionId),
  from,
  to: message.to,
  subject: message.subject ?? '',
  text: message.text,
  html: message.html ?? undefined,
  attachments: (message.attachments ?? []).map((attachment) => ({
    filename: attachment.filename,
    contentType: attachment.contentType,
    content: attachment.content,
  })),
  headers: { 'X-Huikuan-Action': message.actionId },
});

/** SMTP reply codes 5xx are final (no such mailbox, rejected); 4xx and network errors pass. */
const classify = (error: unknown): Error => {
  const smtp = error as { responseCode?: number; code?: string; message?: string };
  if (typeof smtp.responseCode === 'number' && smtp.responseCode >= 500) {
    return new PermanentDispatchError(
      `the mail server refused the message (${smtp.responseCode}): ${smtp.message ?? ''}`,
      'smtp-rejected',
    );
  }
  return error instanceof Error ? error : new Error(String(error));
};

/**
 * SMTP_URL with a pooled connection unless it says otherwise: a batch reuses a few open
 * sessions instead of connecting and saying EHLO for every message.
 */
export const pooledSmtpUrl = (smtpUrl: string): string => {
  const url = new URL(smtpUrl);
  if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
  return url.toString();
};

/** Email through SMTP when SMTP_URL is set. */
const smtpChannel = (smtpUrl: string, from: string): ChannelAdapter => {
  const transport: Transporter = nodemailer.createTransport(pooledSmtpUrl(smtpUrl));
  return {
    channel: 'email',
    provider: 'smtp',
    async send(message): Promise<Delivery> {
      try {
        const info = await transport.sendMail(mailOf(from, message));
        return {
          providerMessageId: info.messageId,
          via: 'smtp',
          alreadyDelivered: false,
          parts: 1,
        };
      } catch (error) {
        throw classify(error);
      }
    },
    // An SMTP server cannot say whether it took a message earlier.
    lookup: async () => 'unknown',
    close: async () => transport.close(),
  };
};

/**
 * Without SMTP, each email becomes an .eml file in the outbox folder. The file
 * is created exclusively: a second attempt for the same action finds it and
 * reports it delivered instead of writing another.
 */
const outboxChannel = (outboxDir: string, from: string): ChannelAdapter => {
  const transport: Transporter = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'unix',
  });
  const fileOf = (actionId: string) => path.join(outboxDir, `${actionId}.eml`);
  const delivered = (actionId: string, already: boolean): Delivery => ({
    providerMessageId: messageIdOf(actionId),
    via: fileOf(actionId),
    alreadyDelivered: already,
    parts: 1,
  });
  return {
    channel: 'email',
    provider: 'eml',
    async send(message) {
      await fs.mkdir(outboxDir, { recursive: true });
      const info = await transport.sendMail(mailOf(from, message));
      try {
        await fs.writeFile(fileOf(message.actionId), info.message as Buffer, { flag: 'wx' });
        return delivered(message.actionId, false);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        return delivered(message.actionId, true);
      }
    },
    async lookup(actionId) {
      try {
        await fs.access(fileOf(actionId));
        return delivered(actionId, true);
      } catch {
        return null;
      }
    },
    close: async () => transport.close(),
  };
};

export const createEmailChannel = (options: {
  smtpUrl: string | null;
  outboxDir: string;
  from: string;
}): ChannelAdapter =>
  options.smtpUrl
    ? smtpChannel(options.smtpUrl, options.from)
    : outboxChannel(options.outboxDir, options.from);
