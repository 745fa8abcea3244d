import { BaseConfigSchema } from '@belong/kit';
import { type Static, Type } from '@sinclair/typebox';

/** Every variable the notification service reads; validated once at start (see .env.example). */
export const NotificationConfigSchema = Type.Object({
  ...BaseConfigSchema.properties,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3003 }),
});
export type NotificationConfig = Static<typeof NotificationConfigSchema>;
