/**
 * Huikuan's shared configuration: every setting comes from an environment
 * variable, is parsed and checked once here, and has a documented default.
 * Nothing else in the code base reads `process.env` for these settings.
 */
import path from 'node:path';

export type DatabaseClient = 'sqlite' | 'postgres';

export interface HuikuanConfig {
  /** Repository root; relative paths below resolve against it. */
  rootDir: string;
  database: {
    /** `postgres` when DATABASE_URL is set, otherwise embedded SQLite. */
    client: DatabaseClient;
    /** DATABASE_URL, e.g. postgres://user@127.0.0.1:5432/huikuan. @defaultValue unset */
    url: string | null;
    /** DATABASE_SCHEMA (PostgreSQL only). @defaultValue `public` */
    schema: string;
    /** DATABASE_FILENAME (SQLite only). @defaultValue `var/huikuan.db` */
    filename: string;
  };
  redis: {
    /** REDIS_URL. @defaultValue `redis://127.0.0.1:6379` */
    url: string;
    /**
     * HUIKUAN_QUEUE_PREFIX: BullMQ key prefix, so several installs can share a Redis.
     * @defaultValue `huikuan`
     */
    queuePrefix: string;
  };
  flows: {
    /**
     * HUIKUAN_FLOW_FILE: the strategy flow the collection run executes.
     * @defaultValue `flows/strategies/default.json`
     */
    flowFile: string;
    /** HUIKUAN_FLOWS_USER_DIR: Node-RED's userDir. @defaultValue `var/node-red` */
    userDir: string;
    /** HUIKUAN_FLOWS_HOST / HUIKUAN_FLOWS_PORT: the flow editor. @defaultValue `127.0.0.1:1880` */
    host: string;
    port: number;
    /** HUIKUAN_FLOWS_SECRET: encrypts Node-RED credentials. @defaultValue unset (no encrypted credentials) */
    credentialSecret: string | null;
  };
  mail: {
    /** SMTP_URL, e.g. smtp://user:pass@mail.example.com:587. @defaultValue unset: write .eml files */
    smtpUrl: string | null;
    /** MAIL_FROM. @defaultValue `回款 Huikuan <ar@huikuan.local>` */
    from: string;
    /** HUIKUAN_OUTBOX_DIR: where .eml files go when no SMTP is configured. @defaultValue `var/outbox` */
    outboxDir: string;
  };
  sms: SmsConfig;
  dispatch: {
    /**
     * HUIKUAN_DOCUMENTS_DIR: where letters (PDF) and hand-off dossiers are stored.
     * @defaultValue `var/documents`
     */
    documentsDir: string;
    /** HUIKUAN_RATE_EMAIL: emails per second across all workers. @defaultValue 50 */
    emailPerSecond: number;
    /** HUIKUAN_RATE_SMS: SMS per second across all workers. @defaultValue 20 */
    smsPerSecond: number;
    /** HUIKUAN_DEBTOR_DAILY_CAP: emails and SMS to one debtor in any 24 hours; more wait. @defaultValue 3 */
    debtorDailyCap: number;
    /** HUIKUAN_WORKER_CONCURRENCY: jobs one worker process runs at once per channel. @defaultValue 4 */
    concurrency: number;
    /** HUIKUAN_CLAIM_STALE_MS: a claim older than this belongs to a dead worker. @defaultValue 60000 */
    staleClaimMs: number;
    /**
     * HUIKUAN_SWEEP_MS: how often a worker re-queues due actions whose jobs were lost.
     * @defaultValue 30000
     */
    sweepMs: number;
  };
  creditor: {
    /** HUIKUAN_CREDITOR_NAME: the selling company named in every message. */
    name: string;
    /** HUIKUAN_CREDITOR_BANK_ACCOUNT: where debtors pay, as messages quote it (bank and number). */
    bankAccount: string;
    /** HUIKUAN_CREDITOR_BANK_NAME: the bank alone, for the payment block of letters. */
    bankName: string;
    /** HUIKUAN_CREDITOR_PHONE: the collections desk. */
    phone: string;
    /** HUIKUAN_CREDITOR_ADDRESS: printed on letters. */
    address: string;
  };
  /** HUIKUAN_DEFAULT_TIME_ZONE: for debtors without one. @defaultValue `Asia/Shanghai` */
  defaultTimeZone: string;
  /** HUIKUAN_DEFAULT_CURRENCY: for rows without one. @defaultValue `CNY` */
  defaultCurrency: string;
  /** HUIKUAN_IMPORT_BATCH_SIZE: rows per bulk INSERT. @defaultValue 500 */
  importBatchSize: number;
  demo: {
    /** HUIKUAN_DEMO_SEED: the demo portfolio's random seed. @defaultValue 20261204 */
    seed: number;
    /** HUIKUAN_DEMO_DEBTORS: how many debtors the demo generates. @defaultValue 300 */
    debtors: number;
    /**
     * HUIKUAN_DEMO_WARMUP_DAYS: past days the demo runs before today, as a live system would have.
     * @defaultValue 7
     */
    warmupDays: number;
  };
  /** LOG_LEVEL: debug | info | warn | error. @defaultValue `info` */
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

/**
 * Where SMS go. Credentials come only from the environment and are never logged.
 * HUIKUAN_SMS_PROVIDER picks one; without it, the first configured of SMPP_URL,
 * ALIYUN_SMS_ACCESS_KEY_ID, TENCENT_SMS_SECRET_ID, else `outbox` (JSON files).
 */
export type SmsConfig =
  | { provider: 'outbox'; outboxDir: string }
  | { provider: 'smpp'; url: string; sourceAddr: string }
  | {
      provider: 'aliyun';
      accessKeyId: string;
      accessKeySecret: string;
      signName: string;
      endpoint: string | null;
      templateCodes: Record<string, string>;
    }
  | {
      provider: 'tencent';
      secretId: string;
      secretKey: string;
      sdkAppId: string;
      signName: string;
      region: string;
      endpoint: string | null;
      templateCodes: Record<string, string>;
    };

type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const rootDirOf = (): string => path.resolve(__dirname, '..', '..');

const text = (env: Env, key: string, fallback: string): string => {
  const value = env[key];
  return value === undefined || value.trim() === '' ? fallback : value.trim();
};

const optional = (env: Env, key: string): string | null => {
  const value = env[key];
  return value === undefined || value.trim() === '' ? null : value.trim();
};

const integer = (env: Env, key: string, fallback: number, min: number, max: number): number => {
  const raw = optional(env, key);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${key} must be a whole number from ${min} to ${max}, got '${raw}'`);
  }
  return value;
};

const oneOf = <T extends string>(env: Env, key: string, fallback: T, allowed: readonly T[]): T => {
  const raw = optional(env, key);
  if (raw === null) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(`${key} must be one of ${allowed.join(', ')}, got '${raw}'`);
  }
  return raw as T;
};

const timeZone = (env: Env, key: string, fallback: string): string => {
  const zone = text(env, key, fallback);
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    throw new ConfigError(`${key} is not an IANA time zone: '${zone}'`);
  }
  return zone;
};

const under = (rootDir: string, value: string): string => path.resolve(rootDir, value);

/** A setting's value as an error may quote it: any password in it masked. */
const masked = (value: string): string =>
  value.replace(/([^\s:/@'"]*):[^\s@/'"]+@(?=[\w.[\]-])/g, '$1:***@');

/** SMTP_URL: smtp:// or smtps:// with a host and, if given, a port from 1 to 65535. */
const smtpUrl = (env: Env): string | null => {
  const raw = optional(env, 'SMTP_URL');
  if (raw === null) return null;
  let url: URL | null = null;
  try {
    url = new URL(raw);
  } catch {
    url = null;
  }
  if (!url || !['smtp:', 'smtps:'].includes(url.protocol) || url.hostname === '') {
    throw new ConfigError(
      `SMTP_URL must look like smtp://user:password@host:587, got '${masked(raw)}'`,
    );
  }
  return raw;
};

const required = (env: Env, key: string, provider: string): string => {
  const value = optional(env, key);
  if (value === null) throw new ConfigError(`${key} is required for the ${provider} SMS provider`);
  return value;
};

/** HUIKUAN_SMS_TEMPLATE_CODES: `reminder=SMS_1234,offer=SMS_5678` (our code = the provider's). */
const templateCodes = (env: Env): Record<string, string> => {
  const raw = optional(env, 'HUIKUAN_SMS_TEMPLATE_CODES');
  if (raw === null) return {};
  const pairs = raw.split(',').map((pair) => pair.split('=').map((part) => part.trim()));
  for (const pair of pairs) {
    if (pair.length !== 2 || !pair[0] || !pair[1]) {
      throw new ConfigError(
        `HUIKUAN_SMS_TEMPLATE_CODES must be code=providerCode pairs separated by commas, got '${raw}'`,
      );
    }
  }
  return Object.fromEntries(pairs as Array<[string, string]>);
};

const smsConfig = (env: Env, rootDir: string): SmsConfig => {
  const codes = templateCodes(env);
  const configured =
    (optional(env, 'SMPP_URL') && 'smpp') ||
    (optional(env, 'ALIYUN_SMS_ACCESS_KEY_ID') && 'aliyun') ||
    (optional(env, 'TENCENT_SMS_SECRET_ID') && 'tencent') ||
    'outbox';
  const provider = oneOf(env, 'HUIKUAN_SMS_PROVIDER', configured, [
    'outbox',
    'smpp',
    'aliyun',
    'tencent',
  ] as const);
  if (provider === 'smpp') {
    const url = required(env, 'SMPP_URL', provider);
    if (!/^smpps?:\/\/[^/]+:\d+\/?$/.test(url.replace(/\?.*$/, ''))) {
      throw new ConfigError(
        `SMPP_URL must look like smpp://systemId:password@host:port, got '${masked(url)}'`,
      );
    }
    return { provider, url, sourceAddr: text(env, 'SMPP_SOURCE_ADDR', 'HUIKUAN') };
  }
  if (provider === 'aliyun') {
    return {
      provider,
      accessKeyId: required(env, 'ALIYUN_SMS_ACCESS_KEY_ID', provider),
      accessKeySecret: required(env, 'ALIYUN_SMS_ACCESS_KEY_SECRET', provider),
      signName: required(env, 'ALIYUN_SMS_SIGN_NAME', provider),
      endpoint: optional(env, 'ALIYUN_SMS_ENDPOINT'),
      templateCodes: codes,
    };
  }
  if (provider === 'tencent') {
    return {
      provider,
      secretId: required(env, 'TENCENT_SMS_SECRET_ID', provider),
      secretKey: required(env, 'TENCENT_SMS_SECRET_KEY', provider),
      sdkAppId: required(env, 'TENCENT_SMS_SDK_APP_ID', provider),
      signName: required(env, 'TENCENT_SMS_SIGN_NAME', provider),
      region: text(env, 'TENCENT_SMS_REGION', 'ap-guangzhou'),
      endpoint: optional(env, 'TENCENT_SMS_ENDPOINT'),
      templateCodes: codes,
    };
  }
  return {
    provider,
    outboxDir: under(rootDir, text(env, 'HUIKUAN_SMS_OUTBOX_DIR', 'var/outbox/sms')),
  };
};

/** Parses the configuration from an environment (process.env by default). Throws ConfigError. */
export const loadConfig = (env: Env = process.env): HuikuanConfig => {
  const rootDir = optional(env, 'HUIKUAN_ROOT') ?? rootDirOf();
  const databaseUrl = optional(env, 'DATABASE_URL');
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(`DATABASE_URL must be a postgres:// URL, got '${masked(databaseUrl)}'`);
  }

  return {
    rootDir,
    database: {
      client: databaseUrl === null ? 'sqlite' : 'postgres',
      url: databaseUrl,
      schema: text(env, 'DATABASE_SCHEMA', 'public'),
      filename: under(rootDir, text(env, 'DATABASE_FILENAME', 'var/huikuan.db')),
    },
    redis: {
      url: text(env, 'REDIS_URL', 'redis://127.0.0.1:6379'),
      queuePrefix: text(env, 'HUIKUAN_QUEUE_PREFIX', 'huikuan'),
    },
    flows: {
      flowFile: under(rootDir, text(env, 'HUIKUAN_FLOW_FILE', 'flows/strategies/default.json')),
      userDir: under(rootDir, text(env, 'HUIKUAN_FLOWS_USER_DIR', 'var/node-red')),
      host: text(env, 'HUIKUAN_FLOWS_HOST', '127.0.0.1'),
      port: integer(env, 'HUIKUAN_FLOWS_PORT', 1880, 1, 65535),
      credentialSecret: optional(env, 'HUIKUAN_FLOWS_SECRET'),
    },
    mail: {
      smtpUrl: smtpUrl(env),
      from: text(env, 'MAIL_FROM', '回款 Huikuan <ar@huikuan.local>'),
      outboxDir: under(rootDir, text(env, 'HUIKUAN_OUTBOX_DIR', 'var/outbox')),
    },
    creditor: {
      name: text(env, 'HUIKUAN_CREDITOR_NAME', '华东精密机械制造有限公司'),
      bankAccount: text(
        env,
        'HUIKUAN_CREDITOR_BANK_ACCOUNT',
        '中国工商银行上海分行 1001 2345 6789 0123 456',
      ),
      bankName: text(env, 'HUIKUAN_CREDITOR_BANK_NAME', '中国工商银行上海分行'),
      phone: text(env, 'HUIKUAN_CREDITOR_PHONE', '021-5555 0100'),
      address: text(env, 'HUIKUAN_CREDITOR_ADDRESS', '上海市浦东新区张江路 88 号'),
    },
    sms: smsConfig(env, rootDir),
    dispatch: {
      documentsDir: under(rootDir, text(env, 'HUIKUAN_DOCUMENTS_DIR', 'var/documents')),
      emailPerSecond: integer(env, 'HUIKUAN_RATE_EMAIL', 50, 1, 100000),
      smsPerSecond: integer(env, 'HUIKUAN_RATE_SMS', 20, 1, 100000),
      debtorDailyCap: integer(env, 'HUIKUAN_DEBTOR_DAILY_CAP', 3, 1, 1000),
      concurrency: integer(env, 'HUIKUAN_WORKER_CONCURRENCY', 4, 1, 256),
      staleClaimMs: integer(env, 'HUIKUAN_CLAIM_STALE_MS', 60000, 1000, 3600000),
      sweepMs: integer(env, 'HUIKUAN_SWEEP_MS', 30000, 500, 3600000),
    },
    defaultTimeZone: timeZone(env, 'HUIKUAN_DEFAULT_TIME_ZONE', 'Asia/Shanghai'),
    defaultCurrency: text(env, 'HUIKUAN_DEFAULT_CURRENCY', 'CNY').toUpperCase(),
    importBatchSize: integer(env, 'HUIKUAN_IMPORT_BATCH_SIZE', 500, 1, 10000),
    demo: {
      seed: integer(env, 'HUIKUAN_DEMO_SEED', 20261204, 0, 2 ** 31 - 1),
      debtors: integer(env, 'HUIKUAN_DEMO_DEBTORS', 300, 1, 100000),
      warmupDays: integer(env, 'HUIKUAN_DEMO_WARMUP_DAYS', 7, 0, 60),
    },
    logLevel: oneOf(env, 'LOG_LEVEL', 'info', ['debug', 'info', 'warn', 'error'] as const),
  };
};
