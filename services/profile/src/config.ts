import { BaseConfigSchema } from '@belong/kit';
import { type Static, Type } from '@sinclair/typebox';

/** Every variable the profile service reads; validated once at start (see .env.example). */
export const ProfileConfigSchema = Type.Object({
  ...BaseConfigSchema.properties,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3001 }),
});
export type ProfileConfig = Static<typeof ProfileConfigSchema>;
