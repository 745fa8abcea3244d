/**
 * Who is calling. Set on `request.principal` by the auth plugin; read by handlers, the rate
 * limiter (one bucket per key) and the logs.
 */
export const scopes = [
  'admin',
  'programmes:read',
  'programmes:write',
  'profiles:read',
  'profiles:write',
  'matches:read',
  'matches:write',
  'notifications:read',
  'notifications:write',
] as const;
export type Scope = (typeof scopes)[number];

export type Principal =
  /** An API key: its scopes, and the one programme it is bound to (null: every programme, admin only). */
  | { kind: 'api-key'; keyId: string; scopes: Scope[]; programmeId: string | null }
  /** A signed link from an email: one person, one action, maybe one resource (a match). */
  | { kind: 'self-service'; tokenId: string; profileId: string; action: string; resourceId?: string };

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}
