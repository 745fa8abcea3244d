// Aggregates with a transactional outbox. An aggregate is one document: its state and the events
// its changes produced but the relay has not published yet. A change and its events land in ONE
// single-document write, which is the atomicity every MongoDB-compatible server gives.
//
// FerretDB 1.24 loses concurrent writes to one document and has no atomic conditional update
// (docs/adr/0003-concurrent-writes.md), so every write takes a Redis lease on the aggregate,
// reads, changes in code and writes `replaceOne({_id, rev}, … rev + 1)`. On MongoDB the `rev`
// condition is a second guard that also catches a writer whose lease expired.
//
// A slow write must not outlive its lease (FerretDB stalls writes for seconds under load;
// measured: a replaceOne that took 7.7 s while the 5 s lease expired, and the next writer's
// change was overwritten). So the lease is extended every ttl/3 while it is held, and a write is
// not started when less than a safety margin of it is left.
import { createEvent, type EventData, type EventType, type NewEvent } from '@belong/contracts';
import type { Redis } from 'ioredis';
import type { Collection, Connection } from 'mongoose';
import { AggregateExistsError, ConcurrentUpdateError } from './errors.ts';
import { acquireLease } from './lease.ts';
import { type EventLogger, errorFields, silentLogger } from './logger.ts';
import { forEachLimited } from './timing.ts';
import { retryTransient } from './transient.ts';

/** One event waiting in an aggregate's outbox. */
export interface OutboxEntry {
  /** The event id (CloudEvents `id`). */
  id: string;
  /** Logical topic (`belong.profile.v1`); the relay maps it to the broker's name. */
  topic: string;
  /** Kafka message key: the event's subject. */
  key: string;
  /** The envelope as JSON, published byte for byte. */
  value: string;
  createdAt: Date;
}

export interface AggregateDocument<S> {
  _id: string;
  /** Incremented by every write, including the relay's removal of published entries. */
  rev: number;
  state: S;
  outbox: OutboxEntry[];
  /** createdAt of the oldest pending entry; null when the outbox is empty. */
  outboxSince: Date | null;
  /** Last change of `state`. */
  updatedAt: Date;
}

/** What the relay reads of an aggregate. */
export type PendingDocument<S> = Pick<AggregateDocument<S>, '_id' | 'outbox' | 'outboxSince'>;

export interface Snapshot<S> {
  state: S;
  rev: number;
}

/** An event to append: built by `createEvent()`, or its type and data (the store adds source, id, time). */
export type EventInput =
  | NewEvent<EventType>
  | { [T in EventType]: { type: T; data: EventData<T>; id?: string } }[EventType];

export interface Change<S> {
  state: S;
  events?: EventInput[];
}

export interface AggregateStoreOptions {
  connection: Connection;
  /** Collection name; also names the aggregate's leases and the relay's. */
  collection: string;
  redis: Redis;
  /** CloudEvents source of the events this store creates, e.g. `/belong/profile`. */
  source: string;
  /** Prefix of the Redis lease keys (default `belong:`). */
  leasePrefix?: string;
  /** Lease on one aggregate while it is read, changed and written. Default 5000 ms. */
  leaseTtlMs?: number;
  /** How long a writer waits for the aggregate's lease. Default 10000 ms (> ttl: a crashed holder's lease expires). */
  leaseWaitMs?: number;
  /** Attempts when the compare-and-set on `rev` fails. Default 3. */
  maxAttempts?: number;

  logger?: EventLogger;
}

export interface AggregateStore<S> {
  readonly name: string;
  readonly source: string;
  /** The raw collection, for the service's own read queries and indexes (on `state.*`). Write through the store only. */
  readonly collection: Collection<AggregateDocument<S>>;
  /** Inserts a new aggregate; throws AggregateExistsError when the id is taken. */
  create(id: string, state: S, events?: EventInput[]): Promise<Snapshot<S>>;
  /**
   * Reads the aggregate (null when it does not exist), calls `change` and writes its result with
   * its events, under the aggregate's lease. `change` returning null changes nothing. `change`
   * may be called more than once (after a lost compare-and-set): keep it free of side effects.
   * Returns the aggregate as written (or as it is, when nothing changed; null if absent).
   */
  mutate(
    id: string,
    change: (current: Snapshot<S> | null) => Change<S> | null | Promise<Change<S> | null>,
  ): Promise<Snapshot<S> | null>;
  get(id: string): Promise<Snapshot<S> | null>;
  /** Creates the index the relay's query needs. Called by the relay when it starts. */
  ensureIndexes(): Promise<void>;
  /**
   * Called with the aggregate's id after every write that added events (once the write landed),
   * so a relay in this process publishes them at once, reading that aggregate by id.
   */
  onPending(listener: (id: string) => void): () => void;
  /**
   * Relay side: the aggregates with pending events, oldest first. A query on `outboxSince`:
   * on FerretDB (SQLite) a scan of the whole collection, so the relay runs it only as its safety net.
   */
  pendingDocuments(limit: number): Promise<PendingDocument<S>[]>;
  /**
   * Relay side: these aggregates, each read by `_id` (the one lookup every server does without a
   * scan; FerretDB scans for `$in`), at most `concurrency` (default 8) at a time; those without
   * pending events (or absent) are left out. Order: as `ids`.
   */
  pendingDocumentsByIds(ids: readonly string[], concurrency?: number): Promise<PendingDocument<S>[]>;
  /** Relay side: how many aggregates have pending events. */
  countPending(): Promise<number>;
  /** Relay side: removes exactly these published entries (by id), under the aggregate's lease. */
  removeOutboxEntries(id: string, entryIds: readonly string[]): Promise<void>;
}

// `outboxSince` is a date exactly when the outbox is not empty (every write keeps it so): the
// range makes the query an index range scan on MongoDB; `outbox.0` states the truth.
const PENDING = { outboxSince: { $gte: new Date(0) }, 'outbox.0': { $exists: true } };
const PENDING_PROJECTION = { outbox: 1, outboxSince: 1 };

function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number })?.code === 11000;
}

export function createAggregateStore<S>(options: AggregateStoreOptions): AggregateStore<S> {
  const { connection, redis, source } = options;
  const name = options.collection;
  const collection = connection.collection<AggregateDocument<S>>(name);
  const leasePrefix = options.leasePrefix ?? 'belong:';
  const leaseTtlMs = options.leaseTtlMs ?? 5_000;
  const leaseWaitMs = options.leaseWaitMs ?? 10_000;
  const maxAttempts = options.maxAttempts ?? 3;
  const logger = options.logger ?? silentLogger;
  // Do not write when less than this is left of the lease: another writer may have it by then.
  const safetyMs = Math.min(1_000, leaseTtlMs / 5);
  const listeners = new Set<(id: string) => void>();

  const toEntries = (events: EventInput[] | undefined, now: Date): OutboxEntry[] =>
    (events ?? []).map((event) => {
      const built =
        'envelope' in event ? event : createEvent(event.type, event.data as never, { source, id: event.id });
      return {
        id: built.envelope.id,
        topic: built.topic,
        key: built.key,
        value: JSON.stringify(built.envelope),
        createdAt: now,
      };
    });

  const signalPending = (id: string) => {
    for (const listener of listeners) {
      try {
        listener(id);
      } catch (error) {
        logger.error({ collection: name, ...errorFields(error) }, 'outbox pending listener failed');
      }
    }
  };

  /**
   * FerretDB (SQLite) pushes a filter down only when it is `_id` alone: `{_id, rev}` scans the
   * whole collection, one document after another, until it finds the aggregate (measured: 310 ms
   * against 43 ms by `_id` for a recent document among 3,000; the cost grows with the
   * collection). Its conditional update is not atomic anyway (ADR 0003), so there the `rev` is
   * checked by a read by `_id`, and the write goes by `_id` alone: the same guarantee, under the
   * same lease, without the scan. MongoDB keeps the atomic `{_id, rev}`.
   */
  let ferret: boolean | undefined;
  async function isFerretDB(): Promise<boolean> {
    if (ferret !== undefined) return ferret;
    const db = connection.db;
    if (!db) return false; // not connected yet: ask again next time
    try {
      const info = await db.admin().command({ buildInfo: 1 });
      ferret = typeof info.ferretdbVersion === 'string';
    } catch {
      return false;
    }
    return ferret;
  }

  /** Compare-and-set on rev; true when written. */
  async function replace(
    id: string,
    rev: number,
    replacement: Omit<AggregateDocument<S>, '_id'>,
  ): Promise<boolean> {
    let retried = false;
    const byIdAlone = await isFerretDB();
    const result = await retryTransient(async () => {
      if (byIdAlone) {
        const current = await collection.findOne({ _id: id }, { projection: { rev: 1 } });
        if (current?.rev !== rev) return { matchedCount: 0 };
      }
      const attempt = collection.replaceOne(byIdAlone ? { _id: id } : { _id: id, rev }, replacement);
      return attempt.catch((error: unknown) => {
        retried = true;
        throw error;
      });
    });
    if (result.matchedCount === 1) return true;
    if (!retried) return false;
    // A transient failure is rolled back, but should an attempt have been applied after all, the
    // document now has our rev: under our lease nobody else could have written it.
    const now = await retryTransient(() => collection.findOne({ _id: id }, { projection: { rev: 1 } }));
    return now?.rev === replacement.rev;
  }

  /**
   * The one write path: lease, read, compute, compare-and-set on rev (or insert), release.
   * `compute` returns the next document, or null for "no change".
   */
  async function write(
    id: string,
    compute: (
      current: AggregateDocument<S> | null,
    ) => Promise<{ next: AggregateDocument<S>; added: number } | null>,
  ): Promise<AggregateDocument<S> | null> {
    const key = `${leasePrefix}lease:${name}:${id}`;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const lease = await acquireLease(redis, key, { ttlMs: leaseTtlMs, waitMs: leaseWaitMs });
      // Keep the lease while it is held, however slow the server is; a failed extension leaves
      // `validUntil` where it was, and the check below then refuses to start the write.
      const keepAlive = setInterval(() => {
        lease.extend().catch(() => undefined);
      }, leaseTtlMs / 3);
      try {
        const current = (await retryTransient(() =>
          collection.findOne({ _id: id }),
        )) as AggregateDocument<S> | null;
        const computed = await compute(current);
        if (!computed) return current;
        const { next, added } = computed;
        if (performance.now() > lease.validUntil - safetyMs) {
          logger.warn(
            { collection: name, id, attempt },
            'aggregate lease nearly expired before the write; retrying',
          );
          continue;
        }
        const { _id, ...replacement } = next;
        if (current) {
          if (!(await replace(id, current.rev, replacement))) {
            logger.warn({ collection: name, id, attempt }, 'aggregate changed concurrently; retrying');
            continue;
          }
        } else {
          try {
            await retryTransient(() => collection.insertOne(next as never));
          } catch (error) {
            if (!isDuplicateKey(error)) throw error;
            continue; // created meanwhile by create(): read it and apply the change to it
          }
        }
        if (added > 0) signalPending(id);
        return next;
      } finally {
        clearInterval(keepAlive);
        await lease.release().catch((error: unknown) => {
          logger.warn({ collection: name, id, ...errorFields(error) }, 'could not release aggregate lease');
        });
      }
    }
    throw new ConcurrentUpdateError(name, id, maxAttempts);
  }

  const snapshot = (doc: AggregateDocument<S>): Snapshot<S> => ({ state: doc.state, rev: doc.rev });

  return {
    name,
    source,
    collection,

    async create(id, state, events) {
      const now = new Date();
      const outbox = toEntries(events, now);
      const doc: AggregateDocument<S> = {
        _id: id,
        rev: 1,
        state,
        outbox,
        outboxSince: outbox.length > 0 ? now : null,
        updatedAt: now,
      };
      try {
        await retryTransient(() => collection.insertOne(doc as never));
      } catch (error) {
        if (isDuplicateKey(error)) throw new AggregateExistsError(name, id);
        throw error;
      }
      if (outbox.length > 0) signalPending(id);
      return { state, rev: 1 };
    },

    async mutate(id, change) {
      const written = await write(id, async (current) => {
        const result = await change(current ? snapshot(current) : null);
        if (!result) return null;
        const now = new Date();
        const added = toEntries(result.events, now);
        const outbox = [...(current?.outbox ?? []), ...added];
        return {
          added: added.length,
          next: {
            _id: id,
            rev: (current?.rev ?? 0) + 1,
            state: result.state,
            outbox,
            outboxSince: current?.outboxSince ?? (outbox.length > 0 ? now : null),
            updatedAt: now,
          },
        };
      });
      return written ? snapshot(written) : null;
    },

    async get(id) {
      const doc = await retryTransient(() =>
        collection.findOne({ _id: id }, { projection: { state: 1, rev: 1 } }),
      );
      return doc ? { state: doc.state as S, rev: doc.rev as number } : null;
    },

    async ensureIndexes() {
      await collection.createIndex({ outboxSince: 1 }, { name: 'outbox_since' });
    },

    onPending(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async pendingDocuments(limit) {
      const docs = await retryTransient(() =>
        collection
          .find(PENDING as never, { projection: PENDING_PROJECTION })
          .sort({ outboxSince: 1 })
          .limit(limit)
          .toArray(),
      );
      return docs as unknown as PendingDocument<S>[];
    },

    async pendingDocumentsByIds(ids, concurrency = 8) {
      const unique = [...new Set(ids)];
      const found: (PendingDocument<S> | null)[] = unique.map(() => null);
      await forEachLimited(
        unique.map((id, index) => ({ id, index })),
        concurrency,
        async ({ id, index }) => {
          const doc = (await retryTransient(() =>
            collection.findOne({ _id: id }, { projection: PENDING_PROJECTION }),
          )) as PendingDocument<S> | null;
          if (doc && Array.isArray(doc.outbox) && doc.outbox.length > 0) found[index] = doc;
        },
      );
      return found.filter((doc): doc is PendingDocument<S> => doc !== null);
    },

    countPending() {
      return retryTransient(() => collection.countDocuments(PENDING as never));
    },

    async removeOutboxEntries(id, entryIds) {
      const published = new Set(entryIds);
      await write(id, async (current) => {
        if (!current) return null;
        // Filter in code, never `$pull` (a conditional $pull silently does nothing on FerretDB).
        const outbox = current.outbox.filter((entry) => !published.has(entry.id));
        if (outbox.length === current.outbox.length) return null;
        const oldest = outbox.reduce<Date | null>(
          (min, entry) => (min === null || entry.createdAt < min ? entry.createdAt : min),
          null,
        );
        return { added: 0, next: { ...current, rev: current.rev + 1, outbox, outboxSince: oldest } };
      });
    },
  };
}
