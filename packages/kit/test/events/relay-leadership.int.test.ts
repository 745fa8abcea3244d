import { describe, expect, it, jest } from '@jest/globals';
import { Registry } from 'prom-client';
import type { AggregateStore, OutboxRelay } from '../../src/events/index.ts';
import { withdrawn } from './fixtures.ts';
import { Collector, collectReasons, metricValue, useEventsTestEnv, waitFor } from './helpers.ts';

jest.setTimeout(60_000);

const env = useEventsTestEnv('events relay leadership');
const { ns, servers, connectBus, startConsumer, relayFor } = env;

describe('outbox relay leadership', () => {
  it('lets one relay publish at a time; another takes over when it stops or its lease lapses', async () => {
    const bus = await connectBus('leaders');
    const store = env.store<{ n: number }>('leaders');
    const received = new Collector<string>();
    await startConsumer(bus, 'leaders', collectReasons(received));

    // Two "instances": each its own relay and metrics, same store, same Redis.
    const registries = { a: new Registry(), b: new Registry() };
    const relay = (name: 'a' | 'b'): OutboxRelay =>
      relayFor(bus, [store], { pollMs: 25, leaseTtlMs: 1_000, registry: registries[name] });
    const published = (name: 'a' | 'b') =>
      metricValue(registries[name], 'belong_outbox_published_total', { collection: 'leaders' });
    const write = async (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        await store.mutate(`p${i % 3}`, (current) => ({
          state: { n: (current?.state.n ?? 0) + 1 },
          events: [withdrawn(`p${i % 3}`, `e${i}`)],
        }));
      }
    };
    const a = relay('a');
    const b = relay('b');
    await a.start();
    await waitFor(() => a.isLeader('leaders'), 'relay a to lead');
    await b.start();

    await write(0, 10);
    await received.waitFor(10, 'the first ten events');
    expect(await published('a')).toBe(10);
    expect(await published('b')).toBe(0);
    expect(b.isLeader('leaders')).toBe(false);

    // Graceful stop releases the lease: b takes over at its next poll.
    await a.stop();
    await waitFor(() => b.isLeader('leaders'), 'relay b to take over');
    await write(10, 20);
    await received.waitFor(20, 'the next ten events');
    expect(await published('b')).toBe(10);
    expect(await published('a')).toBe(10);

    // A leader that vanishes without releasing (a crash): simulated by b losing its key to a
    // foreign owner, as when its lease expired while it was frozen; b must step back…
    await b.stop();
    const key = `${ns.redisPrefix}relay:leaders`;
    await servers.redis.set(key, 'crashed-instance', 'PX', 1_500);
    const c = relay('a');
    await c.start();
    await write(20, 23);
    const leadingThen = c.isLeader('leaders');
    if ((await servers.redis.get(key)) === 'crashed-instance') expect(leadingThen).toBe(false);
    // …and the standby takes over once the crashed owner's lease lapses.
    await waitFor(() => c.isLeader('leaders'), 'the standby to take over after the lease lapsed');
    await received.waitFor(23, 'the events written while the crashed owner held the lease');
    await c.stop();
    expect(new Set(received.items).size).toBe(23);
    expect(await store.countPending()).toBe(0);
  });

  it("wakes the leader through Redis when another instance writes, without waiting for the leader's poll", async () => {
    const bus = await connectBus('wakeup');
    // Two instances, each with its own store object for one collection and its own relay.
    const storeOf = () => env.store<{ n: number }>('wakeup');
    const [storeA, storeB] = [storeOf(), storeOf()];
    const relayOf = (store: AggregateStore<{ n: number }>) =>
      relayFor(bus, [store], {
        // Far beyond the test's timeout: only a wake-up can explain a prompt publication.
        pollMs: 600_000,
        scanMs: 600_000,
        registry: new Registry(),
      });
    const received = new Collector<string>();
    await startConsumer(bus, 'wakeup', collectReasons(received));
    const a = relayOf(storeA);
    await a.start();
    await waitFor(() => a.isLeader('wakeup'), 'relay a to lead');
    const b = relayOf(storeB);
    await b.start();

    await storeB.mutate('p-w', () => ({
      state: { n: 1 },
      events: [withdrawn('p-w', 'written on the standby')],
    }));
    await received.waitFor(1, 'the event written on the standby instance', 10_000);
    expect(received.items).toEqual(['written on the standby']);
    expect(b.isLeader('wakeup')).toBe(false);
  });
});
