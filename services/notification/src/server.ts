import { loadConfigOrExit, runService } from '@belong/kit';
import { buildNotificationApp } from './app.ts';
import { NotificationConfigSchema } from './config.ts';

const config = loadConfigOrExit(NotificationConfigSchema, 'notification');
await runService(() => buildNotificationApp(config), config);
