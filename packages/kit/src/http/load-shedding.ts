import fp from 'fastify-plugin';
import { HttpError } from '../http-error.ts';

export interface LoadSheddingOptions {
  /** Error-code prefix of the service, e.g. `PROFILE`. */
  prefix: string;
  /** Requests this instance works on at once; the next one is refused at once with 503. */
  maxInFlight: number;
}

/** Never refused: probes and metrics must answer most of all when the instance is busy. */
export const LOAD_SHEDDING_EXEMPT: readonly string[] = ['/health', '/ready', '/metrics'];

/**
 * Refuses work the instance cannot take rather than queueing it without bound. Measured without
 * it: 20 sign-ups a second against one profile instance on FerretDB queued thousands of requests
 * on the database pool, the process grew to 924 MB, and for over a minute not one sign-up
 * completed. With a cap, the requests over it get an immediate 503 problem+json with
 * Retry-After (clients and load balancers back off or try another instance) and the ones
 * admitted finish at the speed the database allows. Probes and metrics are never refused.
 */
export const loadShedding = fp<LoadSheddingOptions>(
  async (app, { prefix, maxInFlight }) => {
    let inFlight = 0;
    const counted = new WeakSet<object>();
    const done = (request: object) => {
      if (counted.delete(request)) inFlight--;
    };
    app.addHook('onRequest', async (request, reply) => {
      const url = request.url.split('?')[0] ?? '';
      if (LOAD_SHEDDING_EXEMPT.includes(url)) return;
      if (inFlight >= maxInFlight) {
        reply.header('retry-after', '1');
        throw new HttpError(
          503,
          `${prefix}_OVERLOADED`,
          `This instance is working on ${maxInFlight} requests already. Retry in a second.`,
        );
      }
      inFlight++;
      counted.add(request);
    });
    app.addHook('onResponse', async (request) => done(request));
    app.addHook('onRequestAbort', async (request) => done(request));
  },
  { name: 'belong-load-shedding', fastify: '5.x' },
);
