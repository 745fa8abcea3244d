import { Socket } from 'node:net';
import { Topics } from '@belong/contracts';
import { createTestNamespace } from '@belong/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import {
  createAggregateStore,
  createEventConsumer,
  createOutboxRelay,
  createProcessedStore,
  type EventHandlers,
} from '../../src/events/index.ts';
import { SOURCE, withdrawn, withdrawnEvent } from './fixtures.ts';
import { Collector, connectServers, createBus, Resources, type Servers, testLogger } from './helpers.ts';

jest.setTimeout(60_000);

const ns = createTestNamespace('events shutdown');
let servers: Servers;
const resources = new Resources();

beforeAll(async () => {
  servers = await connectServers(ns);
});

afterEach(() => resources.closeAll());

afterAll(async () => {
  await servers.close();
  await ns.cleanup();
});

/** Open sockets to the Kafka brokers (the Mongo pool may grow meanwhile: not ours to judge here). */
function kafkaSockets(): number {
  const ports = new Set(ns.servers.kafkaBrokers.map((broker) => Number(broker.split(':').at(-1))));
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  return handles.filter((h) => h instanceof Socket && !h.destroyed && ports.has(h.remotePort ?? -1)).length;
}

/** Timers keeping the event loop alive (unref'd ones are not counted by node). */
function liveTimers(): number {
  return process.getActiveResourcesInfo().filter((type) => type === 'Timeout').length;
}

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

describe('graceful shutdown', () => {
  it('finishes the current message, commits it, drains the relay, and leaves no open handles', async () => {
    const timersBefore = liveTimers();
    expect(kafkaSockets()).toBe(0);
    const bus = await createBus(ns, 'stop', resources);
    const group = ns.groupId('stop');
    const processed = createProcessedStore(servers.connection);
    const consumerOptions = (handlers: EventHandlers) => ({
      kafka: bus.kafka,
      groupId: group,
      topics: [Topics.profile],
      handlers,
      processed,
      producer: bus.producer,
      registry: bus.registry,
      logger: testLogger,
    });
    const order: string[] = [];
    const handlerStarted = gate();
    const handlerMayFinish = gate();
    const consumer = createEventConsumer(
      consumerOptions({
        'belong.profile.withdrawn.v1': async () => {
          handlerStarted.open();
          await handlerMayFinish.opened;
          order.push('handler finished');
        },
      }),
    );
    resources.add(() => consumer.stop());
    await consumer.start();
    const slow = withdrawnEvent('p-slow', 'in flight at stop');
    await bus.producer.send([
      {
        topic: bus.topic(Topics.profile),
        messages: [{ key: slow.key, value: JSON.stringify(slow.envelope) }],
      },
    ]);
    await handlerStarted.opened;
    const stopped = consumer.stop().then(() => order.push('consumer stopped'));
    handlerMayFinish.open();
    await stopped;
    expect(order).toEqual(['handler finished', 'consumer stopped']);
    expect(consumer.running).toBe(false);
    expect(await processed.has(group, slow.envelope.id)).toBe(true);

    // Its offset was committed: the group's next member starts after it.
    const seen = new Collector<string>();
    const next = createEventConsumer(
      consumerOptions({ 'belong.profile.withdrawn.v1': async (event) => seen.push(event.data.reason ?? '') }),
    );
    resources.add(() => next.stop());
    await next.start();

    // The relay's stop waits for the batch in flight: published AND removed from the outbox.
    const store = createAggregateStore<{ n: number }>({
      connection: servers.connection,
      collection: 'stop',
      redis: servers.redis,
      source: SOURCE,
      leasePrefix: ns.redisPrefix,
    });
    const published = gate();
    const mayRemove = gate();
    const relay = createOutboxRelay({
      stores: [store],
      producer: bus.producer,
      redis: servers.redis,
      leasePrefix: ns.redisPrefix,
      pollMs: 25,
      registry: bus.registry,
      logger: testLogger,
      hooks: {
        afterPublish: async () => {
          published.open();
          await mayRemove.opened;
        },
      },
    });
    resources.add(() => relay.stop());
    await relay.start();
    await store.mutate('p-after', () => ({
      state: { n: 1 },
      events: [withdrawn('p-after', 'after the restart')],
    }));
    await published.opened;
    const relayStopped = relay.stop();
    mayRemove.open();
    await relayStopped;
    expect(await store.countPending()).toBe(0);
    expect(relay.isLeader('stop')).toBe(false);

    await seen.waitFor(1, 'the event published by the relay');
    expect(seen.items).toEqual(['after the restart']);
    await next.stop();
    await bus.producer.disconnect();
    expect(bus.producer.connected).toBe(false);
    expect(kafkaSockets()).toBe(0);
    expect(liveTimers()).toBeLessThanOrEqual(timersBefore);
  });
});
