export default ({ env }: { env: any }) => ({
  host: env('HOST', '127.0.0.1'),
  port: env.int('PORT', 1337),
  app: {
    keys: env.array('APP_KEYS', ['huikuan-dev-key-1', 'huikuan-dev-key-2']),
  },
  // No update checks, no phoning home: Huikuan runs on closed networks.
  telemetryDisabled: true,
});
