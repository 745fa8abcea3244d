import { BaseConfigSchema } from '@belong/kit';
import { type Static, Type } from '@sinclair/typebox';

/** Every variable the matching service reads; validated once at start (see .env.example). */
export const MatchingConfigSchema = Type.Object({
  ...BaseConfigSchema.properties,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3002 }),
});
export type MatchingConfig = Static<typeof MatchingConfigSchema>;
