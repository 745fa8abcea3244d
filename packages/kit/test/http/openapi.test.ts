import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { OpenAPIV3_1 } from 'openapi-types';
import { parse } from 'yaml';
import {
  apiKeySecurity,
  BaseConfigSchema,
  buildApp,
  exportOpenApi,
  type KitApp,
  loadConfig,
  offlineEnv,
  ProblemRef,
  problemResponses,
  StrictObject,
  validateOpenApi,
} from '../../src/http/index.ts';

const kitDir = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

const ExampleSchema = Type.Object(
  { id: Type.String(), name: Type.String(), email: Type.String({ format: 'email' }) },
  { $id: 'Example', additionalProperties: false },
);

const exampleRoutes: FastifyPluginAsync = async (instance) => {
  const app = instance as KitApp;
  app.addSchema(ExampleSchema);
  app.post(
    '/examples',
    {
      schema: {
        tags: ['examples'],
        summary: 'Create an example',
        security: apiKeySecurity,
        body: StrictObject({ name: Type.String(), email: Type.String({ format: 'email' }) }),
        response: { 201: Type.Ref('Example'), ...problemResponses(400, 409) },
      },
    },
    async (request, reply) => reply.code(201).send({ id: '1', ...request.body }),
  );
  app.get(
    '/examples/:id',
    {
      schema: {
        tags: ['examples'],
        security: apiKeySecurity,
        params: StrictObject({ id: Type.String() }),
        response: { 200: Type.Ref('Example'), ...problemResponses(404) },
      },
    },
    async (request) => ({ id: request.params.id, name: 'Ada', email: 'ada@example.test' }),
  );
  app.post(
    '/examples/:id/archive',
    {
      schema: {
        tags: ['examples'],
        'x-body-optional': true,
        params: StrictObject({ id: Type.String() }),
        body: StrictObject({ reason: Type.Optional(Type.String()) }),
        response: { 200: Type.Object({ reason: Type.Union([Type.String(), Type.Null()]) }) },
      },
    },
    async (request) => ({ reason: request.body.reason ?? null }),
  );
  app.get(
    '/bare-problem',
    { schema: { response: { 204: Type.Null(), 409: ProblemRef } } },
    async (_request, reply) => reply.code(204).send(null),
  );
};

function build(): KitApp {
  return buildApp({
    service: {
      name: 'example',
      version: '1.2.3',
      errorPrefix: 'EXAMPLE',
      description: 'Examples, for testing the kit',
      tags: [{ name: 'examples', description: 'The examples' }],
    },
    config: loadConfig(BaseConfigSchema, offlineEnv()),
    connect: false,
    logger: false,
    plugins: [exampleRoutes],
  });
}

let app: KitApp;
let document: OpenAPIV3_1.Document;
beforeAll(async () => {
  app = build();
  document = (await app.inject({ method: 'GET', url: '/docs/json' })).json() as OpenAPIV3_1.Document;
});
afterAll(async () => {
  await app.close();
});

describe('the OpenAPI document at /docs/json', () => {
  it('is valid OpenAPI 3.1', async () => {
    expect(document.openapi).toBe('3.1.0');
    expect(await validateOpenApi(document)).toEqual({ valid: true, errors: [], warnings: [] });
  });

  it('names the service, its version and tags', () => {
    expect(document.info).toEqual({
      title: 'Belong example service',
      version: '1.2.3',
      description: 'Examples, for testing the kit',
    });
    expect(document.tags?.map((tag) => tag.name)).toEqual(['examples', 'health']);
  });

  it("documents a route's body, success and every error, errors referencing the shared Problem", () => {
    const post = document.paths?.['/examples']?.post;
    expect(post?.requestBody).toMatchObject({
      content: {
        'application/json': { schema: { additionalProperties: false, required: ['name', 'email'] } },
      },
    });
    expect(post?.responses?.['201']).toEqual({
      description: 'Created',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Example' } } },
    });
    expect(document.paths?.['/examples/{id}']?.get?.responses?.['200']).toMatchObject({ description: 'OK' });
    for (const status of ['400', '409']) {
      expect(post?.responses?.[status]).toEqual({
        description: status === '400' ? 'Bad Request' : 'Conflict',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      });
    }
    expect(document.paths?.['/examples/{id}']?.get?.responses?.['404']).toMatchObject({
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    });
    expect(document.components?.schemas?.Problem).toMatchObject({
      required: ['type', 'title', 'status', 'code'],
    });
  });

  it('lists the errors the kit answers for any route with inputs, declared or not', () => {
    const problem = {
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    };
    const get = document.paths?.['/examples/{id}']?.get?.responses ?? {};
    expect(Object.keys(get).sort()).toEqual(['200', '400', '404', '503']);
    expect(get['400']).toEqual({ description: 'Bad Request', ...problem });
    const post = document.paths?.['/examples']?.post?.responses ?? {};
    expect(Object.keys(post).sort()).toEqual(['201', '400', '409', '413', '415', '503']);
    expect(post['413']).toEqual({ description: 'Payload Too Large', ...problem });
    expect(post['415']).toEqual({ description: 'Unsupported Media Type', ...problem });
    // Load shedding: any route may be refused when the instance is overloaded, with Retry-After.
    expect(post['503']).toEqual({
      description: expect.stringContaining('MAX_IN_FLIGHT_REQUESTS'),
      headers: {
        'Retry-After': {
          schema: { type: 'integer', minimum: 0 },
          description: 'Seconds to wait before retrying',
        },
      },
      ...problem,
    });
    // No inputs: no 400, 413 or 415; 503 still.
    expect(Object.keys(document.paths?.['/bare-problem']?.get?.responses ?? {}).sort()).toEqual([
      '204',
      '409',
      '503',
    ]);
  });

  it('never lists the overload 503 on the probes, which are never refused', () => {
    for (const path of ['/health', '/ready']) {
      const responses = document.paths?.[path]?.get?.responses ?? {};
      expect(Object.keys(responses)).toContain('200');
      expect(responses['503']?.description ?? '').not.toContain('MAX_IN_FLIGHT_REQUESTS');
    }
  });

  it('documents an optional body as not required, and reads a missing one as {}', async () => {
    const archive = document.paths?.['/examples/{id}/archive']?.post;
    expect(archive?.requestBody).toMatchObject({ required: false });
    expect(archive).not.toHaveProperty('x-body-optional');
    expect(document.paths?.['/examples']?.post?.requestBody).toMatchObject({ required: true });
    const none = await app.inject({ method: 'POST', url: '/examples/1/archive' });
    expect([none.statusCode, none.json()]).toEqual([200, { reason: null }]);
    const json = { 'content-type': 'application/json' };
    const given = await app.inject({
      method: 'POST',
      url: '/examples/1/archive',
      headers: json,
      payload: '{"reason":"done"}',
    });
    expect(given.json()).toEqual({ reason: 'done' });
    // A JSON null is a body, and not an object.
    const nullBody = await app.inject({
      method: 'POST',
      url: '/examples/1/archive',
      headers: json,
      payload: 'null',
    });
    expect(nullBody.statusCode).toBe(400);
  });

  it('declares the API key scheme, and the routes that need it', () => {
    expect(document.components?.securitySchemes?.apiKey).toEqual({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'blg_…',
      description: 'An API key issued by Belong: `Authorization: Bearer blg_…`',
    });
    expect(document.paths?.['/examples']?.post?.security).toEqual([{ apiKey: [] }]);
  });

  it('serves an error declared with the bare Problem schema as problem+json', () => {
    expect(document.paths?.['/bare-problem']?.get?.responses?.['409']).toEqual({
      description: 'Conflict',
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    });
  });

  it('lists /health and /ready under the health tag', () => {
    expect(document.paths?.['/health']?.get?.tags).toEqual(['health']);
    expect(Object.keys(document.paths?.['/ready']?.get?.responses ?? {})).toEqual(['200', '503']);
  });
});

describe('the docs pages', () => {
  it('serves the same document as YAML at /docs/yaml', async () => {
    const response = await app.inject({ method: 'GET', url: '/docs/yaml' });
    expect(response.statusCode).toBe(200);
    expect(parse(response.body)).toEqual(document);
  });

  it('serves Swagger UI at /docs with assets its content security policy allows', async () => {
    const page = await app.inject({ method: 'GET', url: '/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('swagger-ui-bundle.js');
    // Every script is a file from our own origin: "script-src 'self'" lets the UI run.
    expect(page.body).not.toMatch(/<script>(?!\s*<\/script>)/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const bundle = await app.inject({ method: 'GET', url: '/docs/static/swagger-ui-bundle.js' });
    expect(bundle.statusCode).toBe(200);
    const initializer = await app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' });
    expect(initializer.body).toContain('./json');
  });
});

describe('exportOpenApi', () => {
  it('gives the same YAML, with a trailing newline, for every build of the same code', async () => {
    const other = build();
    const [first, second] = [await exportOpenApi(app), await exportOpenApi(other)];
    await other.close();
    expect(first).toBe(second);
    expect(first.endsWith('\n')).toBe(true);
    expect(first).not.toMatch(/[&*]a\d+/);
    expect(parse(first)).toEqual(document);
    const top = Object.keys(parse(first) as object);
    expect(top).toEqual(['openapi', 'info', 'tags', 'paths', 'components']);
    expect(Object.keys(parse(first).paths)).toEqual([...Object.keys(parse(first).paths)].sort());
  });
});

describe('the openapi script', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kit-openapi-'));
    // A service's app module, reduced to what the script needs.
    await writeFile(
      join(dir, 'app.ts'),
      `import { BaseConfigSchema, buildApp, loadConfig, offlineEnv } from ${JSON.stringify(join(kitDir, 'src/http/index.ts'))};
export async function buildForExport() {
  return buildApp({
    service: { name: 'demo', version: '0.0.1', errorPrefix: 'DEMO', description: 'Demo' },
    config: loadConfig(BaseConfigSchema, offlineEnv()),
    connect: false,
    logger: false,
  });
}
`,
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const script = (...args: string[]) =>
    run(process.execPath, [join(kitDir, 'scripts/openapi.ts'), ...args], { cwd: dir });
  const args = ['--service', 'demo', '--app', 'app.ts', '--out', 'api/demo.openapi.yaml'];

  it('exports the document, then finds it up to date', async () => {
    await script('export', ...args);
    const written = await readFile(join(dir, 'api/demo.openapi.yaml'), 'utf8');
    expect(parse(written)).toMatchObject({ info: { title: 'Belong demo service' } });
    await expect(script('check', ...args)).resolves.toBeDefined();
  });

  it('fails the check with one line when the committed file differs', async () => {
    await writeFile(join(dir, 'api/demo.openapi.yaml'), 'openapi: 3.1.0\n');
    const failure = await script('check', ...args).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr.trim()).toBe(
      'api/demo.openapi.yaml is out of date: run pnpm --filter @belong/demo openapi:export',
    );
  });

  it('explains how to call it when arguments are missing', async () => {
    const failure = await script('check', '--service', 'demo').then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toContain('usage: node packages/kit/scripts/openapi.ts export|check');
  });
});
