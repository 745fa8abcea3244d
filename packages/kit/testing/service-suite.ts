// What every Belong service must do, as shared jest suites: each service's tests call these with
// its own builders, so the three stay alike without copying the same tests three times.
import { readFileSync } from 'node:fs';
import { createTestNamespace } from '@belong/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { KitApp } from '../src/app.ts';
import { exportOpenApi, validateOpenApi } from '../src/http/openapi.ts';

export interface ServiceUnderTest {
  name: string;
  errorPrefix: string;
  /** The committed OpenAPI document, e.g. new URL('../../../docs/api/profile.openapi.yaml', import.meta.url). */
  openApiFile: URL;
}

/** No servers: the app built with `connect: false`. */
export function describeServiceBasics(
  service: ServiceUnderTest,
  buildForExport: () => Promise<KitApp>,
): void {
  describe(`${service.name} service (no servers)`, () => {
    let app: KitApp;

    beforeAll(async () => {
      app = await buildForExport();
      await app.ready();
    });

    afterAll(async () => {
      await app.close();
    });

    it('is alive', async () => {
      const response = await app.inject({ method: 'GET', url: '/health' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ status: 'ok', service: service.name });
    });

    it('answers an unknown route with problem+json and its own error prefix', async () => {
      const response = await app.inject({ method: 'GET', url: '/no-such-route' });
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.json()).toMatchObject({ status: 404, code: `${service.errorPrefix}_ROUTE_NOT_FOUND` });
    });

    it('serves a valid OpenAPI 3.1 document and Swagger UI', async () => {
      const json = await app.inject({ method: 'GET', url: '/docs/json' });
      const validation = await validateOpenApi(json.json());
      expect(validation.errors).toEqual([]);
      const ui = await app.inject({ method: 'GET', url: '/docs/' });
      expect(ui.statusCode).toBe(200);
      expect(ui.body).toContain('swagger');
    });

    it(`matches the committed OpenAPI document (./belong pnpm --filter @belong/${service.name} openapi:export)`, async () => {
      expect(readFileSync(service.openApiFile, 'utf8')).toBe(await exportOpenApi(app));
    });
  });
}

/** With the real servers: the app built from config pointing at this file's namespace. */
export function describeServiceReadiness(
  service: Pick<ServiceUnderTest, 'name'>,
  build: (env: Record<string, string>) => KitApp,
): void {
  describe(`${service.name} service with its servers`, () => {
    const ns = createTestNamespace(`${service.name} ready`);
    let app: KitApp;

    beforeAll(async () => {
      app = build({
        MONGO_URL: ns.mongoUrl,
        REDIS_URL: ns.servers.redisUrl,
        REDIS_KEY_PREFIX: ns.redisPrefix,
        KAFKA_BROKERS: ns.servers.kafkaBrokers.join(','),
        SIGNING_SECRET: 'test-signing-secret-0123456789abcdef',
      });
      await app.ready();
    });

    afterAll(async () => {
      await app.close();
      await ns.cleanup();
    });

    it('is ready when MongoDB, Redis and Kafka answer', async () => {
      const response = await app.inject({ method: 'GET', url: '/ready' });
      expect(response.statusCode).toBe(200);
      expect(Object.keys(response.json().checks).sort()).toEqual(['kafka', 'mongo', 'redis']);
    });
  });
}
