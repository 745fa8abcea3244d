import { createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { createSigner } from 'fast-jwt';
import {
  createApiKeyVerifier,
  createTokenService,
  generateApiKey,
  issueToken,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  verifyToken,
} from '../../src/auth/index.ts';
import type { HttpError } from '../../src/http-error.ts';
import { randomSecret, untouchableRedis } from './helpers.ts';

const secret = randomSecret();

/** The HttpError a call throws (fails the test if it does not throw one). */
function thrown(fn: () => unknown): HttpError {
  try {
    fn();
  } catch (error) {
    return error as HttpError;
  }
  throw new Error('expected an error');
}

function flipChar(text: string, index: number): string {
  const c = text[index];
  return text.slice(0, index) + (c === 'A' ? 'B' : 'A') + text.slice(index + 1);
}

describe('self-service tokens', () => {
  const tokens = createTokenService({ signingSecret: secret });

  it('issues a token that verifies to the self-service principal', () => {
    const token = tokens.issue({
      profileId: 'p1',
      action: 'respond-match',
      resourceId: 'm1',
      ttlSeconds: 600,
    });
    const principal = tokens.verify(token, { action: 'respond-match', resourceId: 'm1' });
    expect(principal).toMatchObject({
      kind: 'self-service',
      profileId: 'p1',
      action: 'respond-match',
      resourceId: 'm1',
    });
    expect(principal.tokenId).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    expect(principal.expiresAt).toBeGreaterThan(Date.now());
  });

  it('carries iss, aud, a random jti and exp', () => {
    const a = tokens.issue({ profileId: 'p1', action: 'verify-email', ttlSeconds: 60 });
    const b = tokens.issue({ profileId: 'p1', action: 'verify-email', ttlSeconds: 60 });
    const claims = JSON.parse(Buffer.from(a.split('.')[1] ?? '', 'base64url').toString());
    expect(claims).toMatchObject({ sub: 'p1', act: 'verify-email', iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE });
    expect(claims.exp - claims.iat).toBe(60);
    expect(claims.res).toBeUndefined();
    expect(tokens.verify(a, { action: 'verify-email' }).tokenId).not.toBe(
      tokens.verify(b, { action: 'verify-email' }).tokenId,
    );
  });

  it('rejects a token with one character flipped, anywhere, as AUTH_INVALID_TOKEN', () => {
    const token = tokens.issue({ profileId: 'p1', action: 'verify-email', ttlSeconds: 600 });
    const [header = '', payload = ''] = token.split('.');
    for (const index of [1, header.length + 3, header.length + payload.length + 5, token.length - 2]) {
      const error = thrown(() => tokens.verify(flipChar(token, index), { action: 'verify-email' }));
      expect(error).toMatchObject({ status: 401, code: 'AUTH_INVALID_TOKEN' });
    }
  });

  it('rejects a token signed with another secret', () => {
    const other = createTokenService({ signingSecret: randomSecret() });
    const token = other.issue({ profileId: 'p1', action: 'verify-email', ttlSeconds: 600 });
    expect(thrown(() => tokens.verify(token, { action: 'verify-email' }))).toMatchObject({
      status: 401,
      code: 'AUTH_INVALID_TOKEN',
    });
  });

  it('rejects an expired token as AUTH_TOKEN_EXPIRED (clock moved past exp)', () => {
    let now = Date.parse('2027-01-01T00:00:00Z');
    const clocked = createTokenService({ signingSecret: secret, now: () => now });
    const token = clocked.issue({ profileId: 'p1', action: 'verify-email', ttlSeconds: 60 });
    now += 59_000;
    expect(clocked.verify(token, { action: 'verify-email' }).profileId).toBe('p1');
    now += 1_000;
    expect(thrown(() => clocked.verify(token, { action: 'verify-email' }))).toMatchObject({
      status: 401,
      code: 'AUTH_TOKEN_EXPIRED',
    });
  });

  it('calls a tampered expired token invalid, not expired', () => {
    let now = Date.parse('2027-01-01T00:00:00Z');
    const clocked = createTokenService({ signingSecret: secret, now: () => now });
    const token = clocked.issue({ profileId: 'p1', action: 'verify-email', ttlSeconds: 60 });
    now += 3_600_000;
    expect(
      thrown(() => clocked.verify(flipChar(token, token.length - 3), { action: 'verify-email' })),
    ).toMatchObject({ code: 'AUTH_INVALID_TOKEN' });
  });

  it('refuses a token for another action with 403 AUTH_TOKEN_WRONG_ACTION', () => {
    const token = tokens.issue({ profileId: 'p1', action: 'unsubscribe', ttlSeconds: 600 });
    expect(thrown(() => tokens.verify(token, { action: 'manage-profile' }))).toMatchObject({
      status: 403,
      code: 'AUTH_TOKEN_WRONG_ACTION',
    });
  });

  it('refuses a token for another resource or person with 403', () => {
    const token = tokens.issue({
      profileId: 'p1',
      action: 'respond-match',
      resourceId: 'm1',
      ttlSeconds: 600,
    });
    expect(thrown(() => tokens.verify(token, { action: 'respond-match', resourceId: 'm2' }))).toMatchObject({
      status: 403,
      code: 'AUTH_TOKEN_WRONG_ACTION',
    });
    expect(thrown(() => tokens.verify(token, { action: 'respond-match', profileId: 'p2' }))).toMatchObject({
      status: 403,
      code: 'AUTH_TOKEN_WRONG_ACTION',
    });
    const noResource = tokens.issue({ profileId: 'p1', action: 'respond-match', ttlSeconds: 600 });
    expect(
      thrown(() => tokens.verify(noResource, { action: 'respond-match', resourceId: 'm1' })),
    ).toMatchObject({
      status: 403,
    });
  });

  it('does not accept an API key as a token', () => {
    const { key } = generateApiKey();
    expect(thrown(() => tokens.verify(key, { action: 'verify-email' }))).toMatchObject({
      status: 401,
      code: 'AUTH_INVALID_TOKEN',
    });
  });

  it('does not accept a token as an API key (without touching Redis)', async () => {
    const verifier = createApiKeyVerifier({ redis: untouchableRedis(), cacheMs: 0 });
    const token = tokens.issue({ profileId: 'p1', action: 'manage-profile', ttlSeconds: 600 });
    await expect(verifier.verify(token)).rejects.toMatchObject({ status: 401, code: 'AUTH_INVALID_KEY' });
  });

  it('refuses HS256 JWTs without our audience or issuer, even signed with the derived key', () => {
    const key = createHmac('sha256', secret).update('belong/self-service-token/v1').digest();
    const base = {
      sub: 'p1',
      act: 'verify-email',
      jti: 'abcdefghijklmnopqrstuv',
      exp: Math.floor(Date.now() / 1000) + 60,
    };
    const sign = createSigner({ key, algorithm: 'HS256' });
    for (const claims of [
      { ...base, iss: TOKEN_ISSUER },
      { ...base, aud: TOKEN_AUDIENCE },
      { ...base, iss: 'someone-else', aud: TOKEN_AUDIENCE },
      { ...base, iss: TOKEN_ISSUER, aud: 'belong:api' },
    ]) {
      expect(thrown(() => tokens.verify(sign(claims), { action: 'verify-email' }))).toMatchObject({
        code: 'AUTH_INVALID_TOKEN',
      });
    }
    // The same claims with both: accepted, so the refusals above were about iss/aud.
    expect(
      tokens.verify(sign({ ...base, iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE }), { action: 'verify-email' }),
    ).toBeTruthy();
  });

  it('refuses a JWT signed with the raw SIGNING_SECRET (keys are derived, domain-separated)', () => {
    const sign = createSigner({ key: secret, algorithm: 'HS256' });
    const token = sign({
      sub: 'p1',
      act: 'verify-email',
      jti: 'abcdefghijklmnopqrstuv',
      iss: TOKEN_ISSUER,
      aud: TOKEN_AUDIENCE,
      exp: Math.floor(Date.now() / 1000) + 60,
    });
    expect(thrown(() => tokens.verify(token, { action: 'verify-email' }))).toMatchObject({
      code: 'AUTH_INVALID_TOKEN',
    });
  });

  it('refuses alg none', () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({
        sub: 'p1',
        act: 'verify-email',
        jti: 'abcdefghijklmnopqrstuv',
        iss: TOKEN_ISSUER,
        aud: TOKEN_AUDIENCE,
        exp: 4102444800,
      }),
    ).toString('base64url');
    expect(thrown(() => tokens.verify(`${header}.${payload}.`, { action: 'verify-email' }))).toMatchObject({
      code: 'AUTH_INVALID_TOKEN',
    });
  });

  it('verifies with a previous secret during rotation, and signs only with the current one', () => {
    const old = randomSecret();
    const before = createTokenService({ signingSecret: old });
    const after = createTokenService({ signingSecret: secret, previousSigningSecrets: [old] });
    const oldToken = before.issue({ profileId: 'p1', action: 'verify-email', ttlSeconds: 600 });
    expect(after.verify(oldToken, { action: 'verify-email' }).profileId).toBe('p1');
    const newToken = after.issue({ profileId: 'p1', action: 'verify-email', ttlSeconds: 600 });
    expect(tokens.verify(newToken, { action: 'verify-email' }).profileId).toBe('p1');
    expect(thrown(() => before.verify(newToken, { action: 'verify-email' }))).toMatchObject({
      code: 'AUTH_INVALID_TOKEN',
    });
  });

  it('refuses short secrets and bad issue input', () => {
    expect(() => createTokenService({ signingSecret: 'short' })).toThrow(/at least 32/);
    expect(() => tokens.issue({ profileId: 'p1', action: 'verify-email', ttlSeconds: 0 })).toThrow(
      /ttlSeconds/,
    );
    expect(() => tokens.issue({ profileId: 'p 1', action: 'verify-email', ttlSeconds: 1 })).toThrow(
      /profileId/,
    );
  });

  it('has one-shot helpers issueToken/verifyToken', () => {
    const token = issueToken(
      { profileId: 'p9', action: 'unsubscribe', ttlSeconds: 60 },
      { signingSecret: secret },
    );
    expect(verifyToken(token, { action: 'unsubscribe' }, { signingSecret: secret }).profileId).toBe('p9');
  });
});
