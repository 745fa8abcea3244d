import { defineService } from '@belong/kit';
import { NotificationConfigSchema } from './config.ts';

/** The notification service: composition only; server.ts runs it. */
export const {
  service,
  build: buildNotificationApp,
  buildForExport,
} = defineService(
  {
    name: 'notification',
    version: '0.1.0',
    errorPrefix: 'NOTIF',
    description:
      'Emails over SMTP (HTML and text), preferences and one-click unsubscribe, the delivery log and signed webhooks.',
  },
  NotificationConfigSchema,
);
