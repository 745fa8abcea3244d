import {
  type BuildAppOptions,
  buildApp,
  type KitApp,
  loadConfig,
  offlineEnv,
  type ServiceInfo,
} from '@belong/kit';
import { type MatchingConfig, MatchingConfigSchema } from './config.ts';

export const service: ServiceInfo = {
  name: 'matching',
  version: '0.1.0',
  errorPrefix: 'MATCH',
  description:
    'The candidate pool, explained scoring, instant / mentee-choice / cohort-round assignment, the match lifecycle and reports.',
};

/** The matching service: composition only; server.ts runs it. */
export function buildMatchingApp(config: MatchingConfig, options: Partial<BuildAppOptions> = {}): KitApp {
  return buildApp({ service, config, ...options });
}

/** For the OpenAPI export: every route, no server connections. */
export async function buildForExport(): Promise<KitApp> {
  return buildMatchingApp(loadConfig(MatchingConfigSchema, offlineEnv()), { connect: false, logger: false });
}
