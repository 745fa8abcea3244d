// Load shedding: over the in-flight cap a request is refused at once with 503 problem+json and
// Retry-After; probes are never refused; the count goes down as requests finish.
import { describe, expect, it } from '@jest/globals';
import { Type } from '@sinclair/typebox';
import { BaseConfigSchema, buildApp, loadConfig, offlineEnv } from '../../src/http/index.ts';

describe('load shedding', () => {
  it('refuses what is over the cap with 503, keeps /health, and admits again once work finishes', async () => {
    const config = loadConfig(
      BaseConfigSchema,
      offlineEnv({ PORT: '0', LOG_LEVEL: 'silent', MAX_IN_FLIGHT_REQUESTS: '2' }),
    );
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const app = buildApp({
      service: { name: 'demo', version: '0.0.1', errorPrefix: 'DEMO', description: 'Demo' },
      config,
      connect: false,
      plugins: [
        async (instance: import('fastify').FastifyInstance) => {
          // A response schema, as every real route has: the refusal is then serialized through
          // the 503 the kit documents for it.
          instance.get(
            '/slow',
            { schema: { response: { 200: Type.Object({ ok: Type.Boolean() }) } } },
            async () => {
              await gate;
              return { ok: true };
            },
          );
        },
      ],
    });
    await app.ready();
    try {
      const slow = [app.inject({ url: '/slow' }), app.inject({ url: '/slow' })];
      await new Promise((resolve) => setTimeout(resolve, 50));
      const refused = await app.inject({ url: '/slow' });
      expect(refused.statusCode).toBe(503);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.headers['retry-after']).toBe('1');
      expect(refused.json()).toMatchObject({
        status: 503,
        code: 'DEMO_OVERLOADED',
        detail: expect.stringContaining('Retry in a second'),
      });
      expect((await app.inject({ url: '/health' })).statusCode).toBe(200);
      release();
      for (const r of await Promise.all(slow)) expect(r.statusCode).toBe(200);
      expect((await app.inject({ url: '/slow' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});
