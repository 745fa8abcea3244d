// Waiting, collecting and set-up for the event-bus tests: every wait is bounded and ends as soon
// as the awaited thing happened (no fixed sleeps); `useEventsTestEnv` is what every integration
// file shares.
import { Topics } from '@belong/contracts';
import { createTestNamespace, type TestNamespace } from '@belong/testing';
import { afterAll, afterEach, beforeAll } from '@jest/globals';
import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import mongoose, { type Connection } from 'mongoose';
import { Registry } from 'prom-client';
import {
  type AggregateStore,
  type AggregateStoreOptions,
  type BelongKafka,
  createAggregateStore,
  createEventConsumer,
  createKafka,
  createOutboxRelay,
  createProcessedStore,
  type EventConsumer,
  type EventConsumerOptions,
  type EventHandlers,
  type EventLogger,
  type EventMetrics,
  type EventProducer,
  eventMetrics,
  type OutboxRelay,
  type OutboxRelayOptions,
} from '../../src/events/index.ts';
import { SOURCE } from './fixtures.ts';

export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Re-checks `condition` (every 25 ms) until it holds; fails after `timeoutMs`. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Collects items and lets a test await "at least n of them" without polling. */
export class Collector<T> {
  readonly items: T[] = [];
  private waiters: { n: number; resolve: () => void }[] = [];

  push(item: T): void {
    this.items.push(item);
    this.waiters = this.waiters.filter((w) => {
      if (this.items.length < w.n) return true;
      w.resolve();
      return false;
    });
  }

  async waitFor(n: number, what = `${n} items`, timeoutMs = 15_000): Promise<T[]> {
    if (this.items.length < n) {
      await withTimeout(
        new Promise<void>((resolve) => this.waiters.push({ n, resolve })),
        timeoutMs,
        `${what} (have ${this.items.length})`,
      );
    }
    return this.items;
  }
}

/** Handlers that push the reason (the fixtures' marker) of every profile.withdrawn event. */
export function collectReasons(received: Collector<string>): EventHandlers {
  return { 'belong.profile.withdrawn.v1': async (event) => received.push(event.data.reason ?? '') };
}

/**
 * Everything a test started, stopped in reverse order by `closeAll()` (afterEach), also when
 * the test failed half-way: a forgotten consumer would keep jest from exiting.
 */
export class Resources {
  private closers: (() => Promise<unknown>)[] = [];

  add(close: () => Promise<unknown>): void {
    this.closers.push(close);
  }

  async closeAll(): Promise<void> {
    const closers = this.closers.reverse();
    this.closers = [];
    for (const close of closers) {
      await close().catch((error: unknown) => console.warn('cleanup failed', error));
    }
  }
}

/** Logs warnings and errors to the console only when BELONG_TEST_LOGS is set. */
export const testLogger: EventLogger = process.env.BELONG_TEST_LOGS
  ? {
      debug: () => undefined,
      info: () => undefined,
      warn: (fields, message) => console.warn(message, fields),
      error: (fields, message) => console.error(message, fields),
    }
  : { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

export interface Bus {
  kafka: BelongKafka;
  producer: EventProducer;
  registry: Registry;
  metrics: EventMetrics;
  topic(logical: string): string;
}

/** A Kafka client whose topics are `<ns prefix><scope>.<logical>`: each test case has its own. */
export async function createBus(ns: TestNamespace, scope: string, resources: Resources): Promise<Bus> {
  const topic = (logical: string) => ns.topic(`${scope}.${logical}`);
  const kafka = createKafka({
    brokers: ns.servers.kafkaBrokers,
    clientId: `test-${scope}`,
    topicName: topic,
    logger: testLogger,
  });
  const producer = kafka.producer();
  resources.add(() => producer.disconnect());
  await producer.connect();
  const registry = new Registry();
  return { kafka, producer, registry, metrics: eventMetrics(registry), topic };
}

export interface Servers {
  connection: Connection;
  redis: Redis;
  close(): Promise<void>;
}

export async function connectServers(ns: TestNamespace): Promise<Servers> {
  const connection = await mongoose.createConnection(ns.mongoUrl).asPromise();
  const redis = new Redis(ns.servers.redisUrl, { maxRetriesPerRequest: 2 });
  return {
    connection,
    redis,
    async close() {
      await connection.close();
      redis.disconnect();
    },
  };
}

/**
 * What every integration file shares, set up by calling this once at the top of the file: its own
 * namespace (database, topics, groups, Redis keys), Mongo and Redis connections for the whole file,
 * and the test's `resources` closed after each test. The builders below start what a test needs
 * with the usual options (namespaced, `testLogger`, the bus's registry) and close it afterwards;
 * a test passes only what is particular to it, which overrides the defaults.
 */
export interface EventsTestEnv {
  ns: TestNamespace;
  /** Connected in beforeAll: read its fields inside hooks and tests, not at the top of the file. */
  servers: Pick<Servers, 'connection' | 'redis'>;
  resources: Resources;
  /** `createBus` for this namespace: topics `<ns prefix><scope>.<logical>`, producer connected. */
  connectBus(scope: string): Promise<Bus>;
  /** An aggregate store over `collection`, with the namespace's lease keys and the test `SOURCE`. */
  store<S>(collection: string, options?: Partial<AggregateStoreOptions>): AggregateStore<S>;
  /** A started consumer of the profile topic, in group `ns.groupId(group)`, with its own processed store. */
  startConsumer(
    bus: Bus,
    group: string,
    handlers: EventHandlers,
    options?: Partial<EventConsumerOptions>,
  ): Promise<EventConsumer>;
  /** A relay over `stores` publishing through the bus's producer; ticks every 50 ms unless told (`pollMs`; full scans every `scanMs`, 10 s); not started. */
  relayFor(
    bus: Bus,
    stores: NonNullable<OutboxRelayOptions['stores']>,
    options?: Partial<OutboxRelayOptions>,
  ): OutboxRelay;
}

export function useEventsTestEnv(label: string): EventsTestEnv {
  const ns = createTestNamespace(label);
  const resources = new Resources();
  let connected: Servers | undefined;
  const current = (): Servers => {
    if (!connected)
      throw new Error('the servers are connected in beforeAll: use them inside hooks and tests');
    return connected;
  };
  const servers = {
    get connection() {
      return current().connection;
    },
    get redis() {
      return current().redis;
    },
  };

  beforeAll(async () => {
    connected = await connectServers(ns);
  });
  afterEach(() => resources.closeAll());
  afterAll(async () => {
    await connected?.close();
    await ns.cleanup();
  });

  return {
    ns,
    servers,
    resources,
    connectBus: (scope) => createBus(ns, scope, resources),
    store: (collection, options = {}) =>
      createAggregateStore({
        connection: servers.connection,
        collection,
        redis: servers.redis,
        source: SOURCE,
        leasePrefix: ns.redisPrefix,
        logger: testLogger,
        ...options,
      }),
    async startConsumer(bus, group, handlers, options = {}) {
      const consumer = createEventConsumer({
        kafka: bus.kafka,
        groupId: ns.groupId(group),
        topics: [Topics.profile],
        handlers,
        processed: createProcessedStore(servers.connection),
        producer: bus.producer,
        registry: bus.registry,
        logger: testLogger,
        ...options,
      });
      resources.add(() => consumer.stop());
      await consumer.start();
      return consumer;
    },
    relayFor(bus, stores, options = {}) {
      const created = createOutboxRelay({
        stores,
        producer: bus.producer,
        redis: servers.redis,
        leasePrefix: ns.redisPrefix,
        pollMs: 50,
        registry: bus.registry,
        logger: testLogger,
        ...options,
      });
      resources.add(() => created.stop());
      return created;
    },
  };
}

export interface RawMessage {
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  partition: number;
  offset: string;
}

/**
 * Reads a topic from the beginning with a bare kafkajs consumer (independent of the code under
 * test) until `count` messages arrived.
 */
export async function readTopic(
  brokers: string[],
  topic: string,
  count: number,
  timeoutMs = 15_000,
): Promise<RawMessage[]> {
  const kafka = new Kafka({ brokers, clientId: 'test-reader', logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({
    groupId: `${topic}.reader.${Math.random().toString(36).slice(2)}`,
    maxWaitTimeInMs: 50,
  });
  const collected = new Collector<RawMessage>();
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.headers ?? {})) {
          if (value !== undefined) headers[name] = String(Array.isArray(value) ? value[0] : value);
        }
        collected.push({
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? null,
          headers,
          partition,
          offset: message.offset,
        });
      },
    });
    return await collected.waitFor(count, `${count} messages on ${topic}`, timeoutMs);
  } finally {
    await consumer.disconnect();
  }
}

/** The value of a counter or gauge with exactly these labels (0 when absent). */
export async function metricValue(
  registry: Registry,
  name: string,
  labels: Record<string, string>,
): Promise<number> {
  const metric = registry.getSingleMetric(name);
  if (!metric) return 0;
  const { values } = await metric.get();
  const found = values.find((v) => Object.entries(labels).every(([k, want]) => String(v.labels[k]) === want));
  return found?.value ?? 0;
}
