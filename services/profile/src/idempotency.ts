// Idempotency-Key for POST requests. A record per (API key, Idempotency-Key) in the collection
// `idempotency_keys`, `_id` = `<keyId>:<Idempotency-Key>`, claimed by a unique insert (atomic on
// FerretDB too: ADR 0003), so of two concurrent requests with one key exactly one runs.
//
//   claim ──► pending {bodyHash, resourceId} ──► run ──► completed {status, response}
//                                              └─► failed: the claim is released (retry allowed)
//
// The claim carries the id of the resource the request will create, decided once: a request
// that takes over an abandoned claim creates (or finds) that same resource, never a second one.
//
// Records are kept 24 h (`expiresAt`). FerretDB 1.x has no TTL indexes, so nothing expires by
// itself: an expired record is treated as absent (and replaced), and each process sweeps
// expired records at most once a minute while it serves idempotent requests.
import { createHash, randomUUID } from 'node:crypto';
import { retryTransient } from '@belong/kit';
import type { Collection, Connection } from 'mongoose';

export const IDEMPOTENCY_COLLECTION = 'idempotency_keys';
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** A pending claim older than this is taken to be abandoned (its process died mid-request). */
export const ABANDONED_AFTER_MS = 30_000;
const SWEEP_EVERY_MS = 60_000;

export interface IdempotencyRecord {
  _id: string;
  /** SHA-256 (hex) of the method, route and canonical JSON body. */
  bodyHash: string;
  /** The id the request creates. */
  resourceId: string;
  state: 'pending' | 'completed';
  /** Identifies the claim holder (so only it completes or releases it). */
  claim: string;
  statusCode?: number;
  response?: unknown;
  createdAt: Date;
  expiresAt: Date;
}

export type ClaimResult =
  | { kind: 'claimed'; record: IdempotencyRecord }
  | { kind: 'replay'; statusCode: number; response: unknown }
  | { kind: 'mismatch' }
  | { kind: 'in-progress' };

export interface IdempotencyStore {
  readonly collection: Collection<IdempotencyRecord>;
  ensureIndexes(): Promise<void>;
  /** Claims `key` for a request with this body hash; `resourceId` is used when the claim is new. */
  claim(key: string, bodyHash: string, resourceId: string): Promise<ClaimResult>;
  complete(record: IdempotencyRecord, statusCode: number, response: unknown): Promise<void>;
  release(record: IdempotencyRecord): Promise<void>;
  sweep(): Promise<number>;
}

/** JSON with object keys sorted, so equal bodies hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function requestHash(method: string, route: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${route}\n${canonicalJson(body)}`)
    .digest('hex');
}

function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number })?.code === 11000;
}

export function createIdempotencyStore(
  connection: Connection,
  options: { now?: () => number } = {},
): IdempotencyStore {
  const collection = connection.collection<IdempotencyRecord>(IDEMPOTENCY_COLLECTION);
  const now = options.now ?? Date.now;
  let lastSweep = 0;

  async function sweep(): Promise<number> {
    lastSweep = now();
    const result = await collection.deleteMany({ expiresAt: { $lt: new Date(now()) } });
    return result.deletedCount;
  }

  return {
    collection,

    async ensureIndexes() {
      // Not a TTL index (FerretDB 1.x has none): the sweep uses it.
      await collection.createIndex({ expiresAt: 1 }, { name: 'expires_at' });
    },

    async claim(key, bodyHash, resourceId) {
      if (now() - lastSweep > SWEEP_EVERY_MS) void sweep().catch(() => undefined);
      let inheritedId = resourceId;
      for (let attempt = 0; attempt < 3; attempt++) {
        const record: IdempotencyRecord = {
          _id: key,
          bodyHash,
          resourceId: inheritedId,
          state: 'pending',
          claim: randomUUID(),
          createdAt: new Date(now()),
          expiresAt: new Date(now() + IDEMPOTENCY_TTL_MS),
        };
        // FerretDB answers concurrent writers with SQLITE_BUSY (rolled back, safe to repeat):
        // under load that was a 500 to a client who had done nothing wrong.
        try {
          await retryTransient(() => collection.insertOne(record));
          return { kind: 'claimed', record };
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
        }
        const existing = await retryTransient(() => collection.findOne({ _id: key }));
        if (!existing) continue; // released or swept meanwhile: claim again
        if (existing.expiresAt.getTime() <= now()) {
          // Expired (not swept yet): delete exactly that record, then race for a new claim.
          await retryTransient(() => collection.deleteOne({ _id: key, claim: existing.claim }));
          continue;
        }
        if (existing.bodyHash !== bodyHash) return { kind: 'mismatch' };
        if (existing.state === 'completed') {
          return { kind: 'replay', statusCode: existing.statusCode ?? 200, response: existing.response };
        }
        if (now() - existing.createdAt.getTime() > ABANDONED_AFTER_MS) {
          // Abandoned: take it over, keeping its resource id (the dead request may have created it).
          inheritedId = existing.resourceId;
          await retryTransient(() => collection.deleteOne({ _id: key, claim: existing.claim }));
          continue;
        }
        return { kind: 'in-progress' };
      }
      return { kind: 'in-progress' };
    },

    async complete(record, statusCode, response) {
      // Only the claim holder writes its own record, once: not an aggregate, no concurrent writers.
      // The claim is checked by a read by `_id` and the write goes by `_id` alone: on FerretDB a
      // filter of `_id` and `claim` scans every record (one per keyed request in the last day).
      // A takeover between the two needs the claim to be abandoned first, and both requests then
      // answer with the same resource.
      const current = await retryTransient(() =>
        collection.findOne({ _id: record._id }, { projection: { claim: 1 } }),
      );
      if (current?.claim !== record.claim) return;
      await retryTransient(() =>
        collection.updateOne({ _id: record._id }, { $set: { state: 'completed', statusCode, response } }),
      );
    },

    async release(record) {
      await retryTransient(() => collection.deleteOne({ _id: record._id, claim: record.claim }));
    },

    sweep,
  };
}
