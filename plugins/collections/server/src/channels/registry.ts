import type { HuikuanConfig, SmsConfig } from '@huikuan/config';

import { createEmailChannel } from './email';
import { createSmsOutboxChannel } from './sms-outbox';
import { createAliyunSmsChannel } from './sms/aliyun';
import { createSmppChannel } from './sms/smpp';
import { createTencentSmsChannel } from './sms/tencent';
import type { ChannelAdapter } from './types';

/** The channels that send a message through a provider; the others become tasks or hand-offs. */
export const MESSAGE_CHANNELS = ['email', 'sms'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

type Logger = (event: string, fields: Record<string, unknown>) => void;

const smsChannel = (sms: SmsConfig, log: Logger): ChannelAdapter => {
  switch (sms.provider) {
    case 'smpp':
      return createSmppChannel({ url: sms.url, sourceAddr: sms.sourceAddr, logger: log });
    case 'aliyun':
      return createAliyunSmsChannel({
        accessKeyId: sms.accessKeyId,
        accessKeySecret: sms.accessKeySecret,
        signName: sms.signName,
        endpoint: sms.endpoint ?? undefined,
        templateCodes: sms.templateCodes,
      });
    case 'tencent':
      return createTencentSmsChannel({
        secretId: sms.secretId,
        secretKey: sms.secretKey,
        sdkAppId: sms.sdkAppId,
        signName: sms.signName,
        region: sms.region,
        endpoint: sms.endpoint ?? undefined,
        templateIds: sms.templateCodes,
      });
    default:
      return createSmsOutboxChannel(sms.outboxDir);
  }
};

/**
 * One adapter per message channel, made on first use from the configuration (credentials
 * come from the environment only) and closed together.
 */
export const createChannelRegistry = (config: HuikuanConfig, log: Logger) => {
  const adapters = new Map<MessageChannel, ChannelAdapter>();
  const make = (channel: MessageChannel): ChannelAdapter =>
    channel === 'email'
      ? createEmailChannel({
          smtpUrl: config.mail.smtpUrl,
          outboxDir: config.mail.outboxDir,
          from: config.mail.from,
        })
      : smsChannel(config.sms, log);
  return {
    adapterFor(channel: MessageChannel): ChannelAdapter {
      const existing = adapters.get(channel);
      if (existing) return existing;
      const adapter = make(channel);
      adapters.set(channel, adapter);
      return adapter;
    },
    async close(): Promise<void> {
      await Promise.all([...adapters.values()].map((adapter) => adapter.close()));
      adapters.clear();
    },
  };
};

export type ChannelRegistry = ReturnType<typeof createChannelRegistry>;
