import { apiKeyRoutes, defineService, type KitApp } from '@belong/kit';
import { ProfileConfigSchema } from './config.ts';
import { programmeRoutes } from './programmes/routes.ts';

/** Profile issues the API keys (programmes live here); every service verifies them. */
async function apiKeys(app: KitApp): Promise<void> {
  await app.register(apiKeyRoutes, {
    connection: app.mongo,
    redis: app.redis,
    syncRegistry: app.kit.connect,
  });
}

/** The profile service: composition only; server.ts runs it. */
export const {
  service,
  build: buildProfileApp,
  buildForExport,
} = defineService(
  {
    name: 'profile',
    version: '0.1.0',
    errorPrefix: 'PROFILE',
    description:
      'Programmes, questionnaires, mentee and mentor profiles, email verification (double opt-in), consent and GDPR requests.',
    tags: [
      { name: 'api-keys', description: 'API keys for integrators: create (shown once), list, revoke' },
      {
        name: 'programmes',
        description: 'Mentoring programmes: create, read (by id or slug), change settings and status, list',
      },
    ],
  },
  ProfileConfigSchema,
  () => [apiKeys, programmeRoutes],
);
