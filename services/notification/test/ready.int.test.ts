import { loadConfig } from '@belong/kit';
import { describeServiceReadiness } from '@belong/kit/testing';
import { buildNotificationApp, service } from '../src/app.ts';
import { NotificationConfigSchema } from '../src/config.ts';

// SMTP is not a readiness check: a mail server that is down delays mail, it does not make the
// service unready (emails wait as pending records and are retried).
const run = `t.notification_ready.${Date.now().toString(36)}.`;
describeServiceReadiness(service, (env) =>
  buildNotificationApp(
    loadConfig(NotificationConfigSchema, {
      SMTP_URL: 'smtp://127.0.0.1:9',
      ...env,
    }),
    // Its own topics, so the consumers do not read the shared ones' history.
    { logger: false, events: { topicName: (t) => `${run}${t}`, groupName: (g) => `${run}${g}` } },
  ),
);
