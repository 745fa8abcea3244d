import {
  apiKeyRoutes,
  type BuildAppOptions,
  buildApp,
  type KitApp,
  loadConfig,
  offlineEnv,
  type ServiceInfo,
} from '@belong/kit';
import { type ProfileConfig, ProfileConfigSchema } from './config.ts';

export const service: ServiceInfo = {
  name: 'profile',
  version: '0.1.0',
  errorPrefix: 'PROFILE',
  description:
    'Programmes, questionnaires, mentee and mentor profiles, email verification (double opt-in), consent and GDPR requests.',
  tags: [{ name: 'api-keys', description: 'API keys for integrators: create (shown once), list, revoke' }],
};

/** The profile service: composition only; server.ts runs it. */
export function buildProfileApp(config: ProfileConfig, options: Partial<BuildAppOptions> = {}): KitApp {
  return buildApp({
    service,
    config,
    ...options,
    plugins: [
      // Profile issues the API keys (programmes live here); every service verifies them.
      async (app: KitApp) => {
        await app.register(apiKeyRoutes, {
          connection: app.mongo,
          redis: app.redis,
          syncRegistry: app.kit.connect,
        });
      },
      ...(options.plugins ?? []),
    ],
  });
}

/** For the OpenAPI export: every route, no server connections. */
export async function buildForExport(): Promise<KitApp> {
  return buildProfileApp(loadConfig(ProfileConfigSchema, offlineEnv()), { connect: false, logger: false });
}
