// Security tests of the profile service against the real servers (docs/security.md maps them to
// the OWASP API Security Top 10): keys kept to their programme and scope, a person's link kept to
// its person and action, forged links, rate limits, hostile bodies, and hostile names and answers
// on the person's own pages. What other files already prove is listed in docs/security.md.
import { createTokenService, type KitApp } from '@belong/kit';
import { createTestNamespace, EventProbe } from '@belong/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PROFILES_COLLECTION } from '../src/profiles/repository.ts';
import { healthInformationMentee } from '../src/questionnaires/health-information.ts';
import { auth, buildTestApp, createKey, createProgramme, menteeAnswers, SIGNING_SECRET } from './helpers.ts';

const ns = createTestNamespace('profile security');
const adminKey = `admin-${'s'.repeat(40)}`;
const probe = new EventProbe();
const tokens = createTokenService({ signingSecret: SIGNING_SECRET });
const PROBLEM = /^application\/problem\+json/;
let app: KitApp;
let programmeA: string;
let programmeB: string;
let draftA: string;
let keyA: string;
let keyB: string;

interface Active {
  id: string;
  email: string;
  token: string;
}
let alice: Active;
let bob: Active;

async function signUp(
  programmeId: string,
  email: string,
  displayName = 'Priya Shah',
  answers = menteeAnswers(),
) {
  const response = await app.inject({
    method: 'POST',
    url: `/programmes/${programmeId}/profiles`,
    payload: { role: 'mentee', displayName, email, answers },
  });
  expect(response.statusCode).toBe(201);
  return response.json().id as string;
}

async function verificationToken(profileId: string): Promise<string> {
  const [event] = await probe.waitFor('belong.profile.submitted.v1', profileId);
  const url = (event?.data as { verification?: { url: string } } | undefined)?.verification?.url ?? '';
  return new URL(url).searchParams.get('token') ?? '';
}

/** Signs up and confirms; the person's manage-profile token as the confirmation answers it. */
async function activeProfile(programmeId: string, local: string, displayName?: string, answers?: object) {
  const email = ns.email(local);
  const id = await signUp(programmeId, email, displayName, answers as never);
  const verified = await app.inject({
    method: 'POST',
    url: `/profiles/verify?token=${await verificationToken(id)}`,
  });
  expect(verified.statusCode).toBe(200);
  return { id, email, token: verified.json().manage.token as string };
}

const asAdmin = async (url: string) =>
  (await app.inject({ method: 'GET', url, headers: auth(adminKey) })).json();

/** A valid token, and the same changed in every way a forger might try. */
function forgeries(good: string, claims: { profileId: string; action: string }, other: string) {
  const [header = '', payload = '', signature = ''] = good.split('.');
  const flip = (text: string, at: number) =>
    `${text.slice(0, at)}${text[at] === 'A' ? 'B' : 'A'}${text.slice(at + 1)}`;
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
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
      'payload rewritten for another person',
      `${header}.${b64({ ...decoded, sub: other })}.${signature}`,
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
  app = buildTestApp(ns, adminKey);
  await app.ready();
  await probe.start(ns, 'belong.profile.v1');
  programmeA = await createProgramme(app, adminKey, 'security-a');
  programmeB = await createProgramme(app, adminKey, 'security-b');
  draftA = await createProgramme(app, adminKey, 'security-draft', 'draft');
  const every = ['programmes:read', 'programmes:write', 'profiles:read', 'profiles:write'];
  keyA = await createKey(app, adminKey, every, programmeA);
  keyB = await createKey(app, adminKey, every, programmeB);
  [alice, bob] = await Promise.all([activeProfile(programmeA, 'alice'), activeProfile(programmeB, 'bob')]);
}, 90_000);

afterAll(async () => {
  await probe.stop();
  await app?.close();
  await ns.cleanup();
}, 30_000);

describe('object-level authorisation (API1)', () => {
  it('keeps a programme key out of another programme’s profiles: 404 on every operation, nothing changed', async () => {
    const operations = [
      { method: 'PATCH', url: `/profiles/${alice.id}`, payload: { displayName: 'Mallory' } },
      { method: 'POST', url: `/profiles/${alice.id}/pause` },
      { method: 'POST', url: `/profiles/${alice.id}/resume` },
      { method: 'POST', url: `/profiles/${alice.id}/withdraw`, payload: { reason: 'hijacked' } },
      { method: 'GET', url: `/profiles/${alice.id}/export` },
    ] as const;
    for (const operation of operations) {
      const response = await app.inject({ ...operation, headers: auth(keyB) });
      expect([operation.url, response.statusCode, response.json().code]).toEqual([
        operation.url,
        404,
        'PROFILE_NOT_FOUND',
      ]);
      expect(response.headers['content-type']).toMatch(PROBLEM);
      expect(response.body).not.toContain(alice.email);
    }
    const search = await app.inject({
      method: 'GET',
      url: `/programmes/${programmeA}/profiles?q=alice`,
      headers: auth(keyB),
    });
    expect(search.statusCode).toBe(403);
    expect(search.json().code).toBe('AUTH_FORBIDDEN_PROGRAMME');
    expect(await asAdmin(`/profiles/${alice.id}`)).toMatchObject({
      status: 'active',
      displayName: 'Priya Shah',
    });
  });

  it('keeps a programme key to its own programme’s questionnaires: nothing read or published elsewhere', async () => {
    const definition = (({ key, title, intro, sections }) => ({
      key,
      title: `${title} (hijacked)`,
      intro,
      sections,
    }))(structuredClone(healthInformationMentee));
    const attempts = [
      {
        method: 'POST',
        url: `/programmes/${programmeA}/questionnaires/mentee/versions`,
        payload: definition,
      },
      { method: 'GET', url: `/programmes/${programmeA}/questionnaires/mentee/versions` },
      // A draft programme's questionnaire is not public; with a key, only the programme's own.
      { method: 'GET', url: `/programmes/${draftA}/questionnaires/mentee` },
      { method: 'GET', url: `/programmes/${draftA}/questionnaires/mentee/versions/1` },
    ] as const;
    for (const attempt of attempts) {
      const response = await app.inject({ ...attempt, headers: auth(keyB) });
      expect([attempt.url, response.statusCode, response.json().code]).toEqual([
        attempt.url,
        403,
        'AUTH_FORBIDDEN_PROGRAMME',
      ]);
    }
    const versions = await asAdmin(`/programmes/${programmeA}/questionnaires/mentee/versions`);
    expect(versions.items).toHaveLength(1);
    // Without a key the draft is simply not there.
    const anonymous = await app.inject({ method: 'GET', url: `/programmes/${draftA}/questionnaires/mentee` });
    expect(anonymous.statusCode).toBe(404);
  });

  it('keeps API keys to admin keys: a programme key cannot list, create or revoke keys', async () => {
    const victim = await createKey(app, adminKey, ['profiles:read'], programmeB);
    const victimId = victim.split('_')[1];
    const attempts = [
      { method: 'GET', url: '/api-keys' },
      {
        method: 'POST',
        url: '/api-keys',
        payload: { name: 'mine', scopes: ['profiles:read'], programmeId: programmeA },
      },
      { method: 'DELETE', url: `/api-keys/${victimId}` },
    ] as const;
    for (const attempt of attempts) {
      const response = await app.inject({ ...attempt, headers: auth(keyA) });
      expect([attempt.method, response.statusCode, response.json().code]).toEqual([
        attempt.method,
        403,
        'AUTH_FORBIDDEN_SCOPE',
      ]);
    }
    const stillWorks = await app.inject({ method: 'GET', url: `/profiles/${bob.id}`, headers: auth(victim) });
    expect(stillWorks.statusCode).toBe(200);
  });
});

describe('function-level authorisation: scopes and link actions (API5)', () => {
  it('refuses each privileged operation to a key without its scope, with 403 naming the scope', async () => {
    const profilesRead = await createKey(app, adminKey, ['profiles:read'], programmeA);
    const programmesRead = await createKey(app, adminKey, ['programmes:read'], programmeA);
    const profilesOnly = await createKey(app, adminKey, ['profiles:read', 'profiles:write'], programmeA);
    const cases = [
      [profilesRead, 'profiles:write', 'PATCH', `/profiles/${alice.id}`, { displayName: 'Mallory' }],
      [profilesRead, 'profiles:write', 'POST', `/profiles/${alice.id}/pause`, undefined],
      [profilesRead, 'profiles:write', 'POST', `/profiles/${alice.id}/withdraw`, {}],
      [profilesRead, 'profiles:write', 'DELETE', `/profiles/${alice.id}`, undefined],
      [
        profilesRead,
        'profiles:write',
        'POST',
        `/programmes/${programmeA}/profiles`,
        { role: 'mentee', displayName: 'X', email: ns.email('scoped'), answers: menteeAnswers() },
      ],
      [programmesRead, 'programmes:write', 'PATCH', `/programmes/${programmeA}`, { name: 'Renamed' }],
      [programmesRead, 'profiles:read', 'GET', `/programmes/${programmeA}/profiles`, undefined],
      [programmesRead, 'profiles:read', 'GET', `/profiles/${alice.id}/export`, undefined],
      [profilesOnly, 'programmes:read', 'GET', `/programmes/${programmeA}`, undefined],
      [profilesOnly, 'programmes:write', 'PATCH', `/programmes/${programmeA}`, { status: 'closed' }],
      [profilesOnly, 'admin', 'GET', '/api-keys', undefined],
    ] as const;
    for (const [key, scope, method, url, payload] of cases) {
      const response = await app.inject({ method, url, headers: auth(key), ...(payload ? { payload } : {}) });
      expect([method, url, response.statusCode]).toEqual([method, url, 403]);
      expect(response.headers['content-type']).toMatch(PROBLEM);
      expect(response.json().code).toBe('AUTH_FORBIDDEN_SCOPE');
      expect(response.headers['www-authenticate']).toContain(`scope="${scope}"`);
    }
    expect(await asAdmin(`/profiles/${alice.id}`)).toMatchObject({
      status: 'active',
      displayName: 'Priya Shah',
    });
    expect(await asAdmin(`/programmes/${programmeA}`)).toMatchObject({
      status: 'open',
      name: 'Programme security-a',
    });
  });

  it('takes a person’s link only for its own action, on the API and the pages, and never as an API key', async () => {
    const wrong = {
      unsubscribe: tokens.issue({
        profileId: alice.id,
        action: 'unsubscribe',
        resourceId: programmeA,
        ttlSeconds: 600,
      }),
      'respond-match': tokens.issue({
        profileId: alice.id,
        action: 'respond-match',
        resourceId: 'mtc_x',
        ttlSeconds: 600,
      }),
      'verify-email': tokens.issue({ profileId: alice.id, action: 'verify-email', ttlSeconds: 600 }),
    };
    for (const [action, token] of Object.entries(wrong)) {
      for (const [method, url] of [
        ['GET', `/profiles/${alice.id}`],
        ['GET', `/profiles/${alice.id}/export`],
        ['PATCH', `/profiles/${alice.id}`],
        ['DELETE', `/profiles/${alice.id}`],
      ] as const) {
        const response = await app.inject({
          method,
          url: `${url}?token=${token}`,
          ...(method === 'PATCH' ? { payload: { displayName: 'Mallory' } } : {}),
        });
        expect([action, method, url, response.statusCode, response.json().code]).toEqual([
          action,
          method,
          url,
          403,
          'AUTH_TOKEN_WRONG_ACTION',
        ]);
      }
      const page = await app.inject({ method: 'GET', url: `/me?token=${token}` });
      expect([action, page.statusCode]).toEqual([action, 403]);
      expect(page.body).not.toContain(alice.email);
      const erase = await app.inject({
        method: 'POST',
        url: '/me/erase',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ token }).toString(),
      });
      expect([action, erase.statusCode]).toEqual([action, 403]);
    }
    // The person's own link is not an API key.
    for (const url of [`/programmes/${programmeA}`, `/programmes/${programmeA}/profiles`, '/api-keys']) {
      const response = await app.inject({ method: 'GET', url, headers: auth(alice.token) });
      expect([url, response.statusCode, response.json().code]).toEqual([url, 401, 'AUTH_INVALID_KEY']);
    }
    expect(await asAdmin(`/profiles/${alice.id}`)).toMatchObject({
      status: 'active',
      displayName: 'Priya Shah',
    });
  });
});

describe('signed links: tampered, expired, forged (API2)', () => {
  it('refuses every forgery of a manage link on the API and the pages, and changes nothing', async () => {
    const person = await activeProfile(programmeA, 'forged');
    const claims = { profileId: person.id, action: 'manage-profile' };
    for (const [label, token, code] of forgeries(person.token, claims, bob.id)) {
      const patch = await app.inject({
        method: 'PATCH',
        url: `/profiles/${person.id}?token=${encodeURIComponent(token)}`,
        payload: { displayName: 'Mallory' },
      });
      expect([label, patch.statusCode, patch.json().code]).toEqual([label, 401, code]);
      expect(patch.headers['content-type']).toMatch(PROBLEM);
      const erase = await app.inject({
        method: 'DELETE',
        url: `/profiles/${person.id}?token=${encodeURIComponent(token)}`,
      });
      expect([label, erase.statusCode]).toEqual([label, 401]);
      const page = await app.inject({ method: 'GET', url: `/me?token=${encodeURIComponent(token)}` });
      expect([label, page.statusCode]).toEqual([label, code === 'AUTH_TOKEN_EXPIRED' ? 410 : 400]);
      expect(page.body).not.toContain(person.email);
      const pageErase = await app.inject({
        method: 'POST',
        url: '/me/erase',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ token }).toString(),
      });
      expect([label, pageErase.statusCode]).toEqual([label, code === 'AUTH_TOKEN_EXPIRED' ? 410 : 400]);
    }
    expect(await asAdmin(`/profiles/${person.id}`)).toMatchObject({
      status: 'active',
      displayName: 'Priya Shah',
    });
    expect(await asAdmin(`/profiles/${bob.id}`)).toMatchObject({ status: 'active' });
    // The genuine link still works.
    expect((await app.inject({ method: 'GET', url: `/me?token=${person.token}` })).statusCode).toBe(200);
  });

  it('refuses a forged confirmation link and leaves the real one usable once', async () => {
    const id = await signUp(programmeA, ns.email('forged-verify'));
    const real = await verificationToken(id);
    for (const [label, token, code] of forgeries(real, { profileId: id, action: 'verify-email' }, bob.id)) {
      const response = await app.inject({
        method: 'POST',
        url: `/profiles/verify?token=${encodeURIComponent(token)}`,
      });
      expect([label, response.statusCode, response.json().code]).toEqual([label, 401, code]);
    }
    expect(await asAdmin(`/profiles/${id}`)).toMatchObject({ status: 'pending' });
    const once = await app.inject({ method: 'POST', url: `/profiles/verify?token=${real}` });
    expect(once.statusCode).toBe(200);
    const page = await app.inject({
      method: 'POST',
      url: '/verify',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ token: real }).toString(),
    });
    expect(page.statusCode).toBe(409);
  });
});

describe('rate limits (API4)', () => {
  const limited = createTestNamespace('profile security rate');
  let small: KitApp;

  beforeAll(async () => {
    small = buildTestApp(limited, adminKey, { RATE_LIMIT_PER_MINUTE: '3' });
    await small.ready();
  }, 60_000);

  afterAll(async () => {
    await small?.close();
    await limited.cleanup();
  }, 30_000);

  it('answers 429 problem+json with Retry-After to an address asking for confirmation links too often', async () => {
    const ask = () =>
      small.inject({
        method: 'POST',
        url: '/programmes/prg_anything/profiles/resend-verification',
        payload: { role: 'mentee', email: limited.email('someone') },
      });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await ask()).statusCode);
    expect(statuses).toEqual([202, 202, 202]);
    const over = await ask();
    expect(over.statusCode).toBe(429);
    expect(over.headers['content-type']).toMatch(PROBLEM);
    expect(over.json()).toMatchObject({ status: 429, code: 'PROFILE_RATE_LIMITED' });
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    // The pages share the address's budget; the probes do not.
    expect((await small.inject({ method: 'GET', url: '/join/anything' })).statusCode).toBe(429);
    expect((await small.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  });
});

describe('hostile bodies (API4, API8)', () => {
  it('answers an oversized form with 413 problem+json, and stores nothing', async () => {
    const before = await app.mongo.collection(PROFILES_COLLECTION).countDocuments({});
    const form = await app.inject({
      method: 'POST',
      url: '/join/security-a/mentee',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `display-name=Big&email=${encodeURIComponent(ns.email('big'))}&hopes=${'x'.repeat(140_000)}`,
    });
    expect(form.statusCode).toBe(413);
    expect(form.headers['content-type']).toMatch(PROBLEM);
    expect(form.json().code).toBe('PROFILE_BODY_TOO_LARGE');
    const edit = await app.inject({
      method: 'POST',
      url: '/me/edit',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `token=${alice.token}&display-name=${'x'.repeat(140_000)}`,
    });
    expect(edit.statusCode).toBe(413);
    expect(await app.mongo.collection(PROFILES_COLLECTION).countDocuments({})).toBe(before);
  });

  it('answers 10,000 levels of nesting with a 400 wherever JSON is taken, and keeps answering', async () => {
    const nested = deeplyNested(10_000);
    const attempts = [
      { method: 'POST', url: `/programmes/${programmeA}/profiles`, payload: nested },
      { method: 'POST', url: `/programmes/${programmeA}/profiles`, payload: deeplyNestedObject(10_000) },
      {
        method: 'POST',
        url: `/programmes/${programmeA}/profiles`,
        payload: `{"role":"mentee","displayName":"Deep","email":"${ns.email('deep')}","answers":{"hopes":${nested}}}`,
      },
      {
        method: 'PATCH',
        url: `/profiles/${alice.id}`,
        payload: `{"answers":{"hopes":${deeplyNestedObject(10_000)}}}`,
      },
      {
        method: 'PATCH',
        url: `/programmes/${programmeA}`,
        payload: `{"policy":{"weights":${deeplyNestedObject(10_000)}}}`,
      },
      {
        method: 'POST',
        url: `/programmes/${programmeA}/questionnaires/mentee/versions`,
        payload: `{"key":"k","title":"t","intro":"i","sections":${nested}}`,
      },
    ] as const;
    for (const attempt of attempts) {
      const response = await app.inject({
        ...attempt,
        headers: { ...auth(adminKey), 'content-type': 'application/json' },
      });
      expect([attempt.method, attempt.url, response.statusCode]).toEqual([attempt.method, attempt.url, 400]);
      expect(response.headers['content-type']).toMatch(PROBLEM);
    }
    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    expect(await asAdmin(`/profiles/${alice.id}`)).toMatchObject({ status: 'active' });
    expect(await asAdmin(`/programmes/${programmeA}`)).toMatchObject({ status: 'open' });
  });

  it('refuses __proto__ and constructor.prototype keys anywhere in a body, and the prototype stays clean', async () => {
    const base = `"role":"mentee","displayName":"Proto","email":"${ns.email('proto')}"`;
    const answers = JSON.stringify(menteeAnswers());
    for (const payload of [
      `{${base},"answers":${answers},"__proto__":{"status":"active"}}`,
      `{${base},"answers":${answers},"constructor":{"prototype":{"status":"active"}}}`,
      `{${base},"answers":${answers.replace('{', '{"__proto__":{"consent":false},')}}`,
    ]) {
      const response = await app.inject({
        method: 'POST',
        url: `/programmes/${programmeA}/profiles`,
        headers: { 'content-type': 'application/json' },
        payload,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('PROFILE_INVALID_BODY');
    }
    expect(({} as { status?: string }).status).toBeUndefined();
    const found = await asAdmin(
      `/programmes/${programmeA}/profiles?q=${encodeURIComponent(ns.email('proto'))}`,
    );
    expect(found.items).toEqual([]);
  });
});

describe('query operators where data belongs (API8)', () => {
  it('refuses MongoDB operators in query strings and bodies with a 400, and matches nothing with them', async () => {
    for (const url of [
      `/programmes/${programmeA}/profiles?q[$ne]=x`,
      `/programmes/${programmeA}/profiles?status[$ne]=withdrawn`,
      `/programmes/${programmeA}/profiles?q=${encodeURIComponent('{"$ne":null}')}`,
    ]) {
      const response = await app.inject({ method: 'GET', url, headers: auth(adminKey) });
      if (response.statusCode === 200) expect(response.json().items).toEqual([]);
      else expect([url, response.statusCode, response.json().code]).toEqual([url, 400, 'PROFILE_VALIDATION']);
    }
    const attempts = [
      {
        method: 'POST',
        url: `/programmes/${programmeA}/profiles/resend-verification`,
        payload: { role: 'mentee', email: { $ne: null } },
      },
      {
        method: 'POST',
        url: `/programmes/${programmeA}/profiles`,
        payload: { role: 'mentee', displayName: 'Op', email: { $gt: '' }, answers: menteeAnswers() },
      },
      {
        method: 'PATCH',
        url: `/profiles/${alice.id}?token=${alice.token}`,
        payload: { answers: { sector: { $set: { status: 'withdrawn' } } } },
      },
    ] as const;
    for (const attempt of attempts) {
      const response = await app.inject(attempt);
      expect([attempt.url, response.statusCode]).toEqual([attempt.url, 400]);
      expect(response.headers['content-type']).toMatch(PROBLEM);
    }
    expect(await asAdmin(`/profiles/${alice.id}`)).toMatchObject({
      status: 'active',
      displayName: 'Priya Shah',
    });
  });
});

describe('hostile names and answers on the person’s own pages (API8)', () => {
  const name = `Sam "><img src=x onerror=alert(1)> {{constructor.constructor('alert(1)')()}} \u202Egnp.exe\u200B\r\nBcc: x@evil.test`;
  const hopes = `</textarea><script>alert(1)</script> {{7*7}} <a href="javascript:alert(1)">me</a>`;
  let person: Active;
  const expectEscaped = (html: string) => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<a href="javascript:/i);
    expect(html).not.toContain('</textarea><script>');
  };

  beforeAll(async () => {
    person = await activeProfile(
      programmeA,
      'hostile',
      name,
      menteeAnswers({ hopes, organisation: '<b>Org</b> & "Co"' }),
    );
  }, 30_000);

  it('escapes them on the profile page and the edit form, and shows template syntax as typed', async () => {
    const page = await app.inject({ method: 'GET', url: `/me?token=${person.token}` });
    expect(page.statusCode).toBe(200);
    expectEscaped(page.body);
    expect(page.body).toContain('Sam &quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; {{7*7}}');
    expect(page.body).toContain('&lt;b&gt;Org&lt;/b&gt; &amp; &quot;Co&quot;');
    expect(page.body).toContain('{{constructor.constructor(&#x27;alert(1)&#x27;)()}}');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['cache-control']).toBe('no-store');
    const edit = await app.inject({ method: 'GET', url: `/me/edit?token=${person.token}` });
    expect(edit.statusCode).toBe(200);
    expectEscaped(edit.body);
    expect(edit.body).toContain('&lt;/textarea&gt;&lt;script&gt;');
  });

  it('escapes them on the confirmation page the emailed link opens', async () => {
    const id = await signUp(programmeA, ns.email('hostile-pending'), name);
    const page = await app.inject({ method: 'GET', url: `/verify?token=${await verificationToken(id)}` });
    expect(page.statusCode).toBe(200);
    expectEscaped(page.body);
    expect(page.body).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
  });
});
