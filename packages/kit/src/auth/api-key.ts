import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * API key format: `blg_<keyId>_<secret>`. keyId is 12 and the secret 43 characters from
 * [A-Za-z0-9] (≈71 and ≈256 bits), so `_` only ever delimits. The keyId is public (it names the
 * key in lists and logs); only SHA-256(secret) is stored.
 */
export const API_KEY_PREFIX = 'blg_';
export const KEY_ID_LENGTH = 12;
export const SECRET_LENGTH = 43;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const API_KEY_PATTERN = /^blg_([A-Za-z0-9]{12})_([A-Za-z0-9]{32,128})$/;
export const KEY_ID_PATTERN = /^[A-Za-z0-9]{12}$/;

/** Minimum length of the bootstrap admin key (`ADMIN_API_KEY`) and of `SIGNING_SECRET`. */
export const MIN_SECRET_LENGTH = 32;

function randomString(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

export interface GeneratedApiKey {
  keyId: string;
  secret: string;
  /** The whole key, `blg_<keyId>_<secret>`: shown once, never stored. */
  key: string;
  secretHash: string;
}

export function generateApiKey(): GeneratedApiKey {
  const keyId = randomString(KEY_ID_LENGTH);
  const secret = randomString(SECRET_LENGTH);
  return { keyId, secret, key: `${API_KEY_PREFIX}${keyId}_${secret}`, secretHash: hashSecret(secret) };
}

/** Splits a key into id and secret; null when it is not a well-formed Belong API key. */
export function parseApiKey(raw: string): { keyId: string; secret: string } | null {
  const match = API_KEY_PATTERN.exec(raw);
  if (!match?.[1] || !match[2]) return null;
  return { keyId: match[1], secret: match[2] };
}

/** SHA-256 hex: a fast hash is right for a random 256-bit secret (nothing to brute-force). */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Constant-time comparison of a presented secret with a stored SHA-256 hex hash. */
export function secretMatches(secret: string, secretHash: string): boolean {
  const expected = Buffer.from(secretHash, 'hex');
  const actual = createHash('sha256').update(secret, 'utf8').digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Constant-time equality of two arbitrary strings (hashes both, so lengths do not leak). */
export function constantTimeEquals(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a, 'utf8').digest();
  const hb = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(ha, hb);
}
