import {
  type BuildAppOptions,
  buildApp,
  type KitApp,
  loadConfig,
  offlineEnv,
  type ServiceInfo,
} from '@belong/kit';
import { type NotificationConfig, NotificationConfigSchema } from './config.ts';

export const service: ServiceInfo = {
  name: 'notification',
  version: '0.1.0',
  errorPrefix: 'NOTIF',
  description:
    'Emails over SMTP (HTML and text), preferences and one-click unsubscribe, the delivery log and signed webhooks.',
};

/** The notification service: composition only; server.ts runs it. */
export function buildNotificationApp(
  config: NotificationConfig,
  options: Partial<BuildAppOptions> = {},
): KitApp {
  return buildApp({ service, config, ...options });
}

/** For the OpenAPI export: every route, no server connections. */
export async function buildForExport(): Promise<KitApp> {
  return buildNotificationApp(loadConfig(NotificationConfigSchema, offlineEnv()), {
    connect: false,
    logger: false,
  });
}
