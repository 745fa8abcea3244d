// A tiny service built with the whole kit — one route that writes through the outbox and one
// consumer that reads what it published — to show the parts working together against the real
// servers: strict bodies, coded errors, API-key scopes and programme binding, the outbox → Kafka
// → consumer path, and readiness of every dependency.

import { type EventData, type EventEnvelope, Topics } from '@belong/contracts';
import { createTestNamespace } from '@belong/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Type } from '@sinclair/typebox';
import {
  apiKeyRoutes,
  BaseConfigSchema,
  buildApp,
  defineErrors,
  type KitApp,
  loadConfig,
  problemResponses,
  StrictObject,
} from '../../src/index.ts';
import { Collector } from '../events/helpers.ts';

const ns = createTestNamespace('kit example');
const adminKey = `admin-${'x'.repeat(40)}`;
const received = new Collector<EventEnvelope<EventData<'belong.profile.submitted.v1'>>>();
const errors = defineErrors('EXAMPLE', { NOT_FOUND: { status: 404, title: 'Not found' } });

interface Example {
  programmeId: string;
  name: string;
  email: string;
}

const ProgrammeParams = StrictObject({ programmeId: Type.String({ pattern: '^[a-z0-9-]+$' }) });

async function exampleRoutes(app: KitApp): Promise<void> {
  const examples = app.events.store<Example>('examples');
  app.events.consume({
    groupId: ns.groupId('example'),
    topics: [Topics.profile],
    handlers: { 'belong.profile.submitted.v1': async (event) => received.push(event) },
  });

  app.post(
    '/programmes/:programmeId/examples',
    {
      onRequest: app.requireScope('profiles:write', {
        programme: (request) => (request.params as { programmeId?: string }).programmeId,
      }),
      schema: {
        tags: ['examples'],
        params: ProgrammeParams,
        body: StrictObject({ name: Type.String({ minLength: 1 }), email: Type.String({ format: 'email' }) }),
        response: { 201: StrictObject({ id: Type.String() }), ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const id = `ex-${Math.random().toString(36).slice(2, 10)}`;
      const { programmeId } = request.params;
      await examples.create(id, { programmeId, ...request.body }, [
        {
          type: 'belong.profile.submitted.v1',
          data: {
            profileId: id,
            programmeId,
            role: 'mentee',
            displayName: request.body.name,
            email: request.body.email,
            submittedAt: new Date().toISOString(),
            verification: { url: `https://belong.example/verify/${id}`, expiresAt: new Date().toISOString() },
          },
        },
      ]);
      return reply.code(201).send({ id });
    },
  );

  app.get(
    '/programmes/:programmeId/examples/:id',
    {
      onRequest: app.requireScope('profiles:read', {
        programme: (request) => (request.params as { programmeId?: string }).programmeId,
      }),
      schema: {
        params: StrictObject({ programmeId: Type.String(), id: Type.String() }),
        response: {
          200: StrictObject({ name: Type.String(), email: Type.String() }),
          ...problemResponses(404),
        },
      },
    },
    async (request) => {
      const found = await examples.get(request.params.id);
      if (!found || found.state.programmeId !== request.params.programmeId) {
        throw errors.NOT_FOUND(`No example ${request.params.id} in this programme`);
      }
      return { name: found.state.name, email: found.state.email };
    },
  );
}

let app: KitApp;
const keys: Record<string, string> = {};

async function createKey(scopes: string[], programmeId: string): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api-keys',
    headers: { authorization: `Bearer ${adminKey}` },
    payload: { name: `${scopes.join('+')} for ${programmeId}`, scopes, programmeId },
  });
  expect(response.statusCode).toBe(201);
  return response.json().key;
}

beforeAll(async () => {
  const config = loadConfig(Type.Object({ ...BaseConfigSchema.properties }), {
    PORT: '0',
    MONGO_URL: ns.mongoUrl,
    REDIS_URL: ns.servers.redisUrl,
    REDIS_KEY_PREFIX: ns.redisPrefix,
    KAFKA_BROKERS: ns.servers.kafkaBrokers.join(','),
    SIGNING_SECRET: 'example-signing-secret-0123456789abcdef',
    ADMIN_API_KEY: adminKey,
  });
  app = buildApp({
    service: { name: 'example', version: '1.0.0', errorPrefix: 'EXAMPLE', description: 'Kit example' },
    config,
    logger: false,
    events: { topicName: (logical) => ns.topic(logical) },
    plugins: [
      async (instance: KitApp) => {
        await instance.register(apiKeyRoutes, { connection: instance.mongo, redis: instance.redis });
      },
      exampleRoutes,
    ],
  });
  await app.ready();
  keys.writer = await createKey(['profiles:write', 'profiles:read'], 'hlg-2026');
  keys.reader = await createKey(['profiles:read'], 'hlg-2026');
}, 60_000);

afterAll(async () => {
  await app.close();
  await ns.cleanup();
});

const post = (programmeId: string, key: string, payload: object) =>
  app.inject({
    method: 'POST',
    url: `/programmes/${programmeId}/examples`,
    headers: { authorization: `Bearer ${key}` },
    payload,
  });

describe('a service built with the kit', () => {
  it('writes state and its event together, and the consumer receives the event through the outbox', async () => {
    const response = await post('hlg-2026', keys.writer ?? '', {
      name: 'Sam Okafor',
      email: 'sam@example.org',
    });
    expect(response.statusCode).toBe(201);
    const { id } = response.json();
    const [event] = await received.waitFor(1, 'the profile.submitted event');
    expect(event).toMatchObject({
      type: 'belong.profile.submitted.v1',
      subject: id,
      source: '/belong/example',
      data: { profileId: id, displayName: 'Sam Okafor' },
    });

    const read = await app.inject({
      method: 'GET',
      url: `/programmes/hlg-2026/examples/${id}`,
      headers: { authorization: `Bearer ${keys.reader}` },
    });
    expect(read.json()).toEqual({ name: 'Sam Okafor', email: 'sam@example.org' });
  });

  it('refuses an unknown field with a 400 naming it, and writes nothing', async () => {
    const before = received.items.length;
    const response = await post('hlg-2026', keys.writer ?? '', {
      name: 'Eve',
      email: 'eve@example.org',
      admin: true,
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.json()).toMatchObject({
      code: 'EXAMPLE_VALIDATION',
      errors: [expect.objectContaining({ in: 'body', pointer: '/admin' })],
    });
    expect(
      await app.events.store<Example>('examples').collection.countDocuments({ 'state.name': 'Eve' }),
    ).toBe(0);
    expect(received.items.length).toBe(before);
  });

  it('lets a read-only key read but not write', async () => {
    const response = await post('hlg-2026', keys.reader ?? '', { name: 'R', email: 'r@example.org' });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'AUTH_FORBIDDEN_SCOPE' });
  });

  it('keeps a key inside its programme', async () => {
    const response = await post('another-programme', keys.writer ?? '', {
      name: 'X',
      email: 'x@example.org',
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'AUTH_FORBIDDEN_PROGRAMME' });
  });

  it('answers a missing resource with its coded 404', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/programmes/hlg-2026/examples/nope',
      headers: { authorization: `Bearer ${keys.reader}` },
    });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'EXAMPLE_NOT_FOUND', status: 404 });
  });

  it('is ready only with MongoDB, Redis and Kafka all answering', async () => {
    const response = await app.inject({ method: 'GET', url: '/ready' });
    expect(response.statusCode).toBe(200);
    expect(Object.keys(response.json().checks).sort()).toEqual(['kafka', 'mongo', 'redis']);
  });
});
