import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';

export interface ServiceIdentity {
  /** `profile`, `matching` or `notification`. */
  name: string;
  version: string;
}

/**
 * Composes a service's fastify instance; importing or calling this never listens.
 * For now: structured logs and `GET /health`. The kit issue grows this into the full
 * factory (OpenAPI, errors, readiness, auth, metrics).
 */
export function createServiceApp(
  service: ServiceIdentity,
  options: Pick<FastifyServerOptions, 'logger'> = {},
): FastifyInstance {
  const app = Fastify({ logger: options.logger ?? false });
  app.get('/health', async () => ({ status: 'ok', service: service.name, version: service.version }));
  return app;
}
