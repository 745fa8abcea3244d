// The relay's hot path reads the aggregates a write named (its hint) by `_id`; the full scan of
// the collection is the safety net (on becoming leader, after a failure, every `scanMs`). Each
// test counts the store's reads: a prompt publication with no scan since the first one can only
// have come through a hint.
import { describe, expect, it, jest } from '@jest/globals';
import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import type { AggregateStore } from '../../src/events/index.ts';
import { withdrawn } from './fixtures.ts';
import { Collector, collectReasons, useEventsTestEnv, waitFor } from './helpers.ts';

jest.setTimeout(60_000);

const env = useEventsTestEnv('events relay hints');
const { ns, servers, resources, connectBus, startConsumer, relayFor } = env;

type Counter = { n: number };

/** One "instance's" store over `collection`, counting the relay's reads. */
function countingStore(collection: string) {
  const store = env.store<Counter>(collection);
  const reads = { scans: 0, byId: [] as string[][] };
  const counted: AggregateStore<Counter> = {
    ...store,
    pendingDocuments(limit) {
      reads.scans++;
      return store.pendingDocuments(limit);
    },
    pendingDocumentsByIds(ids, concurrency) {
      reads.byId.push([...ids]);
      return store.pendingDocumentsByIds(ids, concurrency);
    },
  };
  return { store: counted, reads };
}

const write = (store: AggregateStore<Counter>, id: string, note: string) =>
  store.mutate(id, (current) => ({
    state: { n: (current?.state.n ?? 0) + 1 },
    events: [withdrawn(id, note)],
  }));

// Far beyond every wait here: only a hint (or a scan the test asks for) explains a publication.
const NO_SCAN = 600_000;

describe('outbox relay hints', () => {
  it("publishes a write's events through its hint, read by id, with no scan after the first", async () => {
    const bus = await connectBus('local');
    const { store, reads } = countingStore('local');
    const received = new Collector<string>();
    await startConsumer(bus, 'local', collectReasons(received));
    const relay = relayFor(bus, [store], { scanMs: NO_SCAN, batchSize: 4 });
    await relay.start();
    await waitFor(() => relay.isLeader('local') && reads.scans === 1, 'the first scan as leader');

    // Three aggregates written in parallel, each in sequence; batches of 4 aggregates at most.
    await Promise.all(
      ['h1', 'h2', 'h3'].map(async (id) => {
        for (let seq = 0; seq < 6; seq++) await write(store, id, `${id}:${seq}`);
      }),
    );
    await received.waitFor(18, 'every event', 10_000);
    for (const id of ['h1', 'h2', 'h3']) {
      expect(received.items.filter((note) => note.startsWith(`${id}:`))).toEqual(
        Array.from({ length: 6 }, (_, seq) => `${id}:${seq}`),
      );
    }
    expect(new Set(received.items).size).toBe(18);
    expect(reads.scans).toBe(1);
    expect(reads.byId.length).toBeGreaterThan(0);
    expect(reads.byId.every((ids) => ids.length <= 4)).toBe(true);
    await waitFor(async () => (await store.countPending()) === 0, 'the outbox to empty');
  });

  it('publishes an entry whose hint was lost at the next full scan', async () => {
    const bus = await connectBus('lost');
    const { store, reads } = countingStore('lost');
    const received = new Collector<string>();
    await startConsumer(bus, 'lost', collectReasons(received));
    const relay = relayFor(bus, [store], { scanMs: 500 });
    await relay.start();
    await waitFor(() => relay.isLeader('lost'), 'the relay to lead');

    // A process with no relay writes: nobody hears its hint (as when a writer crashes right
    // after its write, or Redis drops the wake-up).
    const silent = env.store<Counter>('lost');
    const scansBefore = reads.scans;
    await write(silent, 'p-lost', 'hint lost');
    await received.waitFor(1, 'the scan to find the entry', 10_000);
    expect(received.items).toEqual(['hint lost']);
    expect(reads.scans).toBeGreaterThan(scansBefore);
    expect(reads.byId.flat()).not.toContain('p-lost');
  });

  it("sends the aggregate's id to the leader on another instance; an old-style '1' makes it scan", async () => {
    const bus = await connectBus('remote');
    const a = countingStore('remote');
    const b = countingStore('remote');
    const received = new Collector<string>();
    await startConsumer(bus, 'remote', collectReasons(received));
    const channel = `${ns.redisPrefix}relay:remote:pending`;
    const listener = new Redis(ns.servers.redisUrl);
    resources.add(async () => listener.disconnect());
    const payloads: string[] = [];
    listener.on('message', (_channel: string, message: string) => payloads.push(message));
    await listener.subscribe(channel);

    const relayA = relayFor(bus, [a.store], { scanMs: NO_SCAN, pollMs: 25, registry: new Registry() });
    await relayA.start();
    await waitFor(() => relayA.isLeader('remote') && a.reads.scans === 1, 'relay a to lead and scan');
    const relayB = relayFor(bus, [b.store], { scanMs: NO_SCAN, pollMs: 25, registry: new Registry() });
    await relayB.start();

    await write(b.store, 'p-remote', 'written on the standby');
    await received.waitFor(1, 'the event written on the standby', 10_000);
    expect(relayB.isLeader('remote')).toBe(false);
    expect(payloads).toContain('p-remote');
    expect(a.reads.byId.flat()).toContain('p-remote');
    expect(a.reads.scans).toBe(1);
    expect(b.reads.scans + b.reads.byId.length).toBe(0);

    // An instance of an earlier version wakes the leader with '1': the leader scans.
    const silent = env.store<Counter>('remote');
    await write(silent, 'p-old', 'woken the old way');
    await servers.redis.publish(channel, '1');
    await received.waitFor(2, "the event found by the scan a '1' asked for", 10_000);
    expect(received.items[1]).toBe('woken the old way');
    expect(a.reads.scans).toBe(2);
  });
});
