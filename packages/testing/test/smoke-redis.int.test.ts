import { afterAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { createTestNamespace } from '../src/index.ts';

const ns = createTestNamespace('smoke redis');
const redis = new Redis(ns.servers.redisUrl, { maxRetriesPerRequest: 2 });

afterAll(async () => {
  await ns.cleanup();
  redis.disconnect();
});

describe('Redis from Node 24 (ioredis)', () => {
  it('SET NX EX takes a lock once, with an expiry', async () => {
    const key = `${ns.redisPrefix}lock:round:p1`;
    expect(await redis.set(key, 'instance-a', 'EX', 30, 'NX')).toBe('OK');
    expect(await redis.set(key, 'instance-b', 'EX', 30, 'NX')).toBeNull();
    expect(await redis.get(key)).toBe('instance-a');
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(30);
  });

  it('frees the lock when it expires', async () => {
    const key = `${ns.redisPrefix}lock:short`;
    expect(await redis.set(key, 'a', 'PX', 50, 'NX')).toBe('OK');
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await redis.set(key, 'b', 'PX', 50, 'NX')).toBe('OK');
  });

  it('cleanup removes only this namespace’s keys', async () => {
    const other = `t:other:${ns.id}:keep`;
    await redis.set(other, '1');
    await redis.set(`${ns.redisPrefix}gone`, '1');
    await ns.cleanup();
    expect(await redis.exists(`${ns.redisPrefix}gone`)).toBe(0);
    expect(await redis.exists(other)).toBe(1);
    await redis.del(other);
  });
});
