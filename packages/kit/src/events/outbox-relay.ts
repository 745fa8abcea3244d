// The outbox relay: publishes the events aggregates wrote into their outbox, then removes them.
//
// - One active relay per collection across all instances: a Redis lease `relay:<collection>`,
//   renewed while leading; the others stand by and take over when it is released or lapses.
// - As leader: read aggregates with pending entries, publish their entries in order, wait for
//   the broker's ack (acks=all), then remove exactly the published entries by id.
// - Which aggregates to read: every write that adds events names its aggregate (a hint). A write
//   in the leader's process hints it directly; a write on another instance publishes the id on
//   Redis (`<prefix>relay:<collection>:pending`). The leader reads hinted aggregates by `_id`, the
//   one lookup FerretDB does without scanning the collection (~1 ms, against 250–400 ms for any
//   other query at 3,000 documents).
// - The full scan (`outboxSince` oldest first, paged) is the safety net: when the relay becomes
//   leader, after a failed batch or a failed removal, on an old-style wake-up without an id, and
//   every `scanMs`.
// - A crash between publish and removal re-publishes them on restart: at-least-once; consumers
//   dedupe by event id. A failed publish (broker down) backs off and retries; nothing is dropped.
//
// The one trade-off: an entry whose hint was lost waits for the next full scan (at most `scanMs`,
// 10 s by default) instead of going out in milliseconds. A hint is lost when the writer crashes
// between its write and the hint, when Redis pub/sub is down or drops the message, or when no
// instance leads at that moment (then the next leader's first scan finds it). The entry is never
// lost: it stays in the aggregate's outbox until a scan finds it.
import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import type { AggregateDocument, AggregateStore, OutboxEntry } from './aggregate-store.ts';
import type { EventProducer, TopicMessages } from './kafka.ts';
import { type Lease, tryAcquireLease } from './lease.ts';
import { type EventLogger, errorFields, silentLogger } from './logger.ts';
import { type EventMetrics, eventMetrics } from './metrics.ts';
import { backoffDelay, withTimeout } from './timing.ts';

export interface OutboxRelayOptions {
  // biome-ignore lint/suspicious/noExplicitAny: stores of any state type can be relayed
  stores?: AggregateStore<any>[];
  producer: EventProducer;
  redis: Redis;
  /** Logical → broker topic name; default: the producer's. */
  topicName?: (logical: string) => string;
  /**
   * The relay loop's tick: how often a standby tries to take the leadership, and how often the
   * leader looks whether a full scan is due. Cheap (one Redis command, or nothing). Default 200 ms.
   */
  pollMs?: number;
  /**
   * How often the leader scans the whole collection for pending entries, besides reading the
   * hinted aggregates by id: the safety net for a lost hint, so also the longest an entry whose
   * hint was lost waits. Default 10000 ms: on FerretDB a scan costs 250–400 ms at 3,000
   * documents (and grows with the collection), so 10 s keeps it to a few per cent of one
   * database worker per collection, and 10 s is also how long a crashed leader's events wait
   * for the lease to lapse (`leaseTtlMs`).
   */
  scanMs?: number;
  /** Aggregates per publish batch. Default 200. */
  batchSize?: number;
  /** Leadership lease; a crashed leader is replaced after this. Default 10000 ms. */
  leaseTtlMs?: number;
  /** Prefix of the Redis lease keys (default `belong:`). */
  leasePrefix?: string;
  /** Backoff after a failed batch. Default 200 ms doubling to 10 s. */
  backoff?: { initialMs: number; maxMs: number };
  /**
   * A write on an instance that is not the collection's leader sends its aggregate's id to the
   * leader through Redis pub/sub (`<prefix>relay:<collection>:pending`), so its events go out at
   * once instead of at the leader's next full scan. A payload `1` (what earlier versions send)
   * asks for a full scan. Default true.
   */
  crossInstanceWakeup?: boolean;
  /** Aggregates whose published entries are removed concurrently. Default 8. */
  removeConcurrency?: number;
  /** Hinted aggregates read by `_id` concurrently. Default 8. */
  readConcurrency?: number;
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

/** The wake-up payload of earlier versions: no id, so the leader scans. */
const SCAN_PAYLOAD = '1';

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
  const scanMs = options.scanMs ?? 10_000;
  const readConcurrency = options.readConcurrency ?? 8;
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
    /** Something is pending (in aggregate `id`; null: unknown, scan): publish now if leading. */
    signal(id: string | null): void;
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

    // Aggregates named by a write since they were last read (insertion order: oldest hint first).
    // Only the leader collects them; a new leader scans instead.
    const hinted = new Set<string>();
    // More hints than this (a backlog the relay cannot keep up with) are dropped for a scan.
    const maxHints = Math.max(10_000, batchSize * 50);
    let scanRequested = false;
    let lastScanAt = Number.NEGATIVE_INFINITY;

    const isLeader = () =>
      lease !== null && performance.now() < lease.validUntil - Math.min(1_000, leaseTtlMs / 5);
    /** The lease is still ours (maybe within the margin where no batch starts). */
    const holdsLease = () => lease !== null && performance.now() < lease.validUntil;

    const loseLeadership = (reason: string) => {
      if (!lease) return;
      lease = null;
      hinted.clear();
      clearInterval(renewTimer);
      metrics.relayLeader.set({ collection }, 0);
      logger.warn({ ...log, reason }, 'outbox relay lost leadership');
    };

    const lead = async () => {
      const acquired = await tryAcquireLease(redis, leaseKey, leaseTtlMs);
      if (!acquired) return;
      lease = acquired;
      // Hints sent while nobody (or another instance) led never reached us: scan first.
      scanRequested = true;
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
    // One removal per aggregate, `removeConcurrency` at a time across batches (the hinted path
    // publishes many small batches). A removal still waiting for its turn takes on the entries
    // of the same aggregate published meanwhile: one write for both.
    const removals = new Set<Promise<void>>();
    const waiting = new Map<string, string[]>(); // aggregate id → entry ids, not started yet
    let removing = 0;
    const turns: (() => void)[] = [];
    // At most two batches' worth of aggregates being removed: the outbox must not grow without bound.
    const maxRemovals = 2 * batchSize;
    // A read that started before a removal finished may still return the removed entries: each
    // removed entry remembers how many reads had started when its removal finished, and such
    // stale reads skip it. (Without this the relay re-published an entry now and then in normal
    // running: seen as 11 publications for 10 events in the relay-leadership test.)
    let readsStarted = 0;
    const removedAt = new Map<string, number>();
    let countedAt = 0;

    const removeLater = (aggregateId: string, entryIds: readonly string[]) => {
      for (const id of entryIds) inFlight.add(id);
      const queued = waiting.get(aggregateId);
      if (queued) {
        queued.push(...entryIds);
        return;
      }
      const ids = [...entryIds];
      waiting.set(aggregateId, ids);
      const remove = async () => {
        if (removing < removeConcurrency) removing++;
        else await new Promise<void>((resolve) => turns.push(resolve)); // a finished one hands over its turn
        waiting.delete(aggregateId);
        try {
          await store.removeOutboxEntries(aggregateId, ids);
          for (const id of ids) removedAt.set(id, readsStarted);
        } catch (error) {
          metrics.outboxFailures.inc({ collection });
          logger.warn(
            { ...log, id: aggregateId, ...errorFields(error) },
            'could not remove published outbox entries; they will be published again',
          );
          // Read it again by id, and scan: whatever else failed meanwhile is found too.
          hinted.add(aggregateId);
          scanRequested = true;
        } finally {
          for (const id of ids) inFlight.delete(id);
          const next = turns.shift();
          if (next) next();
          else removing--;
        }
      };
      const removal: Promise<void> = remove().finally(() => removals.delete(removal));
      removals.add(removal);
    };

    /** Entries of this read that are neither being removed nor already removed. */
    const notYetPublished = (entry: OutboxEntry, read: number) =>
      !inFlight.has(entry.id) && (removedAt.get(entry.id) ?? -1) < read;

    /**
     * Publishes the entries of `docs` (read as read number `read`) that are not published yet, in
     * one produce request, then starts their removal. Answers whether there was anything to publish.
     */
    const publish = async (docs: PendingDoc[], read: number): Promise<boolean> => {
      const unpublished = docs
        .map((doc) => ({ ...doc, outbox: doc.outbox.filter((entry) => notYetPublished(entry, read)) }))
        .filter((doc) => doc.outbox.length > 0);
      // Every later read starts after these removals finished: it cannot see their entries.
      for (const [id, at] of removedAt) if (at < read) removedAt.delete(id);
      if (unpublished.length === 0) return false;
      const entries = orderOutbox(unpublished);
      await producer.send(toTopicMessages(entries, topicName));
      metrics.outboxPublished.inc({ collection }, entries.length);
      logger.debug({ ...log, entries: entries.length }, 'outbox entries published');
      await options.hooks?.afterPublish?.({ collection, entries });
      for (const doc of unpublished) {
        removeLater(
          doc._id,
          doc.outbox.map((entry) => entry.id),
        );
      }
      while (removals.size >= maxRemovals) await Promise.race(removals);
      return true;
    };

    /** One page of the full scan, oldest first; true when there may be more. */
    const scanPage = async (): Promise<boolean> => {
      const read = ++readsStarted;
      const docs = await store.pendingDocuments(batchSize);
      // A full page means there may be more: count them, at most every 5 s (a scan on FerretDB).
      if (docs.length < batchSize) metrics.outboxPending.set({ collection }, docs.length);
      else if (performance.now() - countedAt > 5_000) {
        countedAt = performance.now();
        metrics.outboxPending.set({ collection }, await store.countPending());
      }
      const published = await publish(docs, read);
      if (docs.length < batchSize) return false;
      // A full page of entries still being removed may hide newer ones: wait for a removal.
      if (!published && removals.size > 0) await Promise.race(removals);
      return true;
    };

    /** The hinted aggregates (up to a batch, oldest hint first), read by id and published. */
    const publishHinted = async (): Promise<void> => {
      const ids: string[] = [];
      for (const id of hinted) {
        if (ids.length >= batchSize) break;
        ids.push(id);
      }
      // Taken before the read: a write landing meanwhile hints its aggregate again.
      for (const id of ids) hinted.delete(id);
      try {
        const read = ++readsStarted;
        await publish(await store.pendingDocumentsByIds(ids, readConcurrency), read);
      } catch (error) {
        for (const id of ids) hinted.add(id);
        throw error;
      }
    };

    const drain = async () => {
      while (active && isLeader()) {
        signalled = false;
        if (scanRequested || performance.now() - lastScanAt >= scanMs) {
          scanRequested = false;
          const startedAt = performance.now();
          const more = await scanPage();
          // A full page: the next one at once; else the scan is done.
          if (more) scanRequested = true;
          else lastScanAt = startedAt;
          continue;
        }
        if (hinted.size === 0) return;
        await publishHinted();
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
          if (isLeader()) {
            await drain();
            // Wake for the next full scan even when the tick is longer.
            waitMs = Math.min(pollMs, Math.max(0, lastScanAt + scanMs - performance.now()));
          }
          failures = 0;
        } catch (error) {
          failures++;
          // What failed may have been anything: look at everything once it works again.
          scanRequested = true;
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
    const signal = (id: string | null) => {
      // A standby scans when it becomes leader. A leader whose renewal is late keeps collecting
      // while the lease is still its own: it drops them with the lease (the next leader scans
      // first), or goes on leading and publishes them.
      if (!holdsLease()) return;
      if (id === null) scanRequested = true;
      else if (hinted.size >= maxHints) {
        hinted.clear();
        scanRequested = true;
      } else hinted.add(id);
      signalled = true;
      wakeUp?.();
    };

    // A local write while another instance leads: send the leader its aggregate's id.
    const notifyLeader = (id: string) => {
      if (!crossInstanceWakeup) return;
      redis
        .publish(channel, id)
        .catch((error: unknown) =>
          logger.debug({ ...log, ...errorFields(error) }, 'could not wake the relay leader'),
        );
    };

    return {
      channel,
      isLeader,
      signal,
      start() {
        if (active) return;
        active = true;
        unsubscribe = store.onPending((id) => (holdsLease() ? signal(id) : notifyLeader(id)));
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
        hinted.clear();
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
        connection.on('message', (channel: string, message: string) => {
          // The aggregate's id; `1` (earlier versions) or nothing: scan.
          const id = message === SCAN_PAYLOAD || message === '' ? null : message;
          for (const worker of workers.values()) if (worker.channel === channel) worker.signal(id);
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
