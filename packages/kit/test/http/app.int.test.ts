import { PROBLEM_CONTENT_TYPE } from '@belong/contracts';
import { createTestNamespace } from '@belong/testing';
import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import {
  BaseConfigSchema,
  type BuildAppOptions,
  buildApp,
  type KitApp,
  loadConfig,
  offlineEnv,
} from '../../src/http/index.ts';

const ns = createTestNamespace('kit http');
const apps: KitApp[] = [];

afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});
afterAll(async () => {
  await ns.cleanup();
});

/** Stands in for the auth plugin: an instance-level preHandler registered after the kit, as the real one will be. */
const fakeAuth = fp(async (app) => {
  app.addHook('preHandler', async (request) => {
    const key = request.headers['x-test-key'];
    if (typeof key === 'string') {
      request.principal = { kind: 'api-key', keyId: key, scopes: [], programmeId: null };
    }
  });
});

const routes: FastifyPluginAsync = async (app) => {
  app.get('/things', async () => ({ items: [] }));
};

/** An app on the real servers, with its Redis keys under this test file's prefix. */
async function build(
  env: Record<string, string> = {},
  plugins: BuildAppOptions['plugins'] = [fakeAuth, routes],
  // A separate prefix per test keeps the rate-limit budgets of tests apart.
  redisPrefix = `${ns.redisPrefix}${apps.length}-${Math.random().toString(36).slice(2)}:`,
): Promise<KitApp> {
  const config = loadConfig(
    BaseConfigSchema,
    offlineEnv({
      MONGO_URL: ns.mongoUrl,
      REDIS_URL: ns.servers.redisUrl,
      KAFKA_BROKERS: ns.servers.kafkaBrokers.join(','),
      REDIS_KEY_PREFIX: redisPrefix,
      ...env,
    }),
  );
  const app = buildApp({
    service: { name: 'example', version: '1.0.0', errorPrefix: 'EXAMPLE', description: 'An example' },
    config,
    logger: false,
    plugins,
  });
  apps.push(app);
  await app.ready();
  return app;
}

describe('clients and readiness on the real servers', () => {
  it('answers /ready 200 after pinging MongoDB, Redis and Kafka', async () => {
    const app = await build();
    const response = await app.inject({ method: 'GET', url: '/ready' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      status: 'ready',
      checks: {
        mongo: { ok: true, ms: expect.any(Number) },
        redis: { ok: true, ms: expect.any(Number) },
        kafka: { ok: true, ms: expect.any(Number) },
      },
    });
  });

  it('answers /ready 503 naming the check that fails, the others still reported', async () => {
    const app = await build({}, [
      fp(async (instance: FastifyInstance) => {
        instance.readiness.add('search-index', async () => {
          throw new Error('index not built yet');
        });
      }),
    ]);
    const response = await app.inject({ method: 'GET', url: '/ready' });
    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toBe(`${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
    expect(response.json()).toMatchObject({
      status: 503,
      code: 'EXAMPLE_NOT_READY',
      detail: 'Not ready: search-index failed',
      checks: {
        mongo: { ok: true },
        redis: { ok: true },
        kafka: { ok: true },
        'search-index': { ok: false, error: 'index not built yet' },
      },
    });
  });

  it('hands plugins a connected mongoose connection on its own database, and Redis', async () => {
    const app = await build();
    const Thing = app.mongo.model('Thing', new app.mongo.base.Schema({ name: String }));
    await Thing.create({ name: 'kettle' });
    expect(await Thing.countDocuments()).toBe(1);
    expect(app.mongo.name).toBe(ns.database);
    const key = `${app.kit.config.REDIS_KEY_PREFIX}hello`;
    await app.redis.set(key, 'world');
    expect(await app.redis.get(key)).toBe('world');
  });

  it('closes its connections when the app closes', async () => {
    const app = await build();
    await app.close();
    expect(app.redis.status).toBe('end');
    expect(app.mongo.readyState).toBe(mongooseDisconnected);
  });

  it('refuses to boot when Redis is unreachable, saying which server', async () => {
    await expect(build({ REDIS_URL: 'redis://127.0.0.1:1' })).rejects.toThrow(
      /^cannot connect to Redis at redis:\/\/127\.0\.0\.1:1: connect ECONNREFUSED/,
    );
  });
});

const mongooseDisconnected = 0;

describe('rate limiting in the shared Redis', () => {
  it('answers the request over the budget with 429 problem+json, Retry-After and the limit headers', async () => {
    const app = await build({ RATE_LIMIT_PER_MINUTE: '3' });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await app.inject({ method: 'GET', url: '/things' });
      statuses.push(response.statusCode);
      expect(response.headers['x-ratelimit-limit']).toBe('3');
      expect(response.headers['x-ratelimit-remaining']).toBe(String(2 - i));
    }
    expect(statuses).toEqual([200, 200, 200]);

    const limited = await app.inject({ method: 'GET', url: '/things' });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toBe(`${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['x-ratelimit-limit']).toBe('3');
    expect(limited.headers['x-ratelimit-remaining']).toBe('0');
    expect(limited.json()).toMatchObject({
      status: 429,
      code: 'EXAMPLE_RATE_LIMITED',
      detail: expect.stringMatching(
        /^Too many requests: the limit is 3 per minute\. Retry in \d+ (seconds?|minute)\.$/,
      ),
      instance: limited.headers['x-request-id'],
    });
  });

  it('shares one budget between two instances of a service', async () => {
    const prefix = `${ns.redisPrefix}shared:`;
    const first = await build({ RATE_LIMIT_PER_MINUTE: '3' }, undefined, prefix);
    const second = await build({ RATE_LIMIT_PER_MINUTE: '3' }, undefined, prefix);
    const statuses = [];
    for (const app of [first, second, first, second]) {
      statuses.push((await app.inject({ method: 'GET', url: '/things' })).statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('gives each API key its own budget, seen after auth has run', async () => {
    const app = await build({ RATE_LIMIT_PER_MINUTE: '2' });
    const get = (key: string) =>
      app.inject({ method: 'GET', url: '/things', headers: { 'x-test-key': key } }).then((r) => r.statusCode);
    expect([await get('key-a'), await get('key-a'), await get('key-a')]).toEqual([200, 200, 429]);
    expect([await get('key-b'), await get('key-b')]).toEqual([200, 200]);
    // The anonymous caller (by IP) has not spent anything either.
    expect((await app.inject({ method: 'GET', url: '/things' })).statusCode).toBe(200);
  });

  it('never throttles probes, metrics or the docs', async () => {
    const app = await build({ RATE_LIMIT_PER_MINUTE: '1' });
    await app.inject({ method: 'GET', url: '/things' });
    expect((await app.inject({ method: 'GET', url: '/things' })).statusCode).toBe(429);
    for (const url of ['/health', '/ready', '/metrics', '/docs/json', '/health']) {
      const response = await app.inject({ method: 'GET', url });
      expect([url, response.statusCode]).toEqual([url, 200]);
      expect(response.headers['x-ratelimit-limit']).toBeUndefined();
    }
  });

  it('keeps its counters under REDIS_KEY_PREFIX, apart per service', async () => {
    const prefix = `${ns.redisPrefix}keys:`;
    const app = await build({ RATE_LIMIT_PER_MINUTE: '5' }, undefined, prefix);
    await app.inject({ method: 'GET', url: '/things' });
    expect(await app.redis.keys(`${prefix}*`)).toEqual([`${prefix}rate-limit:example:ip:127.0.0.1`]);
  });
});

describe('building offline', () => {
  it('skips rate limiting when built with connect: false', async () => {
    const app = buildApp({
      service: { name: 'example', version: '1.0.0', errorPrefix: 'EXAMPLE', description: 'An example' },
      config: loadConfig(BaseConfigSchema, offlineEnv({ RATE_LIMIT_PER_MINUTE: '1' })),
      connect: false,
      logger: false,
      plugins: [routes],
    });
    apps.push(app);
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await app.inject({ method: 'GET', url: '/things' })).statusCode);
    expect(statuses).toEqual([200, 200, 200]);
  });
});
