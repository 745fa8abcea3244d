import { loadConfig } from '@belong/kit';
import { describeServiceReadiness } from '@belong/kit/testing';
import { buildProfileApp, service } from '../src/app.ts';
import { ProfileConfigSchema } from '../src/config.ts';

describeServiceReadiness(service, (env) =>
  buildProfileApp(loadConfig(ProfileConfigSchema, env), { logger: false }),
);
