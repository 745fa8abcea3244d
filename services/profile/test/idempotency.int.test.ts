// The idempotency store against the real MongoDB-compatible server, with a clock the test moves:
// concurrent claims, abandoned claims taken over with the same resource id, expiry and the sweep.
import { createTestNamespace } from '@belong/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import mongoose, { type Connection } from 'mongoose';
import {
  ABANDONED_AFTER_MS,
  createIdempotencyStore,
  IDEMPOTENCY_TTL_MS,
  type IdempotencyStore,
} from '../src/idempotency.ts';

const ns = createTestNamespace('profile idempotency');
let connection: Connection;
let clock = Date.parse('2026-11-27T10:00:00Z');
let store: IdempotencyStore;

beforeAll(async () => {
  connection = await mongoose.createConnection(ns.mongoUrl).asPromise();
  store = createIdempotencyStore(connection, { now: () => clock });
  await store.ensureIndexes();
}, 30_000);

afterAll(async () => {
  await connection?.close();
  await ns.cleanup();
}, 30_000);

describe('the idempotency store', () => {
  it('lets exactly one of several concurrent claims of one key run', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => store.claim('k:concurrent', 'hash-a', `res-${i}`)),
    );
    const kinds = results.map((r) => r.kind).sort();
    expect(kinds.filter((k) => k === 'claimed')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'in-progress')).toHaveLength(5);
  });

  it('replays a completed request, and refuses the key with another body', async () => {
    const claim = await store.claim('k:replay', 'hash-a', 'res-1');
    if (claim.kind !== 'claimed') throw new Error('expected a claim');
    await store.complete(claim.record, 201, { id: 'res-1' });
    expect(await store.claim('k:replay', 'hash-a', 'res-2')).toEqual({
      kind: 'replay',
      statusCode: 201,
      response: { id: 'res-1' },
    });
    expect(await store.claim('k:replay', 'hash-b', 'res-3')).toEqual({ kind: 'mismatch' });
  });

  it('takes over an abandoned claim with the resource id the dead request chose', async () => {
    const first = await store.claim('k:abandoned', 'hash-a', 'res-first');
    expect(first.kind).toBe('claimed');
    expect((await store.claim('k:abandoned', 'hash-a', 'res-second')).kind).toBe('in-progress');
    clock += ABANDONED_AFTER_MS + 1;
    const takeover = await store.claim('k:abandoned', 'hash-a', 'res-third');
    expect(takeover.kind).toBe('claimed');
    if (takeover.kind === 'claimed') expect(takeover.record.resourceId).toBe('res-first');
    // The old holder can no longer complete what it no longer holds.
    if (first.kind === 'claimed') await store.complete(first.record, 201, { id: 'stale' });
    const doc = await store.collection.findOne({ _id: 'k:abandoned' });
    expect(doc?.state).toBe('pending');
  });

  it('releases a failed claim so the key can be used again', async () => {
    const claim = await store.claim('k:release', 'hash-a', 'res-1');
    if (claim.kind !== 'claimed') throw new Error('expected a claim');
    await store.release(claim.record);
    expect((await store.claim('k:release', 'hash-b', 'res-2')).kind).toBe('claimed');
  });

  it('treats an expired record as absent, and the sweep deletes expired records', async () => {
    const claim = await store.claim('k:expiry', 'hash-a', 'res-1');
    if (claim.kind !== 'claimed') throw new Error('expected a claim');
    await store.complete(claim.record, 201, { id: 'res-1' });
    clock += IDEMPOTENCY_TTL_MS + 1;
    const again = await store.claim('k:expiry', 'hash-other', 'res-2');
    expect(again.kind).toBe('claimed');
    if (again.kind === 'claimed') expect(again.record.resourceId).toBe('res-2');

    await store.claim('k:old', 'hash-a', 'res-old');
    clock += IDEMPOTENCY_TTL_MS + 1;
    const swept = await store.sweep();
    expect(swept).toBeGreaterThanOrEqual(2);
    expect(await store.collection.countDocuments({ _id: { $in: ['k:old', 'k:expiry'] } })).toBe(0);
  });

  it('repeats a write the server turned away as busy (FerretDB SQLITE_BUSY) instead of failing the request', async () => {
    // FerretDB on SQLite answers concurrent writers with this, the write rolled back; under load
    // the profile service turned it into 500s. Each write below is turned away once, as the
    // server does, and then reaches the real server.
    const busy = () =>
      Object.assign(
        new Error('[msg_insert.go:168 handler.(*Handler).MsgInsert] database is locked (5) (SQLITE_BUSY)'),
        { code: 1 },
      );
    const collection = store.collection as unknown as Record<
      string,
      (...args: unknown[]) => Promise<unknown>
    >;
    const originals = new Map<string, (...args: unknown[]) => Promise<unknown>>();
    for (const name of ['insertOne', 'updateOne', 'findOne']) {
      const original = collection[name] as (...args: unknown[]) => Promise<unknown>;
      originals.set(name, original);
      let turnedAway = false;
      collection[name] = async (...args: unknown[]) => {
        if (!turnedAway) {
          turnedAway = true;
          throw busy();
        }
        return original.apply(store.collection, args);
      };
    }
    try {
      const claim = await store.claim('k:busy', 'hash-a', 'res-busy');
      expect(claim.kind).toBe('claimed');
      if (claim.kind !== 'claimed') return;
      await store.complete(claim.record, 201, { id: 'res-busy' });
    } finally {
      for (const [name, original] of originals) collection[name] = original;
    }
    expect(await store.claim('k:busy', 'hash-a', 'res-other')).toEqual({
      kind: 'replay',
      statusCode: 201,
      response: { id: 'res-busy' },
    });
  });
});
