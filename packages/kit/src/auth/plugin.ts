import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import type { Scope } from '../principal.ts';
import {
  authRequired,
  forbiddenProgramme,
  forbiddenScope,
  invalidApiKey,
  invalidToken,
  tokenWrongAction,
} from './errors.ts';
import {
  type ApiKeyPrincipal,
  type ApiKeyVerifier,
  createApiKeyVerifier,
  DEFAULT_KEY_PREFIX,
} from './registry.ts';
import {
  consumeTokenOnce,
  createTokenService,
  type IssueTokenInput,
  releaseTokenOnce,
  type SelfServicePrincipal,
  type TokenAction,
  type TokenExpectation,
  type TokenPrincipal,
} from './tokens.ts';

export interface AuthPluginOptions {
  /** Shared Redis: the API key registry and the used-token markers live there. */
  redis: Redis;
  /** `SIGNING_SECRET` (≥ 32 chars): signs and verifies self-service tokens. */
  signingSecret: string;
  /** Previous signing secrets, verification only (rotation). */
  previousSigningSecrets?: string[] | undefined;
  /** `ADMIN_API_KEY` (≥ 32 chars): the bootstrap admin key, accepted as keyId `bootstrap`. */
  adminApiKey?: string | undefined;
  /** Prefix of every Redis key (default `belong:`). */
  keyPrefix?: string | undefined;
  /** In-process cache of registry entries, 0..5000 ms (default 5000): the revocation latency. */
  cacheMs?: number | undefined;
  /** Clock (tests). */
  now?: () => number;
}

/** An `onRequest` or `preHandler` hook. */
export type AuthHook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

export interface RequireScopeOptions {
  /** The programme the request acts on (e.g. from params); the key must be bound to it. */
  programme?: (request: FastifyRequest) => string | undefined;
}

export interface RequireTokenOptions {
  /** The resource the request acts on (e.g. the matchId param): the token's `res` must equal it. */
  resource?: (request: FastifyRequest) => string | undefined;
  /** The person the request acts on (e.g. the profileId param): the token's `sub` must equal it. */
  profile?: (request: FastifyRequest) => string | undefined;
  /** Burn the token on first use (verification links): a second use is 409 AUTH_TOKEN_USED. */
  singleUse?: boolean;
}

export interface TokensDecorator {
  issue(input: IssueTokenInput): string;
  verify(token: string, expect: TokenExpectation): TokenPrincipal;
  /** Single use: 409 AUTH_TOKEN_USED the second time. */
  consumeOnce(principal: SelfServicePrincipal & { expiresAt?: number }): Promise<void>;
  /** Undoes consumeOnce when the action failed before changing anything (the link works again). */
  releaseOnce(principal: SelfServicePrincipal): Promise<void>;
}

export interface ApiKeysDecorator {
  verify(rawKey: string): Promise<ApiKeyPrincipal>;
  /** Drops cached registry entries in this process (one key, or all). */
  forget(keyId?: string): void;
  readonly keyPrefix: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Hook: an API key with `scope` ('admin' satisfies every scope), bound to the programme if given. */
    requireScope(scope: Scope, options?: RequireScopeOptions): AuthHook;
    /** Hook: a self-service token for `action` (from `?token=` or `Authorization: Bearer`). */
    requireToken(action: TokenAction, options?: RequireTokenOptions): AuthHook;
    /**
     * Hook: the person's own link token for `action` when one is sent (`?token=`, or a bearer that
     * is a JWT), else an API key with `scope`. For routes a person reaches from an email and an
     * integrator or coordinator through the API. Programme binding of the key is the handler's to
     * check once it has loaded the resource (`authorize`).
     */
    requireScopeOrToken(scope: Scope, action: TokenAction, options?: RequireTokenOptions): AuthHook;
    tokens: TokensDecorator;
    apiKeys: ApiKeysDecorator;
  }
}

/**
 * Throws unless the principal holds `scope` (exactly, or 'admin') and, when a programme is named,
 * is bound to it (a key with programmeId null, admin only, passes every programme).
 */
export function authorize(principal: ApiKeyPrincipal, scope: Scope, programmeId?: string): void {
  if (!principal.scopes.includes('admin') && !principal.scopes.includes(scope)) throw forbiddenScope(scope);
  if (programmeId !== undefined && principal.programmeId !== null && principal.programmeId !== programmeId) {
    throw forbiddenProgramme();
  }
}

const BEARER = /^Bearer +(\S+) *$/i;

function single(value: string | string[] | undefined): string | undefined {
  if (Array.isArray(value)) return value.length === 1 ? value[0] : '\0';
  return value === '' ? undefined : value;
}

/** The raw API key from `Authorization: Bearer …` or `X-API-Key`; undefined when neither is sent. */
export function readApiKey(request: FastifyRequest): string | undefined {
  const authorization = single(request.headers.authorization);
  const xApiKey = single(request.headers['x-api-key']);
  let fromAuthorization: string | undefined;
  if (authorization !== undefined) {
    const match = BEARER.exec(authorization);
    if (!match?.[1]) throw invalidApiKey('authorization scheme');
    fromAuthorization = match[1];
  }
  if (xApiKey === '\0') throw invalidApiKey('several X-API-Key headers');
  if (fromAuthorization !== undefined && xApiKey !== undefined && fromAuthorization !== xApiKey) {
    throw invalidApiKey('two different keys');
  }
  return fromAuthorization ?? xApiKey;
}

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** True when the request carries a link token (`?token=`, or a bearer JWT) rather than an API key. */
export function sendsLinkToken(request: FastifyRequest): boolean {
  if ((request.query as Record<string, unknown> | undefined)?.token !== undefined) return true;
  if (request.headers['x-api-key'] !== undefined) return false;
  const authorization = single(request.headers.authorization);
  const bearer = authorization === undefined ? null : BEARER.exec(authorization);
  return bearer?.[1] !== undefined && JWT.test(bearer[1]);
}

/** The raw token from `?token=` (preferred) or `Authorization: Bearer …`; undefined when neither. */
export function readToken(request: FastifyRequest): string | undefined {
  const query = request.query as Record<string, unknown> | undefined;
  const fromQuery = query?.token;
  if (fromQuery !== undefined) {
    if (typeof fromQuery !== 'string' || fromQuery === '') throw invalidToken('query');
    return fromQuery;
  }
  const authorization = single(request.headers.authorization);
  if (authorization === undefined) return undefined;
  const match = BEARER.exec(authorization);
  if (!match?.[1]) throw invalidToken('authorization scheme');
  return match[1];
}

const plugin: FastifyPluginAsync<AuthPluginOptions> = async (app, options) => {
  const { redis } = options;
  if (!redis) throw new Error('authPlugin: the redis option is required');
  const keyPrefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
  const now = options.now ?? Date.now;
  const verifier: ApiKeyVerifier = createApiKeyVerifier({
    redis,
    adminApiKey: options.adminApiKey,
    keyPrefix,
    cacheMs: options.cacheMs,
    now,
  });
  const tokenService = createTokenService({
    signingSecret: options.signingSecret,
    previousSigningSecrets: options.previousSigningSecrets,
    now,
  });

  const tokens: TokensDecorator = {
    issue: (input) => tokenService.issue(input),
    verify: (token, expect) => tokenService.verify(token, expect),
    consumeOnce: (principal) => consumeTokenOnce(principal, redis, { keyPrefix, now }),
    releaseOnce: (principal) => releaseTokenOnce(principal, redis, { keyPrefix }),
  };
  const apiKeys: ApiKeysDecorator = {
    verify: (rawKey) => verifier.verify(rawKey),
    forget: (keyId) => verifier.forget(keyId),
    keyPrefix,
  };

  if (!app.hasRequestDecorator('principal')) app.decorateRequest('principal', undefined);
  app.decorate('tokens', tokens);
  app.decorate('apiKeys', apiKeys);

  app.decorate('requireScope', (scope: Scope, scopeOptions: RequireScopeOptions = {}): AuthHook => {
    return async (request) => {
      const existing = request.principal;
      let principal: ApiKeyPrincipal;
      if (existing?.kind === 'api-key') {
        principal = existing;
      } else {
        const raw = readApiKey(request);
        if (raw === undefined) throw authRequired('an API key');
        principal = await verifier.verify(raw);
        request.principal = principal;
      }
      authorize(principal, scope, scopeOptions.programme?.(request));
    };
  });

  app.decorate('requireToken', (action: TokenAction, tokenOptions: RequireTokenOptions = {}): AuthHook => {
    return async (request) => {
      const raw = readToken(request);
      if (raw === undefined) throw authRequired('a link token');
      const expect: TokenExpectation = { action };
      if (tokenOptions.resource) {
        expect.resourceId = tokenOptions.resource(request);
        if (expect.resourceId === undefined) throw tokenWrongAction('This link is not for this resource');
      }
      if (tokenOptions.profile) {
        expect.profileId = tokenOptions.profile(request);
        if (expect.profileId === undefined) throw tokenWrongAction('This link is not for this person');
      }
      const principal = tokenService.verify(raw, expect);
      request.principal = principal;
      if (tokenOptions.singleUse) await tokens.consumeOnce(principal);
    };
  });

  app.decorate(
    'requireScopeOrToken',
    (scope: Scope, action: TokenAction, tokenOptions: RequireTokenOptions = {}): AuthHook => {
      const byToken = app.requireToken(action, tokenOptions);
      const byKey = app.requireScope(scope);
      return (request, reply) => (sendsLinkToken(request) ? byToken(request, reply) : byKey(request, reply));
    },
  );
};

/**
 * Authentication and authorisation for a Belong service: API keys (verified against the shared
 * Redis registry) and self-service link tokens. Decorates `requireScope`, `requireToken`,
 * `tokens` and `apiKeys`; works on a bare fastify instance.
 */
export const authPlugin = fp(plugin, { name: 'belong-auth', fastify: '5.x' });
