// The one module that knows kafkajs. Everything else in the event bus talks to the small
// interfaces below (EventProducer, TransportConsumer, KafkaAdmin), so the client library can be
// swapped (kafkajs 2.2.4 is its last release) by rewriting this file alone.
import {
  type Admin,
  type Consumer,
  type IHeaders,
  Kafka,
  type KafkaConfig,
  type LogEntry,
  logLevel,
  Partitioners,
  type Producer,
  type RetryOptions,
} from 'kafkajs';
import type { EventLogger } from './logger.ts';

export type KafkaLogLevel = 'nothing' | 'error' | 'warn' | 'info' | 'debug';

export interface KafkaOptions {
  brokers: string[];
  clientId: string;
  /** Receives kafkajs's own log lines (at `logLevel` and above). */
  logger?: EventLogger;
  /** Default `warn`: kafkajs is chatty at info (every group join, every connection). */
  logLevel?: KafkaLogLevel;
  /**
   * Maps a logical topic (`belong.profile.v1`, a DLQ name) to the name used on the broker.
   * Identity by default; tests prefix it to keep their topics apart.
   */
  topicName?: (logical: string) => string;
  /**
   * Logical → broker consumer group id (default: the same). Tests namespace groups with it, as
   * topics: two test files consuming different topics under one group id would split each
   * other's partitions.
   */
  groupName?: (logical: string) => string;
  /** Partitions for topics this client creates (ensureTopics). Default 3. */
  partitions?: number;
  /** Replication factor for created topics; default -1 = the broker's default. */
  replicationFactor?: number;
  /** Passed through to kafkajs (TLS, SASL, timeouts) for production clusters. */
  client?: Pick<KafkaConfig, 'ssl' | 'sasl' | 'connectionTimeout' | 'requestTimeout'>;
}

/** Latency-tuned consumer settings (kafkajs's defaults favour throughput). */
export interface ConsumerTuning {
  /** Longest a fetch waits at the broker when there is nothing to read. kafkajs: 5000. */
  maxWaitTimeInMs: number;
  /** The broker answers a fetch as soon as this many bytes are there. */
  minBytes: number;
  sessionTimeout: number;
  rebalanceTimeout: number;
  heartbeatInterval: number;
  maxBytesPerPartition: number;
  retry: RetryOptions;
}

export const consumerTuning: ConsumerTuning = {
  maxWaitTimeInMs: 50,
  minBytes: 1,
  // A dead member is noticed within 15 s (kafkajs default 30 s); heartbeats at a fifth of that.
  sessionTimeout: 15_000,
  rebalanceTimeout: 30_000,
  heartbeatInterval: 3_000,
  maxBytesPerPartition: 1_048_576,
  // Reconnect quickly after a broker blip; kafkajs restarts the consumer when these run out.
  retry: { initialRetryTime: 100, maxRetryTime: 10_000, retries: 8 },
};

const producerRetry: RetryOptions = { initialRetryTime: 100, maxRetryTime: 10_000, retries: 8 };

// ── the small interfaces the rest of the bus uses ──────────────────────────────────────────

export interface OutgoingMessage {
  key: string | Buffer | null;
  /** null only when forwarding a tombstone to a dead-letter topic. */
  value: string | Buffer | null;
  headers?: Record<string, string>;
}

export interface TopicMessages {
  /** Physical topic name (already mapped by topicName). */
  topic: string;
  messages: OutgoingMessage[];
}

export interface EventProducer {
  /** The logical → physical topic mapping of the client this producer belongs to. */
  readonly topicName: (logical: string) => string;
  readonly connected: boolean;
  /** Idempotent: concurrent and repeated calls share one connection. */
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  /**
   * Sends with acks=all and resolves once the broker has acknowledged every message. Messages
   * for one topic and key keep their order. Creates missing topics first (unless disabled).
   */
  send(batches: TopicMessages[]): Promise<void>;
}

export interface IncomingMessage {
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
  offset: string;
  timestamp: string;
}

export interface IncomingBatch {
  topic: string;
  partition: number;
  messages: IncomingMessage[];
}

export interface BatchControls {
  /** Marks a message done; its offset is committed with the next commit. */
  resolveOffset(offset: string): void;
  heartbeat(): Promise<void>;
  commitOffsetsIfNecessary(): Promise<void>;
  /** false once stop() was called: finish the current message and return. */
  isRunning(): boolean;
  /** true when the partition was re-assigned or seeked: drop the rest of the batch. */
  isStale(): boolean;
}

export interface TransportConsumer {
  connect(): Promise<void>;
  subscribe(topics: string[], fromBeginning: boolean): Promise<void>;
  /** Resolves once the group is joined and partitions are assigned. */
  run(options: {
    concurrency: number;
    eachBatch: (batch: IncomingBatch, controls: BatchControls) => Promise<void>;
  }): Promise<void>;
  /** Finishes the current batch (commits what was resolved), leaves the group, disconnects. */
  disconnect(): Promise<void>;
  onBatchEnd(listener: (info: { topic: string; partition: number; offsetLag: number }) => void): void;
  onCrash(listener: (info: { error: Error; restart: boolean }) => void): void;
  /**
   * Called whenever the client shows it is alive and talking to the group: a fetch came back
   * (an idle consumer fetches every `maxWaitTimeInMs`), a heartbeat went out, a batch ended,
   * the group was joined.
   */
  onActivity(listener: () => void): void;
}

export interface KafkaAdmin {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  /** Physical names; see ensureTopics(). */
  ensureTopics(names: string[], options?: { partitions?: number }): Promise<string[]>;
  describeCluster(): Promise<{ brokers: number; controller: number | null }>;
}

export interface BelongKafka {
  readonly clientId: string;
  readonly brokers: string[];
  topicName(logical: string): string;
  producer(options?: { ensureTopics?: boolean }): EventProducer;
  consumer(options: { groupId: string; tuning?: Partial<ConsumerTuning> }): TransportConsumer;
  admin(): KafkaAdmin;
  /** Creates the (physical) topics that are missing, with a short-lived admin connection. */
  ensureTopics(names: string[], options?: { partitions?: number }): Promise<string[]>;
}

// ── implementation ─────────────────────────────────────────────────────────────────────────

const levels: Record<KafkaLogLevel, logLevel> = {
  nothing: logLevel.NOTHING,
  error: logLevel.ERROR,
  warn: logLevel.WARN,
  info: logLevel.INFO,
  debug: logLevel.DEBUG,
};

/** A kafkajs logCreator that forwards to a pino-like logger. */
export function kafkaLogCreator(logger: EventLogger): KafkaConfig['logCreator'] {
  return () =>
    ({ namespace, level, log }: LogEntry) => {
      const { message, timestamp: _timestamp, ...extra } = log;
      const fields = { kafka: namespace, ...extra };
      if (level === logLevel.ERROR) logger.error(fields, message);
      else if (level === logLevel.WARN) logger.warn(fields, message);
      else if (level === logLevel.INFO) logger.info(fields, message);
      else logger.debug(fields, message);
    };
}

export function createKafka(options: KafkaOptions): BelongKafka {
  const topicName = options.topicName ?? ((logical: string) => logical);
  const partitions = options.partitions ?? 3;
  const replicationFactor = options.replicationFactor ?? -1;
  const kafka = new Kafka({
    ...options.client,
    brokers: options.brokers,
    clientId: options.clientId,
    logLevel: levels[options.logLevel ?? 'warn'],
    ...(options.logger ? { logCreator: kafkaLogCreator(options.logger) } : {}),
    retry: producerRetry,
  });

  const admin = (): KafkaAdmin => {
    const inner = kafka.admin({ retry: producerRetry });
    return {
      connect: () => inner.connect(),
      disconnect: () => inner.disconnect(),
      ensureTopics: (names, opts) =>
        ensureTopics(inner, names, { partitions: opts?.partitions ?? partitions, replicationFactor }),
      describeCluster: async () => {
        const cluster = await inner.describeCluster();
        return { brokers: cluster.brokers.length, controller: cluster.controller };
      },
    };
  };

  const ensureWithTemporaryAdmin = async (names: string[], opts?: { partitions?: number }) => {
    const temporary = admin();
    await temporary.connect();
    try {
      return await temporary.ensureTopics(names, opts);
    } finally {
      await temporary.disconnect();
    }
  };

  return {
    clientId: options.clientId,
    brokers: options.brokers,
    topicName,
    admin,
    ensureTopics: ensureWithTemporaryAdmin,
    producer: (producerOptions) =>
      wrapProducer(
        kafka.producer({
          createPartitioner: Partitioners.DefaultPartitioner,
          allowAutoTopicCreation: false,
          retry: producerRetry,
        }),
        topicName,
        producerOptions?.ensureTopics === false ? undefined : ensureWithTemporaryAdmin,
      ),
    consumer: ({ groupId, tuning }) => {
      const t = { ...consumerTuning, ...tuning };
      return wrapConsumer(
        kafka.consumer({
          groupId: options.groupName ? options.groupName(groupId) : groupId,
          maxWaitTimeInMs: t.maxWaitTimeInMs,
          minBytes: t.minBytes,
          sessionTimeout: t.sessionTimeout,
          rebalanceTimeout: t.rebalanceTimeout,
          heartbeatInterval: t.heartbeatInterval,
          maxBytesPerPartition: t.maxBytesPerPartition,
          retry: t.retry,
          allowAutoTopicCreation: false,
        }),
      );
    },
  };
}

type TopicAdmin = Pick<Admin, 'listTopics' | 'createTopics' | 'fetchTopicMetadata'>;

/**
 * Creates the topics in `names` that do not exist yet and waits until every partition of every
 * name has a leader. Idempotent and safe to race: "already exists" is success.
 * Returns the names it created.
 */
export async function ensureTopics(
  admin: TopicAdmin,
  names: string[],
  options: { partitions?: number; replicationFactor?: number } = {},
): Promise<string[]> {
  const wanted = [...new Set(names)];
  if (wanted.length === 0) return [];
  const existing = new Set(await admin.listTopics());
  const missing = wanted.filter((name) => !existing.has(name));
  if (missing.length > 0) {
    try {
      await admin.createTopics({
        topics: missing.map((topic) => ({
          topic,
          numPartitions: options.partitions ?? 3,
          replicationFactor: options.replicationFactor ?? -1,
        })),
        // Waiting here would fail the start when another service created one of these topics
        // a moment earlier (its metadata answers "unknown topic" until the leader is elected):
        // waitForLeaders below rides that out.
        waitForLeaders: false,
      });
    } catch (error) {
      if (!isAlreadyExists(error) && !isRetriable(error)) throw error;
    }
  }
  await waitForLeaders(admin, wanted);
  return missing;
}

/** A retriable broker answer (e.g. a topic created concurrently, its leader not elected yet). */
function isRetriable(error: unknown): boolean {
  return (error as { retriable?: boolean })?.retriable === true;
}

function isAlreadyExists(error: unknown): boolean {
  const e = error as { type?: string; errors?: { type?: string }[] };
  if (e?.type === 'TOPIC_ALREADY_EXISTS') return true;
  return Array.isArray(e?.errors) && e.errors.every((inner) => inner?.type === 'TOPIC_ALREADY_EXISTS');
}

async function waitForLeaders(admin: TopicAdmin, topics: string[], timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 20; ; delay = Math.min(delay * 2, 500)) {
    try {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
      const ready =
        metadata.length === topics.length &&
        metadata.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0));
      if (ready) return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline)
      throw new Error(`topics without a leader after ${timeoutMs} ms: ${topics.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

function wrapProducer(
  producer: Producer,
  topicName: (logical: string) => string,
  ensure: ((names: string[]) => Promise<string[]>) | undefined,
): EventProducer {
  let connecting: Promise<void> | undefined;
  let connected = false;
  const ensured = new Set<string>();
  producer.on(producer.events.DISCONNECT, () => {
    connected = false;
    connecting = undefined;
  });

  const connect = () => {
    connecting ??= producer.connect().then(
      () => {
        connected = true;
      },
      (error: unknown) => {
        connecting = undefined;
        throw error;
      },
    );
    return connecting;
  };

  return {
    topicName,
    get connected() {
      return connected;
    },
    connect,
    async disconnect() {
      if (!connecting) return;
      await connecting.catch(() => undefined);
      connecting = undefined;
      connected = false;
      await producer.disconnect();
    },
    async send(batches) {
      const nonEmpty = batches.filter((b) => b.messages.length > 0);
      if (nonEmpty.length === 0) return;
      await connect();
      if (ensure) {
        const unknown = [...new Set(nonEmpty.map((b) => b.topic))].filter((t) => !ensured.has(t));
        if (unknown.length > 0) {
          await ensure(unknown);
          for (const t of unknown) ensured.add(t);
        }
      }
      await producer.sendBatch({
        acks: -1,
        topicMessages: nonEmpty.map((b) => ({
          topic: b.topic,
          messages: b.messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
        })),
      });
    },
  };
}

function headersToStrings(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[name] = first.toString();
  }
  return out;
}

function wrapConsumer(consumer: Consumer): TransportConsumer {
  return {
    connect: () => consumer.connect(),
    subscribe: (topics, fromBeginning) => consumer.subscribe({ topics, fromBeginning }),
    run: ({ concurrency, eachBatch }) =>
      consumer.run({
        partitionsConsumedConcurrently: concurrency,
        eachBatchAutoResolve: false,
        // Commit what was resolved at the end of every batch, and at least every second
        // during a long one.
        autoCommitInterval: 1_000,
        eachBatch: async (payload) => {
          const { batch } = payload;
          await eachBatch(
            {
              topic: batch.topic,
              partition: batch.partition,
              messages: batch.messages.map((m) => ({
                key: m.key ?? null,
                value: m.value ?? null,
                headers: headersToStrings(m.headers),
                offset: m.offset,
                timestamp: m.timestamp,
              })),
            },
            {
              resolveOffset: (offset) => payload.resolveOffset(offset),
              heartbeat: () => payload.heartbeat(),
              commitOffsetsIfNecessary: () => payload.commitOffsetsIfNecessary(),
              isRunning: () => payload.isRunning(),
              isStale: () => payload.isStale(),
            },
          );
        },
      }),
    disconnect: () => consumer.disconnect(),
    onBatchEnd: (listener) => {
      consumer.on(consumer.events.END_BATCH_PROCESS, (event) => {
        const lag = Number(event.payload.offsetLag);
        listener({
          topic: event.payload.topic,
          partition: event.payload.partition,
          offsetLag: Number.isFinite(lag) ? Math.max(lag, 0) : 0,
        });
      });
    },
    onCrash: (listener) => {
      consumer.on(consumer.events.CRASH, (event) => {
        listener({ error: event.payload.error, restart: event.payload.restart });
      });
    },
    onActivity: (listener) => {
      for (const name of [
        consumer.events.FETCH,
        consumer.events.HEARTBEAT,
        consumer.events.END_BATCH_PROCESS,
        consumer.events.GROUP_JOIN,
      ] as const) {
        consumer.on(name, () => listener());
      }
    },
  };
}
