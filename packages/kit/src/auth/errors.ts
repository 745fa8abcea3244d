import { HttpError } from '../http-error.ts';
import type { Scope } from '../principal.ts';

/**
 * The auth error codes. Every 401 carries `WWW-Authenticate: Bearer …` (RFC 6750); the detail
 * never says *why* a key was refused (unknown, wrong secret, revoked all read the same).
 */
export const authErrorCodes = {
  required: 'AUTH_REQUIRED',
  invalidKey: 'AUTH_INVALID_KEY',
  forbiddenScope: 'AUTH_FORBIDDEN_SCOPE',
  forbiddenProgramme: 'AUTH_FORBIDDEN_PROGRAMME',
  invalidToken: 'AUTH_INVALID_TOKEN',
  tokenExpired: 'AUTH_TOKEN_EXPIRED',
  tokenWrongAction: 'AUTH_TOKEN_WRONG_ACTION',
  tokenUsed: 'AUTH_TOKEN_USED',
  unavailable: 'AUTH_UNAVAILABLE',
} as const;

const REALM = 'realm="belong"';

export function authRequired(what: 'an API key' | 'a link token'): HttpError {
  return new HttpError(401, authErrorCodes.required, `This request needs ${what}`, {
    title: 'Authentication required',
    headers: { 'www-authenticate': `Bearer ${REALM}` },
  });
}

/** `reason` goes to `cause` (logs), never to the client. */
export function invalidApiKey(reason: string): HttpError {
  return new HttpError(401, authErrorCodes.invalidKey, 'The API key is not valid', {
    title: 'Invalid API key',
    headers: { 'www-authenticate': `Bearer ${REALM}, error="invalid_token"` },
    cause: reason,
  });
}

export function forbiddenScope(scope: Scope): HttpError {
  return new HttpError(403, authErrorCodes.forbiddenScope, `This API key lacks the scope ${scope}`, {
    title: 'Insufficient scope',
    headers: { 'www-authenticate': `Bearer ${REALM}, error="insufficient_scope", scope="${scope}"` },
  });
}

export function forbiddenProgramme(): HttpError {
  return new HttpError(
    403,
    authErrorCodes.forbiddenProgramme,
    'This API key is not bound to this programme',
    {
      title: 'Wrong programme',
    },
  );
}

export function invalidToken(reason: string): HttpError {
  return new HttpError(401, authErrorCodes.invalidToken, 'The link token is not valid', {
    title: 'Invalid link token',
    headers: { 'www-authenticate': `Bearer ${REALM}, error="invalid_token"` },
    cause: reason,
  });
}

export function tokenExpired(): HttpError {
  return new HttpError(401, authErrorCodes.tokenExpired, 'The link has expired: ask for a new one', {
    title: 'Link expired',
    headers: { 'www-authenticate': `Bearer ${REALM}, error="invalid_token"` },
  });
}

export function tokenWrongAction(message: string): HttpError {
  return new HttpError(403, authErrorCodes.tokenWrongAction, message, { title: 'Link not valid here' });
}

export function tokenUsed(): HttpError {
  return new HttpError(409, authErrorCodes.tokenUsed, 'This link has already been used', {
    title: 'Link already used',
  });
}

export function authUnavailable(cause: unknown): HttpError {
  return new HttpError(
    503,
    authErrorCodes.unavailable,
    'Credentials cannot be checked right now: try again',
    {
      title: 'Authentication unavailable',
      headers: { 'retry-after': '1' },
      cause,
    },
  );
}
