import { createServiceApp } from '@belong/kit';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';

export const service = { name: 'profile', version: '0.1.0' } as const;

/** The profile service: programmes, questionnaires, profiles, email verification, consent, GDPR. Composition only; see server.ts for the process. */
export function buildApp(options: Pick<FastifyServerOptions, 'logger'> = {}): FastifyInstance {
  return createServiceApp(service, options);
}
