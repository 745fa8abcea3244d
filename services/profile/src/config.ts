import { BaseConfigSchema } from '@belong/kit';
import { type Static, Type } from '@sinclair/typebox';

/** Every variable the profile service reads; validated once at start (see .env.example). */
export const ProfileConfigSchema = Type.Object({
  ...BaseConfigSchema.properties,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3001 }),
  VERIFY_URL: Type.Optional(
    Type.String({
      pattern: '^https?://',
      description: 'the page the confirmation link opens (default: PUBLIC_URL + /verify)',
    }),
  ),
  VERIFICATION_TTL_HOURS: Type.Integer({ minimum: 1, maximum: 720, default: 72 }),
  MANAGE_TOKEN_TTL_DAYS: Type.Integer({ minimum: 1, maximum: 365, default: 30 }),
  RESEND_INTERVAL_SECONDS: Type.Integer({ minimum: 1, maximum: 86400, default: 60 }),
});
export type ProfileConfig = Static<typeof ProfileConfigSchema>;
