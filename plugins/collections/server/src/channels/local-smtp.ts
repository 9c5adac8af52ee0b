import fs from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  messageId: string | null;
  from: string;
  to: string[];
  subject: string;
  attachments: string[];
  file: string;
  receivedAt: string;
}

/**
 * A real SMTP server on 127.0.0.1 for the demo and the tests: every message it accepts is
 * kept as an .eml file and logged as one JSON line (smtp.log), so what the dispatcher sent
 * can be read the way a mail server's log would show it.
 */
export const startLocalSmtp = async (options: {
  port?: number;
  host?: string;
  dir: string;
  /** Wait this long before accepting each message, as a busy relay would (tests). */
  acceptDelayMs?: number;
  /** Keep .eml files and smtp.log (default); a benchmark only counts what arrives. */
  store?: boolean;
  /** Answer 550 "no such mailbox" for these recipients, as a real server would. */
  rejectRecipient?: (address: string) => boolean;
}) => {
  let count = 0;
  const received: ReceivedMail[] = [];
  const inbox = path.join(options.dir, 'inbox');
  await fs.mkdir(inbox, { recursive: true });
  const store = async (raw: Buffer, rcptTo: string[]) => {
    count += 1;
    // Numbered on arrival: messages parsed at the same time never share a file.
    const number = count;
    if (options.store === false) return;
    const mail = await simpleParser(raw);
    const file = path.join(inbox, `${String(number).padStart(6, '0')}.eml`);
    await fs.writeFile(file, raw);
    const entry: ReceivedMail = {
      messageId: mail.messageId ?? null,
      from: mail.from?.text ?? '',
      to: rcptTo,
      subject: mail.subject ?? '',
      attachments: mail.attachments.map((attachment) => attachment.filename ?? '(unnamed)'),
      file,
      receivedAt: new Date().toISOString(),
    };
    received.push(entry);
    await fs.appendFile(path.join(options.dir, 'smtp.log'), `${JSON.stringify(entry)}\n`);
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 25 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      if (options.rejectRecipient?.(address.address)) {
        const error = new Error(`5.1.1 <${address.address}>: no such mailbox`) as Error & {
          responseCode: number;
        };
        error.responseCode = 550;
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const rcptTo = session.envelope.rcptTo.map((rcpt) => rcpt.address);
        const accept = () => store(Buffer.concat(chunks), rcptTo).then(() => callback(), callback);
        setTimeout(accept, options.acceptDelayMs ?? 0);
      });
    },
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  // A client that vanishes mid-session (a worker killed with its pooled connections) resets
  // its socket: that ends the session, not the server.
  server.on('error', () => undefined);
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    url: `smtp://${host}:${port}?ignoreTLS=true`,
    received,
    /** Messages accepted, stored or not. */
    count: () => count,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
