// Event-bus latency and throughput against real servers. Not a test: it prints figures.
//
//   node packages/kit/bench/event-latency.ts [events=500]
//   BENCH_FILL=3000 node packages/kit/bench/event-latency.ts   (first fills the collection)
//
// Uses KAFKA_BROKERS, MONGO_URL, REDIS_URL (default: the local stack's 127.0.0.1 ports), its own
// database, topics and Redis keys (all removed at the end). Measures:
//   1. paced: events written through store.mutate at ~100/s → relay → consumer; latency from
//      mutate() returning to the handler starting;
//   2. closed loop: 2×N events from 8 concurrent writers as fast as they go: throughput, and
//      the latency at that load;
//   3. the same-run baseline: a bare kafkajs produce → consume round trip, with kafkajs's
//      default consumer settings and with the bus's tuned ones.
// BENCH_FILL=N first inserts N settled aggregates of ~1.5 KB (no pending events) into the
// collection: a service's collection is not empty, and on FerretDB every query other than by
// `_id` scans all of it.
import { randomBytes, randomUUID } from 'node:crypto';
import { Topics } from '@belong/contracts';
import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import {
  consumerTuning,
  createAggregateStore,
  createEventConsumer,
  createKafka,
  createOutboxRelay,
  createProcessedStore,
} from '../src/events/index.ts';

const events = Number(process.argv[2] ?? 500);
const fill = Number(process.env.BENCH_FILL ?? 0);
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const mongoUrl = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const id = randomBytes(4).toString('hex');
/** BENCH_LOG=1 prints the bus's warnings and errors. */
const logger = process.env.BENCH_LOG
  ? {
      debug: () => undefined,
      info: (f: object, m?: string) => console.log('info', m, f),
      warn: (f: object, m?: string) => console.warn('warn', m, f),
      error: (f: object, m?: string) => console.error('error', m, f),
    }
  : undefined;
const database = `bench_events_${id}`;
const topicPrefix = `bench.${id}.`;
const redisPrefix = `bench:${id}:`;

let rssPeak = 0;
const sampler = setInterval(() => {
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
}, 50);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

function summary(latencies: number[]): string {
  const sorted = [...latencies].sort((a, b) => a - b);
  const f = (n: number) => `${n.toFixed(1)} ms`;
  return `p50 ${f(percentile(sorted, 50))}  p95 ${f(percentile(sorted, 95))}  p99 ${f(percentile(sorted, 99))}  max ${f(sorted.at(-1) ?? Number.NaN)}  (n=${sorted.length})`;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Latency from "written" to "handler started", tolerant of the handler winning the race. */
class Stopwatch {
  private written = new Map<string, number>();
  private started = new Map<string, number>();
  readonly latencies: number[] = [];
  private waiting: { n: number; resolve: () => void } | undefined;

  markWritten(eventId: string, at = performance.now()) {
    const start = this.started.get(eventId);
    if (start === undefined) this.written.set(eventId, at);
    else this.record(eventId, start - at);
  }

  markStarted(eventId: string, at = performance.now()) {
    const written = this.written.get(eventId);
    if (written === undefined) this.started.set(eventId, at);
    else this.record(eventId, at - written);
  }

  private record(eventId: string, latency: number) {
    this.written.delete(eventId);
    this.started.delete(eventId);
    this.latencies.push(latency);
    if (this.waiting && this.latencies.length >= this.waiting.n) this.waiting.resolve();
  }

  until(n: number): Promise<void> {
    if (this.latencies.length >= n) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiting = { n, resolve };
    });
  }
}

async function busBench(): Promise<void> {
  const connection = await mongoose
    .createConnection(`${mongoUrl.replace(/\/+$/, '')}/${database}`)
    .asPromise();
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
  const kafka = createKafka({ brokers, clientId: 'bench', topicName: (t) => `${topicPrefix}${t}`, logger });
  const producer = kafka.producer();
  await producer.connect();
  const store = createAggregateStore<{ count: number }>({
    connection,
    collection: 'bench_aggregates',
    redis,
    source: '/belong/profile',
    leasePrefix: redisPrefix,
    logger,
  });
  if (fill > 0) {
    const pad = 'x'.repeat(1_500);
    const now = new Date();
    for (let i = 0; i < fill; i += 500) {
      const docs = Array.from({ length: Math.min(500, fill - i) }, (_, k) => ({
        _id: `fill-${i + k}`,
        rev: 1,
        state: { count: 0, pad },
        outbox: [],
        outboxSince: null,
        updatedAt: now,
      }));
      await store.collection.insertMany(docs as never);
    }
    console.log(`filled the collection with ${fill} settled aggregates`);
  }
  const relay = createOutboxRelay({ stores: [store], producer, redis, leasePrefix: redisPrefix, logger });
  let stopwatch = new Stopwatch();
  const consumer = createEventConsumer({
    kafka,
    groupId: `bench.${id}`,
    topics: [Topics.profile],
    processed: createProcessedStore(connection),
    producer,
    logger,
    handlers: {
      'belong.profile.withdrawn.v1': async (event) => stopwatch.markStarted(event.id),
    },
  });
  await consumer.start();
  await relay.start();

  const write = async (aggregate: string) => {
    const eventId = randomUUID();
    await store.mutate(aggregate, (current) => ({
      state: { count: (current?.state.count ?? 0) + 1 },
      events: [
        {
          type: 'belong.profile.withdrawn.v1',
          id: eventId,
          data: {
            profileId: aggregate,
            programmeId: 'bench',
            role: 'mentee',
            reason: null,
            withdrawnAt: new Date().toISOString(),
          },
        },
      ],
    }));
    stopwatch.markWritten(eventId);
  };

  try {
    // Warm-up: connections, topic metadata, the first relay cycle.
    for (let i = 0; i < 20; i++) await write(`warm-${i % 5}`);
    await withTimeout(stopwatch.until(20), 30_000, 'warm-up events');

    // 1. Paced.
    stopwatch = new Stopwatch();
    for (let i = 0; i < events; i++) {
      await write(`paced-${i % 50}`);
      await sleep(10);
    }
    await withTimeout(stopwatch.until(events), 60_000, 'paced events');
    console.log(`\nevent bus, mutate() returned → handler started, ${events} events paced at ~100/s:`);
    console.log(`  ${summary(stopwatch.latencies)}`);

    // 2. Burst.
    stopwatch = new Stopwatch();
    const burst = events * 2;
    const writers = 8;
    let next = 0;
    let failed = false;
    const started = performance.now();
    // Every writer finishes before anything is cleaned up (dropping a FerretDB database while
    // writes are in flight can crash it), and after a failure no writer starts another write.
    const results = await Promise.allSettled(
      Array.from({ length: writers }, async () => {
        while (next < burst && !failed) {
          const n = next++;
          await write(`burst-${n % 200}`).catch((error: unknown) => {
            failed = true;
            throw error;
          });
        }
      }),
    );
    const rejected = results.find((r) => r.status === 'rejected');
    if (rejected) throw rejected.reason;
    const written = performance.now();
    await withTimeout(stopwatch.until(burst), 300_000, 'burst events').catch(async (error: unknown) => {
      console.error(
        `handled ${stopwatch.latencies.length}/${burst}; aggregates with pending events: ${await store.countPending()}`,
      );
      throw error;
    });
    const handled = performance.now();
    console.log(
      `\nevent bus, ${burst} events from ${writers} concurrent writers (closed loop) over 200 aggregates:`,
    );
    console.log(
      `  written in ${(written - started).toFixed(0)} ms (${((burst / (written - started)) * 1000).toFixed(0)}/s); all handled after ${(handled - started).toFixed(0)} ms → ${((burst / (handled - started)) * 1000).toFixed(0)} events/s end to end`,
    );
    console.log(`  latency ${summary(stopwatch.latencies)}`);
  } finally {
    await consumer.stop();
    await relay.stop();
    await producer.disconnect();
    await connection.dropDatabase();
    await connection.close();
    let cursor = '0';
    do {
      const [nextCursor, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix}*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = nextCursor;
    } while (cursor !== '0');
    redis.disconnect();
  }
}

/** Sequential produce → consume round trips with bare kafkajs: send, wait until received, repeat. */
async function bareKafkajs(
  label: string,
  consumerConfig: Record<string, unknown>,
  rounds: number,
): Promise<number[]> {
  const kafka = new Kafka({ brokers, clientId: `bench-bare-${label}`, logLevel: logLevel.NOTHING });
  const topic = `${topicPrefix}bare.${label}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
  await admin.disconnect();
  const producer = kafka.producer();
  const consumer = kafka.consumer({ groupId: `bench.${id}.bare.${label}`, ...consumerConfig });
  await Promise.all([producer.connect(), consumer.connect()]);
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  let received: ((at: number) => void) | undefined;
  await consumer.run({
    eachMessage: async () => {
      received?.(performance.now());
    },
  });
  const latencies: number[] = [];
  try {
    for (let i = 0; i < rounds + 10; i++) {
      const arrived = new Promise<number>((resolve) => {
        received = resolve;
      });
      const sent = performance.now();
      await producer.send({ topic, acks: -1, messages: [{ key: `k${i % 10}`, value: `m${i}` }] });
      const at = await withTimeout(arrived, 30_000, `bare message ${i}`);
      if (i >= 10) latencies.push(at - sent); // the first ten warm up
      await sleep(10);
    }
  } finally {
    await Promise.all([producer.disconnect(), consumer.disconnect()]);
  }
  return latencies;
}

async function main(): Promise<void> {
  const rss = () => `${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`;
  console.log(
    `event-bus bench: brokers ${brokers.join(',')}, ${mongoUrl}, ${redisUrl}; rss at start ${rss()}`,
  );
  try {
    await busBench();
    const rounds = 200;
    const defaults = await bareKafkajs('defaults', {}, rounds);
    const tuned = await bareKafkajs(
      'tuned',
      {
        maxWaitTimeInMs: consumerTuning.maxWaitTimeInMs,
        minBytes: consumerTuning.minBytes,
        sessionTimeout: consumerTuning.sessionTimeout,
        heartbeatInterval: consumerTuning.heartbeatInterval,
      },
      rounds,
    );
    console.log(`\nbare kafkajs produce (acks=all) → eachMessage, ${rounds} sequential round trips:`);
    console.log(`  kafkajs consumer defaults (maxWaitTimeInMs 5000): ${summary(defaults)}`);
    console.log(
      `  bus tuning (maxWaitTimeInMs ${consumerTuning.maxWaitTimeInMs}, minBytes 1):    ${summary(tuned)}`,
    );
    console.log(`\nmemory: rss peak ${(rssPeak / 1024 / 1024).toFixed(0)} MB, at end ${rss()}`);
  } finally {
    clearInterval(sampler);
    const admin = new Kafka({ brokers, clientId: 'bench-cleanup', logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(topicPrefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
    await admin.disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
