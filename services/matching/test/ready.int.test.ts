import { loadConfig } from '@belong/kit';
import { describeServiceReadiness } from '@belong/kit/testing';
import { buildMatchingApp, service } from '../src/app.ts';
import { MatchingConfigSchema } from '../src/config.ts';

describeServiceReadiness(service, (env) =>
  buildMatchingApp(loadConfig(MatchingConfigSchema, env), { logger: false }),
);
