import { createServiceApp } from '@belong/kit';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';

export const service = { name: 'notification', version: '0.1.0' } as const;

/** The notification service: emails over SMTP, preferences, unsubscribe, delivery log, webhooks. Composition only; see server.ts for the process. */
export function buildApp(options: Pick<FastifyServerOptions, 'logger'> = {}): FastifyInstance {
  return createServiceApp(service, options);
}
