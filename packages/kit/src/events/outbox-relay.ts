// The outbox relay: publishes the events aggregates wrote into their outbox, then removes them.
//
// - One active relay per collection across all instances: a Redis lease `relay:<collection>`,
//   renewed while leading; the others stand by and take over when it is released or lapses.
// - As leader: read aggregates with pending entries (oldest first), publish their entries in
//   order, wait for the broker's ack (acks=all), then remove exactly the published entries by id.
// - A crash between publish and removal re-publishes them on restart: at-least-once; consumers
//   dedupe by event id. A failed publish (broker down) backs off and retries; nothing is dropped.
import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import type { AggregateDocument, AggregateStore, OutboxEntry } from './aggregate-store.ts';
import type { EventProducer, TopicMessages } from './kafka.ts';
import { type Lease, tryAcquireLease } from './lease.ts';
import { type EventLogger, errorFields, silentLogger } from './logger.ts';
import { type EventMetrics, eventMetrics } from './metrics.ts';
import { backoffDelay, forEachLimited, withTimeout } from './timing.ts';

export interface OutboxRelayOptions {
  // biome-ignore lint/suspicious/noExplicitAny: stores of any state type can be relayed
  stores?: AggregateStore<any>[];
  producer: EventProducer;
  redis: Redis;
  /** Logical → broker topic name; default: the producer's. */
  topicName?: (logical: string) => string;
  /** How often the leader looks for pending entries written by other instances. Default 200 ms. */
  pollMs?: number;
  /** Aggregates per publish batch. Default 200. */
  batchSize?: number;
  /** Leadership lease; a crashed leader is replaced after this. Default 10000 ms. */
  leaseTtlMs?: number;
  /** Prefix of the Redis lease keys (default `belong:`). */
  leasePrefix?: string;
  /** Backoff after a failed batch. Default 200 ms doubling to 10 s. */
  backoff?: { initialMs: number; maxMs: number };
  /**
   * A write on an instance that is not the collection's leader wakes the leader through Redis
   * pub/sub (`<prefix>relay:<collection>:pending`), so its events go out at once instead of at
   * the leader's next poll; the poll stays as the safety net. Default true.
   */
  crossInstanceWakeup?: boolean;
  /** Aggregates whose published entries are removed concurrently. Default 8. */
  removeConcurrency?: number;
  logger?: EventLogger;
  metrics?: EventMetrics;
  registry?: Registry;
  /** Test seams. `afterPublish` runs after the broker's ack and before the removal. */
  hooks?: { afterPublish?: (info: { collection: string; entries: OutboxEntry[] }) => void | Promise<void> };
}

export interface OutboxRelay {
  start(): Promise<void>;
  /** Stops polling, lets the in-flight batch finish (publish and removal), gives up leadership. */
  stop(): Promise<void>;
  /** Enlists a store (also after start). */
  // biome-ignore lint/suspicious/noExplicitAny: stores of any state type can be relayed
  add(store: AggregateStore<any>): void;
  isLeader(collection: string): boolean;
  readonly running: boolean;
}

type PendingDoc = Pick<AggregateDocument<unknown>, '_id' | 'outbox' | 'outboxSince'>;

/**
 * The entries of several aggregates in publication order: each aggregate's own entries keep
 * their order (a k-way merge), and across aggregates the older entry goes first.
 */
export function orderOutbox(docs: readonly PendingDoc[]): OutboxEntry[] {
  const cursors = docs.map(() => 0);
  const out: OutboxEntry[] = [];
  for (;;) {
    let best = -1;
    let bestTime = Number.POSITIVE_INFINITY;
    for (let d = 0; d < docs.length; d++) {
      const entry = docs[d]?.outbox[cursors[d] ?? 0];
      if (!entry) continue;
      const time = new Date(entry.createdAt).getTime();
      if (time < bestTime) {
        best = d;
        bestTime = time;
      }
    }
    if (best < 0) return out;
    out.push(docs[best]?.outbox[cursors[best] ?? 0] as OutboxEntry);
    cursors[best] = (cursors[best] ?? 0) + 1;
  }
}

/** Groups entries by topic for one produce request; order within a topic (hence per key) is kept. */
export function toTopicMessages(
  entries: readonly OutboxEntry[],
  topicName: (logical: string) => string,
): TopicMessages[] {
  const byTopic = new Map<string, TopicMessages>();
  for (const entry of entries) {
    const topic = topicName(entry.topic);
    let batch = byTopic.get(topic);
    if (!batch) {
      batch = { topic, messages: [] };
      byTopic.set(topic, batch);
    }
    batch.messages.push({ key: entry.key, value: entry.value });
  }
  return [...byTopic.values()];
}

export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { producer, redis } = options;
  const topicName = options.topicName ?? producer.topicName;
  const pollMs = options.pollMs ?? 200;
  const batchSize = options.batchSize ?? 200;
  const leaseTtlMs = options.leaseTtlMs ?? 10_000;
  const leasePrefix = options.leasePrefix ?? 'belong:';
  const backoff = options.backoff ?? { initialMs: 200, maxMs: 10_000 };
  const removeConcurrency = options.removeConcurrency ?? 8;
  const logger = options.logger ?? silentLogger;
  const metrics = options.metrics ?? eventMetrics(options.registry);
  const workers = new Map<string, CollectionWorker>();
  const crossInstanceWakeup = options.crossInstanceWakeup ?? true;
  const channelOf = (collection: string) => `${leasePrefix}relay:${collection}:pending`;
  let subscriber: Redis | undefined;
  let running = false;

  interface CollectionWorker {
    readonly channel: string;
    start(): void;
    stop(): Promise<void>;
    isLeader(): boolean;
    /** Something is pending: publish now if leading. */
    signal(): void;
  }

  const subscribe = (channel: string) => {
    subscriber?.subscribe(channel).catch((error: unknown) => {
      logger.warn({ channel, ...errorFields(error) }, 'could not subscribe to outbox wake-ups; polling only');
    });
  };

  // biome-ignore lint/suspicious/noExplicitAny: stores of any state type can be relayed
  function createWorker(store: AggregateStore<any>): CollectionWorker {
    const collection = store.name;
    const leaseKey = `${leasePrefix}relay:${collection}`;
    const log = { collection };
    let active = false;
    let lease: Lease | null = null;
    let renewTimer: NodeJS.Timeout | undefined;
    let loop: Promise<void> | undefined;
    let indexed = false;
    let failures = 0;
    let signalled = false;
    let interrupt: (() => void) | undefined; // ends the current wait early (stop)
    let wakeUp: (() => void) | undefined; // ends it on a pending signal (only when leading, not backing off)

    const isLeader = () =>
      lease !== null && performance.now() < lease.validUntil - Math.min(1_000, leaseTtlMs / 5);

    const loseLeadership = (reason: string) => {
      if (!lease) return;
      lease = null;
      clearInterval(renewTimer);
      metrics.relayLeader.set({ collection }, 0);
      logger.warn({ ...log, reason }, 'outbox relay lost leadership');
    };

    const lead = async () => {
      const acquired = await tryAcquireLease(redis, leaseKey, leaseTtlMs);
      if (!acquired) return;
      lease = acquired;
      metrics.relayLeader.set({ collection }, 1);
      logger.info(log, 'outbox relay is leading');
      renewTimer = setInterval(() => {
        const current = lease;
        if (!current) return;
        current.extend().then(
          (ok) => {
            if (!ok && lease === current) loseLeadership('lease taken over or expired');
          },
          (error: unknown) => logger.warn({ ...log, ...errorFields(error) }, 'could not renew relay lease'),
        );
      }, leaseTtlMs / 3);
      renewTimer.unref();
    };

    // Published entries whose removal from the outbox is still running: removal (one aggregate
    // write each) is slower than publishing, so it runs behind while the next batch goes out.
    // Entries in flight are not published again; a failed removal forgets them, so they are
    // published again (at least once, never lost).
    const inFlight = new Set<string>();
    const removals = new Set<Promise<void>>();
    // A read that started before a removal finished may still return the removed entries: each
    // removed entry remembers how many reads had started when its removal finished, and such
    // stale reads skip it. (Without this the relay re-published an entry now and then in normal
    // running: seen as 11 publications for 10 events in the relay-leadership test.)
    let readsStarted = 0;
    const removedAt = new Map<string, number>();
    let countedAt = 0;

    const startRemoval = (docs: PendingDoc[], entries: OutboxEntry[]) => {
      for (const entry of entries) inFlight.add(entry.id);
      const removal: Promise<void> = forEachLimited(docs, removeConcurrency, (doc) =>
        store.removeOutboxEntries(
          doc._id,
          doc.outbox.map((entry) => entry.id),
        ),
      )
        .then(
          () => {
            for (const entry of entries) removedAt.set(entry.id, readsStarted);
          },
          (error: unknown) => {
            metrics.outboxFailures.inc({ collection });
            logger.warn(
              { ...log, ...errorFields(error) },
              'could not remove published outbox entries; they will be published again',
            );
          },
        )
        .finally(() => {
          for (const entry of entries) inFlight.delete(entry.id);
          removals.delete(removal);
        });
      removals.add(removal);
    };

    /** Entries of this read that are neither being removed nor already removed. */
    const notYetPublished = (entry: OutboxEntry, read: number) =>
      !inFlight.has(entry.id) && (removedAt.get(entry.id) ?? -1) < read;

    const drain = async () => {
      while (active && isLeader()) {
        signalled = false;
        const read = ++readsStarted;
        const docs = await store.pendingDocuments(batchSize);
        const unpublished = docs
          .map((doc) => ({ ...doc, outbox: doc.outbox.filter((entry) => notYetPublished(entry, read)) }))
          .filter((doc) => doc.outbox.length > 0);
        // Every later read starts after these removals finished: it cannot see their entries.
        for (const [id, at] of removedAt) if (at < read) removedAt.delete(id);
        // A full page means there may be more: count them, at most every 5 s (a scan on FerretDB).
        if (docs.length < batchSize) metrics.outboxPending.set({ collection }, docs.length);
        else if (performance.now() - countedAt > 5_000) {
          countedAt = performance.now();
          metrics.outboxPending.set({ collection }, await store.countPending());
        }
        if (unpublished.length === 0) {
          // A full page of entries still being removed may hide newer ones: wait for a removal.
          if (docs.length === batchSize && removals.size > 0) {
            await Promise.race(removals);
            continue;
          }
          return;
        }
        const entries = orderOutbox(unpublished);
        await producer.send(toTopicMessages(entries, topicName));
        metrics.outboxPublished.inc({ collection }, entries.length);
        logger.debug({ ...log, entries: entries.length }, 'outbox entries published');
        await options.hooks?.afterPublish?.({ collection, entries });
        startRemoval(unpublished, entries);
        // At most two batches being removed: the outbox must not grow without bound.
        if (removals.size >= 2) await Promise.race(removals);
        if (docs.length < batchSize) return;
      }
    };

    const wait = (ms: number, wakeable: boolean) =>
      new Promise<void>((resolve) => {
        if (!active || (wakeable && signalled)) return resolve();
        const finish = () => {
          clearTimeout(timer);
          interrupt = undefined;
          wakeUp = undefined;
          resolve();
        };
        const timer = setTimeout(finish, ms);
        interrupt = finish;
        if (wakeable) wakeUp = finish;
      });

    const run = async () => {
      while (active) {
        let waitMs = pollMs;
        try {
          if (!indexed) {
            await store.ensureIndexes();
            indexed = true;
          }
          if (!isLeader()) {
            if (lease) loseLeadership('lease could not be renewed in time');
            await lead();
          }
          if (isLeader()) await drain();
          failures = 0;
        } catch (error) {
          failures++;
          metrics.outboxFailures.inc({ collection });
          waitMs = backoffDelay(failures, backoff);
          logger.warn(
            { ...log, failures, retryInMs: waitMs, ...errorFields(error) },
            'outbox relay batch failed',
          );
        }
        await wait(waitMs, failures === 0 && isLeader());
      }
    };

    let unsubscribe: (() => void) | undefined;
    const channel = channelOf(collection);
    const signal = () => {
      signalled = true;
      wakeUp?.();
    };

    // A local write while another instance leads: tell the leader (coalesced while in flight).
    let notifying = false;
    let notifyAgain = false;
    const notifyLeader = () => {
      if (!crossInstanceWakeup) return;
      if (notifying) {
        notifyAgain = true;
        return;
      }
      notifying = true;
      redis
        .publish(channel, '1')
        .catch((error: unknown) =>
          logger.debug({ ...log, ...errorFields(error) }, 'could not wake the relay leader'),
        )
        .finally(() => {
          notifying = false;
          if (notifyAgain) {
            notifyAgain = false;
            notifyLeader();
          }
        });
    };

    return {
      channel,
      isLeader,
      signal,
      start() {
        if (active) return;
        active = true;
        unsubscribe = store.onPending(() => (isLeader() ? signal() : notifyLeader()));
        loop = run();
      },
      async stop() {
        if (!active) return;
        active = false;
        interrupt?.();
        await loop;
        await Promise.allSettled([...removals]);
        unsubscribe?.();
        clearInterval(renewTimer);
        const held = lease;
        lease = null;
        metrics.relayLeader.set({ collection }, 0);
        if (held) {
          await held.release().catch((error: unknown) => {
            logger.warn({ ...log, ...errorFields(error) }, 'could not release relay lease');
          });
          logger.info(log, 'outbox relay stopped leading');
        }
      },
    };
  }

  const relay: OutboxRelay = {
    get running() {
      return running;
    },
    add(store) {
      if (workers.has(store.name)) return;
      const worker = createWorker(store);
      workers.set(store.name, worker);
      if (running) {
        subscribe(worker.channel);
        worker.start();
      }
    },
    async start() {
      if (running) return;
      running = true;
      if (crossInstanceWakeup) {
        const connection = redis.duplicate();
        subscriber = connection;
        connection.on('error', (error: unknown) =>
          logger.debug(errorFields(error), 'relay wake-up connection error'),
        );
        connection.on('message', (channel: string) => {
          for (const worker of workers.values()) if (worker.channel === channel) worker.signal();
        });
        // Wait (briefly) for the subscription, so wake-ups work once start() resolved.
        const channels = [...workers.values()].map((worker) => worker.channel);
        if (channels.length > 0) {
          await withTimeout(
            connection.subscribe(...channels),
            2_000,
            'Redis did not confirm the subscription',
          ).catch((error: unknown) =>
            logger.warn(errorFields(error), 'could not subscribe to outbox wake-ups; polling only for now'),
          );
        }
      }
      for (const worker of workers.values()) worker.start();
    },
    async stop() {
      running = false;
      await Promise.all([...workers.values()].map((worker) => worker.stop()));
      const connection = subscriber;
      subscriber = undefined;
      if (connection) await connection.quit().catch(() => connection.disconnect());
    },
    isLeader(collection) {
      return workers.get(collection)?.isLeader() ?? false;
    },
  };
  for (const store of options.stores ?? []) relay.add(store);
  return relay;
}
