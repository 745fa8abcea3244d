// The roster cache (pool/store.ts): a programme's mentors are read from the database once, then
// served from memory while the Redis version says nothing changed; a change made through any
// instance's store is seen by every instance at the next read.

import { createTestNamespace } from '@belong/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import mongoose from 'mongoose';
import { createPoolStore, type PoolPerson } from '../src/pool/store.ts';

const ns = createTestNamespace('roster cache');
let connection: mongoose.Connection;
let redis: Redis;
const peopleFinds: unknown[] = [];

function mentor(id: string, status: PoolPerson['status'] = 'active'): PoolPerson {
  return {
    id,
    programmeId: 'prg_roster',
    role: 'mentor',
    status,
    displayName: `Mentor ${id}`,
    email: `${id}@${ns.emailDomain}`,
    attributes: {} as PoolPerson['attributes'],
    verifiedAt: '2026-11-27T10:00:00.000Z',
    asOf: '2026-11-27T10:00:00.000Z',
  };
}

beforeAll(async () => {
  connection = await mongoose.createConnection(ns.mongoUrl, { monitorCommands: true }).asPromise();
  connection.getClient().on('commandStarted', (event) => {
    if (event.commandName === 'find' && (event.command as { find?: string }).find === 'people') {
      peopleFinds.push(event.command);
    }
  });
  redis = new Redis(ns.servers.redisUrl);
});

afterAll(async () => {
  await connection.close();
  redis.disconnect();
  await ns.cleanup();
});

describe('roster cache', () => {
  it('reads the roster once while nothing changes, and sees a change made through another instance', async () => {
    const options = { redis, keyPrefix: ns.redisPrefix };
    const a = createPoolStore(connection, options);
    const b = createPoolStore(connection, options);
    await a.upsertPerson(mentor('pro_m1'));
    await a.upsertPerson(mentor('pro_m2'));

    const before = peopleFinds.length;
    expect((await a.active('prg_roster', 'mentor')).map((p) => p.id)).toEqual(['pro_m1', 'pro_m2']);
    const scans = () => peopleFinds.filter((c) => (c as { filter?: { role?: string } }).filter?.role).length;
    const afterFirst = scans();
    expect(afterFirst).toBeGreaterThan(0); // the first read went to the database
    await a.active('prg_roster', 'mentor');
    await a.active('prg_roster', 'mentor');
    expect(scans()).toBe(afterFirst); // served from memory
    expect(peopleFinds.length).toBeGreaterThan(before);

    // b pauses a mentor: a must not offer them any more.
    await b.setStatus('pro_m1', 'paused', '2026-11-27T11:00:00.000Z');
    expect((await a.active('prg_roster', 'mentor')).map((p) => p.id)).toEqual(['pro_m2']);
    // b adds one: a sees them.
    await b.upsertPerson(mentor('pro_m3'));
    expect((await a.active('prg_roster', 'mentor')).map((p) => p.id)).toEqual(['pro_m2', 'pro_m3']);
    // b removes one (erasure): a sees that too.
    await b.deletePerson('pro_m2');
    expect((await a.active('prg_roster', 'mentor')).map((p) => p.id)).toEqual(['pro_m3']);
  });

  it('reads the database every time when Redis cannot be reached', async () => {
    const broken = new Redis({
      port: 1,
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    const errors: unknown[] = [];
    const store = createPoolStore(connection, {
      redis: broken,
      keyPrefix: ns.redisPrefix,
      onError: (e) => errors.push(e),
    });
    await store.upsertPerson({ ...mentor('pro_r1'), programmeId: 'prg_no_redis' });
    expect((await store.active('prg_no_redis', 'mentor')).map((p) => p.id)).toEqual(['pro_r1']);
    await store.setStatus('pro_r1', 'paused', '2026-11-27T12:00:00.000Z');
    expect(await store.active('prg_no_redis', 'mentor')).toEqual([]);
    expect(errors.length).toBeGreaterThan(0);
    broken.disconnect();
  });
});
