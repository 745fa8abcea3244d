// How the event consumer looks after its client: replaced after a crash it will not recover
// from, and after a stall. The client here is a scripted TransportConsumer (the kit's own
// interface, which kafka.ts implements with kafkajs); the wiring to kafkajs's real events is
// covered by consumer.int.test.ts against the broker.
import { afterEach, describe, expect, it } from '@jest/globals';
import { Registry } from 'prom-client';
import { createEventConsumer, type EventConsumer } from '../../src/events/consumer.ts';
import type { BelongKafka, EventProducer, TransportConsumer } from '../../src/events/kafka.ts';
import { eventMetrics } from '../../src/events/metrics.ts';
import type { ProcessedStore } from '../../src/events/processed-store.ts';

interface ScriptedClient extends TransportConsumer {
  readonly index: number;
  connected: boolean;
  runs: number;
  disconnects: number;
  crash(restart: boolean): void;
  activity(): void;
}

/** A BelongKafka whose consumers are scripted; `failConnects` makes the next N connects fail. */
function scriptedKafka() {
  const clients: ScriptedClient[] = [];
  let failConnects = 0;
  const kafka = {
    clientId: 'test',
    brokers: [],
    topicName: (logical: string) => logical,
    producer: () => {
      throw new Error('not used');
    },
    admin: () => {
      throw new Error('not used');
    },
    ensureTopics: async () => [],
    consumer: () => {
      const crashListeners: ((info: { error: Error; restart: boolean }) => void)[] = [];
      const activityListeners: (() => void)[] = [];
      const client: ScriptedClient = {
        index: clients.length,
        connected: false,
        runs: 0,
        disconnects: 0,
        async connect() {
          if (failConnects > 0) {
            failConnects--;
            throw Object.assign(new Error('broker unavailable'), { retriable: true });
          }
          client.connected = true;
        },
        async subscribe() {},
        async run() {
          client.runs++;
        },
        async disconnect() {
          client.disconnects++;
          client.connected = false;
        },
        onBatchEnd() {},
        onCrash(listener) {
          crashListeners.push(listener);
        },
        onActivity(listener) {
          activityListeners.push(listener);
        },
        crash(restart) {
          for (const l of crashListeners) l({ error: new Error('scripted crash'), restart });
        },
        activity() {
          for (const l of activityListeners) l();
        },
      };
      clients.push(client);
      return client;
    },
  } satisfies BelongKafka;
  return {
    kafka,
    clients,
    failNextConnects(n: number) {
      failConnects = n;
    },
  };
}

const producer: EventProducer = {
  topicName: (logical) => logical,
  connected: true,
  connect: async () => {},
  disconnect: async () => {},
  send: async () => {},
};

// No messages flow here, so the store is never read; only start() calls ensureIndexes().
const processed: Omit<ProcessedStore, 'collection'> = {
  has: async () => false,
  record: async () => true,
  sweepProcessed: async () => 0,
  ensureIndexes: async () => {},
};

async function until(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function restarts(registry: Registry, reason: string): Promise<number> {
  const { values } = await eventMetrics(registry).restarts.get();
  return values.find((v) => v.labels.reason === reason)?.value ?? 0;
}

describe('event consumer supervision', () => {
  const started: EventConsumer[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((c) => c.stop()));
  });

  function consumerOver(
    kafka: BelongKafka,
    registry: Registry,
    options: { stallMs?: number; handlerTimeoutMs?: number } = {},
  ) {
    const consumer = createEventConsumer({
      kafka,
      groupId: 'belong.test.supervised',
      topics: ['belong.profile.v1'],
      handlers: {},
      processed: processed as ProcessedStore,
      producer,
      registry,
      ...options,
    });
    started.push(consumer);
    return consumer;
  }

  it('replaces a client that crashed for good, and counts it', async () => {
    const { kafka, clients } = scriptedKafka();
    const registry = new Registry();
    const consumer = consumerOver(kafka, registry, { stallMs: 0 });
    await consumer.start();
    expect(consumer.running).toBe(true);

    clients[0]?.crash(false);
    await until(() => clients.length === 2 && consumer.running, 'a second client to be running');
    expect(clients[0]?.disconnects).toBe(1);
    expect(clients[1]?.runs).toBe(1);
    expect(await restarts(registry, 'crashed')).toBe(1);
  });

  it('leaves a crash the client restarts by itself to the client', async () => {
    const { kafka, clients } = scriptedKafka();
    const registry = new Registry();
    const consumer = consumerOver(kafka, registry, { stallMs: 0 });
    await consumer.start();
    clients[0]?.crash(true);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(clients).toHaveLength(1);
    expect(consumer.running).toBe(true);
    expect(await restarts(registry, 'crashed')).toBe(0);
  });

  it('keeps trying, with backoff, until a replacement starts', async () => {
    const { kafka, clients, failNextConnects } = scriptedKafka();
    const registry = new Registry();
    const consumer = consumerOver(kafka, registry, { stallMs: 0 });
    await consumer.start();
    failNextConnects(2);
    clients[0]?.crash(false);
    await until(() => consumer.running, 'a replacement to start', 10_000);
    // Two clients failed to connect and were let go; the fourth runs.
    expect(clients).toHaveLength(4);
    expect(clients.map((c) => c.runs)).toEqual([1, 0, 0, 1]);
    expect(await restarts(registry, 'crashed')).toBe(1);
  });

  it('replaces a client that shows no sign of life for stallMs', async () => {
    const { kafka, clients } = scriptedKafka();
    const registry = new Registry();
    const consumer = consumerOver(kafka, registry, { stallMs: 300, handlerTimeoutMs: 50 });
    await consumer.start();
    await until(() => clients.length === 2 && consumer.running, 'the silent client to be replaced');
    expect(clients[0]?.disconnects).toBe(1);
    expect(await restarts(registry, 'stalled')).toBeGreaterThanOrEqual(1);
  });

  it('does not replace a client that keeps showing activity', async () => {
    const { kafka, clients } = scriptedKafka();
    const registry = new Registry();
    const consumer = consumerOver(kafka, registry, { stallMs: 300, handlerTimeoutMs: 50 });
    await consumer.start();
    const beat = setInterval(() => clients[0]?.activity(), 50);
    try {
      await new Promise((resolve) => setTimeout(resolve, 1_200));
    } finally {
      clearInterval(beat);
    }
    expect(clients).toHaveLength(1);
    expect(await restarts(registry, 'stalled')).toBe(0);
  });

  it('stop() ends a replacement loop and disconnects the client', async () => {
    const { kafka, clients, failNextConnects } = scriptedKafka();
    const registry = new Registry();
    const consumer = consumerOver(kafka, registry, { stallMs: 0 });
    await consumer.start();
    failNextConnects(1_000);
    clients[0]?.crash(false);
    await until(() => clients.length >= 2, 'a replacement attempt');
    await consumer.stop();
    const count = clients.length;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(clients).toHaveLength(count);
    expect(consumer.running).toBe(false);
    expect(clients.every((c) => !c.connected)).toBe(true);
  });
});
