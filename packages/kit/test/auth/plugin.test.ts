import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { FastifyInstance } from 'fastify';
import { createTokenService, generateApiKey } from '../../src/auth/index.ts';
import { bearer, buildAuthTestApp, randomSecret, untouchableRedis } from './helpers.ts';

// Paths of the auth plugin that must be decided without Redis (the stand-in throws if touched).
const signingSecret = randomSecret();
const adminApiKey = `admin-${randomSecret()}`;
let app: FastifyInstance;

beforeAll(async () => {
  app = await buildAuthTestApp({ redis: untouchableRedis(), signingSecret, adminApiKey, cacheMs: 0 });
});
afterAll(async () => {
  await app.close();
});

describe('requireScope without the registry', () => {
  it('answers 401 AUTH_REQUIRED with WWW-Authenticate when no key is sent', async () => {
    const response = await app.inject({ method: 'GET', url: '/programmes' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'AUTH_REQUIRED' });
    expect(response.headers['www-authenticate']).toMatch(/^Bearer\b/);
  });

  it('accepts the bootstrap admin key everywhere, as keyId bootstrap, from either header', async () => {
    for (const headers of [bearer(adminApiKey), { 'x-api-key': adminApiKey }]) {
      const response = await app.inject({ method: 'POST', url: '/programmes/any/profiles', headers });
      expect(response.statusCode).toBe(200);
      expect(response.json().principal).toEqual({
        kind: 'api-key',
        keyId: 'bootstrap',
        scopes: ['admin'],
        programmeId: null,
      });
    }
  });

  it.each([
    ['a near miss of the bootstrap key', bearer(`${adminApiKey}x`)],
    ['a malformed key', bearer('blg_short_secret')],
    ['a Basic scheme', { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }],
    ['two different keys', { ...bearer(adminApiKey), 'x-api-key': generateApiKey().key }],
  ])('refuses %s with 401 AUTH_INVALID_KEY', async (_label, headers) => {
    const response = await app.inject({ method: 'GET', url: '/programmes', headers });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'AUTH_INVALID_KEY', detail: 'The API key is not valid' });
    expect(response.headers['www-authenticate']).toMatch(/^Bearer\b.*invalid_token/);
  });

  it('does not accept a self-service token as an API key', async () => {
    const token = app.tokens.issue({ profileId: 'p1', action: 'manage-profile', ttlSeconds: 60 });
    const response = await app.inject({ method: 'GET', url: '/programmes', headers: bearer(token) });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'AUTH_INVALID_KEY' });
  });
});

describe('requireToken', () => {
  it('takes the token from ?token= or Authorization: Bearer and sets the principal', async () => {
    const token = app.tokens.issue({
      profileId: 'p1',
      action: 'respond-match',
      resourceId: 'm1',
      ttlSeconds: 60,
    });
    for (const request of [
      { url: `/matches/m1/response?token=${token}` },
      { url: '/matches/m1/response', headers: bearer(token) },
    ]) {
      const response = await app.inject({ method: 'POST', ...request });
      expect(response.statusCode).toBe(200);
      expect(response.json().principal).toMatchObject({
        kind: 'self-service',
        profileId: 'p1',
        action: 'respond-match',
        resourceId: 'm1',
      });
    }
  });

  it('answers 401 AUTH_REQUIRED without a token', async () => {
    const response = await app.inject({ method: 'POST', url: '/matches/m1/response' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'AUTH_REQUIRED' });
    expect(response.headers['www-authenticate']).toMatch(/^Bearer\b/);
  });

  it('refuses an API key as a token', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/matches/m1/response',
      headers: bearer(generateApiKey().key),
    });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'AUTH_INVALID_TOKEN' });
  });

  it('refuses a token for match X on match Y, and a token for another action', async () => {
    const forX = app.tokens.issue({
      profileId: 'p1',
      action: 'respond-match',
      resourceId: 'mX',
      ttlSeconds: 60,
    });
    const onY = await app.inject({ method: 'POST', url: `/matches/mY/response?token=${forX}` });
    expect(onY.statusCode).toBe(403);
    expect(onY.json()).toMatchObject({ code: 'AUTH_TOKEN_WRONG_ACTION' });

    const unsubscribe = app.tokens.issue({ profileId: 'p1', action: 'unsubscribe', ttlSeconds: 60 });
    const wrongAction = await app.inject({
      method: 'POST',
      url: `/matches/mX/response?token=${unsubscribe}`,
    });
    expect(wrongAction.statusCode).toBe(403);
    expect(wrongAction.json()).toMatchObject({ code: 'AUTH_TOKEN_WRONG_ACTION' });
  });

  it("refuses one person's manage-profile token on another person's profile", async () => {
    const token = app.tokens.issue({ profileId: 'alice', action: 'manage-profile', ttlSeconds: 60 });
    expect((await app.inject({ method: 'GET', url: `/profiles/alice/self?token=${token}` })).statusCode).toBe(
      200,
    );
    const bob = await app.inject({ method: 'GET', url: `/profiles/bob/self?token=${token}` });
    expect(bob.statusCode).toBe(403);
    expect(bob.json()).toMatchObject({ code: 'AUTH_TOKEN_WRONG_ACTION' });
  });

  it('refuses a token signed with another secret, and an expired one', async () => {
    const foreign = createTokenService({ signingSecret: randomSecret() }).issue({
      profileId: 'p1',
      action: 'manage-profile',
      ttlSeconds: 60,
    });
    const invalid = await app.inject({ method: 'GET', url: `/profiles/p1/self?token=${foreign}` });
    expect(invalid.statusCode).toBe(401);
    expect(invalid.json()).toMatchObject({ code: 'AUTH_INVALID_TOKEN' });

    const past = createTokenService({ signingSecret, now: () => Date.now() - 3_600_000 }).issue({
      profileId: 'p1',
      action: 'manage-profile',
      ttlSeconds: 60,
    });
    const expired = await app.inject({ method: 'GET', url: `/profiles/p1/self?token=${past}` });
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ code: 'AUTH_TOKEN_EXPIRED' });
  });
});

describe('plugin options', () => {
  it('refuses a short signing secret, a short admin key and a cache longer than 5 s', async () => {
    const redis = untouchableRedis();
    await expect(buildAuthTestApp({ redis, signingSecret: 'short' })).rejects.toThrow(/SIGNING_SECRET/);
    await expect(buildAuthTestApp({ redis, signingSecret, adminApiKey: 'short' })).rejects.toThrow(
      /ADMIN_API_KEY/,
    );
    await expect(buildAuthTestApp({ redis, signingSecret, cacheMs: 60_000 })).rejects.toThrow(/cacheMs/);
  });
});
