import { createHash, timingSafeEqual } from 'node:crypto';
import type { Redis } from 'ioredis';
import { scopes as knownScopes, type Principal, type Scope } from '../principal.ts';
import { MIN_SECRET_LENGTH, parseApiKey, secretMatches } from './api-key.ts';
import { authUnavailable, invalidApiKey } from './errors.ts';
import type { ApiKeyRecord, ApiKeyRepository } from './repository.ts';

/**
 * The API key registry: the shared Redis copy of every key, so that each service can verify keys
 * issued by another service whose database it cannot read.
 *
 *   <prefix>apikey:<keyId>          JSON {secretHash, scopes, programmeId, revoked}, no expiry
 *   <prefix>apikey-revoked:<keyId>  "1" once revoked; never cleared, so a registry sync that read
 *                                   the record before the revocation cannot resurrect the key
 *   <prefix>apikey-used:<keyId>     ISO time of last use (best effort, ≤ once a minute a process)
 *
 * The issuer's `api_keys` collection is the durable record; `syncApiKeyRegistry` rebuilds the
 * registry from it (at start-up, so a flushed Redis recovers).
 */
export interface RegistryEntry {
  secretHash: string;
  scopes: Scope[];
  programmeId: string | null;
  revoked: boolean;
}

export type ApiKeyPrincipal = Extract<Principal, { kind: 'api-key' }>;

export const DEFAULT_KEY_PREFIX = 'belong:';
/** The longest a process may trust a cached registry entry: the revocation latency. */
export const MAX_CACHE_MS = 5000;
const MAX_CACHED_KEYS = 10_000;
const LAST_USED_EVERY_MS = 60_000;

export function registryKeys(keyPrefix: string = DEFAULT_KEY_PREFIX) {
  return {
    entry: (keyId: string) => `${keyPrefix}apikey:${keyId}`,
    revoked: (keyId: string) => `${keyPrefix}apikey-revoked:${keyId}`,
    lastUsed: (keyId: string) => `${keyPrefix}apikey-used:${keyId}`,
  };
}

function entryOf(record: ApiKeyRecord): RegistryEntry {
  return {
    secretHash: record.secretHash,
    scopes: record.scopes,
    programmeId: record.programmeId,
    revoked: record.revokedAt !== undefined,
  };
}

/** Writes (or rewrites) a key's registry entry; a revoked record also sets the revocation marker. */
export async function publishApiKey(
  redis: Redis,
  record: ApiKeyRecord,
  options: { keyPrefix?: string } = {},
): Promise<void> {
  const keys = registryKeys(options.keyPrefix);
  const tx = redis.multi().set(keys.entry(record._id), JSON.stringify(entryOf(record)));
  if (record.revokedAt) tx.set(keys.revoked(record._id), '1');
  await tx.exec();
}

/** Marks a key revoked in the registry (entry and marker, atomically). Idempotent. */
export async function revokeApiKeyInRegistry(
  redis: Redis,
  record: ApiKeyRecord,
  options: { keyPrefix?: string } = {},
): Promise<void> {
  await publishApiKey(redis, { ...record, revokedAt: record.revokedAt ?? new Date() }, options);
}

/**
 * Rewrites the registry from the collection: every key, revoked ones marked revoked. Never
 * deletes an entry nor clears a revocation marker. Returns how many entries it wrote.
 */
export async function syncApiKeyRegistry(
  repo: ApiKeyRepository,
  redis: Redis,
  options: { keyPrefix?: string; batchSize?: number } = {},
): Promise<{ published: number; revoked: number }> {
  const keys = registryKeys(options.keyPrefix);
  const batchSize = options.batchSize ?? 500;
  let published = 0;
  let revoked = 0;
  let tx = redis.multi();
  let pending = 0;
  for await (const record of repo.all(batchSize)) {
    tx.set(keys.entry(record._id), JSON.stringify(entryOf(record)));
    if (record.revokedAt) {
      tx.set(keys.revoked(record._id), '1');
      revoked++;
    }
    published++;
    if (++pending >= batchSize) {
      await tx.exec();
      tx = redis.multi();
      pending = 0;
    }
  }
  if (pending > 0) await tx.exec();
  return { published, revoked };
}

/** Last-use times from the registry (null when never seen), in the order asked. */
export async function readLastUsed(
  redis: Redis,
  keyIds: string[],
  options: { keyPrefix?: string } = {},
): Promise<(Date | null)[]> {
  if (keyIds.length === 0) return [];
  const keys = registryKeys(options.keyPrefix);
  const values = await redis.mget(...keyIds.map(keys.lastUsed));
  return values.map((v) => {
    if (!v) return null;
    const date = new Date(v);
    return Number.isNaN(date.getTime()) ? null : date;
  });
}

export interface ApiKeyVerifierOptions {
  redis: Redis;
  /** The bootstrap admin key (`ADMIN_API_KEY`, ≥ 32 chars); accepted as keyId `bootstrap`. */
  adminApiKey?: string | undefined;
  keyPrefix?: string | undefined;
  /** In-process cache of registry entries, 0..5000 ms (default 5000): the revocation latency. */
  cacheMs?: number | undefined;
  now?: () => number;
}

export interface ApiKeyVerifier {
  /**
   * The principal for a raw key (`blg_…` or the bootstrap key), or throws HttpError 401
   * AUTH_INVALID_KEY (malformed, unknown, wrong secret, revoked: one message for all) or
   * 503 AUTH_UNAVAILABLE when the registry cannot be read.
   */
  verify(rawKey: string): Promise<ApiKeyPrincipal>;
  /** Forgets cached registry entries (tests; after a local revocation). */
  forget(keyId?: string): void;
}

interface Lookup {
  entry: RegistryEntry | null;
  revokedMarker: boolean;
}

function parseEntry(raw: string | null): RegistryEntry | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<RegistryEntry>;
    if (typeof value.secretHash !== 'string' || !Array.isArray(value.scopes)) return null;
    return {
      secretHash: value.secretHash,
      scopes: value.scopes.filter((s): s is Scope => (knownScopes as readonly string[]).includes(s)),
      programmeId: typeof value.programmeId === 'string' ? value.programmeId : null,
      revoked: value.revoked !== false,
    };
  } catch {
    return null;
  }
}

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest();

export function createApiKeyVerifier(options: ApiKeyVerifierOptions): ApiKeyVerifier {
  const { redis } = options;
  const keys = registryKeys(options.keyPrefix);
  const cacheMs = options.cacheMs ?? MAX_CACHE_MS;
  if (!Number.isInteger(cacheMs) || cacheMs < 0 || cacheMs > MAX_CACHE_MS) {
    throw new Error(
      `cacheMs must be an integer from 0 to ${MAX_CACHE_MS} (revocation must apply within 5 s)`,
    );
  }
  if (options.adminApiKey !== undefined && options.adminApiKey.length < MIN_SECRET_LENGTH) {
    throw new Error(`ADMIN_API_KEY must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  const adminHash = options.adminApiKey ? sha256(options.adminApiKey) : null;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { until: number; lookup: Promise<Lookup> }>();
  const lastUsedWritten = new Map<string, number>();

  async function fetch(keyId: string): Promise<Lookup> {
    let values: (string | null)[];
    try {
      values = await redis.mget(keys.entry(keyId), keys.revoked(keyId));
    } catch (error) {
      throw authUnavailable(error);
    }
    return { entry: parseEntry(values[0] ?? null), revokedMarker: values[1] != null };
  }

  function lookup(keyId: string): Promise<Lookup> {
    if (cacheMs === 0) return fetch(keyId);
    const t = now();
    const hit = cache.get(keyId);
    if (hit && hit.until > t) return hit.lookup;
    const pending = fetch(keyId);
    if (cache.size >= MAX_CACHED_KEYS) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    cache.delete(keyId);
    // Until = when the request was sent: an entry is never trusted for longer than cacheMs.
    cache.set(keyId, { until: t + cacheMs, lookup: pending });
    pending.catch(() => cache.delete(keyId));
    return pending;
  }

  function touch(keyId: string): void {
    const t = now();
    const last = lastUsedWritten.get(keyId);
    if (last !== undefined && t - last < LAST_USED_EVERY_MS) return;
    if (lastUsedWritten.size >= MAX_CACHED_KEYS) lastUsedWritten.clear();
    lastUsedWritten.set(keyId, t);
    redis.set(keys.lastUsed(keyId), new Date(t).toISOString()).catch(() => {
      // best effort: last use is for display
    });
  }

  return {
    async verify(rawKey) {
      if (typeof rawKey !== 'string' || rawKey.length === 0 || rawKey.length > 512) {
        throw invalidApiKey('malformed');
      }
      if (adminHash && timingSafeEqual(sha256(rawKey), adminHash)) {
        return { kind: 'api-key', keyId: 'bootstrap', scopes: ['admin'], programmeId: null };
      }
      const parsed = parseApiKey(rawKey);
      if (!parsed) throw invalidApiKey('malformed');
      const { entry, revokedMarker } = await lookup(parsed.keyId);
      if (!entry) throw invalidApiKey('unknown');
      if (!secretMatches(parsed.secret, entry.secretHash)) throw invalidApiKey('wrong secret');
      if (entry.revoked || revokedMarker) throw invalidApiKey('revoked');
      touch(parsed.keyId);
      return {
        kind: 'api-key',
        keyId: parsed.keyId,
        scopes: [...entry.scopes],
        programmeId: entry.programmeId,
      };
    },
    forget(keyId) {
      if (keyId === undefined) cache.clear();
      else cache.delete(keyId);
    },
  };
}
