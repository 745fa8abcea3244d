// The coordinator's sign-in session.
//
// Why a session id in Redis rather than the API key in a cookie: the key is a long-lived
// credential that also works on the API of every service; a cookie holding it would be sent with
// every page request, could end up in a proxy log or a browser profile, and signing out would
// not end it. Instead the key is checked once, at sign-in (`app.apiKeys.verify`), and the cookie
// holds a random 256-bit session id. Redis keeps, under the SHA-256 of that id (so a Redis dump
// holds no usable cookie), what the key may do — key id, scopes, programme binding — plus the
// session's CSRF token, for 8 hours. Every request re-reads the key's revocation marker in the
// shared registry, so revoking the key ends its sessions at once; signing out deletes the
// session. The cookie is HttpOnly, SameSite=Strict, Path=/coordinator, and Secure over https.
//
// CSRF: every state-changing form carries the session's CSRF token (session-bound, compared in
// constant time); SameSite=Strict is the second line.
import { createHash, randomBytes } from 'node:crypto';
import { constantTimeEquals, type KitApp, registryKeys, type Scope } from '@belong/kit';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'belong_coordinator';
export const SESSION_TTL_SECONDS = 8 * 3600;

export interface CoordinatorSession {
  keyId: string;
  scopes: Scope[];
  /** The programme the key is bound to; null = every programme (admin key). */
  programmeId: string | null;
  csrf: string;
  createdAt: string;
}

/** Cookie values from the Cookie header (first of each name). */
export function readCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 1) continue;
    const name = part.slice(0, eq).trim();
    if (!cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}

export function createSessions(app: KitApp, keyPrefix: string) {
  const redisKey = (sid: string) =>
    `${keyPrefix}coordinator-session:${createHash('sha256').update(sid).digest('hex')}`;
  const registry = registryKeys(app.apiKeys.keyPrefix);

  function cookie(request: FastifyRequest, value: string, maxAge: number): string {
    const secure = request.protocol === 'https' ? '; Secure' : '';
    return `${SESSION_COOKIE}=${value}; Path=/coordinator; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure}`;
  }

  function sidOf(request: FastifyRequest): string | undefined {
    const sid = readCookies(request.headers.cookie).get(SESSION_COOKIE);
    return sid && /^[A-Za-z0-9_-]{43}$/.test(sid) ? sid : undefined;
  }

  /** Still usable: not revoked in the shared registry (the bootstrap key has no entry there). */
  async function keyStillValid(keyId: string): Promise<boolean> {
    if (keyId === 'bootstrap') return true;
    const [entry, revoked] = await app.redis.mget(registry.entry(keyId), registry.revoked(keyId));
    if (revoked != null || entry == null) return false;
    try {
      return (JSON.parse(entry) as { revoked?: boolean }).revoked !== true;
    } catch {
      return false;
    }
  }

  return {
    /** Starts a session for a verified key; sets the cookie. */
    async start(
      request: FastifyRequest,
      reply: FastifyReply,
      principal: { keyId: string; scopes: Scope[]; programmeId: string | null },
    ): Promise<CoordinatorSession> {
      const sid = randomBytes(32).toString('base64url');
      const session: CoordinatorSession = {
        keyId: principal.keyId,
        scopes: [...principal.scopes],
        programmeId: principal.programmeId,
        csrf: randomBytes(32).toString('base64url'),
        createdAt: new Date().toISOString(),
      };
      await app.redis.set(redisKey(sid), JSON.stringify(session), 'EX', SESSION_TTL_SECONDS);
      reply.header('set-cookie', cookie(request, sid, SESSION_TTL_SECONDS));
      return session;
    },

    /** The request's session, or null (none, expired, or its key revoked since). */
    async read(request: FastifyRequest): Promise<CoordinatorSession | null> {
      const sid = sidOf(request);
      if (!sid) return null;
      const stored = await app.redis.get(redisKey(sid));
      if (!stored) return null;
      const session = JSON.parse(stored) as CoordinatorSession;
      if (!(await keyStillValid(session.keyId))) {
        await app.redis.del(redisKey(sid));
        return null;
      }
      return session;
    },

    /** Ends the request's session (if any) and clears the cookie. */
    async end(request: FastifyRequest, reply: FastifyReply): Promise<void> {
      const sid = sidOf(request);
      if (sid) await app.redis.del(redisKey(sid));
      reply.header('set-cookie', cookie(request, '', 0));
    },

    /** The form's CSRF token is the session's. */
    csrfMatches(session: CoordinatorSession, sent: string | undefined): boolean {
      return typeof sent === 'string' && sent !== '' && constantTimeEquals(sent, session.csrf);
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;

/** What the session's key may do: scopes exactly, or admin. */
export function may(session: CoordinatorSession, scope: Scope): boolean {
  return session.scopes.includes('admin') || session.scopes.includes(scope);
}

/** A key bound to another programme sees nothing of this one. */
export function sees(session: CoordinatorSession, programmeId: string): boolean {
  return session.programmeId === null || session.programmeId === programmeId;
}
