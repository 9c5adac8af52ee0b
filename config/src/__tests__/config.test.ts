import path from 'node:path';

import { ConfigError, loadConfig } from '../index';

describe('loadConfig', () => {
  it('runs on embedded SQLite under var/ with no environment', () => {
    const config = loadConfig({ HUIKUAN_ROOT: '/srv/huikuan' });
    expect(config.database).toEqual({
      client: 'sqlite',
      url: null,
      schema: 'public',
      filename: path.resolve('/srv/huikuan', 'var/huikuan.db'),
    });
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    expect(config.mail.smtpUrl).toBeNull();
    expect(config.defaultTimeZone).toBe('Asia/Shanghai');
    expect(config.demo).toEqual({ seed: 20261204, debtors: 300, warmupDays: 7 });
  });

  it('switches to PostgreSQL when DATABASE_URL is set', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://ar@db:5432/huikuan',
      DATABASE_SCHEMA: 'ar',
    });
    expect(config.database).toMatchObject({ client: 'postgres', schema: 'ar' });
  });

  it.each([
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must be a postgres/],
    [
      { HUIKUAN_FLOWS_PORT: '70000' },
      /HUIKUAN_FLOWS_PORT must be a whole number from 1 to 65535, got '70000'/,
    ],
    [{ HUIKUAN_DEMO_DEBTORS: 'many' }, /HUIKUAN_DEMO_DEBTORS must be a whole number/],
    [{ HUIKUAN_DEFAULT_TIME_ZONE: 'Mars/Olympus' }, /not an IANA time zone: 'Mars\/Olympus'/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of debug, info, warn, error/],
  ])('refuses %j naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('sends SMS to JSON files until a provider is configured, then to the first one set', () => {
    const root = '/srv/huikuan';
    expect(loadConfig({ HUIKUAN_ROOT: root }).sms).toEqual({
      provider: 'outbox',
      outboxDir: path.resolve(root, 'var/outbox/sms'),
    });
    expect(loadConfig({ SMPP_URL: 'smpp://hk:pw@127.0.0.1:2775' }).sms).toEqual({
      provider: 'smpp',
      url: 'smpp://hk:pw@127.0.0.1:2775',
      sourceAddr: 'HUIKUAN',
    });
    const aliyun = loadConfig({
      ALIYUN_SMS_ACCESS_KEY_ID: 'id',
      ALIYUN_SMS_ACCESS_KEY_SECRET: 'secret',
      ALIYUN_SMS_SIGN_NAME: '回款',
      HUIKUAN_SMS_TEMPLATE_CODES: 'reminder=SMS_1, offer=SMS_2',
    }).sms;
    expect(aliyun).toMatchObject({
      provider: 'aliyun',
      templateCodes: { reminder: 'SMS_1', offer: 'SMS_2' },
    });
  });

  it.each([
    [{ HUIKUAN_SMS_PROVIDER: 'tencent' }, /TENCENT_SMS_SECRET_ID is required for the tencent SMS/],
    [{ SMPP_URL: 'http://x' }, /SMPP_URL must look like smpp:\/\/systemId:password@host:port/],
    [
      { SMTP_URL: 'smtp//ar:s3cretPW@127.0.0.1:2525' },
      /SMTP_URL must look like .*'smtp\/\/ar:\*\*\*@127/,
    ],
    [{ SMTP_URL: 'ftp://mail.example.com' }, /SMTP_URL must look like smtp:\/\//],
    [
      { ALIYUN_SMS_ACCESS_KEY_ID: 'id', ALIYUN_SMS_ACCESS_KEY_SECRET: 's' },
      /ALIYUN_SMS_SIGN_NAME is required/,
    ],
    [
      { HUIKUAN_SMS_TEMPLATE_CODES: 'reminder' },
      /HUIKUAN_SMS_TEMPLATE_CODES must be code=providerCode/,
    ],
    [{ HUIKUAN_DEBTOR_DAILY_CAP: '0' }, /HUIKUAN_DEBTOR_DAILY_CAP must be a whole number from 1/],
  ])('refuses the dispatch setting %j naming it', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
