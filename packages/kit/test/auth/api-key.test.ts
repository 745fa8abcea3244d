import { describe, expect, it } from '@jest/globals';
import {
  API_KEY_PREFIX,
  constantTimeEquals,
  generateApiKey,
  hashSecret,
  parseApiKey,
  secretMatches,
} from '../../src/auth/index.ts';

describe('API key format', () => {
  it('generates blg_<12 alnum>_<43 alnum> keys that parse back to id and secret', () => {
    const generated = generateApiKey();
    expect(generated.key).toMatch(/^blg_[A-Za-z0-9]{12}_[A-Za-z0-9]{43}$/);
    expect(generated.key.startsWith(API_KEY_PREFIX)).toBe(true);
    expect(parseApiKey(generated.key)).toEqual({ keyId: generated.keyId, secret: generated.secret });
    expect(generated.secretHash).toBe(hashSecret(generated.secret));
    expect(generated.secretHash).not.toContain(generated.secret);
  });

  it('generates distinct keys', () => {
    const keys = new Set(Array.from({ length: 200 }, () => generateApiKey().keyId));
    expect(keys.size).toBe(200);
  });

  it.each([
    ['empty', ''],
    ['no prefix', 'abcdefghijkl_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef012'],
    ['wrong prefix', 'blx_abcdefghijkl_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef012'],
    ['short id', 'blg_abcdefghijk_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef012'],
    ['long id', 'blg_abcdefghijklm_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef012'],
    ['short secret', 'blg_abcdefghijkl_ABCDEFGHIJKLMNOPQRSTUVWXYZabcde'],
    ['underscore in secret', 'blg_abcdefghijkl_ABCDEFGHIJKLMNOPQRSTUVWXYZ_bcdef012'],
    ['dash in id', 'blg_abcdefghi-kl_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef012'],
    ['trailing space', 'blg_abcdefghijkl_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef012 '],
    ['a JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl'],
  ])('rejects %s', (_label, raw) => {
    expect(parseApiKey(raw)).toBeNull();
  });

  it('accepts a well-formed key with a 32-char secret', () => {
    expect(parseApiKey('blg_abcdefghijkl_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef')).toEqual({
      keyId: 'abcdefghijkl',
      secret: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef',
    });
  });
});

describe('secret hashing', () => {
  it('stores SHA-256 hex and matches only the same secret', () => {
    const { secret, secretHash } = generateApiKey();
    expect(secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(secretMatches(secret, secretHash)).toBe(true);
    expect(secretMatches(`${secret.slice(0, -1)}x`, secretHash)).toBe(secret.endsWith('x'));
    expect(secretMatches(generateApiKey().secret, secretHash)).toBe(false);
  });

  it('refuses a malformed stored hash instead of throwing', () => {
    expect(secretMatches('anything', 'not-hex')).toBe(false);
    expect(secretMatches('anything', '')).toBe(false);
  });

  it('compares arbitrary strings in constant time, whatever their lengths', () => {
    expect(constantTimeEquals('a'.repeat(40), 'a'.repeat(40))).toBe(true);
    expect(constantTimeEquals('a'.repeat(40), 'a'.repeat(41))).toBe(false);
    expect(constantTimeEquals('', 'x')).toBe(false);
  });
});
