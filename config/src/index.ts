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
    /** HUIKUAN_QUEUE_PREFIX: BullMQ key prefix, so several installs can share a Redis. @defaultValue `huikuan` */
    queuePrefix: string;
  };
  flows: {
    /** HUIKUAN_FLOW_FILE: the strategy flow the collection run executes. @defaultValue `flows/strategies/default.json` */
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
  creditor: {
    /** HUIKUAN_CREDITOR_NAME: the selling company named in every message. */
    name: string;
    /** HUIKUAN_CREDITOR_BANK_ACCOUNT: where debtors pay. */
    bankAccount: string;
    /** HUIKUAN_CREDITOR_PHONE: the collections desk. */
    phone: string;
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
    /** HUIKUAN_DEMO_WARMUP_DAYS: past days the demo runs before today, as a live system would have. @defaultValue 7 */
    warmupDays: number;
  };
  /** LOG_LEVEL: debug | info | warn | error. @defaultValue `info` */
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

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

/** Parses the configuration from an environment (process.env by default). Throws ConfigError. */
export const loadConfig = (env: Env = process.env): HuikuanConfig => {
  const rootDir = optional(env, 'HUIKUAN_ROOT') ?? rootDirOf();
  const databaseUrl = optional(env, 'DATABASE_URL');
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(`DATABASE_URL must be a postgres:// URL, got '${databaseUrl}'`);
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
      smtpUrl: optional(env, 'SMTP_URL'),
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
      phone: text(env, 'HUIKUAN_CREDITOR_PHONE', '021-5555 0100'),
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
