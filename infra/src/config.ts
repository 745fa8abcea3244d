import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root: infra/src/config.ts → ../.. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface InfraConfig {
  /** Data, logs and pid files of the local stack (ignored by git). */
  stateDir: string;
  logDir: string;
  runDir: string;
  /** Downloads and builds kept across clones: Kafka jars, the FerretDB binary. */
  cacheDir: string;
  host: string;
  kafka: { port: number; controllerPort: number; version: string; heap: string };
  mongo: { port: number; ferretdbVersion: string };
  redis: { port: number };
  mailbox: { smtpPort: number; httpPort: number };
  /** HTTP ports of the three services when `./belong start` runs them. */
  services: { profile: number; matching: number; notification: number };
  /** Servers the user runs themselves: when set, infra starts nothing for that component. */
  external: {
    kafkaBrokers?: string;
    mongoUrl?: string;
    redisUrl?: string;
    smtpUrl?: string;
    mailboxUrl?: string;
  };
}

export class InfraConfigError extends Error {
  override name = 'InfraConfigError';
}

type Env = Record<string, string | undefined>;

function port(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new InfraConfigError(`${name} must be a port number from 1 to 65535, got "${raw}"`);
  }
  return value;
}

function text(env: Env, name: string, fallback: string, pattern?: RegExp): string {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (pattern && !pattern.test(raw)) {
    throw new InfraConfigError(`${name} has an unexpected value "${raw}" (expected ${pattern})`);
  }
  return raw;
}

function optional(env: Env, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw === '' ? undefined : raw;
}

/** Reads and validates every variable once; the first bad one is named in the error. */
export function loadInfraConfig(env: Env = process.env): InfraConfig {
  const stateDir = resolve(text(env, 'BELONG_STATE_DIR', join(repoRoot, '.belong')));
  const cacheHome = text(env, 'XDG_CACHE_HOME', join(env.HOME || homedir(), '.cache'));
  const cacheDir = resolve(text(env, 'BELONG_CACHE_DIR', join(cacheHome, 'belong')));
  const config: InfraConfig = {
    stateDir,
    logDir: join(stateDir, 'logs'),
    runDir: join(stateDir, 'run'),
    cacheDir,
    host: '127.0.0.1',
    kafka: {
      port: port(env, 'KAFKA_PORT', 9092),
      controllerPort: port(env, 'KAFKA_CONTROLLER_PORT', 9093),
      // Only the 3.9 line: its logging binding is in the pom, and kafkajs is proven against it.
      version: text(env, 'KAFKA_VERSION', '3.9.1', /^3\.9\.\d+$/),
      heap: text(env, 'KAFKA_HEAP', '512m', /^\d+[mg]$/),
    },
    mongo: {
      port: port(env, 'MONGO_PORT', 27017),
      ferretdbVersion: text(env, 'FERRETDB_VERSION', 'v1.24.2', /^v\d+\.\d+\.\d+$/),
    },
    redis: { port: port(env, 'REDIS_PORT', 6379) },
    mailbox: {
      smtpPort: port(env, 'SMTP_PORT', 1025),
      httpPort: port(env, 'MAILBOX_PORT', 8025),
    },
    services: {
      profile: port(env, 'PROFILE_PORT', 3001),
      matching: port(env, 'MATCHING_PORT', 3002),
      notification: port(env, 'NOTIFICATION_PORT', 3003),
    },
    external: {
      kafkaBrokers: optional(env, 'KAFKA_BROKERS'),
      mongoUrl: optional(env, 'MONGO_URL'),
      redisUrl: optional(env, 'REDIS_URL'),
      smtpUrl: optional(env, 'SMTP_URL'),
      mailboxUrl: optional(env, 'MAILBOX_URL'),
    },
  };
  if (config.kafka.port === config.kafka.controllerPort) {
    throw new InfraConfigError('KAFKA_PORT and KAFKA_CONTROLLER_PORT must differ');
  }
  if (config.external.smtpUrl && !config.external.mailboxUrl) {
    // Tests read sent mail back through the mailbox API; an SMTP server alone cannot serve that.
    throw new InfraConfigError(
      'SMTP_URL is set but MAILBOX_URL is not: set MAILBOX_URL to a Belong dev mailbox ' +
        '(infra/src/mailbox) that receives that SMTP server’s mail, or unset SMTP_URL',
    );
  }
  return config;
}

/** The connection variables every service and test reads (KAFKA_BROKERS, MONGO_URL, …). */
export interface ConnectionEnv {
  KAFKA_BROKERS: string;
  MONGO_URL: string;
  REDIS_URL: string;
  SMTP_URL: string;
  MAILBOX_URL: string;
}

export function connectionEnv(config: InfraConfig): ConnectionEnv {
  const h = config.host;
  return {
    KAFKA_BROKERS: config.external.kafkaBrokers ?? `${h}:${config.kafka.port}`,
    MONGO_URL: config.external.mongoUrl ?? `mongodb://${h}:${config.mongo.port}`,
    REDIS_URL: config.external.redisUrl ?? `redis://${h}:${config.redis.port}`,
    SMTP_URL: config.external.smtpUrl ?? `smtp://${h}:${config.mailbox.smtpPort}`,
    MAILBOX_URL: config.external.mailboxUrl ?? `http://${h}:${config.mailbox.httpPort}`,
  };
}
