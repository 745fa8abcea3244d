import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError } from '../http-error.ts';
import type { Principal } from '../principal.ts';

export interface RateLimitOptions {
  prefix: string;
  perMinute: number;
  /** Redis key prefix of the counters, e.g. `belong:rate-limit:profile:`. */
  nameSpace: string;
}

/** Infrastructure routes: probes and scrapers must never be throttled, nor the docs. */
const EXEMPT = ['/health', '/ready', '/metrics', '/docs'];

function exempt(request: FastifyRequest): boolean {
  const route = request.routeOptions.url ?? '';
  return EXEMPT.some((path) => route === path || route.startsWith(`${path}/`));
}

/** One budget per API key when the caller has one (many clients can share an IP), else per IP. */
export function rateLimitKey(request: FastifyRequest): string {
  const principal: Principal | undefined = request.principal;
  return principal?.kind === 'api-key' ? `key:${principal.keyId}` : `ip:${request.ip}`;
}

/**
 * RATE_LIMIT_PER_MINUTE requests per key per minute, counted in the shared Redis so every
 * instance of a service draws on the same budget. Over it: 429 problem+json with Retry-After and
 * the x-ratelimit-* headers (those also come on every counted response).
 *
 * ORDERING: the limiter must see `request.principal`, which the auth plugin sets. It runs as a
 * route-level `preHandler`, appended to each route by @fastify/rate-limit's onRoute hook, and
 * route-level hooks run after every instance-level hook. So auth works if it sets the principal
 * in an `onRequest` hook (recommended) or in an instance-level `preHandler` (`app.addHook`), or
 * in a route's own `preHandler` option. What does NOT work: an auth plugin adding its
 * preHandler to routes from its own onRoute hook (it would be appended after the limiter).
 * Consequence of running late: a request rejected before its handler chain (401, 400 schema
 * errors, 413) does not spend budget. Routes can opt out with `config: { rateLimit: false }`.
 *
 * Redis errors do not fail requests (skipOnError): a Redis outage shows in /ready, and being
 * briefly unthrottled is better than being down.
 */
export const rateLimiting = fp<RateLimitOptions>(
  async (app, { prefix, perMinute, nameSpace }) => {
    await app.register(rateLimit, {
      global: true,
      hook: 'preHandler',
      max: perMinute,
      timeWindow: 60_000,
      redis: app.redis,
      nameSpace,
      skipOnError: true,
      keyGenerator: rateLimitKey,
      allowList: (request) => exempt(request),
      errorResponseBuilder: (_request, context) =>
        new HttpError(
          context.statusCode,
          `${prefix}_RATE_LIMITED`,
          `Too many requests: the limit is ${context.max} per minute. Retry in ${context.after}.`,
        ),
    });
  },
  { name: 'belong-rate-limit', fastify: '5.x', dependencies: ['belong-redis'] },
);
