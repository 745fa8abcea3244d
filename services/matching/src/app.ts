import { createServiceApp } from '@belong/kit';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';

export const service = { name: 'matching', version: '0.1.0' } as const;

/** The matching service: candidate pool, scoring, assignment, match lifecycle, reports. Composition only; see server.ts for the process. */
export function buildApp(options: Pick<FastifyServerOptions, 'logger'> = {}): FastifyInstance {
  return createServiceApp(service, options);
}
