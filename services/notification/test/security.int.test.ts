// Security tests of the notification service against the real servers (docs/security.md maps
// them to the OWASP API Security Top 10): keys kept to their programme and scope, link tokens
// kept to their action, rate limits, hostile bodies, hostile names and free text on their way
// into emails (read back from the dev mailbox) and pages, tampered links, and webhook URLs that
// point into our own network (SSRF), refused when registered and again on delivery.
// The app here runs with WEBHOOK_ALLOW_PRIVATE_NETWORKS off, as in production.
import { createServer, type Server } from 'node:http';
import { createTokenService, type KitApp } from '@belong/kit';
import { createTestNamespace } from '@belong/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ENDPOINTS_COLLECTION, type WebhookDelivery, type WebhookEndpoint } from '../src/webhooks/service.ts';
import {
  ADMIN_KEY,
  auth,
  buildTestApp,
  createKey,
  eventually,
  type Mail,
  mailTo,
  Publisher,
  programmeData,
  proposedData,
  SIGNING_SECRET,
  submittedData,
  uid,
  verifiedData,
  waitForMail,
} from './helpers.ts';

const ns = createTestNamespace('notification security');
const publisher = new Publisher(ns);
const tokens = createTokenService({ signingSecret: SIGNING_SECRET });
let app: KitApp;
const mailbox = () => ns.servers.mailboxUrl;
const programmeA = uid('prg');
const programmeB = uid('prg');
const PROBLEM = /^application\/problem\+json/;

interface Person {
  id: string;
  role: 'mentee' | 'mentor';
  displayName: string;
  email: string;
}
const person = (role: Person['role'], displayName: string, local: string): Person => ({
  id: uid('pfl'),
  role,
  displayName,
  email: ns.email(local),
});
const alice = person('mentee', 'Alice Able', 'alice');
const bob = person('mentee', 'Bob Baker', 'bob');

/** submitted + verified, then the verification email has arrived (the read models know them). */
async function join(p: Person, programmeId: string, subject = 'confirm your email'): Promise<Mail> {
  await publisher.publish('belong.profile.submitted.v1', submittedData(p.id, programmeId, p));
  const [mail] = await waitForMail(mailbox(), p.email, 1, subject);
  await publisher.publish('belong.profile.verified.v1', verifiedData(p.id, programmeId, p));
  return mail as Mail;
}

async function notificationOf(p: Person): Promise<string> {
  const response = await app.inject({
    method: 'GET',
    url: `/notifications?recipientId=${p.id}`,
    headers: auth(ADMIN_KEY),
  });
  const id = (response.json() as { items: { id: string }[] }).items[0]?.id;
  if (!id) throw new Error(`no notification for ${p.displayName}`);
  return id;
}

const unsubscribeToken = (p: Person, programmeId: string) =>
  tokens.issue({ profileId: p.id, action: 'unsubscribe', resourceId: programmeId, ttlSeconds: 600 });

const preferencesOf = async (p: Person, programmeId: string) =>
  (
    await app.inject({
      method: 'GET',
      url: `/programmes/${programmeId}/people/${p.id}/preferences`,
      headers: auth(ADMIN_KEY),
    })
  ).json();

/** A valid token, and the same changed in every way a forger might try. */
function forgeries(good: string, claims: { profileId: string; action: string; resourceId?: string }) {
  const [header = '', payload = '', signature = ''] = good.split('.');
  const flip = (text: string, at: number) =>
    `${text.slice(0, at)}${text[at] === 'A' ? 'B' : 'A'}${text.slice(at + 1)}`;
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const past = Date.now() - 2 * 3600_000;
  return [
    [
      'one character of the payload changed',
      `${header}.${flip(payload, 12)}.${signature}`,
      'AUTH_INVALID_TOKEN',
    ],
    [
      'one character of the signature changed',
      `${header}.${payload}.${flip(signature, 5)}`,
      'AUTH_INVALID_TOKEN',
    ],
    [
      'signed with another secret',
      createTokenService({ signingSecret: 'another-secret-'.repeat(4) }).issue({
        ...claims,
        ttlSeconds: 600,
      }),
      'AUTH_INVALID_TOKEN',
    ],
    [
      'expired',
      createTokenService({ signingSecret: SIGNING_SECRET, now: () => past }).issue({
        ...claims,
        ttlSeconds: 3600,
      }),
      'AUTH_TOKEN_EXPIRED',
    ],
    ['alg none', `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`, 'AUTH_INVALID_TOKEN'],
    ['truncated', good.slice(0, -10), 'AUTH_INVALID_TOKEN'],
  ] as const;
}

const deeplyNested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const deeplyNestedObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

beforeAll(async () => {
  app = buildTestApp(ns, { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false' });
  await app.ready();
  await publisher.start();
  await publisher.publish('belong.programme.changed.v1', programmeData(programmeA));
  await publisher.publish('belong.programme.changed.v1', programmeData(programmeB));
  await Promise.all([join(alice, programmeA), join(bob, programmeB)]);
}, 90_000);

afterAll(async () => {
  await publisher.stop();
  await app?.close();
  await ns.cleanup();
}, 30_000);

describe('object-level authorisation (API1)', () => {
  it('keeps a programme key to its own delivery log: another programme’s email is a 404, its list a 403', async () => {
    const keyB = await createKey(app, ['notifications:read', 'notifications:write'], programmeB);
    const aliceMail = await notificationOf(alice);
    const one = await app.inject({ method: 'GET', url: `/notifications/${aliceMail}`, headers: auth(keyB) });
    expect(one.statusCode).toBe(404);
    expect(one.headers['content-type']).toMatch(PROBLEM);
    expect(one.json().code).toBe('NOTIF_NOT_FOUND');
    expect(one.body).not.toContain(alice.email);
    const named = await app.inject({
      method: 'GET',
      url: `/notifications?programmeId=${programmeA}`,
      headers: auth(keyB),
    });
    expect(named.statusCode).toBe(403);
    expect(named.json().code).toBe('AUTH_FORBIDDEN_PROGRAMME');
    // Without a programme filter, a bound key lists its own programme only.
    const all = await app.inject({ method: 'GET', url: '/notifications?limit=200', headers: auth(keyB) });
    const items = (all.json() as { items: { programmeId: string; recipient: { profileId: string } }[] })
      .items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((n) => n.programmeId === programmeB)).toBe(true);
    const byRecipient = await app.inject({
      method: 'GET',
      url: `/notifications?recipientId=${alice.id}`,
      headers: auth(keyB),
    });
    expect(byRecipient.json().items).toEqual([]);
    // Resending is for admin keys only; nothing was queued.
    const resend = await app.inject({
      method: 'POST',
      url: `/notifications/${aliceMail}/resend`,
      headers: auth(keyB),
    });
    expect(resend.statusCode).toBe(403);
    const after = await app.inject({
      method: 'GET',
      url: `/notifications?recipientId=${alice.id}`,
      headers: auth(ADMIN_KEY),
    });
    expect(after.json().items).toHaveLength(1);
  });

  it('keeps a person’s email choices to their programme: another programme’s key is a 403, another programme’s person a 404', async () => {
    const keyA = await createKey(app, ['notifications:read', 'notifications:write'], programmeA);
    const keyB = await createKey(app, ['notifications:read', 'notifications:write'], programmeB);
    const aliceUrl = `/programmes/${programmeA}/people/${alice.id}/preferences`;
    for (const method of ['GET', 'PATCH'] as const) {
      const response = await app.inject({
        method,
        url: aliceUrl,
        headers: auth(keyB),
        ...(method === 'PATCH' ? { payload: { reminders: false } } : {}),
      });
      expect([method, response.statusCode, response.json().code]).toEqual([
        method,
        403,
        'AUTH_FORBIDDEN_PROGRAMME',
      ]);
    }
    // A key for A naming A in the path but B's person: not found, not B's choices.
    const crossed = await app.inject({
      method: 'PATCH',
      url: `/programmes/${programmeA}/people/${bob.id}/preferences`,
      headers: auth(keyA),
      payload: { reminders: false },
    });
    expect(crossed.statusCode).toBe(404);
    expect(crossed.json().code).toBe('NOTIF_PERSON_NOT_FOUND');
    expect(await preferencesOf(alice, programmeA)).toEqual({ reminders: true, summaries: true });
    expect(await preferencesOf(bob, programmeB)).toEqual({ reminders: true, summaries: true });
  });

  it('keeps webhooks to their programme: 403 through another programme’s path, 404 for another programme’s id, nothing changed', async () => {
    const keyA = await createKey(app, ['notifications:read', 'notifications:write'], programmeA);
    const keyB = await createKey(app, ['notifications:read', 'notifications:write'], programmeB);
    const register = async (programmeId: string, key: string) => {
      const response = await app.inject({
        method: 'POST',
        url: `/programmes/${programmeId}/webhooks`,
        headers: auth(key),
        payload: { url: 'https://hooks.integrator.example/belong', eventTypes: ['belong.match.ended.v1'] },
      });
      expect(response.statusCode).toBe(201);
      return (response.json() as { endpoint: { id: string } }).endpoint.id;
    };
    const hookA = await register(programmeA, keyA);
    await register(programmeB, keyB);
    const operations = (programmeId: string) =>
      [
        { method: 'GET', url: `/programmes/${programmeId}/webhooks/${hookA}` },
        { method: 'GET', url: `/programmes/${programmeId}/webhooks/${hookA}/deliveries` },
        {
          method: 'PATCH',
          url: `/programmes/${programmeId}/webhooks/${hookA}`,
          payload: { url: 'https://attacker.example/steal' },
        },
        { method: 'DELETE', url: `/programmes/${programmeId}/webhooks/${hookA}` },
      ] as const;
    for (const operation of operations(programmeA)) {
      const response = await app.inject({ ...operation, headers: auth(keyB) });
      expect([operation.method, response.statusCode, response.json().code]).toEqual([
        operation.method,
        403,
        'AUTH_FORBIDDEN_PROGRAMME',
      ]);
    }
    const listA = await app.inject({
      method: 'GET',
      url: `/programmes/${programmeA}/webhooks`,
      headers: auth(keyB),
    });
    expect(listA.statusCode).toBe(403);
    for (const operation of operations(programmeB)) {
      const response = await app.inject({ ...operation, headers: auth(keyB) });
      expect([operation.method, response.statusCode, response.json().code]).toEqual([
        operation.method,
        404,
        'NOTIF_WEBHOOK_NOT_FOUND',
      ]);
    }
    const still = await app.inject({
      method: 'GET',
      url: `/programmes/${programmeA}/webhooks/${hookA}`,
      headers: auth(keyA),
    });
    expect(still.json()).toMatchObject({ url: 'https://hooks.integrator.example/belong', status: 'active' });
  });
});

describe('function-level authorisation: scopes (API5)', () => {
  it('refuses each privileged operation to a key without its scope, with 403 naming the scope', async () => {
    const reader = await createKey(app, ['notifications:read'], programmeA);
    const writer = await createKey(app, ['notifications:write'], programmeA);
    const others = await createKey(
      app,
      [
        'profiles:read',
        'profiles:write',
        'matches:read',
        'matches:write',
        'programmes:read',
        'programmes:write',
      ],
      programmeA,
    );
    const hook = await app.inject({
      method: 'POST',
      url: `/programmes/${programmeA}/webhooks`,
      headers: auth(ADMIN_KEY),
      payload: { url: 'https://hooks.integrator.example/scopes', eventTypes: ['belong.match.ended.v1'] },
    });
    const hookId = (hook.json() as { endpoint: { id: string } }).endpoint.id;
    const aliceMail = await notificationOf(alice);
    const webhookBody = {
      url: 'https://hooks.integrator.example/new',
      eventTypes: ['belong.match.ended.v1'],
    };
    const cases = [
      [reader, 'notifications:write', 'POST', `/programmes/${programmeA}/webhooks`, webhookBody],
      [
        reader,
        'notifications:write',
        'PATCH',
        `/programmes/${programmeA}/webhooks/${hookId}`,
        { enabled: false },
      ],
      [reader, 'notifications:write', 'DELETE', `/programmes/${programmeA}/webhooks/${hookId}`, undefined],
      [
        reader,
        'notifications:write',
        'PATCH',
        `/programmes/${programmeA}/people/${alice.id}/preferences`,
        { reminders: false },
      ],
      [reader, 'admin', 'POST', `/notifications/${aliceMail}/resend`, undefined],
      [writer, 'admin', 'POST', `/notifications/${aliceMail}/resend`, undefined],
      [writer, 'notifications:read', 'GET', `/notifications?programmeId=${programmeA}`, undefined],
      [writer, 'notifications:read', 'GET', `/programmes/${programmeA}/webhooks`, undefined],
      [
        writer,
        'notifications:read',
        'GET',
        `/programmes/${programmeA}/webhooks/${hookId}/deliveries`,
        undefined,
      ],
      [others, 'notifications:read', 'GET', `/notifications/${aliceMail}`, undefined],
      [others, 'notifications:write', 'POST', `/programmes/${programmeA}/webhooks`, webhookBody],
    ] as const;
    for (const [key, scope, method, url, payload] of cases) {
      const response = await app.inject({
        method,
        url,
        headers: auth(key),
        ...(payload ? { payload } : {}),
      });
      expect([method, url, response.statusCode]).toEqual([method, url, 403]);
      expect(response.headers['content-type']).toMatch(PROBLEM);
      expect(response.json().code).toBe('AUTH_FORBIDDEN_SCOPE');
      expect(response.headers['www-authenticate']).toContain(`scope="${scope}"`);
    }
    const unchanged = await app.inject({
      method: 'GET',
      url: `/programmes/${programmeA}/webhooks/${hookId}`,
      headers: auth(ADMIN_KEY),
    });
    expect(unchanged.json()).toMatchObject({ status: 'active' });
    expect(await preferencesOf(alice, programmeA)).toEqual({ reminders: true, summaries: true });
  });

  it('takes a link token only for its own action, and never as an API key', async () => {
    const wrong = {
      'manage-profile': tokens.issue({ profileId: alice.id, action: 'manage-profile', ttlSeconds: 600 }),
      'respond-match': tokens.issue({
        profileId: alice.id,
        action: 'respond-match',
        resourceId: uid('mtc'),
        ttlSeconds: 600,
      }),
      'verify-email': tokens.issue({ profileId: alice.id, action: 'verify-email', ttlSeconds: 600 }),
      'unsubscribe without a programme': tokens.issue({
        profileId: alice.id,
        action: 'unsubscribe',
        ttlSeconds: 600,
      }),
    };
    for (const [label, token] of Object.entries(wrong)) {
      const page = await app.inject({ method: 'GET', url: `/unsubscribe?token=${token}` });
      expect([label, page.statusCode]).toEqual([label, 403]);
      expect(page.body).toContain('This link does not work');
      const oneClick = await app.inject({
        method: 'POST',
        url: `/unsubscribe?token=${token}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });
      expect([label, oneClick.statusCode]).toEqual([label, 403]);
      const json = await app.inject({
        method: 'PATCH',
        url: `/preferences?token=${token}`,
        payload: { reminders: false },
      });
      expect([label, json.statusCode, json.json().code]).toEqual([label, 403, 'AUTH_TOKEN_WRONG_ACTION']);
    }
    // A person's own unsubscribe link is not an API key, on any route that needs one.
    const own = unsubscribeToken(alice, programmeA);
    for (const url of [
      `/notifications?recipientId=${alice.id}`,
      `/programmes/${programmeA}/people/${alice.id}/preferences`,
      `/programmes/${programmeA}/webhooks`,
    ]) {
      const response = await app.inject({ method: 'GET', url, headers: auth(own) });
      expect([url, response.statusCode, response.json().code]).toEqual([url, 401, 'AUTH_INVALID_KEY']);
    }
    expect(await preferencesOf(alice, programmeA)).toEqual({ reminders: true, summaries: true });
  });
});

describe('signed links: tampered, expired, forged (API2)', () => {
  it('refuses every forgery of an unsubscribe link on the page, one-click and JSON, and changes nothing', async () => {
    const claims = { profileId: alice.id, action: 'unsubscribe', resourceId: programmeA };
    const good = unsubscribeToken(alice, programmeA);
    for (const [label, token, code] of forgeries(good, claims)) {
      const page = await app.inject({ method: 'GET', url: `/unsubscribe?token=${token}` });
      expect([label, page.statusCode]).toEqual([label, 401]);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.body).toContain(
        code === 'AUTH_TOKEN_EXPIRED' ? 'This link has expired' : 'This link does not work',
      );
      const oneClick = await app.inject({
        method: 'POST',
        url: `/unsubscribe?token=${encodeURIComponent(token)}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });
      expect([label, oneClick.statusCode]).toEqual([label, 401]);
      const json = await app.inject({
        method: 'PATCH',
        url: `/preferences?token=${encodeURIComponent(token)}`,
        payload: { reminders: false },
      });
      expect([label, json.statusCode, json.json().code]).toEqual([label, 401, code]);
      expect(json.headers['content-type']).toMatch(PROBLEM);
    }
    expect(await preferencesOf(alice, programmeA)).toEqual({ reminders: true, summaries: true });
    // The genuine link still works.
    const page = await app.inject({ method: 'GET', url: `/unsubscribe?token=${good}` });
    expect(page.statusCode).toBe(200);
  });
});

describe('rate limits (API4)', () => {
  const limited = createTestNamespace('notification security rate');
  let small: KitApp;

  beforeAll(async () => {
    small = buildTestApp(limited, { RATE_LIMIT_PER_MINUTE: '3' });
    await small.ready();
  }, 60_000);

  afterAll(async () => {
    await small?.close();
    await limited.cleanup();
  }, 30_000);

  it('answers 429 problem+json with Retry-After over the limit, per address and per key; probes are exempt', async () => {
    const token = unsubscribeToken(alice, programmeA);
    for (let i = 0; i < 3; i++) {
      const ok = await small.inject({ method: 'GET', url: `/unsubscribe?token=${token}` });
      expect(ok.statusCode).toBe(200);
      expect(ok.headers['x-ratelimit-limit']).toBe('3');
    }
    const over = await small.inject({ method: 'GET', url: `/unsubscribe?token=${token}` });
    expect(over.statusCode).toBe(429);
    expect(over.headers['content-type']).toMatch(PROBLEM);
    expect(over.json()).toMatchObject({ status: 429, code: 'NOTIF_RATE_LIMITED' });
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect((await small.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    // A key has its own budget, spent the same way.
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push(
        (await small.inject({ method: 'GET', url: '/notifications', headers: auth(ADMIN_KEY) })).statusCode,
      );
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});

describe('hostile bodies (API4, API8)', () => {
  it('answers an oversized body with 413 problem+json, JSON or form', async () => {
    const json = await app.inject({
      method: 'PATCH',
      url: `/programmes/${programmeA}/people/${alice.id}/preferences`,
      headers: { ...auth(ADMIN_KEY), 'content-type': 'application/json' },
      payload: JSON.stringify({ reminders: false, padding: 'x'.repeat(300_000) }),
    });
    expect(json.statusCode).toBe(413);
    expect(json.headers['content-type']).toMatch(PROBLEM);
    expect(json.json().code).toBe('NOTIF_BODY_TOO_LARGE');
    const form = await app.inject({
      method: 'POST',
      url: `/unsubscribe?token=${unsubscribeToken(alice, programmeA)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `List-Unsubscribe=One-Click&padding=${'x'.repeat(20_000)}`,
    });
    expect(form.statusCode).toBe(413);
    expect(form.headers['content-type']).toMatch(PROBLEM);
    expect(await preferencesOf(alice, programmeA)).toEqual({ reminders: true, summaries: true });
  });

  it('answers 10,000 levels of nesting with a 400, and keeps answering', async () => {
    const url = `/programmes/${programmeA}/webhooks`;
    for (const payload of [
      deeplyNested(10_000),
      deeplyNestedObject(10_000),
      `{"url":"https://hooks.integrator.example/x","eventTypes":["belong.match.ended.v1"],"description":${deeplyNested(10_000)}}`,
    ]) {
      const response = await app.inject({
        method: 'POST',
        url,
        headers: { ...auth(ADMIN_KEY), 'content-type': 'application/json' },
        payload,
      });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(PROBLEM);
    }
    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url, headers: auth(ADMIN_KEY) })).statusCode).toBe(200);
  });

  it('refuses __proto__ and constructor.prototype keys, and the prototype stays clean', async () => {
    const url = `/programmes/${programmeA}/people/${alice.id}/preferences`;
    for (const payload of [
      '{"reminders":false,"__proto__":{"polluted":true}}',
      '{"reminders":false,"constructor":{"prototype":{"polluted":true}}}',
    ]) {
      const response = await app.inject({
        method: 'PATCH',
        url,
        headers: { ...auth(ADMIN_KEY), 'content-type': 'application/json' },
        payload,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('NOTIF_INVALID_BODY');
    }
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    expect(await preferencesOf(alice, programmeA)).toEqual({ reminders: true, summaries: true });
  });
});

describe('hostile names and free text in emails and pages (API8, API10)', () => {
  const programmeH = uid('prg');
  const evil = ns.email('evil');
  const hostile = `Sam "><img src=x onerror=alert(1)> {{programme.name}} \u202Etxt.exe\u200B\r\nBcc: ${evil}`;
  const mentee = person('mentee', hostile, 'hostile-mentee');
  const mentor = person(
    'mentor',
    `<script>alert(1)</script>\r\nSubject: you won\r\nX-Injected: yes`,
    'hostile-mentor',
  );
  const programmeName = `Evil <b>programme</b>\r\nBcc: ${evil}\r\nX-Injected: yes {{#each this}}x{{/each}}`;
  let verification: Mail;
  let menteeProposal: Mail;
  let mentorProposal: Mail;

  const headerNames = (mail: Mail) => Object.keys(mail.headers);
  const expectNoInjectedHeaders = (mail: Mail) => {
    expect(mail.subject).not.toMatch(/[\r\n\u2028\u2029]/);
    expect(typeof mail.headers.subject).toBe('string');
    expect(headerNames(mail)).not.toContain('bcc');
    expect(headerNames(mail)).not.toContain('x-injected');
    expect(mail.envelope.to).toHaveLength(1);
    expect(mail.from?.name ?? '').not.toMatch(/[\r\n]/);
    expect(mail.to[0]?.name ?? '').not.toMatch(/[\r\n]/);
  };
  const expectEscaped = (html: string) => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<b>programme/);
  };

  beforeAll(async () => {
    await publisher.publish(
      'belong.programme.changed.v1',
      programmeData(programmeH, {
        name: programmeName,
        coordinator: { name: 'Coordinator\r\nX-Injected: yes', email: ns.email('coordinator-h') },
      }),
    );
    verification = await join(mentee, programmeH, 'confirm your email');
    await join(mentor, programmeH, 'confirm your email');
    await publisher.publish(
      'belong.match.proposed.v1',
      proposedData(uid('m'), programmeH, mentee.id, mentor.id, {
        explanation: {
          summary: 'A <i>good</i> match {{programme.coordinator.email}}',
          criteria: [
            {
              criterion: 'topics',
              label: 'Hopes',
              weight: 40,
              similarity: 0.9,
              contribution: 36,
              forMentee: 'She wrote: "><svg onload=alert(1)>\r\nBcc: someone',
              forMentor: 'He wrote: <iframe src=//evil.test>',
            },
          ],
        },
      }),
    );
    [menteeProposal] = (await waitForMail(mailbox(), mentee.email, 1, 'suggested a mentor')) as [Mail];
    [mentorProposal] = (await waitForMail(mailbox(), mentor.email, 1, 'Would you mentor')) as [Mail];
  }, 90_000);

  it('keeps subjects on one line and adds no header, whatever the programme and the names say', () => {
    for (const mail of [verification, menteeProposal, mentorProposal]) expectNoInjectedHeaders(mail);
    expect(verification.subject).toContain('Evil <b>programme</b> Bcc:');
    expect(mentorProposal.subject).toContain('Sam "><img src=x onerror=alert(1)> {{programme.name}}');
    expect(menteeProposal.subject).toBe(
      'We have suggested a mentor for you: <script>alert(1)</script> Subject: you won X-Injected: yes',
    );
  });

  it('escapes every name and reason in the HTML part, and never runs template syntax from data', () => {
    for (const mail of [verification, menteeProposal, mentorProposal]) expectEscaped(mail.html ?? '');
    expect(menteeProposal.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(menteeProposal.html).not.toMatch(/<svg/i);
    expect(menteeProposal.html).toContain('&quot;&gt;&lt;svg onload&#x3D;alert(1)&gt;');
    expect(mentorProposal.html).not.toMatch(/<iframe/i);
    expect(mentorProposal.html).toContain('Sam &quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
    // Template syntax in data is text: shown as typed, never evaluated.
    expect(mentorProposal.text).toContain('{{programme.name}}');
    expect(verification.text).toContain('{{#each this}}x{{/each}}');
    expect(menteeProposal.text).toContain('{{programme.coordinator.email}}');
  });

  it('sends nothing to an address smuggled into a name or a programme', async () => {
    expect(await mailTo(mailbox(), evil)).toHaveLength(0);
  });

  it('escapes the names on the email choices page', async () => {
    const page = await app.inject({
      method: 'GET',
      url: `/unsubscribe?token=${unsubscribeToken(mentee, programmeH)}`,
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toMatch(/<img/i);
    expect(page.body).not.toMatch(/<b>programme/);
    expect(page.body).toContain('&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  });
});

describe('webhook URLs into our own network (API7 SSRF)', () => {
  it('refuses, when registered or changed, URLs whose host is or resolves to an internal address, naming /url', async () => {
    const url = `/programmes/${programmeA}/webhooks`;
    const refused = [
      'http://127.0.0.1:8080/hook',
      'http://localhost:3003/notifications',
      'http://127.1/hook',
      'http://2130706433/hook',
      'http://0x7f000001/hook',
      'http://[::1]/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://0.0.0.0/hook',
      'http://[::]/hook',
      'http://10.1.2.3/hook',
      'http://172.16.5.4/hook',
      'http://192.168.1.20/hook',
      'http://100.64.0.1/hook',
      'http://169.254.169.254/latest/meta-data/',
      'http://[fd12:3456::1]/hook',
      'http://[fe80::1]/hook',
      'https://user:secret@hooks.integrator.example/hook',
      'ftp://hooks.integrator.example/hook',
      'file:///etc/passwd',
      'gopher://127.0.0.1:6379/_FLUSHALL',
    ];
    for (const target of refused) {
      const response = await app.inject({
        method: 'POST',
        url,
        headers: auth(ADMIN_KEY),
        payload: { url: target, eventTypes: ['belong.match.ended.v1'] },
      });
      expect([target, response.statusCode]).toEqual([target, 400]);
      expect(response.headers['content-type']).toMatch(PROBLEM);
      expect(['NOTIF_INVALID_WEBHOOK_URL', 'NOTIF_VALIDATION']).toContain(response.json().code);
      expect(response.json().errors).toEqual([expect.objectContaining({ in: 'body', pointer: '/url' })]);
    }
    const metadata = await app.inject({
      method: 'POST',
      url,
      headers: auth(ADMIN_KEY),
      payload: { url: 'http://169.254.169.254/latest/meta-data/', eventTypes: ['belong.match.ended.v1'] },
    });
    expect(metadata.json().detail).toBe(
      'The URL must be on the public internet: 169.254.169.254 is a link-local address',
    );
    const named = await app.inject({
      method: 'POST',
      url,
      headers: auth(ADMIN_KEY),
      payload: { url: 'http://localhost/hook', eventTypes: ['belong.match.ended.v1'] },
    });
    expect(named.json().detail).toMatch(
      /^The URL must be on the public internet: localhost resolves to .+, a loopback address$/,
    );

    // A public URL is accepted; changing it to an internal one is refused and changes nothing.
    const created = await app.inject({
      method: 'POST',
      url,
      headers: auth(ADMIN_KEY),
      payload: { url: 'https://hooks.integrator.example/ok', eventTypes: ['belong.match.ended.v1'] },
    });
    expect(created.statusCode).toBe(201);
    const id = (created.json() as { endpoint: { id: string } }).endpoint.id;
    const patched = await app.inject({
      method: 'PATCH',
      url: `${url}/${id}`,
      headers: auth(ADMIN_KEY),
      payload: { url: 'http://169.254.169.254/latest/meta-data/iam/' },
    });
    expect(patched.statusCode).toBe(400);
    expect(patched.json()).toMatchObject({
      code: 'NOTIF_INVALID_WEBHOOK_URL',
      errors: [{ pointer: '/url' }],
    });
    const read = await app.inject({ method: 'GET', url: `${url}/${id}`, headers: auth(ADMIN_KEY) });
    expect(read.json().url).toBe('https://hooks.integrator.example/ok');
  });

  it('checks again on delivery against the address it connects to: an internal target is never called, the delivery fails saying why', async () => {
    let hits = 0;
    const receiver: Server = createServer((_request, response) => {
      hits++;
      response.end();
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const address = receiver.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      // As if registered while the name resolved to a public address (DNS rebinding), or before
      // the check existed: written straight to the store.
      const endpoints = app.events.store<WebhookEndpoint>(ENDPOINTS_COLLECTION);
      const now = new Date().toISOString();
      const planted = [
        { id: uid('whk'), url: `http://localhost:${port}/rebound` },
        { id: uid('whk'), url: `http://127.0.0.1:${port}/literal` },
      ];
      for (const { id, url } of planted) {
        await endpoints.create(id, {
          id,
          programmeId: programmeA,
          url,
          description: 'planted',
          eventTypes: ['belong.match.accepted.v1'],
          secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
          status: 'active',
          disabledReason: null,
          disabledAt: null,
          failureStreak: 0,
          failingSince: null,
          lastFailure: null,
          createdAt: now,
          updatedAt: now,
          createdBy: 'test',
        });
      }
      await publisher.publish('belong.match.accepted.v1', {
        matchId: uid('m'),
        programmeId: programmeA,
        menteeId: alice.id,
        mentorId: uid('pfl'),
        by: 'mentor',
        status: 'awaiting_mentee',
        acceptedAt: new Date().toISOString(),
      });
      const [rebound, literal] = await Promise.all(
        planted.map(({ id }) =>
          eventually(async () => {
            const response = await app.inject({
              method: 'GET',
              url: `/programmes/${programmeA}/webhooks/${id}/deliveries`,
              headers: auth(ADMIN_KEY),
            });
            const item = (response.json() as { items: WebhookDelivery[] }).items[0];
            return item?.status === 'failed' ? item : undefined;
          }),
        ),
      );
      expect(rebound).toMatchObject({ attempts: 1, nextAttemptAt: null });
      expect(rebound?.reason).toMatch(
        /^refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address \(webhooks may not reach private networks\)$/,
      );
      expect(literal?.reason).toBe(
        'refused: 127.0.0.1 is a loopback address (webhooks may not reach private networks)',
      );
      expect(literal?.history).toEqual([expect.objectContaining({ status: null, error: literal?.reason })]);
      expect(hits).toBe(0);
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});
