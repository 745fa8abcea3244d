import { IdSchema, PageQuerySchema, PageSchema, type Problem } from '@belong/contracts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import { HttpError } from '../http-error.ts';
import { type Scope, scopes } from '../principal.ts';
import { generateApiKey, KEY_ID_PATTERN } from './api-key.ts';
import { publishApiKey, readLastUsed, revokeApiKeyInRegistry, syncApiKeyRegistry } from './registry.ts';
import { type ApiKeyRecord, createApiKeyRepository } from './repository.ts';

export interface ApiKeyRoutesOptions {
  /** The issuing service's database connection (collection `api_keys`). */
  connection: Connection;
  /** The shared Redis holding the key registry. */
  redis: Redis;
  /** Default: the auth plugin's (`app.apiKeys.keyPrefix`). */
  keyPrefix?: string | undefined;
  /** Rebuild the Redis registry from the collection while the plugin loads (default true). */
  syncRegistry?: boolean | undefined;
}

const ProblemRef = Type.Unsafe<Problem>({ $ref: 'Problem#' });
const errors = { 400: ProblemRef, 401: ProblemRef, 403: ProblemRef, 404: ProblemRef };

export const ScopeSchema = Type.Unsafe<Scope>({
  type: 'string',
  enum: [...scopes],
  description: 'A permission',
});

export const CreateApiKeyBodySchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, description: 'Who or what uses the key' }),
    scopes: Type.Array(ScopeSchema, { minItems: 1, maxItems: scopes.length, uniqueItems: true }),
    programmeId: Type.Optional(
      Type.Union([IdSchema, Type.Null()], {
        description:
          'The one programme the key may act on; required unless the scopes include admin (then null or left out)',
      }),
    ),
  },
  {
    additionalProperties: false,
    // An admin key acts on every programme; any other key on exactly one.
    if: { properties: { scopes: { contains: { const: 'admin' } } } },
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then/else, never awaited
    then: { properties: { programmeId: { type: 'null' } } },
    else: { required: ['programmeId'], properties: { programmeId: { type: 'string' } } },
  },
);
export type CreateApiKeyBody = Static<typeof CreateApiKeyBodySchema>;

export const CreatedApiKeySchema = Type.Object(
  {
    id: Type.String({ description: 'The keyId: public, names the key' }),
    key: Type.String({ description: 'The whole key, `blg_<id>_<secret>`: shown this once, never again' }),
    name: Type.String(),
    scopes: Type.Array(ScopeSchema),
    programmeId: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);

export const ApiKeySummarySchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    scopes: Type.Array(ScopeSchema),
    programmeId: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
    createdBy: Type.String({ description: 'keyId of the creating key, or `bootstrap`' }),
    lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
      description: 'Best effort, to the minute',
    }),
    revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { additionalProperties: false },
);
export type ApiKeySummary = Static<typeof ApiKeySummarySchema>;

const IdParamsSchema = Type.Object({ id: IdSchema }, { additionalProperties: false });
const security = [{ apiKey: [] }];

function validation(pointer: string, inPart: 'body' | 'query', message: string): HttpError {
  return new HttpError(400, 'BELONG_VALIDATION', message, { errors: [{ in: inPart, pointer, message }] });
}

function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!KEY_ID_PATTERN.test(id)) throw validation('/cursor', 'query', 'cursor is not a cursor from this list');
  return id;
}

function summary(record: ApiKeyRecord, lastUsedAt: Date | null): ApiKeySummary {
  return {
    id: record._id,
    name: record.name,
    scopes: record.scopes,
    programmeId: record.programmeId,
    createdAt: record.createdAt.toISOString(),
    createdBy: record.createdBy,
    lastUsedAt: lastUsedAt ? lastUsedAt.toISOString() : null,
    revokedAt: record.revokedAt ? record.revokedAt.toISOString() : null,
  };
}

/**
 * `POST/GET /api-keys`, `DELETE /api-keys/:id` (admin scope), for the service that issues keys.
 * Register after `authPlugin`. Not wrapped in fastify-plugin, so `prefix` applies.
 */
export const apiKeyRoutes: FastifyPluginAsync<ApiKeyRoutesOptions> = async (instance, options) => {
  if (!instance.hasDecorator('requireScope')) throw new Error('apiKeyRoutes: register authPlugin first');
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { redis } = options;
  const keyPrefix = options.keyPrefix ?? app.apiKeys.keyPrefix;
  const repo = createApiKeyRepository(options.connection);
  if (options.syncRegistry !== false) await syncApiKeyRegistry(repo, redis, { keyPrefix });
  const admin = app.requireScope('admin');

  app.post(
    '/api-keys',
    {
      onRequest: admin,
      schema: {
        tags: ['api-keys'],
        security,
        summary: 'Create an API key',
        description:
          'Creates a key with the given scopes, bound to one programme (or to none: admin keys only). ' +
          'The response holds the whole key: it is shown this once and cannot be read again. Needs the admin scope.',
        body: CreateApiKeyBodySchema,
        response: { 201: CreatedApiKeySchema, ...errors },
      },
    },
    async (request, reply) => {
      const { name, scopes: wanted } = request.body;
      const programmeId = request.body.programmeId ?? null;
      const generated = generateApiKey();
      const record: ApiKeyRecord = {
        _id: generated.keyId,
        name,
        secretHash: generated.secretHash,
        scopes: wanted,
        programmeId,
        createdAt: new Date(),
        createdBy: request.principal?.kind === 'api-key' ? request.principal.keyId : 'unknown',
      };
      await repo.insert(record);
      try {
        await publishApiKey(redis, record, { keyPrefix });
      } catch (error) {
        // Nobody ever saw this key: make sure a later registry sync does not publish it live.
        await repo.revoke(record._id, new Date()).catch(() => undefined);
        throw error;
      }
      request.log.info({ keyId: record._id, scopes: wanted, programmeId }, 'api key created');
      reply.code(201).header('cache-control', 'no-store');
      return {
        id: record._id,
        key: generated.key,
        name,
        scopes: wanted,
        programmeId,
        createdAt: record.createdAt.toISOString(),
      };
    },
  );

  app.get(
    '/api-keys',
    {
      onRequest: admin,
      schema: {
        tags: ['api-keys'],
        security,
        summary: 'List API keys',
        description:
          'Every key, revoked ones included, in id order, without secrets or hashes. ' +
          'Pass `nextCursor` as `cursor` for the next page. Needs the admin scope.',
        querystring: PageQuerySchema,
        response: { 200: PageSchema(ApiKeySummarySchema), ...errors },
      },
    },
    async (request) => {
      const { cursor } = request.query;
      // ajv applies the schema default, so limit is set; the type cannot know that.
      const limit = request.query.limit ?? 50;
      const after = decodeCursor(cursor);
      const records = await repo.list({ limit: limit + 1, ...(after === undefined ? {} : { after }) });
      const page = records.slice(0, limit);
      const lastUsed = await readLastUsed(
        redis,
        page.map((r) => r._id),
        { keyPrefix },
      );
      const last = page[page.length - 1];
      return {
        items: page.map((record, i) => summary(record, lastUsed[i] ?? null)),
        nextCursor:
          records.length > limit && last ? Buffer.from(last._id, 'utf8').toString('base64url') : null,
      };
    },
  );

  app.delete(
    '/api-keys/:id',
    {
      onRequest: admin,
      schema: {
        tags: ['api-keys'],
        security,
        summary: 'Revoke an API key',
        description:
          'Revokes the key on every service within 5 seconds (their caches). Idempotent: revoking a ' +
          'revoked key is 204 again. Needs the admin scope.',
        params: IdParamsSchema,
        response: { 204: Type.Null({ description: 'Revoked' }), ...errors },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const record = KEY_ID_PATTERN.test(id) ? await repo.revoke(id, new Date()) : null;
      if (!record) throw new HttpError(404, 'API_KEY_NOT_FOUND', `No API key ${id}`, { title: 'Not found' });
      await revokeApiKeyInRegistry(redis, record, { keyPrefix });
      app.apiKeys.forget(id);
      request.log.info({ keyId: id }, 'api key revoked');
      return reply.code(204).send(null);
    },
  );
};
