import { loadConfig } from '@belong/kit';
import { describeServiceReadiness } from '@belong/kit/testing';
import { buildNotificationApp, service } from '../src/app.ts';
import { NotificationConfigSchema } from '../src/config.ts';

describeServiceReadiness(service, (env) =>
  buildNotificationApp(loadConfig(NotificationConfigSchema, env), { logger: false }),
);
