import { createHmac, randomBytes } from 'node:crypto';
import { createSigner, createVerifier } from 'fast-jwt';
import type { Redis } from 'ioredis';
import type { Principal } from '../principal.ts';
import { MIN_SECRET_LENGTH } from './api-key.ts';
import { authUnavailable, invalidToken, tokenExpired, tokenUsed, tokenWrongAction } from './errors.ts';
import { DEFAULT_KEY_PREFIX } from './registry.ts';

/**
 * Self-service tokens: the signed links in emails. HS256 JWTs with
 * `{sub: profileId, act: action, res?: resourceId, jti, iss: 'belong', aud: 'belong:self-service', iat, exp}`.
 *
 * The HMAC key is derived from SIGNING_SECRET (HMAC-SHA256(secret, 'belong/self-service-token/v1')),
 * so the same secret used elsewhere never signs something that verifies as a link token.
 */
export type TokenAction = 'verify-email' | 'manage-profile' | 'respond-match' | 'unsubscribe' | (string & {});
export const tokenActions = ['verify-email', 'manage-profile', 'respond-match', 'unsubscribe'] as const;

export type SelfServicePrincipal = Extract<Principal, { kind: 'self-service' }>;
/** What `verify` returns: the principal plus when the token expires (ms since epoch). */
export type TokenPrincipal = SelfServicePrincipal & { expiresAt: number };

export const TOKEN_ISSUER = 'belong';
export const TOKEN_AUDIENCE = 'belong:self-service';
export const MAX_TOKEN_TTL_SECONDS = 366 * 24 * 3600;
const KEY_LABEL = 'belong/self-service-token/v1';
const ACTION_PATTERN = /^[a-z][a-z0-9-]{0,63}$/;
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const JTI_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
/** Kept past expiry so an instance whose clock lags still finds the token used. */
const USED_MARKER_GRACE_MS = 60_000;

export interface IssueTokenInput {
  profileId: string;
  action: TokenAction;
  /** The one resource the link acts on, e.g. a matchId. */
  resourceId?: string | undefined;
  ttlSeconds: number;
}

export interface TokenExpectation {
  action: TokenAction;
  /** When given, the token must carry exactly this `res`. */
  resourceId?: string | undefined;
  /** When given, the token must be for exactly this person (`sub`). */
  profileId?: string | undefined;
}

export interface TokenServiceOptions {
  signingSecret: string;
  /** Old secrets, accepted for verification only while links signed with them expire. */
  previousSigningSecrets?: string[] | undefined;
  now?: () => number;
}

export interface TokenService {
  issue(input: IssueTokenInput): string;
  /**
   * The principal the token stands for, or throws HttpError: 401 AUTH_INVALID_TOKEN (malformed,
   * bad signature, wrong issuer/audience/algorithm), 401 AUTH_TOKEN_EXPIRED, 403
   * AUTH_TOKEN_WRONG_ACTION (another action, resource or person).
   */
  verify(token: string, expect: TokenExpectation): TokenPrincipal;
}

function deriveKey(secret: string): Buffer {
  if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`SIGNING_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  return createHmac('sha256', secret).update(KEY_LABEL).digest();
}

export function createTokenService(options: TokenServiceOptions): TokenService {
  const now = options.now ?? Date.now;
  const sign = createSigner({ key: deriveKey(options.signingSecret), algorithm: 'HS256' });
  const verifiers = [options.signingSecret, ...(options.previousSigningSecrets ?? [])].map((secret) =>
    createVerifier({
      key: deriveKey(secret),
      algorithms: ['HS256'],
      allowedIss: TOKEN_ISSUER,
      allowedAud: TOKEN_AUDIENCE,
      requiredClaims: ['sub', 'act', 'jti', 'iss', 'aud', 'exp'],
      // Expiry is checked below against `now`, after the signature, so a forged token is
      // always "invalid", never "expired".
      ignoreExpiration: true,
      ignoreNotBefore: true,
      cache: false,
    }),
  );

  function decode(token: string): Record<string, unknown> {
    let lastError: unknown;
    for (const verifier of verifiers) {
      try {
        return verifier(token) as Record<string, unknown>;
      } catch (error) {
        lastError = error;
        // Only a signature mismatch may mean "signed with another (older) secret".
        if ((error as { code?: string }).code !== 'FAST_JWT_INVALID_SIGNATURE') break;
      }
    }
    throw invalidToken((lastError as { code?: string } | undefined)?.code ?? 'invalid');
  }

  return {
    issue({ profileId, action, resourceId, ttlSeconds }) {
      if (!ID_PATTERN.test(profileId)) throw new Error('issueToken: profileId must be an id');
      if (!ACTION_PATTERN.test(action)) throw new Error('issueToken: action must be kebab-case');
      if (resourceId !== undefined && !ID_PATTERN.test(resourceId)) {
        throw new Error('issueToken: resourceId must be an id');
      }
      if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > MAX_TOKEN_TTL_SECONDS) {
        throw new Error(`issueToken: ttlSeconds must be an integer from 1 to ${MAX_TOKEN_TTL_SECONDS}`);
      }
      const iat = Math.floor(now() / 1000);
      return sign({
        sub: profileId,
        act: action,
        ...(resourceId === undefined ? {} : { res: resourceId }),
        jti: randomBytes(16).toString('base64url'),
        iss: TOKEN_ISSUER,
        aud: TOKEN_AUDIENCE,
        iat,
        exp: iat + ttlSeconds,
      });
    },

    verify(token, expect) {
      if (typeof token !== 'string' || token.length === 0 || token.length > 4096) {
        throw invalidToken('malformed');
      }
      const claims = decode(token);
      const { sub, act, res, jti, exp } = claims;
      if (
        typeof sub !== 'string' ||
        !ID_PATTERN.test(sub) ||
        typeof act !== 'string' ||
        !ACTION_PATTERN.test(act) ||
        typeof jti !== 'string' ||
        !JTI_PATTERN.test(jti) ||
        (res !== undefined && (typeof res !== 'string' || !ID_PATTERN.test(res))) ||
        typeof exp !== 'number' ||
        !Number.isInteger(exp)
      ) {
        throw invalidToken('claims');
      }
      const expiresAt = exp * 1000;
      if (now() >= expiresAt) throw tokenExpired();
      if (act !== expect.action) throw tokenWrongAction('This link is for something else');
      if (expect.resourceId !== undefined && res !== expect.resourceId) {
        throw tokenWrongAction('This link is not for this resource');
      }
      if (expect.profileId !== undefined && sub !== expect.profileId) {
        throw tokenWrongAction('This link is not for this person');
      }
      const principal: TokenPrincipal = {
        kind: 'self-service',
        tokenId: jti,
        profileId: sub,
        action: act,
        expiresAt,
      };
      if (typeof res === 'string') principal.resourceId = res;
      return principal;
    },
  };
}

/** Signs one token (builds a signer each call: prefer `createTokenService` or `app.tokens`). */
export function issueToken(input: IssueTokenInput, options: TokenServiceOptions): string {
  return createTokenService(options).issue(input);
}

/** Verifies one token (builds a verifier each call: prefer `createTokenService` or `app.tokens`). */
export function verifyToken(
  token: string,
  expect: TokenExpectation,
  options: TokenServiceOptions,
): TokenPrincipal {
  return createTokenService(options).verify(token, expect);
}

/**
 * Makes a token single-use: the first call for its jti wins (`SET <prefix>token-used:<jti> 1 NX
 * PX <remaining lifetime + 1 min>`), later calls throw 409 AUTH_TOKEN_USED. An atomic Redis insert, never
 * a conditional database update (ADR 0003).
 */
export async function consumeTokenOnce(
  principal: SelfServicePrincipal & { expiresAt?: number },
  redis: Redis,
  options: { keyPrefix?: string | undefined; now?: () => number } = {},
): Promise<void> {
  const now = (options.now ?? Date.now)();
  if (!JTI_PATTERN.test(principal.tokenId)) throw invalidToken('jti');
  const expiresAt = principal.expiresAt ?? now + MAX_TOKEN_TTL_SECONDS * 1000;
  const remaining = Math.ceil(expiresAt - now);
  if (remaining <= 0) throw tokenExpired();
  let result: string | null;
  try {
    result = await redis.set(
      `${options.keyPrefix ?? DEFAULT_KEY_PREFIX}token-used:${principal.tokenId}`,
      '1',
      'PX',
      remaining + USED_MARKER_GRACE_MS,
      'NX',
    );
  } catch (error) {
    throw authUnavailable(error);
  }
  if (result !== 'OK') throw tokenUsed();
}

/**
 * Undoes `consumeTokenOnce` for a token whose action then failed before it changed anything, so
 * the person can use the same link again. Only the request that consumed it may call this.
 */
export async function releaseTokenOnce(
  principal: SelfServicePrincipal,
  redis: Redis,
  options: { keyPrefix?: string | undefined } = {},
): Promise<void> {
  if (!JTI_PATTERN.test(principal.tokenId)) return;
  await redis.del(`${options.keyPrefix ?? DEFAULT_KEY_PREFIX}token-used:${principal.tokenId}`);
}
