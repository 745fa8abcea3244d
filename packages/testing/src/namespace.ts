import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';

/** Connection variables set by the global setup (or by the user). */
export interface ServerEnv {
  kafkaBrokers: string[];
  mongoUrl: string;
  redisUrl: string;
  smtpUrl: string;
  mailboxUrl: string;
}

export function serverEnv(): ServerEnv {
  const read = (name: string): string => {
    const value = process.env[name];
    if (!value) {
      throw new Error(
        `${name} is not set: run integration tests through jest's "integration" project (its global setup starts the servers) or set ${name}`,
      );
    }
    return value;
  };
  return {
    kafkaBrokers: read('KAFKA_BROKERS').split(','),
    mongoUrl: read('MONGO_URL'),
    redisUrl: read('REDIS_URL'),
    smtpUrl: read('SMTP_URL'),
    mailboxUrl: read('MAILBOX_URL'),
  };
}

/**
 * Everything one test file may touch, named so that files never see each other's data:
 * its own database, topic and consumer-group names, Redis key prefix and email domain.
 * `cleanup()` removes all of it; call it in afterAll.
 */
export interface TestNamespace {
  id: string;
  servers: ServerEnv;
  /** Database name, e.g. `t_smoke_ab12cd34`. */
  database: string;
  /** MONGO_URL with this namespace's database selected. */
  mongoUrl: string;
  topic(name: string): string;
  groupId(name: string): string;
  redisPrefix: string;
  /** An address in this namespace's own mail domain. */
  email(localPart: string): string;
  emailDomain: string;
  cleanup(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export function createTestNamespace(label: string): TestNamespace {
  const servers = serverEnv();
  const id = randomBytes(4).toString('hex');
  const safe = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 24);
  const database = `t_${safe}_${id}`;
  const topicPrefix = `t.${safe}.${id}.`;
  const emailDomain = `${id}.example.test`;
  return {
    id,
    servers,
    database,
    mongoUrl: withDatabase(servers.mongoUrl, database),
    topic: (name) => `${topicPrefix}${name}`,
    groupId: (name) => `t.${safe}.${id}.${name}`,
    redisPrefix: `t:${safe}:${id}:`,
    email: (localPart) => `${localPart}@${emailDomain}`,
    emailDomain,
    async cleanup() {
      await Promise.all([
        dropDatabase(servers.mongoUrl, database),
        deleteTopics(servers.kafkaBrokers, topicPrefix),
        deleteKeys(servers.redisUrl, `t:${safe}:${id}:`),
        deleteMail(servers.mailboxUrl, emailDomain),
      ]);
    },
  };
}

async function dropDatabase(url: string, database: string): Promise<void> {
  const connection = await mongoose.createConnection(withDatabase(url, database)).asPromise();
  try {
    await connection.dropDatabase();
  } finally {
    await connection.close();
  }
}

async function deleteTopics(brokers: string[], prefix: string): Promise<void> {
  const admin = new Kafka({ brokers, clientId: 'belong-test-cleanup', logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}

async function deleteKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

async function deleteMail(mailboxUrl: string, domain: string): Promise<void> {
  const response = await fetch(`${mailboxUrl}/api/messages?limit=10000`);
  if (!response.ok) return;
  const { items } = (await response.json()) as {
    items: { id: string; to: { address: string }[] }[];
  };
  const ours = items.filter((m) => m.to.some((to) => to.address.toLowerCase().endsWith(`@${domain}`)));
  await Promise.all(ours.map((m) => fetch(`${mailboxUrl}/api/messages/${m.id}`, { method: 'DELETE' })));
}
