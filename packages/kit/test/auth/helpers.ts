import { randomBytes } from 'node:crypto';
import { ProblemSchema } from '@belong/contracts';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import { apiKeyRoutes, authPlugin } from '../../src/auth/index.ts';
import { HttpError } from '../../src/http-error.ts';

export const randomSecret = (): string => randomBytes(24).toString('base64url');

export interface AuthTestAppOptions {
  redis: Redis;
  signingSecret: string;
  adminApiKey?: string;
  keyPrefix?: string;
  cacheMs?: number;
  now?: () => number;
  /** When given, mounts the API key routes (the issuing service). */
  connection?: Connection;
}

/**
 * A bare fastify with the auth plugin, a stand-in error handler (HttpError → problem details
 * `{type, title, status, code, detail}` and its headers) and a few guarded routes to exercise the hooks.
 */
export async function buildAuthTestApp(options: AuthTestAppOptions): Promise<FastifyInstance> {
  // buildApp is expected to reject unknown body properties rather than strip them.
  const app = Fastify({ logger: false, ajv: { customOptions: { removeAdditional: false } } });
  app.addSchema(ProblemSchema);
  // Stand-in for buildApp's handler: HttpError → problem details with its status, code and headers.
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const problem = (status: number, code: string, title: string, detail: string) =>
      reply
        .code(status)
        .type('application/problem+json')
        .send({ type: 'about:blank', title, status, code, detail });
    if (error instanceof HttpError) {
      if (error.headers) reply.headers(error.headers);
      return problem(error.status, error.code, error.title ?? 'Error', error.message);
    }
    if (error.validation) return problem(400, 'BELONG_VALIDATION', 'Invalid request', error.message);
    return problem(error.statusCode ?? 500, 'INTERNAL', 'Internal error', error.message);
  });
  await app.register(authPlugin, {
    redis: options.redis,
    signingSecret: options.signingSecret,
    adminApiKey: options.adminApiKey,
    keyPrefix: options.keyPrefix,
    cacheMs: options.cacheMs,
    ...(options.now ? { now: options.now } : {}),
  });
  if (options.connection) {
    await app.register(apiKeyRoutes, { connection: options.connection, redis: options.redis });
  }

  const programme = (request: { params: unknown }) =>
    (request.params as { programmeId?: string }).programmeId;
  app.get(
    '/programmes/:programmeId/profiles',
    { onRequest: app.requireScope('profiles:read', { programme }) },
    async (request) => ({ principal: request.principal }),
  );
  app.post(
    '/programmes/:programmeId/profiles',
    { onRequest: app.requireScope('profiles:write', { programme }) },
    async (request) => ({ principal: request.principal }),
  );
  app.get('/programmes', { preHandler: app.requireScope('programmes:read') }, async (request) => ({
    principal: request.principal,
  }));
  app.post(
    '/matches/:matchId/response',
    {
      onRequest: app.requireToken('respond-match', {
        resource: (request) => (request.params as { matchId?: string }).matchId,
      }),
    },
    async (request) => ({ principal: request.principal }),
  );
  app.post(
    '/verify-email',
    { onRequest: app.requireToken('verify-email', { singleUse: true }) },
    async (request) => ({
      principal: request.principal,
    }),
  );
  app.get(
    '/profiles/:profileId/self',
    {
      onRequest: app.requireToken('manage-profile', {
        profile: (request) => (request.params as { profileId?: string }).profileId,
      }),
    },
    async (request) => ({ principal: request.principal }),
  );
  await app.ready();
  return app;
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

/** A Redis stand-in that throws if anything calls it: proves a path never reaches Redis. */
export function untouchableRedis(): Redis {
  return new Proxy(
    {},
    {
      get(_target, property) {
        if (property === 'then') return undefined;
        throw new Error(`Redis was touched: ${String(property)}`);
      },
    },
  ) as Redis;
}
