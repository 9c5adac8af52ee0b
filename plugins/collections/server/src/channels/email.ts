import fs from 'node:fs/promises';
import path from 'node:path';

import nodemailer, { type Transporter } from 'nodemailer';

export interface EmailMessage {
  /** Stable per action, so a resend after a crash carries the same Message-ID. */
  messageId: string;
  /** File-safe and unique per action: names the .eml file in the outbox. */
  outboxName: string;
  from: string;
  to: string;
  subject: string;
  text: string;
}

export interface EmailDelivery {
  providerMessageId: string;
  /** Where it went: `smtp` or the .eml path. */
  via: string;
  /** True when an earlier attempt had already delivered it (nothing was sent again). */
  alreadyDelivered: boolean;
}

export interface EmailChannel {
  send(message: EmailMessage): Promise<EmailDelivery>;
  close(): void;
}

const mailOf = (message: EmailMessage) => ({
  messageId: message.messageId,
  from: message.from,
  to: message.to,
  subject: message.subject,
  text: message.text,
});

/** Email through SMTP when SMTP_URL is set. */
const smtpChannel = (smtpUrl: string): EmailChannel => {
  const transport: Transporter = nodemailer.createTransport(smtpUrl);
  return {
    async send(message) {
      const info = await transport.sendMail(mailOf(message));
      return { providerMessageId: info.messageId, via: 'smtp', alreadyDelivered: false };
    },
    close: () => transport.close(),
  };
};

/**
 * Without SMTP, each email becomes an .eml file in the outbox folder. The file
 * is created exclusively: a second attempt for the same action finds it and
 * reports it delivered instead of writing another.
 */
const outboxChannel = (outboxDir: string): EmailChannel => {
  const transport: Transporter = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'unix',
  });
  return {
    async send(message) {
      await fs.mkdir(outboxDir, { recursive: true });
      const file = path.join(outboxDir, `${message.outboxName}.eml`);
      const info = await transport.sendMail(mailOf(message));
      try {
        await fs.writeFile(file, info.message as Buffer, { flag: 'wx' });
        return { providerMessageId: message.messageId, via: file, alreadyDelivered: false };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        return { providerMessageId: message.messageId, via: file, alreadyDelivered: true };
      }
    },
    close: () => transport.close(),
  };
};

export const createEmailChannel = (options: {
  smtpUrl: string | null;
  outboxDir: string;
}): EmailChannel =>
  options.smtpUrl ? smtpChannel(options.smtpUrl) : outboxChannel(options.outboxDir);
