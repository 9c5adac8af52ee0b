import fs from 'node:fs/promises';
import path from 'node:path';

import type { ChannelAdapter, Delivery, OutboundMessage } from './types';

/**
 * The embedded default for SMS when no provider is configured: each message is
 * a JSON file named by its action, created exclusively, so a second attempt
 * finds it instead of writing another (as the .eml outbox does for email).
 */
export const createSmsOutboxChannel = (outboxDir: string): ChannelAdapter => {
  const fileOf = (actionId: string) => path.join(outboxDir, `${actionId}.json`);
  const delivered = (actionId: string, already: boolean, parts: number): Delivery => ({
    providerMessageId: `outbox:${actionId}`,
    via: fileOf(actionId),
    alreadyDelivered: already,
    parts,
  });
  const record = (message: OutboundMessage) =>
    JSON.stringify(
      {
        actionId: message.actionId,
        to: message.to,
        text: message.text,
        providerTemplate: message.providerTemplate ?? null,
        writtenAt: new Date().toISOString(),
      },
      null,
      2,
    );
  return {
    channel: 'sms',
    provider: 'outbox',
    async send(message) {
      await fs.mkdir(outboxDir, { recursive: true });
      try {
        await fs.writeFile(fileOf(message.actionId), record(message), { flag: 'wx' });
        return delivered(message.actionId, false, 1);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        return delivered(message.actionId, true, 1);
      }
    },
    async lookup(actionId) {
      try {
        await fs.access(fileOf(actionId));
        return delivered(actionId, true, 1);
      } catch {
        return null;
      }
    },
    close: async () => undefined,
  };
};
