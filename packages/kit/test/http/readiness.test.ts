import { PROBLEM_CONTENT_TYPE } from '@belong/contracts';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { FastifyInstance } from 'fastify';
import { createReadiness } from '../../src/http/health.ts';
import { BaseConfigSchema, buildApp, loadConfig, offlineEnv } from '../../src/http/index.ts';

describe('the readiness registry', () => {
  it('runs every check and reports each with its duration', async () => {
    const readiness = createReadiness();
    readiness.add('fast', async () => {});
    readiness.add('broken', async () => {
      throw new Error('connection refused');
    });
    const { ready, checks } = await readiness.run();
    expect(ready).toBe(false);
    expect(checks.fast).toEqual({ ok: true, ms: expect.any(Number) });
    expect(checks.broken).toEqual({ ok: false, ms: expect.any(Number), error: 'connection refused' });
  });

  it('fails a check that does not answer within its timeout', async () => {
    const readiness = createReadiness();
    readiness.add('hanging', () => new Promise(() => {}), { timeoutMs: 20 });
    const { checks } = await readiness.run();
    expect(checks.hanging).toMatchObject({ ok: false, error: 'timed out after 20 ms' });
  });

  it('refuses two checks with one name', () => {
    const readiness = createReadiness();
    readiness.add('kafka', async () => {});
    expect(() => readiness.add('kafka', async () => {})).toThrow(/already registered/);
  });
});

describe('/health and /ready without servers', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = buildApp({
      service: { name: 'example', version: '2.3.4', errorPrefix: 'EXAMPLE', description: 'An example' },
      config: loadConfig(BaseConfigSchema, offlineEnv()),
      connect: false,
      logger: false,
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers /health without touching any dependency', async () => {
    const response = await app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', service: 'example', version: '2.3.4' });
  });

  it('answers /ready with 503 and the failing checks when the app was built offline', async () => {
    const response = await app.inject({ method: 'GET', url: '/ready' });
    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toBe(`${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
    expect(response.json()).toMatchObject({
      status: 503,
      code: 'EXAMPLE_NOT_READY',
      detail: 'Not ready: mongo, redis, kafka failed',
      checks: { mongo: { ok: false }, redis: { ok: false }, kafka: { ok: false } },
    });
  });

  it('gives offline clients that fail fast instead of hanging', async () => {
    await expect(app.redis.ping()).rejects.toThrow(/Connection is closed/);
    const Model = app.mongo.model('Thing', new app.mongo.base.Schema({ name: String }));
    await expect(Model.findOne()).rejects.toThrow(/before initial connection/);
  });
});
