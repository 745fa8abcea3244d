// A Redis lease: one owner at a time for a key, for at most `ttlMs` unless extended.
// `SET key token NX PX ttl` to take it; release and extend are compare-and-act Lua scripts, so
// an owner whose lease expired can never delete or prolong someone else's.
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { LeaseTimeoutError } from './errors.ts';
import { delay } from './timing.ts';

export interface Lease {
  readonly key: string;
  readonly token: string;
  /** When the lease was taken or last extended (performance.now() clock). */
  readonly validUntil: number;
  /** Prolongs the lease to `ttlMs` from now; false when it is no longer ours. */
  extend(ttlMs?: number): Promise<boolean>;
  /** Gives the lease up; false when it was no longer ours (expired, taken over). */
  release(): Promise<boolean>;
}

export interface LeaseOptions {
  ttlMs: number;
  /** How long to keep trying while someone else holds it; 0 = one attempt. */
  waitMs: number;
  /** Aborts the wait (throws LeaseTimeoutError at once). */
  signal?: AbortSignal;
}

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const EXTEND = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;

/** Takes the lease once; null when someone else holds it. */
export async function tryAcquireLease(redis: Redis, key: string, ttlMs: number): Promise<Lease | null> {
  const token = randomBytes(12).toString('base64url');
  const startedAt = performance.now();
  const ok = await redis.set(key, token, 'PX', ttlMs, 'NX');
  if (ok !== 'OK') return null;
  let validUntil = startedAt + ttlMs;
  let released = false;
  return {
    key,
    token,
    get validUntil() {
      return validUntil;
    },
    async extend(newTtl = ttlMs) {
      if (released) return false;
      const before = performance.now();
      const result = await redis.eval(EXTEND, 1, key, token, String(newTtl));
      if (result !== 1) return false;
      validUntil = before + newTtl;
      return true;
    },
    async release() {
      if (released) return false;
      released = true;
      validUntil = 0;
      const result = await redis.eval(RELEASE, 1, key, token);
      return result === 1;
    },
  };
}

/**
 * Takes the lease, waiting with a small jittered backoff (1 ms doubling to 50 ms) while someone
 * else holds it; throws LeaseTimeoutError after `waitMs`.
 */
export async function acquireLease(redis: Redis, key: string, options: LeaseOptions): Promise<Lease> {
  const deadline = performance.now() + options.waitMs;
  for (let step = 1; ; step = Math.min(step * 2, 50)) {
    const lease = await tryAcquireLease(redis, key, options.ttlMs);
    if (lease) return lease;
    const left = deadline - performance.now();
    if (left <= 0 || options.signal?.aborted) throw new LeaseTimeoutError(key, options.waitMs);
    await delay(Math.min(left, step / 2 + Math.random() * step), options.signal);
  }
}
