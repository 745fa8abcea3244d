import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { BaseConfigSchema, buildApp, type KitApp, loadConfig, offlineEnv } from '../../src/http/index.ts';

const routes: FastifyPluginAsync = async (instance) => {
  const app = instance as KitApp;
  app.get('/things/:id', { schema: { params: Type.Object({ id: Type.String() }) } }, async (request) => ({
    id: request.params.id,
  }));
};

function build(): KitApp {
  return buildApp({
    service: { name: 'example', version: '1.0.0', errorPrefix: 'EXAMPLE', description: 'An example' },
    config: loadConfig(BaseConfigSchema, offlineEnv()),
    connect: false,
    logger: false,
    plugins: [routes],
  });
}

let app: KitApp;
beforeAll(async () => {
  app = build();
  await app.ready();
});
afterAll(async () => {
  await app.close();
});

describe('metrics', () => {
  it('times requests by route pattern, not URL, with method and status', async () => {
    await app.inject({ method: 'GET', url: '/things/1' });
    await app.inject({ method: 'GET', url: '/things/2' });
    await app.inject({ method: 'GET', url: '/no-such-thing' });
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.body).toContain(
      'http_request_duration_seconds_count{service="example",method="GET",route="/things/:id",status="200"} 2',
    );
    expect(response.body).toContain(
      'http_request_duration_seconds_count{service="example",method="GET",route="unmatched",status="404"} 1',
    );
    expect(response.body).not.toContain('/things/1');
    expect(response.body).toContain('process_cpu_user_seconds_total');
  });

  it('lets plugins register their own metrics, once per name, in this app only', async () => {
    const consumed = app.metrics.counter({
      name: 'events_consumed_total',
      help: 'Events handled',
      labelNames: ['topic'],
    });
    expect(app.metrics.counter({ name: 'events_consumed_total', help: 'Events handled' })).toBe(consumed);
    consumed.inc({ topic: 'belong.profile.v1' });
    app.metrics.gauge({ name: 'outbox_pending', help: 'Outbox rows not yet published' }).set(3);
    expect(() => app.metrics.gauge({ name: 'events_consumed_total', help: 'x' })).toThrow(/another kind/);

    const body = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(body).toContain('events_consumed_total{topic="belong.profile.v1",service="example"} 1');
    expect(body).toContain('outbox_pending{service="example"} 3');

    const other = build();
    await other.ready();
    expect(await other.metrics.registry.getSingleMetric('events_consumed_total')).toBeUndefined();
    await other.close();
  });

  it('keeps /metrics out of the OpenAPI document', async () => {
    const document = (await app.inject({ method: 'GET', url: '/docs/json' })).json() as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(document.paths)).not.toContain('/metrics');
  });
});
