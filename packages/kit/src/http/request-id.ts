import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import fp from 'fastify-plugin';

export const REQUEST_ID_HEADER = 'x-request-id';

// Bounded and plain, because the id lands in log lines and response headers: a caller's id is
// kept only if it cannot smuggle anything into either.
const SANE_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * fastify's `genReqId`: the caller's `x-request-id` when it is sane (so a request can be followed
 * across services and proxies), else a fresh UUID. fastify logs it as `reqId` on every line.
 */
export function requestId(request: IncomingMessage): string {
  const header = request.headers[REQUEST_ID_HEADER];
  const incoming = Array.isArray(header) ? header[0] : header;
  return incoming !== undefined && SANE_ID.test(incoming) ? incoming : randomUUID();
}

/** Echoes the id on every response, errors and 404s included, so a client can quote it. */
export const requestIdHeader = fp(
  async (app) => {
    app.addHook('onRequest', async (request, reply) => {
      reply.header(REQUEST_ID_HEADER, request.id);
    });
  },
  { name: 'belong-request-id', fastify: '5.x' },
);
