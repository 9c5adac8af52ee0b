import { secret } from './secrets';

export default () => ({
  host: process.env.HOST ?? '127.0.0.1',
  port: Number(process.env.PORT ?? 1337),
  app: {
    keys: (process.env.APP_KEYS ?? `${secret('APP_KEY_1')},${secret('APP_KEY_2')}`).split(','),
  },
  // No update checks, no telemetry: Huikuan runs on closed networks.
  telemetryDisabled: true,
  logger: { updates: { enabled: false }, startup: { enabled: false } },
});
