import { apiKeyRoutes, defineService, type KitApp, publicUrl } from '@belong/kit';
import { ProfileConfigSchema } from './config.ts';
import { peoplePages } from './pages/index.ts';
import { profileRoutes } from './profiles/routes.ts';
import { ProfileSchema } from './profiles/schemas.ts';
import { programmeRoutes } from './programmes/routes.ts';
import { questionnaireRoutes, SharedQuestionnaireSchema } from './questionnaires/routes.ts';

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
    schemas: [SharedQuestionnaireSchema, ProfileSchema],
    tags: [
      { name: 'api-keys', description: 'API keys for integrators: create (shown once), list, revoke' },
      {
        name: 'programmes',
        description: 'Mentoring programmes: create, read (by id or slug), change settings and status, list',
      },
      {
        name: 'questionnaires',
        description: 'Versioned questionnaires per programme and role: read, list versions, publish',
      },
      {
        name: 'profiles',
        description: 'Sign up with the questionnaire, new confirmation links, the coordinator’s search',
      },
      {
        name: 'self-service',
        description:
          'A person’s own profile through the link in their emails (or an API key): confirm, read, change, pause, withdraw, export, erase',
      },
    ],
  },
  ProfileConfigSchema,
  (config) => {
    const profileOptions = {
      verifyUrl: config.VERIFY_URL ?? `${publicUrl(config)}/verify`,
      verificationTtlSeconds: config.VERIFICATION_TTL_HOURS * 3600,
      manageTokenTtlSeconds: config.MANAGE_TOKEN_TTL_DAYS * 24 * 3600,
      resendIntervalSeconds: config.RESEND_INTERVAL_SECONDS,
      redisKeyPrefix: config.REDIS_KEY_PREFIX,
    };
    return [
      apiKeys,
      programmeRoutes,
      questionnaireRoutes,
      profileRoutes(profileOptions),
      peoplePages(profileOptions),
    ];
  },
);
