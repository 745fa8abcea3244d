import { describe, expect, it } from '@jest/globals';
import { classifySendError } from '../src/mail/transport.ts';
import { decodeCursor, encodeCursor } from '../src/pagination.ts';
import { parseMultipartFields } from '../src/preferences/multipart.ts';
import { reminderTime } from '../src/readmodels/models.ts';
import { backoff, emailHash, hashId, oneLine, parseMailbox } from '../src/text.ts';
import { newWebhookSecret, sign, signedHeaders, verifySignature } from '../src/webhooks/signing.ts';

describe('text', () => {
  it('makes header text one line', () => {
    expect(oneLine('a\r\nBcc: x@y\u2028z\u0000  b')).toBe('a Bcc: x@y z b');
    expect(oneLine('x'.repeat(300), 10)).toHaveLength(10);
  });

  it('hashes addresses like profile.erased does', () => {
    expect(emailHash(' Sam@Example.org ')).toBe(emailHash('sam@example.org'));
    expect(emailHash('sam@example.org')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('makes deterministic ids', () => {
    expect(hashId('ntf_', 'e1', 'p1', 't')).toBe(hashId('ntf_', 'e1', 'p1', 't'));
    expect(hashId('ntf_', 'e1', 'p1t')).not.toBe(hashId('ntf_', 'e1p', '1t'));
    expect(hashId('ntf_', 'e')).toMatch(/^ntf_[A-Za-z0-9_-]{22}$/);
  });

  it('reads MAIL_FROM', () => {
    expect(parseMailbox('Belong <belong@localhost>')).toEqual({
      name: 'Belong',
      address: 'belong@localhost',
    });
    expect(parseMailbox('"Belong Team" <b@x.org>')).toEqual({ name: 'Belong Team', address: 'b@x.org' });
    expect(parseMailbox('b@x.org')).toEqual({ name: '', address: 'b@x.org' });
    expect(() => parseMailbox('nobody')).toThrow();
  });

  it('backs off exponentially within [½, 1] of the step, capped', () => {
    expect(backoff(1, 1000, 60_000, () => 0)).toBe(500);
    expect(backoff(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(backoff(4, 1000, 60_000, () => 1)).toBe(8000);
    expect(backoff(30, 1000, 60_000, () => 1)).toBe(60_000);
  });
});

describe('SMTP failures', () => {
  it('5xx is permanent, 4xx, 503 and connection errors are temporary', () => {
    expect(classifySendError({ responseCode: 550, response: '550 5.1.1 unknown user' })).toEqual({
      permanent: true,
      reason: '550 5.1.1 unknown user',
    });
    expect(classifySendError({ responseCode: 451, response: '451 try later' }).permanent).toBe(false);
    expect(classifySendError({ responseCode: 503, response: '503 bad sequence' }).permanent).toBe(false);
    expect(classifySendError({ code: 'ECONNECTION', message: 'connect ECONNREFUSED 127.0.0.1:1' })).toEqual({
      permanent: false,
      reason: 'ECONNECTION: connect ECONNREFUSED 127.0.0.1:1',
    });
    expect(classifySendError({ responseCode: 552, permanent: false }).permanent).toBe(false);
  });
});

describe('reminder time', () => {
  const h = 3600_000;
  it('is the lead before expiry, never in the first half of the proposal', () => {
    expect(reminderTime('2026-01-01T00:00:00.000Z', '2026-01-08T00:00:00.000Z', 48 * h)).toBe(
      '2026-01-06T00:00:00.000Z',
    );
    expect(reminderTime('2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z', 48 * h)).toBe(
      '2026-01-01T12:00:00.000Z',
    );
    expect(reminderTime('2026-01-02T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 48 * h)).toBeNull();
  });
});

describe('cursors', () => {
  it('round-trip and refuse anything else', () => {
    const position = { createdAt: '2026-11-27T09:00:00.000Z', id: 'ntf_abc' };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
    expect(() => decodeCursor('bm9wZQ')).toThrow('cursor');
    expect(() => decodeCursor(Buffer.from('["x","$bad"]').toString('base64url'))).toThrow('cursor');
  });
});

describe('one-click bodies', () => {
  it('reads a multipart form', () => {
    const body =
      '--b\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--b--\r\n';
    expect(parseMultipartFields(body, 'multipart/form-data; boundary=b')).toEqual({
      'List-Unsubscribe': 'One-Click',
    });
    expect(() => parseMultipartFields(body, 'multipart/form-data')).toThrow('boundary');
  });
});

describe('webhook signatures (Standard Webhooks)', () => {
  it('match the Standard Webhooks reference vector', () => {
    // From the Standard Webhooks specification's test suite.
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const signature = sign(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}');
    expect(signature).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('verify, and refuse a changed body, another secret or an old timestamp', () => {
    const secret = newWebhookSecret();
    const now = Date.now();
    const headers = signedHeaders(secret, 'evt_1', '{"a":1}', now);
    const given = {
      id: headers['webhook-id'] ?? '',
      timestamp: headers['webhook-timestamp'] ?? '',
      signature: headers['webhook-signature'] ?? '',
    };
    expect(verifySignature(secret, given, '{"a":1}', 300, now)).toBe(true);
    expect(verifySignature(secret, given, '{"a":2}', 300, now)).toBe(false);
    expect(verifySignature(newWebhookSecret(), given, '{"a":1}', 300, now)).toBe(false);
    expect(verifySignature(secret, given, '{"a":1}', 300, now + 301_000)).toBe(false);
  });
});
