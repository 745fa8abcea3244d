// `eventsPlugin`: the event bus wired into a fastify app as `app.events`.
//
//   register   creates the Kafka client and connects the producer
//   onReady    starts the outbox relay and the consumers created so far
//   onClose    stops the consumers (current message finished, offsets committed), drains and
//              stops the relay, disconnects the producer
//
// Redis, the mongoose connection and the metrics registry are explicit options: the app passes
// `app.redis`, `app.mongo`, `app.metrics.registry`.
import { createEvent, type NewEvent } from '@belong/contracts';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import type { Registry } from 'prom-client';
import {
  type AggregateStore,
  type AggregateStoreOptions,
  createAggregateStore,
  type EventInput,
} from './aggregate-store.ts';
import { createEventConsumer, type EventConsumer, type EventConsumerOptions } from './consumer.ts';
import {
  type BelongKafka,
  createKafka,
  type EventProducer,
  type KafkaAdmin,
  type KafkaOptions,
} from './kafka.ts';
import { type EventLogger, errorFields } from './logger.ts';
import { eventMetrics } from './metrics.ts';
import { createOutboxRelay, type OutboxRelay, type OutboxRelayOptions } from './outbox-relay.ts';
import { createProcessedStore, type ProcessedStore } from './processed-store.ts';
import { withTimeout } from './timing.ts';

export interface EventsPluginOptions {
  brokers: string[];
  clientId: string;
  /** CloudEvents source of this service's events, e.g. `/belong/profile`. */
  source: string;
  redis: Redis;
  connection: Connection;
  registry?: Registry;
  topicName?: (logical: string) => string;
  /** Logical → broker consumer group id (tests namespace groups with it). */
  groupName?: (logical: string) => string;
  /** Default: `app.log`. */
  logger?: EventLogger;
  /** Prefix of Redis lease keys (default `belong:`). */
  leasePrefix?: string;
  relay?: Pick<OutboxRelayOptions, 'pollMs' | 'scanMs' | 'batchSize' | 'leaseTtlMs' | 'backoff'>;
  /** Kafka client extras: log level, TLS/SASL, partitions of created topics. */
  kafka?: Pick<KafkaOptions, 'logLevel' | 'client' | 'partitions' | 'replicationFactor'>;
  /**
   * Dedupe records older than `maxAgeMs` are deleted every `everyMs` (default 8 days / 1 hour:
   * longer than Kafka's 7-day retention, so every redelivery is still recognised). false: never.
   */
  processedRetention?: { maxAgeMs: number; everyMs: number } | false;
  /**
   * false: decorate `app.events` but never touch Kafka (no producer connection, no relay, no
   * consumers): for the OpenAPI export and unit tests. Default: `app.kit.connect` when the app
   * was built by the kit, else true.
   */
  connect?: boolean;
}

export type ConsumeOptions = Omit<
  EventConsumerOptions,
  'kafka' | 'producer' | 'processed' | 'logger' | 'metrics' | 'registry' | 'topicName'
> & {
  /** Start with the app (onReady). Default true; a consumer created after ready must be started explicitly. */
  autoStart?: boolean;
};

export interface EventsApi {
  readonly kafka: BelongKafka;
  readonly producer: EventProducer;
  readonly relay: OutboxRelay;
  readonly processed: ProcessedStore;
  readonly source: string;
  /**
   * The aggregate store of `collection`, enlisted in the outbox relay (one per name).
   * Use it for every write whose events announce a change to this service's data: the change
   * and its events are written together and published at least once.
   */
  store<S>(
    collection: string,
    options?: Pick<AggregateStoreOptions, 'leaseTtlMs' | 'leaseWaitMs' | 'maxAttempts'>,
  ): AggregateStore<S>;
  /** Creates a consumer; started on onReady (or call start()), stopped on close. */
  consume(options: ConsumeOptions): EventConsumer;
  /**
   * Publishes directly, without the outbox: resolves once Kafka acknowledged. Only for events
   * that change nothing in this service's database and whose loss in a crash before the
   * publish is acceptable (e.g. notification.sent after the SMTP server accepted the mail).
   */
  publish(events: EventInput | EventInput[]): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    events: EventsApi;
  }
}

interface Readiness {
  add(name: string, check: () => Promise<void>): void;
}

const DAY = 24 * 60 * 60 * 1000;

async function events(app: FastifyInstance, options: EventsPluginOptions): Promise<void> {
  const logger: EventLogger = options.logger ?? app.log;
  const metrics = eventMetrics(options.registry);
  const kafka = createKafka({
    ...options.kafka,
    brokers: options.brokers,
    clientId: options.clientId,
    logger,
    topicName: options.topicName,
    groupName: options.groupName,
  });
  const kit = app.hasDecorator('kit') ? (app as unknown as { kit: { connect?: boolean } }).kit : undefined;
  const connect = options.connect ?? kit?.connect ?? true;
  const producer = kafka.producer();
  if (connect) await producer.connect();

  const processed = createProcessedStore(options.connection);
  const relay = createOutboxRelay({
    ...options.relay,
    producer,
    redis: options.redis,
    leasePrefix: options.leasePrefix,
    logger,
    metrics,
  });
  const stores = new Map<string, AggregateStore<unknown>>();
  const consumers: { consumer: EventConsumer; autoStart: boolean }[] = [];
  let admin: KafkaAdmin | undefined;
  let adminConnected: Promise<KafkaAdmin> | undefined;
  let sweepTimer: NodeJS.Timeout | undefined;
  let ready = false;

  const toNewEvent = (event: EventInput): NewEvent<never> =>
    ('envelope' in event
      ? event
      : createEvent(event.type, event.data as never, {
          source: options.source,
          id: event.id,
        })) as NewEvent<never>;

  const api: EventsApi = {
    kafka,
    producer,
    relay,
    processed,
    source: options.source,
    store<S>(
      collection: string,
      storeOptions?: Pick<AggregateStoreOptions, 'leaseTtlMs' | 'leaseWaitMs' | 'maxAttempts'>,
    ) {
      const existing = stores.get(collection);
      if (existing) return existing as AggregateStore<S>;
      const store = createAggregateStore<S>({
        ...storeOptions,
        connection: options.connection,
        collection,
        redis: options.redis,
        source: options.source,
        leasePrefix: options.leasePrefix,
        logger,
      });
      stores.set(collection, store as AggregateStore<unknown>);
      relay.add(store);
      return store;
    },
    consume({ autoStart = true, ...consumerOptions }) {
      const consumer = createEventConsumer({
        ...consumerOptions,
        kafka,
        producer,
        processed,
        logger,
        metrics,
      });
      consumers.push({ consumer, autoStart: autoStart && !ready });
      return consumer;
    },
    async publish(input) {
      const list = (Array.isArray(input) ? input : [input]).map(toNewEvent);
      const byTopic = new Map<string, { key: string; value: string }[]>();
      for (const event of list) {
        const topic = kafka.topicName(event.topic);
        const messages = byTopic.get(topic) ?? [];
        messages.push({ key: event.key, value: JSON.stringify(event.envelope) });
        byTopic.set(topic, messages);
      }
      await producer.send([...byTopic].map(([topic, messages]) => ({ topic, messages })));
    },
  };
  app.decorate('events', api);

  app.addHook('onReady', async () => {
    if (!connect) return;
    await relay.start();
    await Promise.all(consumers.filter((c) => c.autoStart).map((c) => c.consumer.start()));
    ready = true;
    const retention = options.processedRetention ?? { maxAgeMs: 8 * DAY, everyMs: 60 * 60 * 1000 };
    if (retention) {
      sweepTimer = setInterval(() => {
        processed.sweepProcessed(new Date(Date.now() - retention.maxAgeMs)).then(
          (deleted) => {
            if (deleted > 0) logger.info({ deleted }, 'old processed-event records swept');
          },
          (error: unknown) => logger.warn(errorFields(error), 'could not sweep processed-event records'),
        );
      }, retention.everyMs);
      sweepTimer.unref();
    }
  });

  app.addHook('onClose', async () => {
    clearInterval(sweepTimer);
    await Promise.all(consumers.map((c) => c.consumer.stop()));
    await relay.stop();
    await producer.disconnect();
    await admin?.disconnect().catch(() => undefined);
  });

  if (app.hasDecorator('readiness')) {
    const readiness = (app as unknown as { readiness: Readiness }).readiness;
    readiness.add('kafka', async () => {
      if (!producer.connected) throw new Error('the Kafka producer is not connected');
      const stopped = consumers.filter((c) => ready && c.autoStart && !c.consumer.running);
      if (stopped.length > 0) {
        throw new Error(`consumer ${stopped.map((c) => c.consumer.groupId).join(', ')} is not running`);
      }
      adminConnected ??= (async () => {
        admin = kafka.admin();
        await admin.connect();
        return admin;
      })();
      adminConnected.catch(() => {
        adminConnected = undefined;
      });
      const connected = await withTimeout(adminConnected, 1_500, 'Kafka did not answer within 1.5 s');
      await withTimeout(connected.describeCluster(), 1_500, 'Kafka did not answer within 1.5 s');
    });
  }
}

export const eventsPlugin = fp(events, { name: 'belong-events', fastify: '5.x' });
