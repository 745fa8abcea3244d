import { createTestNamespace } from '@belong/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import mongoose, { type Connection } from 'mongoose';
import {
  API_KEYS_COLLECTION,
  createApiKeyRepository,
  hashSecret,
  parseApiKey,
  registryKeys,
  syncApiKeyRegistry,
} from '../../src/auth/index.ts';
import { bearer, buildAuthTestApp, randomSecret } from './helpers.ts';

const ns = createTestNamespace('auth api keys');
const keyPrefix = `${ns.redisPrefix}belong:`;
const signingSecret = randomSecret();
const adminApiKey = `admin-${randomSecret()}`;
const admin = bearer(adminApiKey);
let redis: Redis;
let connection: Connection;
/** The issuing service: Mongo + Redis, key routes mounted. */
let issuer: FastifyInstance;
/** Another service: same Redis and secrets, no database. */
let other: FastifyInstance;

beforeAll(async () => {
  redis = new Redis(ns.servers.redisUrl, { maxRetriesPerRequest: 2 });
  connection = await mongoose.createConnection(ns.mongoUrl).asPromise();
  issuer = await buildAuthTestApp({ redis, signingSecret, adminApiKey, keyPrefix, cacheMs: 0, connection });
  other = await buildAuthTestApp({ redis, signingSecret, adminApiKey, keyPrefix, cacheMs: 0 });
});

afterAll(async () => {
  await issuer?.close();
  await other?.close();
  await connection?.close();
  redis?.disconnect();
  await ns.cleanup();
});

interface Created {
  id: string;
  key: string;
  name: string;
  scopes: string[];
  programmeId: string | null;
  createdAt: string;
}

async function createKey(body: Record<string, unknown>): Promise<Created> {
  const response = await issuer.inject({ method: 'POST', url: '/api-keys', headers: admin, payload: body });
  expect(response.statusCode).toBe(201);
  return response.json() as Created;
}

describe('POST /api-keys', () => {
  it('creates a key shown once, usable at once, with its scope', async () => {
    const response = await issuer.inject({
      method: 'POST',
      url: '/api-keys',
      headers: admin,
      payload: { name: 'directory sync', scopes: ['profiles:read'], programmeId: 'progA' },
    });
    expect(response.statusCode).toBe(201);
    expect(response.headers['cache-control']).toBe('no-store');
    const created = response.json() as Created;
    expect(created).toMatchObject({
      name: 'directory sync',
      scopes: ['profiles:read'],
      programmeId: 'progA',
    });
    expect(parseApiKey(created.key)?.keyId).toBe(created.id);

    const read = await issuer.inject({
      method: 'GET',
      url: '/programmes/progA/profiles',
      headers: bearer(created.key),
    });
    expect(read.statusCode).toBe(200);
    expect(read.json().principal).toEqual({
      kind: 'api-key',
      keyId: created.id,
      scopes: ['profiles:read'],
      programmeId: 'progA',
    });
  });

  it('checks scopes exactly: profiles:read cannot write', async () => {
    const { key } = await createKey({ name: 'reader', scopes: ['profiles:read'], programmeId: 'progA' });
    const write = await issuer.inject({
      method: 'POST',
      url: '/programmes/progA/profiles',
      headers: bearer(key),
    });
    expect(write.statusCode).toBe(403);
    expect(write.json()).toMatchObject({ code: 'AUTH_FORBIDDEN_SCOPE' });
    expect(write.json().detail).toContain('profiles:write');
    const programmes = await issuer.inject({
      method: 'GET',
      url: '/programmes',
      headers: { 'x-api-key': key },
    });
    expect(programmes.statusCode).toBe(403);
    expect(programmes.json().detail).toContain('programmes:read');
  });

  it('binds a key to its programme: 403 on another programme', async () => {
    const { key } = await createKey({
      name: 'A only',
      scopes: ['profiles:read', 'profiles:write'],
      programmeId: 'progA',
    });
    expect(
      (await issuer.inject({ method: 'POST', url: '/programmes/progA/profiles', headers: bearer(key) }))
        .statusCode,
    ).toBe(200);
    const onB = await issuer.inject({
      method: 'GET',
      url: '/programmes/progB/profiles',
      headers: bearer(key),
    });
    expect(onB.statusCode).toBe(403);
    expect(onB.json()).toMatchObject({ code: 'AUTH_FORBIDDEN_PROGRAMME' });
  });

  it('lets an admin key (programme null) act on every programme and create keys', async () => {
    const { key, id } = await createKey({ name: 'ops', scopes: ['admin'] });
    expect(
      (await issuer.inject({ method: 'POST', url: '/programmes/progB/profiles', headers: bearer(key) }))
        .statusCode,
    ).toBe(200);
    const created = await issuer.inject({
      method: 'POST',
      url: '/api-keys',
      headers: bearer(key),
      payload: { name: 'made by ops', scopes: ['matches:read'], programmeId: 'progC' },
    });
    expect(created.statusCode).toBe(201);
    const list = await issuer.inject({ method: 'GET', url: '/api-keys?limit=200', headers: admin });
    const made = list.json().items.find((k: { id: string }) => k.id === created.json().id);
    expect(made.createdBy).toBe(id);
  });

  it.each([
    ['a non-admin key without a programme', { name: 'x', scopes: ['profiles:read'] }],
    ['an admin key bound to a programme', { name: 'x', scopes: ['admin'], programmeId: 'progA' }],
    ['an unknown scope', { name: 'x', scopes: ['profiles:delete'], programmeId: 'progA' }],
    ['no scopes', { name: 'x', scopes: [], programmeId: 'progA' }],
    [
      'an unknown property',
      { name: 'x', scopes: ['profiles:read'], programmeId: 'progA', secretHash: 'abc' },
    ],
    ['an empty name', { name: '', scopes: ['profiles:read'], programmeId: 'progA' }],
  ])('refuses %s with 400', async (_label, payload) => {
    const response = await issuer.inject({ method: 'POST', url: '/api-keys', headers: admin, payload });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'BELONG_VALIDATION' });
  });

  it('needs the admin scope', async () => {
    const { key } = await createKey({ name: 'writer', scopes: ['profiles:write'], programmeId: 'progA' });
    const response = await issuer.inject({
      method: 'POST',
      url: '/api-keys',
      headers: bearer(key),
      payload: { name: 'escalate', scopes: ['admin'] },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'AUTH_FORBIDDEN_SCOPE' });
    expect((await issuer.inject({ method: 'GET', url: '/api-keys', headers: bearer(key) })).statusCode).toBe(
      403,
    );
    expect((await issuer.inject({ method: 'GET', url: '/api-keys' })).statusCode).toBe(401);
  });

  it('stores only the SHA-256 of the secret', async () => {
    const created = await createKey({ name: 'stored', scopes: ['matches:read'], programmeId: 'progA' });
    const secret = parseApiKey(created.key)?.secret ?? '';
    const doc = await connection.collection(API_KEYS_COLLECTION).findOne({ _id: created.id as never });
    expect(doc).toMatchObject({
      _id: created.id,
      name: 'stored',
      secretHash: hashSecret(secret),
      scopes: ['matches:read'],
      programmeId: 'progA',
      createdBy: 'bootstrap',
    });
    const stored = JSON.stringify(doc);
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain(created.key);
    const registry = (await redis.get(registryKeys(keyPrefix).entry(created.id))) ?? '';
    expect(JSON.parse(registry)).toEqual({
      secretHash: hashSecret(secret),
      scopes: ['matches:read'],
      programmeId: 'progA',
      revoked: false,
    });
    expect(registry).not.toContain(secret);
  });
});

describe('verification', () => {
  it('refuses an unknown key and a known id with the wrong secret, alike', async () => {
    const { id } = await createKey({ name: 'real', scopes: ['profiles:read'], programmeId: 'progA' });
    const unknown = `blg_${'Z'.repeat(12)}_${'a'.repeat(43)}`;
    const wrongSecret = `blg_${id}_${'a'.repeat(43)}`;
    const bodies = [];
    for (const key of [unknown, wrongSecret]) {
      const response = await issuer.inject({
        method: 'GET',
        url: '/programmes/progA/profiles',
        headers: bearer(key),
      });
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer\b/);
      bodies.push(response.json());
    }
    expect(bodies[0]).toEqual(bodies[1]);
    expect(bodies[0]).toMatchObject({ code: 'AUTH_INVALID_KEY' });
  });

  it('answers 401 AUTH_REQUIRED with WWW-Authenticate when the header is missing', async () => {
    const response = await other.inject({ method: 'GET', url: '/programmes/progA/profiles' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'AUTH_REQUIRED' });
    expect(response.headers['www-authenticate']).toMatch(/^Bearer\b/);
  });

  it('accepts on another service (no database) a key created on the issuer', async () => {
    const { key, id } = await createKey({ name: 'cross', scopes: ['profiles:read'], programmeId: 'progA' });
    const response = await other.inject({
      method: 'GET',
      url: '/programmes/progA/profiles',
      headers: bearer(key),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().principal).toMatchObject({ keyId: id, programmeId: 'progA' });
    expect(
      (await other.inject({ method: 'POST', url: '/programmes/progA/profiles', headers: bearer(key) }))
        .statusCode,
    ).toBe(403);
    expect(await other.apiKeys.verify(key)).toMatchObject({ kind: 'api-key', keyId: id });
  });
});

describe('revocation', () => {
  it('revokes on every service; DELETE is idempotent; unknown id is 404', async () => {
    const { key, id } = await createKey({
      name: 'to revoke',
      scopes: ['profiles:read'],
      programmeId: 'progA',
    });
    const url = '/programmes/progA/profiles';
    expect((await other.inject({ method: 'GET', url, headers: bearer(key) })).statusCode).toBe(200);

    const revoke = await issuer.inject({ method: 'DELETE', url: `/api-keys/${id}`, headers: admin });
    expect(revoke.statusCode).toBe(204);
    expect(revoke.body).toBe('');
    expect(
      (await issuer.inject({ method: 'DELETE', url: `/api-keys/${id}`, headers: admin })).statusCode,
    ).toBe(204);

    for (const app of [issuer, other]) {
      const response = await app.inject({ method: 'GET', url, headers: bearer(key) });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ code: 'AUTH_INVALID_KEY' });
    }
    const missing = await issuer.inject({
      method: 'DELETE',
      url: `/api-keys/${'Q'.repeat(12)}`,
      headers: admin,
    });
    expect(missing.statusCode).toBe(404);
  });

  it('takes effect on a caching service once its cache window (≤ 5 s) has passed', async () => {
    let now = Date.now();
    const cached = await buildAuthTestApp({ redis, signingSecret, keyPrefix, cacheMs: 5000, now: () => now });
    try {
      const { key, id } = await createKey({
        name: 'cached',
        scopes: ['profiles:read'],
        programmeId: 'progA',
      });
      const url = '/programmes/progA/profiles';
      expect((await cached.inject({ method: 'GET', url, headers: bearer(key) })).statusCode).toBe(200);
      expect(
        (await issuer.inject({ method: 'DELETE', url: `/api-keys/${id}`, headers: admin })).statusCode,
      ).toBe(204);
      now += 4_000; // within the window this process may still trust its copy
      expect((await cached.inject({ method: 'GET', url, headers: bearer(key) })).statusCode).toBe(200);
      now += 1_001;
      expect((await cached.inject({ method: 'GET', url, headers: bearer(key) })).statusCode).toBe(401);
    } finally {
      await cached.close();
    }
  });
});

describe('GET /api-keys', () => {
  it('pages through every key in id order without secrets or hashes', async () => {
    const created: Created[] = [];
    for (let i = 0; i < 3; i++) {
      created.push(
        await createKey({ name: `page ${i}`, scopes: ['notifications:read'], programmeId: 'progP' }),
      );
    }
    const seen: Record<string, unknown>[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const response = await issuer.inject({ method: 'GET', url: `/api-keys${query}`, headers: admin });
      expect(response.statusCode).toBe(200);
      const body = response.json() as { items: Record<string, unknown>[]; nextCursor: string | null };
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items);
      cursor = body.nextCursor;
      pages++;
      const text = response.body;
      for (const c of created) {
        expect(text).not.toContain(c.key);
        expect(text).not.toContain(parseApiKey(c.key)?.secret);
        expect(text).not.toContain(hashSecret(parseApiKey(c.key)?.secret ?? ''));
      }
      expect(text).not.toContain('secretHash');
    } while (cursor && pages < 100);

    const ids = seen.map((k) => k.id as string);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of created) expect(ids).toContain(c.id);
    const item = seen.find((k) => k.id === created[0]?.id);
    expect(Object.keys(item ?? {}).sort()).toEqual(
      ['createdAt', 'createdBy', 'id', 'lastUsedAt', 'name', 'programmeId', 'revokedAt', 'scopes'].sort(),
    );
  });

  it('shows last use and revocation', async () => {
    const { key, id } = await createKey({ name: 'used', scopes: ['profiles:read'], programmeId: 'progA' });
    await other.inject({ method: 'GET', url: '/programmes/progA/profiles', headers: bearer(key) });
    await issuer.inject({ method: 'DELETE', url: `/api-keys/${id}`, headers: admin });
    const list = await issuer.inject({ method: 'GET', url: '/api-keys?limit=200', headers: admin });
    const item = list.json().items.find((k: { id: string }) => k.id === id);
    expect(item.lastUsedAt).toEqual(expect.any(String));
    expect(item.revokedAt).toEqual(expect.any(String));
  });

  it('refuses a forged cursor with 400', async () => {
    const response = await issuer.inject({
      method: 'GET',
      url: '/api-keys?cursor=%25%25%25',
      headers: admin,
    });
    expect(response.statusCode).toBe(400);
  });
});

describe('syncApiKeyRegistry', () => {
  it('rebuilds a flushed registry from the collection, keeping revocations', async () => {
    const live = await createKey({ name: 'survivor', scopes: ['profiles:read'], programmeId: 'progA' });
    const dead = await createKey({ name: 'revoked', scopes: ['profiles:read'], programmeId: 'progA' });
    await issuer.inject({ method: 'DELETE', url: `/api-keys/${dead.id}`, headers: admin });
    const url = '/programmes/progA/profiles';

    const keys = await redis.keys(`${keyPrefix}apikey*`);
    expect(keys.length).toBeGreaterThan(0);
    await redis.del(...keys);
    expect((await other.inject({ method: 'GET', url, headers: bearer(live.key) })).statusCode).toBe(401);

    const result = await syncApiKeyRegistry(createApiKeyRepository(connection), redis, { keyPrefix });
    expect(result.published).toBeGreaterThanOrEqual(2);
    expect(result.revoked).toBeGreaterThanOrEqual(1);
    expect((await other.inject({ method: 'GET', url, headers: bearer(live.key) })).statusCode).toBe(200);
    expect((await other.inject({ method: 'GET', url, headers: bearer(dead.key) })).statusCode).toBe(401);
  });

  it('cannot resurrect a key revoked after the sync read it', async () => {
    const { key, id } = await createKey({ name: 'race', scopes: ['profiles:read'], programmeId: 'progA' });
    const repo = createApiKeyRepository(connection);
    const stale = await repo.findById(id); // what a slow sync read before the revocation
    await issuer.inject({ method: 'DELETE', url: `/api-keys/${id}`, headers: admin });
    // The slow sync now writes its stale, unrevoked copy.
    await redis.set(
      registryKeys(keyPrefix).entry(id),
      JSON.stringify({
        secretHash: stale?.secretHash,
        scopes: stale?.scopes,
        programmeId: stale?.programmeId,
        revoked: false,
      }),
    );
    const response = await other.inject({
      method: 'GET',
      url: '/programmes/progA/profiles',
      headers: bearer(key),
    });
    expect(response.statusCode).toBe(401);
  });
});

describe('self-service tokens against Redis', () => {
  it('lets a single-use token through once, then answers 409 AUTH_TOKEN_USED, on any service', async () => {
    const token = issuer.tokens.issue({ profileId: 'p1', action: 'verify-email', ttlSeconds: 600 });
    const first = await issuer.inject({ method: 'POST', url: `/verify-email?token=${token}` });
    expect(first.statusCode).toBe(200);
    expect(first.json().principal).toMatchObject({
      kind: 'self-service',
      profileId: 'p1',
      action: 'verify-email',
    });
    for (const app of [issuer, other]) {
      const again = await app.inject({ method: 'POST', url: `/verify-email?token=${token}` });
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ code: 'AUTH_TOKEN_USED' });
    }
    const marker = `${keyPrefix}token-used:${issuer.tokens.verify(token, { action: 'verify-email' }).tokenId}`;
    const ttl = await redis.pttl(marker);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(660_000);
  });

  it('admits exactly one of several concurrent uses', async () => {
    const token = other.tokens.issue({ profileId: 'p2', action: 'verify-email', ttlSeconds: 600 });
    const results = await Promise.all(
      [issuer, other, issuer, other, issuer].map((app) =>
        app.inject({ method: 'POST', url: `/verify-email?token=${token}` }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409, 409]);
  });

  it('lets a released token be used again (its action failed before changing anything)', async () => {
    const token = issuer.tokens.issue({ profileId: 'p3', action: 'verify-email', ttlSeconds: 600 });
    const principal = issuer.tokens.verify(token, { action: 'verify-email' });
    await issuer.tokens.consumeOnce(principal);
    await expect(other.tokens.consumeOnce(principal)).rejects.toMatchObject({ code: 'AUTH_TOKEN_USED' });
    await issuer.tokens.releaseOnce(principal);
    await expect(other.tokens.consumeOnce(principal)).resolves.toBeUndefined();
    await expect(issuer.tokens.consumeOnce(principal)).rejects.toMatchObject({ code: 'AUTH_TOKEN_USED' });
  });

  it("refuses a token for match X on match Y (another person's match)", async () => {
    const forX = issuer.tokens.issue({
      profileId: 'alice',
      action: 'respond-match',
      resourceId: 'matchX',
      ttlSeconds: 600,
    });
    expect(
      (await other.inject({ method: 'POST', url: `/matches/matchX/response?token=${forX}` })).statusCode,
    ).toBe(200);
    const onY = await other.inject({ method: 'POST', url: `/matches/matchY/response?token=${forX}` });
    expect(onY.statusCode).toBe(403);
    expect(onY.json()).toMatchObject({ code: 'AUTH_TOKEN_WRONG_ACTION' });
  });
});
