import { BaseConfigSchema } from '@belong/kit';
import { type Static, Type } from '@sinclair/typebox';

/** Every variable the matching service reads; validated once at start (see .env.example). */
export const MatchingConfigSchema = Type.Object({
  ...BaseConfigSchema.properties,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3002 }),
  SWEEP_INTERVAL_MS: Type.Integer({
    minimum: 100,
    maximum: 3_600_000,
    default: 30_000,
    description: 'how often proposals past their expiry are expired (and places reconciled)',
  }),
});
export type MatchingConfig = Static<typeof MatchingConfigSchema>;
