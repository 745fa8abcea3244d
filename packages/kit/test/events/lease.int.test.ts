import { createTestNamespace } from '@belong/testing';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Redis } from 'ioredis';
import { acquireLease, LeaseTimeoutError, tryAcquireLease } from '../../src/events/index.ts';
import { waitFor } from './helpers.ts';

jest.setTimeout(30_000);

const ns = createTestNamespace('events lease');
let redis: Redis;

beforeAll(() => {
  redis = new Redis(ns.servers.redisUrl, { maxRetriesPerRequest: 2 });
});

afterAll(async () => {
  redis.disconnect();
  await ns.cleanup();
});

describe('Redis lease', () => {
  it('has one owner at a time; a waiter gets it when the owner releases', async () => {
    const key = `${ns.redisPrefix}lease:one`;
    const first = await acquireLease(redis, key, { ttlMs: 5_000, waitMs: 0 });
    expect(await tryAcquireLease(redis, key, 5_000)).toBeNull();
    await expect(acquireLease(redis, key, { ttlMs: 5_000, waitMs: 30 })).rejects.toBeInstanceOf(
      LeaseTimeoutError,
    );

    const waiting = acquireLease(redis, key, { ttlMs: 5_000, waitMs: 10_000 });
    expect(await first.release()).toBe(true);
    const second = await waiting;
    expect(second.token).not.toBe(first.token);
    expect(await redis.get(key)).toBe(second.token);
    await second.release();
    expect(await redis.exists(key)).toBe(0);
  });

  it('never releases or extends a lease that has passed to someone else', async () => {
    const key = `${ns.redisPrefix}lease:expired`;
    const stale = await acquireLease(redis, key, { ttlMs: 50, waitMs: 0 });
    await waitFor(async () => (await redis.exists(key)) === 0, 'the short lease to expire');
    const current = await acquireLease(redis, key, { ttlMs: 5_000, waitMs: 0 });
    expect(await stale.extend()).toBe(false);
    expect(await stale.release()).toBe(false);
    expect(await redis.get(key)).toBe(current.token);
    expect(await current.extend(8_000)).toBe(true);
    expect(await redis.pttl(key)).toBeGreaterThan(5_000);
    await current.release();
  });

  it('serialises concurrent critical sections', async () => {
    const key = `${ns.redisPrefix}lease:counter`;
    let inside = 0;
    let maxInside = 0;
    let total = 0;
    await Promise.all(
      Array.from({ length: 25 }, async () => {
        const lease = await acquireLease(redis, key, { ttlMs: 5_000, waitMs: 10_000 });
        inside++;
        maxInside = Math.max(maxInside, inside);
        const read = total;
        await redis.ping(); // an await inside the section, as a read-modify-write would have
        total = read + 1;
        inside--;
        await lease.release();
      }),
    );
    expect(maxInside).toBe(1);
    expect(total).toBe(25);
  });
});
