import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PROBLEM_CONTENT_TYPE, type Problem } from '@belong/contracts';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { Redis } from 'ioredis';
import mongoose from 'mongoose';
import { LeaseTimeoutError } from '../../src/events/errors.ts';
import {
  BaseConfigSchema,
  buildApp,
  defineErrors,
  HttpError,
  type KitApp,
  loadConfig,
  offlineEnv,
  problemResponses,
  StrictObject,
} from '../../src/http/index.ts';

const SECRET = 'db password is hunter2';
const errors = defineErrors('EXAMPLE', { NOT_FOUND: { status: 404, title: 'Example not found' } });

/** A tiny service built the way the real ones are: strict TypeBox schemas and defined errors. */
const exampleRoutes: FastifyPluginAsync = async (instance) => {
  const app = instance as KitApp;
  app.post(
    '/examples',
    {
      schema: {
        tags: ['examples'],
        body: StrictObject({
          name: Type.String({ minLength: 1 }),
          email: Type.String({ format: 'email' }),
          role: Type.Optional(Type.Union([Type.Literal('mentor'), Type.Literal('mentee')])),
        }),
        response: { 201: Type.Object({ id: Type.String() }), ...problemResponses(400) },
      },
    },
    async (request, reply) => reply.code(201).send({ id: `id-of-${request.body.name}` }),
  );
  app.get(
    '/examples/:id',
    { schema: { params: StrictObject({ id: Type.String() }), response: problemResponses(404) } },
    async (request) => {
      throw errors.NOT_FOUND(`No example with id ${request.params.id}`);
    },
  );
  app.get(
    '/examples',
    {
      schema: {
        querystring: StrictObject({ limit: Type.Integer({ minimum: 1, maximum: 50, default: 10 }) }),
      },
    },
    async (request) => ({ limit: request.query.limit }),
  );
  app.post('/examples/verify', async () => ({ verified: true }));
  app.get('/boom', async () => {
    throw new Error(SECRET);
  });
  app.get('/conflict', async () => {
    throw new HttpError(409, 'EXAMPLE_TAKEN', 'That name is taken', {
      headers: { 'x-hint': 'pick another' },
    });
  });
  app.get('/record-busy', async () => {
    throw new LeaseTimeoutError('belong:test:lease:examples:42', 10_000);
  });
  app.get('/busy', async () => {
    throw new HttpError(503, 'EXAMPLE_BUSY', 'The archive is being rebuilt: try again in a minute', {
      headers: { 'retry-after': '60' },
    });
  });
};

const logs: Record<string, unknown>[] = [];
let app: KitApp;

beforeAll(async () => {
  app = buildApp({
    service: { name: 'example', version: '1.0.0', errorPrefix: 'EXAMPLE', description: 'An example' },
    config: loadConfig(BaseConfigSchema, offlineEnv({ BODY_LIMIT_BYTES: '2048' })),
    connect: false,
    logger: { stream: { write: (line: string) => void logs.push(JSON.parse(line)) } },
    plugins: [exampleRoutes],
  });
  await app.ready();
});

afterAll(async () => {
  await app.close();
});

function problemOf(response: { headers: Record<string, unknown>; json: () => unknown }): Problem {
  expect(response.headers['content-type']).toBe(`${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
  return response.json() as Problem;
}

describe('errors are RFC 9457 problem+json', () => {
  it('rejects an unknown body field with a 400 naming the field', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/examples',
      payload: { name: 'Ada', email: 'ada@example.test', nickname: 'ada' },
    });
    expect(response.statusCode).toBe(400);
    expect(problemOf(response)).toMatchObject({
      status: 400,
      code: 'EXAMPLE_VALIDATION',
      errors: [{ in: 'body', pointer: '/nickname', message: 'unknown field "nickname"' }],
    });
  });

  it('points at a field of the wrong type or format, listing every bad field at once', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/examples',
      payload: { name: { first: 'Ada' }, email: 'not-an-email' },
    });
    expect(response.statusCode).toBe(400);
    const problem = problemOf(response);
    expect(problem.code).toBe('EXAMPLE_VALIDATION');
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { in: 'body', pointer: '/name', message: 'must be string' },
        { in: 'body', pointer: '/email', message: 'must match format "email"' },
      ]),
    );
    expect(problem.detail).toMatch(/^The request body is invalid: \/name must be string/);
  });

  it('points at a missing field where it should be', async () => {
    const response = await app.inject({ method: 'POST', url: '/examples', payload: { name: 'Ada' } });
    expect(problemOf(response).errors).toEqual([{ in: 'body', pointer: '/email', message: 'is required' }]);
  });

  it('names the allowed values of a union', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/examples',
      payload: { name: 'Ada', email: 'ada@example.test', role: 'boss' },
    });
    expect(problemOf(response).errors).toEqual([
      { in: 'body', pointer: '/role', message: 'must be one of "mentor", "mentee"' },
    ]);
  });

  it('never coerces a JSON body: a number where a string belongs is a 400', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/examples',
      payload: { name: 1, email: 'ada@example.test' },
    });
    expect(response.statusCode).toBe(400);
    expect(problemOf(response).errors).toEqual([{ in: 'body', pointer: '/name', message: 'must be string' }]);
  });

  it('validates the query string too, coercing what can be coerced', async () => {
    expect((await app.inject({ method: 'GET', url: '/examples?limit=5' })).json()).toEqual({ limit: 5 });
    const response = await app.inject({ method: 'GET', url: '/examples?limit=many&sort=name' });
    expect(response.statusCode).toBe(400);
    expect(problemOf(response).errors).toEqual([
      { in: 'query', pointer: '/sort', message: 'unknown field "sort"' },
      { in: 'query', pointer: '/limit', message: 'must be integer' },
    ]);
  });

  it('answers a defined error with its status, code, title and message', async () => {
    const response = await app.inject({ method: 'GET', url: '/examples/42' });
    expect(response.statusCode).toBe(404);
    expect(problemOf(response)).toEqual({
      type: 'urn:belong:problem:EXAMPLE_NOT_FOUND',
      title: 'Example not found',
      status: 404,
      code: 'EXAMPLE_NOT_FOUND',
      detail: 'No example with id 42',
      instance: response.headers['x-request-id'],
    });
  });

  it('passes an HttpError through with its own code and headers', async () => {
    const response = await app.inject({ method: 'GET', url: '/conflict' });
    expect(response.statusCode).toBe(409);
    expect(response.headers['x-hint']).toBe('pick another');
    expect(problemOf(response)).toMatchObject({ code: 'EXAMPLE_TAKEN', detail: 'That name is taken' });
  });

  it('keeps the detail of a 5xx HttpError, which was thrown on purpose, and logs it as a warning', async () => {
    const response = await app.inject({ method: 'GET', url: '/busy' });
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('60');
    const requestId = String(response.headers['x-request-id']);
    expect(problemOf(response)).toMatchObject({
      status: 503,
      code: 'EXAMPLE_BUSY',
      detail: 'The archive is being rebuilt: try again in a minute',
    });
    const lines = logs.filter((line) => line.reqId === requestId && Number(line.level) >= 40);
    expect(lines).toEqual([
      expect.objectContaining({ level: 40, msg: 'request refused', code: 'EXAMPLE_BUSY' }),
    ]);
    expect(lines[0]).not.toHaveProperty('err');
  });

  it('answers a record another request keeps busy with 503 BUSY and Retry-After, not 500', async () => {
    const response = await app.inject({ method: 'GET', url: '/record-busy' });
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('1');
    expect(problemOf(response)).toMatchObject({
      status: 503,
      code: 'EXAMPLE_BUSY',
      title: 'Record busy',
      detail: expect.stringContaining('retry in a second'),
    });
    expect(JSON.stringify(problemOf(response))).not.toContain('belong:test:lease');
  });

  it('hides an unexpected error from the client, quoting the request id, and logs it in full', async () => {
    const response = await app.inject({ method: 'GET', url: '/boom' });
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('hunter2');
    const requestId = String(response.headers['x-request-id']);
    expect(problemOf(response)).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      code: 'EXAMPLE_INTERNAL',
      detail: `Something went wrong on our side. Quote ${requestId} if you ask for help.`,
      instance: requestId,
    });
    const logged = logs.find((line) => line.reqId === requestId && line.level === 50);
    expect(logged).toMatchObject({ msg: 'request failed', err: { message: SECRET } });
  });

  it('answers an oversized body with 413', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/examples',
      payload: { name: 'x'.repeat(4096), email: 'ada@example.test' },
    });
    expect(response.statusCode).toBe(413);
    expect(problemOf(response)).toMatchObject({
      code: 'EXAMPLE_BODY_TOO_LARGE',
      detail: 'The request body is larger than the limit of 2048 bytes',
    });
  });

  it('answers malformed JSON with 400', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/examples',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": "Ada",',
    });
    expect(response.statusCode).toBe(400);
    expect(problemOf(response)).toMatchObject({ code: 'EXAMPLE_INVALID_BODY' });
  });

  it('rejects prototype poisoning instead of silently stripping it', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/examples',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": "Ada", "email": "ada@example.test", "__proto__": {"admin": true}}',
    });
    expect(response.statusCode).toBe(400);
    expect(problemOf(response).code).toBe('EXAMPLE_INVALID_BODY');
  });

  it('answers a body that is not JSON with 415', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/examples',
      headers: { 'content-type': 'text/plain' },
      payload: 'name=Ada',
    });
    expect(response.statusCode).toBe(415);
    expect(problemOf(response)).toMatchObject({ code: 'EXAMPLE_UNSUPPORTED_MEDIA_TYPE' });
  });

  it('answers a malformed URL, rejected before routing, the same way', async () => {
    const response = await app.inject({ method: 'GET', url: '/examples/%E0%A4%A' });
    expect(response.statusCode).toBe(400);
    expect(problemOf(response)).toMatchObject({ code: 'EXAMPLE_BAD_REQUEST' });
    expect(response.headers['x-request-id']).toBeDefined();
  });

  it('answers an unknown route with 404', async () => {
    const response = await app.inject({ method: 'GET', url: '/nowhere?token=abc' });
    expect(response.statusCode).toBe(404);
    expect(problemOf(response)).toMatchObject({
      code: 'EXAMPLE_ROUTE_NOT_FOUND',
      detail: 'No route for GET /nowhere',
    });
  });

  it('answers a method the path does not have with 405 and Allow, before reading any body', async () => {
    for (const method of ['DELETE', 'TRACE', 'OPTIONS', 'QUERY'] as const) {
      const response = await app.inject({ method: method as 'DELETE', url: '/examples/42?x=1' });
      expect([method, response.statusCode, response.headers.allow]).toEqual([method, 405, 'GET, HEAD']);
      expect(problemOf(response)).toMatchObject({ code: 'EXAMPLE_METHOD_NOT_ALLOWED' });
    }
    const examples = await app.inject({ method: 'PUT', url: '/examples' });
    expect([examples.statusCode, examples.headers.allow]).toEqual([405, 'GET, HEAD, POST']);
    // Each path answers for itself: a static route is its own resource, not an id of a parametric one.
    const verify = await app.inject({ method: 'DELETE', url: '/examples/verify' });
    expect([verify.statusCode, verify.headers.allow]).toEqual([405, 'POST']);
    // The path with a trailing slash is another path, which does not exist.
    expect((await app.inject({ method: 'GET', url: '/examples/42/' })).statusCode).toBe(404);
  });
});

describe('request ids', () => {
  it('keeps a sane incoming x-request-id, echoes it and logs every line of the request with it', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/examples/7',
      headers: { 'x-request-id': 'edge-42.a_b' },
    });
    expect(response.headers['x-request-id']).toBe('edge-42.a_b');
    expect(problemOf(response).instance).toBe('edge-42.a_b');
    const lines = logs.filter((line) => line.reqId === 'edge-42.a_b');
    expect(lines.map((line) => line.msg)).toEqual([
      'incoming request',
      'request rejected',
      'request completed',
    ]);
  });

  it('generates a UUID when the request has none', async () => {
    const response = await app.inject({ method: 'GET', url: '/health' });
    expect(response.headers['x-request-id']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
  });

  it.each([
    ['too long', 'a'.repeat(129)],
    ['with characters that could forge log lines', 'abc\r\nx-admin: yes'],
    ['with spaces', 'a b'],
  ])('replaces an incoming id %s', async (_why, incoming) => {
    const response = await app.inject({
      method: 'GET',
      url: '/health',
      headers: { 'x-request-id': incoming },
    });
    expect(response.headers['x-request-id']).not.toBe(incoming);
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('masks secret query parameters in the request log', async () => {
    await app.inject({
      method: 'GET',
      url: '/health?token=s3cr3t&page=2',
      headers: { 'x-request-id': 'masked-url' },
    });
    const incoming = logs.find((line) => line.reqId === 'masked-url' && line.msg === 'incoming request');
    expect(incoming).toMatchObject({ req: { url: '/health?token=***&page=2' } });
    expect(JSON.stringify(logs)).not.toContain('s3cr3t');
  });
});

describe('security headers', () => {
  it('sends helmet headers and a same-origin content security policy', async () => {
    const response = await app.inject({ method: 'GET', url: '/health' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });
});

describe('a server the service depends on cannot be reached', () => {
  // Real client errors, from real clients pointed at a port nobody listens on: what a request
  // meets while Redis or the database is down.
  let closedPort = 0;
  let down: KitApp;
  let redis: Redis;
  let mongo: InstanceType<typeof mongoose.mongo.MongoClient>;

  beforeAll(async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closedPort = (server.address() as AddressInfo).port;
    await new Promise((resolve) => server.close(resolve));
    redis = new Redis({
      host: '127.0.0.1',
      port: closedPort,
      maxRetriesPerRequest: 1,
      retryStrategy: () => 20,
    });
    redis.on('error', () => undefined);
    mongo = new mongoose.mongo.MongoClient(`mongodb://127.0.0.1:${closedPort}`, {
      serverSelectionTimeoutMS: 200,
    });
    down = buildApp({
      service: { name: 'example', version: '1.0.0', errorPrefix: 'EXAMPLE', description: 'Example' },
      config: loadConfig(BaseConfigSchema, offlineEnv({ PORT: '0', LOG_LEVEL: 'silent' })),
      connect: false,
      plugins: [
        async (instance: FastifyInstance) => {
          instance.get('/from-redis', async () => ({ value: await redis.get('k') }));
          instance.get('/from-mongo', async () => ({
            n: await mongo.db('x').collection('y').countDocuments(),
          }));
        },
      ],
    });
    await down.ready();
  });

  afterAll(async () => {
    await down?.close();
    redis?.disconnect();
    await mongo?.close();
  });

  it.each([
    ['Redis', '/from-redis'],
    ['the database', '/from-mongo'],
  ])('answers 503 UNAVAILABLE with Retry-After when %s is down, not 500', async (_what, url) => {
    const response = await down.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('2');
    expect(problemOf(response)).toMatchObject({
      status: 503,
      code: 'EXAMPLE_UNAVAILABLE',
      detail: expect.stringContaining('try again in a few seconds'),
    });
  });
});
