import { Topics } from '@belong/contracts';
import { describe, expect, it, jest } from '@jest/globals';
import mongoose from 'mongoose';
import { Registry } from 'prom-client';
import {
  AggregateExistsError,
  type AggregateStore,
  type AggregateStoreOptions,
  type EventConsumer,
} from '../../src/events/index.ts';
import { SOURCE, withdrawn } from './fixtures.ts';
import { type Bus, Collector, metricValue, useEventsTestEnv, waitFor } from './helpers.ts';

jest.setTimeout(60_000);

const env = useEventsTestEnv('events outbox');
const { ns, resources, connectBus, relayFor } = env;

interface Notes {
  notes: string[];
}

const store = (collection: string, options?: Partial<AggregateStoreOptions>): AggregateStore<Notes> =>
  env.store<Notes>(collection, options);

/** Appends a note and a profile.withdrawn event carrying it. */
function append(s: AggregateStore<Notes>, profileId: string, note: string) {
  return s.mutate(profileId, (current) => ({
    state: { notes: [...(current?.state.notes ?? []), note] },
    events: [withdrawn(profileId, note)],
  }));
}

interface Received {
  id: string;
  profileId: string;
  note: string;
}

function startConsumer(bus: Bus, group: string, received: Collector<Received>): Promise<EventConsumer> {
  return env.startConsumer(bus, group, {
    'belong.profile.withdrawn.v1': async (event) => {
      received.push({ id: event.id, profileId: event.data.profileId, note: event.data.reason ?? '' });
    },
  });
}

describe('aggregate store', () => {
  it('loses none of 20 concurrent changes to one aggregate (two instances, FerretDB included)', async () => {
    // Two "instances": two stores over two connections, writing the same aggregate at once.
    const other = await mongoose.createConnection(ns.mongoUrl).asPromise();
    resources.add(() => other.close());
    const a = store('concurrent');
    const b = store('concurrent', { connection: other });
    await a.create('p-1', { notes: [] });
    const settled = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => append(i % 2 === 0 ? a : b, 'p-1', `n${i}`)),
    );
    const results = settled.map((r) => (r.status === 'fulfilled' ? r.value : null));
    const revs = results.map((r) => r?.rev).sort((x, y) => (x ?? 0) - (y ?? 0));
    expect(revs).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
    const final = await a.get('p-1');
    expect(final?.rev).toBe(21);
    expect([...(final?.state.notes ?? [])].sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => `n${i}`).sort(),
    );
    const doc = await a.collection.findOne({ _id: 'p-1' });
    expect(doc?.outbox).toHaveLength(20);
    expect(new Set(doc?.outbox.map((e) => e.id)).size).toBe(20);
  });

  it('loses no change and no event under many concurrent writers, even when writes outlast the lease ttl', async () => {
    // FerretDB stalls writes for longer than a lease under load: a short ttl makes that certain
    // here. The store keeps its lease alive while it writes, so no stalled write overwrites a newer one.
    const s = store('load', { leaseTtlMs: 300 });
    const aggregates = 40;
    const writes = 400;
    let next = 0;
    const results = await Promise.allSettled(
      Array.from({ length: 16 }, async () => {
        while (next < writes) {
          const n = next++;
          await append(s, `l${n % aggregates}`, `n${n}`);
        }
      }),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const docs = await s.collection.find({}).toArray();
    expect(docs).toHaveLength(aggregates);
    for (const doc of docs) {
      const expected = Array.from(
        { length: writes / aggregates },
        (_, k) => `n${k * aggregates + Number(doc._id.slice(1))}`,
      );
      expect([...doc.state.notes].sort()).toEqual(expected.sort());
      expect(doc.rev).toBe(writes / aggregates);
      expect(doc.outbox.map((e) => JSON.parse(e.value).data.reason).sort()).toEqual(expected.sort());
    }
  });

  it('writes the state and its events in one document, creates on first mutate, and refuses a taken id', async () => {
    const s = store('basics');
    expect(await s.mutate('p-2', () => null)).toBeNull();
    expect(await s.get('p-2')).toBeNull();
    const created = await append(s, 'p-2', 'first');
    expect(created).toEqual({ state: { notes: ['first'] }, rev: 1 });
    const doc = await s.collection.findOne({ _id: 'p-2' });
    expect(doc?.outbox).toHaveLength(1);
    expect(doc?.outbox[0]).toMatchObject({ topic: Topics.profile, key: 'p-2' });
    expect(JSON.parse(doc?.outbox[0]?.value ?? '{}')).toMatchObject({
      type: 'belong.profile.withdrawn.v1',
      source: SOURCE,
      subject: 'p-2',
      data: { reason: 'first' },
    });
    expect(doc?.outboxSince).toBeInstanceOf(Date);
    // "No change" writes nothing.
    expect(await s.mutate('p-2', () => null)).toEqual({ state: { notes: ['first'] }, rev: 1 });
    await expect(s.create('p-2', { notes: [] })).rejects.toBeInstanceOf(AggregateExistsError);
    await s.create('p-3', { notes: ['x'] }, [withdrawn('p-3', 'created')]);
    expect(await s.countPending()).toBe(2);
  });
});

describe('outbox relay', () => {
  it('publishes events written while no relay ran, once a relay starts', async () => {
    const bus = await connectBus('offline');
    const s = store('offline');
    // Written with no relay anywhere: as after a crash of every instance.
    for (const id of ['a', 'b', 'c']) {
      await append(s, id, `${id}1`);
      await append(s, id, `${id}2`);
    }
    expect(await s.countPending()).toBe(3);

    const received = new Collector<Received>();
    await startConsumer(bus, 'offline', received);
    const relay = relayFor(bus, [s]);
    await relay.start();
    await received.waitFor(6, 'the six events written while no relay ran');
    await waitFor(async () => (await s.countPending()) === 0, 'the outbox to empty');
    expect(received.items.map((r) => r.note).sort()).toEqual(['a1', 'a2', 'b1', 'b2', 'c1', 'c2']);
    for (const id of ['a', 'b', 'c']) {
      expect(received.items.filter((r) => r.profileId === id).map((r) => r.note)).toEqual([
        `${id}1`,
        `${id}2`,
      ]);
    }
  });

  it('re-publishes after a crash between publish and removal; the consumer processes the event once', async () => {
    const bus = await connectBus('crash');
    const s = store('crash');
    const received = new Collector<Received>();
    await startConsumer(bus, 'crash', received);

    let crashed!: () => void;
    const publishedOnce = new Promise<void>((resolve) => {
      crashed = resolve;
    });
    const crashing = relayFor(bus, [s], {
      registry: new Registry(),
      backoff: { initialMs: 60_000, maxMs: 60_000 },
      hooks: {
        afterPublish: () => {
          crashed();
          throw new Error('simulated crash after the broker ack, before the removal');
        },
      },
    });
    await crashing.start();
    await append(s, 'p-crash', 'only-once');
    await publishedOnce;
    await crashing.stop();
    // Published, but still in the outbox: the removal never ran.
    expect(await s.countPending()).toBe(1);
    await received.waitFor(1, 'the first publication');

    const restarted = relayFor(bus, [s]);
    await restarted.start();
    await waitFor(async () => (await s.countPending()) === 0, 'the restarted relay to publish and remove');
    expect(await metricValue(bus.registry, 'belong_outbox_published_total', { collection: 'crash' })).toBe(1);
    const group = ns.groupId('crash');
    await waitFor(
      async () =>
        (await metricValue(bus.registry, 'belong_events_consumed_total', { group, outcome: 'duplicate' })) ===
        1,
      'the re-published copy to be recognised as a duplicate',
    );
    expect(received.items.map((r) => r.note)).toEqual(['only-once']);
    expect(
      await metricValue(bus.registry, 'belong_events_consumed_total', { group, outcome: 'processed' }),
    ).toBe(1);
  });

  // Hinted aggregates are read by id; with a short scanMs full scans run between those reads too.
  it.each([
    { paths: 'hints', scope: 'order', scanMs: undefined },
    { paths: 'hints and full scans interleaved', scope: 'order-scans', scanMs: 30 },
  ])('keeps the order of each key across many events and batches ($paths)', async ({ scope, scanMs }) => {
    const bus = await connectBus(scope);
    const s = store(scope);
    const received = new Collector<Received>();
    await startConsumer(bus, scope, received);
    const relay = relayFor(bus, [s], { batchSize: 7, ...(scanMs ? { scanMs } : {}) });
    await relay.start();
    const profiles = ['o1', 'o2', 'o3', 'o4', 'o5'];
    const perProfile = 30;
    // Each profile's changes are sequential; the profiles write in parallel, while the relay runs.
    await Promise.all(
      profiles.map(async (id) => {
        for (let seq = 0; seq < perProfile; seq++) await append(s, id, String(seq));
      }),
    );
    await received.waitFor(profiles.length * perProfile, 'every event');
    for (const id of profiles) {
      const notes = received.items.filter((r) => r.profileId === id).map((r) => Number(r.note));
      expect(notes).toEqual(Array.from({ length: perProfile }, (_, i) => i));
    }
    expect(new Set(received.items.map((r) => r.id)).size).toBe(profiles.length * perProfile);
    await waitFor(async () => (await s.countPending()) === 0, 'the outbox to empty');
  });
});
