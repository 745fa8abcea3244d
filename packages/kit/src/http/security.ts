import helmet from '@fastify/helmet';
import fp from 'fastify-plugin';

/**
 * Security headers on every response. The CSP is helmet's default (self only, no inline
 * scripts) with two changes for Swagger UI at /docs: inline styles are allowed (the UI sets
 * style attributes) and `upgrade-insecure-requests` is dropped, because it makes browsers fetch
 * the UI's assets over https from a service running on plain http in development (TLS, where
 * there is any, ends at the proxy in front of us).
 *
 * The other request hardening is in fastify's own options (see app.ts): bodyLimit, and prototype
 * and constructor poisoning in JSON bodies rejected as errors rather than stripped.
 */
export const security = fp(
  async (app) => {
    await app.register(helmet, {
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'font-src': ["'self'", 'data:'],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          'upgrade-insecure-requests': null,
        },
      },
    });
  },
  { name: 'belong-security', fastify: '5.x' },
);
