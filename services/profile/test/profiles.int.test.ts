// Profiles through the real app and servers (FerretDB, Redis, Kafka): sign-up, double opt-in,
// self-service, GDPR, the coordinator's search, and every bad input the issue lists. Events are
// read back from Kafka, as another service would see them.
import { createHash } from 'node:crypto';
import { issueToken, type KitApp } from '@belong/kit';
import { createTestNamespace, EventProbe } from '@belong/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { IDEMPOTENCY_COLLECTION } from '../src/idempotency.ts';
import { PROFILES_COLLECTION } from '../src/profiles/repository.ts';
import {
  auth,
  buildTestApp,
  createKey,
  createProgramme,
  menteeAnswers,
  mentorAnswers,
  SIGNING_SECRET,
} from './helpers.ts';

const ns = createTestNamespace('profile profiles');
const adminKey = `admin-${'q'.repeat(40)}`;
const probe = new EventProbe();
let app: KitApp;
let programmeId: string;
let otherProgrammeId: string;
let draftId: string;
let closedId: string;
let programmeKey: string;
let otherProgrammeKey: string;
let readOnlyKey: string;

const submit = (payload: object, options: { programme?: string; headers?: Record<string, string> } = {}) =>
  app.inject({
    method: 'POST',
    url: `/programmes/${options.programme ?? programmeId}/profiles`,
    headers: options.headers ?? {},
    payload,
  });

function mentee(email: string, extra: Record<string, unknown> = {}, answers: Record<string, unknown> = {}) {
  return { role: 'mentee', displayName: 'Priya Shah', email, answers: menteeAnswers(answers), ...extra };
}

async function profileCount(): Promise<number> {
  return app.mongo.collection(PROFILES_COLLECTION).countDocuments({});
}

/** The verification token from the `profile.submitted` event, as notification would email it. */
async function verificationToken(profileId: string, nth = 1): Promise<string> {
  const events = await probe.waitFor('belong.profile.submitted.v1', profileId, nth);
  const data = events[nth - 1]?.data as { verification: { url: string } };
  const token = new URL(data.verification.url).searchParams.get('token');
  if (!token) throw new Error('no token in the verification url');
  return token;
}

async function signUp(email: string, extra: Record<string, unknown> = {}) {
  const response = await submit(mentee(email, extra));
  expect(response.statusCode).toBe(201);
  return response.json() as { id: string; status: string };
}

/** Signs up and confirms; returns the profile id and its manage token. */
async function activeProfile(email: string, body?: object): Promise<{ id: string; token: string }> {
  const response = await submit(body ?? mentee(email));
  expect(response.statusCode).toBe(201);
  const { id } = response.json();
  const verified = await app.inject({
    method: 'POST',
    url: `/profiles/verify?token=${await verificationToken(id)}`,
  });
  expect(verified.statusCode).toBe(200);
  return { id, token: verified.json().manage.token };
}

beforeAll(async () => {
  app = buildTestApp(ns, adminKey);
  await app.ready();
  await probe.start(ns, 'belong.profile.v1');
  programmeId = await createProgramme(app, adminKey, 'profiles-open');
  otherProgrammeId = await createProgramme(app, adminKey, 'profiles-other');
  draftId = await createProgramme(app, adminKey, 'profiles-draft', 'draft');
  closedId = await createProgramme(app, adminKey, 'profiles-closed', 'closed');
  programmeKey = await createKey(app, adminKey, ['profiles:read', 'profiles:write'], programmeId);
  otherProgrammeKey = await createKey(app, adminKey, ['profiles:read', 'profiles:write'], otherProgrammeId);
  readOnlyKey = await createKey(app, adminKey, ['profiles:read'], programmeId);
}, 60_000);

afterAll(async () => {
  await probe.stop();
  await app?.close();
  await ns.cleanup();
}, 30_000);

describe('sign-up and double opt-in', () => {
  it('stores a pending profile, emails (by event) a single-use link, and never returns the link', async () => {
    const response = await submit(mentee(ns.email('priya')));
    expect(response.statusCode).toBe(201);
    const profile = response.json();
    expect(profile).toMatchObject({
      id: expect.stringMatching(/^pfl_[A-Za-z0-9_-]{12}$/),
      programmeId,
      role: 'mentee',
      status: 'pending',
      displayName: 'Priya Shah',
      verifiedAt: null,
      questionnaire: { key: 'health-information-default', role: 'mentee', version: 1, programmeVersion: 1 },
      attributes: {
        organisation: expect.any(String),
        sector: 'nhs-acute',
        careerStage: 2,
        topics: ['evidence-synthesis', 'literature-searching'],
        meetingFormats: ['online'],
        languages: ['en'],
      },
    });
    expect(profile.consent).toEqual([
      {
        questionId: 'consent',
        statement: expect.stringContaining('I agree'),
        givenAt: profile.createdAt,
        questionnaire: { key: 'health-information-default', role: 'mentee', version: 1 },
      },
    ]);
    expect(response.headers.location).toBe(`/profiles/${profile.id}`);
    expect(response.body).not.toMatch(/token|eyJ/);

    const [submitted] = await probe.waitFor('belong.profile.submitted.v1', profile.id);
    expect(submitted?.data).toMatchObject({
      profileId: profile.id,
      programmeId,
      role: 'mentee',
      email: ns.email('priya'),
      verification: { url: expect.stringMatching(/^http:\/\/belong\.test\/verify\?token=/) },
    });
  });

  it('confirms the address once: active, profile.verified with the attributes, then 409 on reuse', async () => {
    const { id } = await signUp(ns.email('verify-once'));
    const token = await verificationToken(id);
    const first = await app.inject({ method: 'POST', url: `/profiles/verify?token=${token}` });
    expect(first.statusCode).toBe(200);
    const body = first.json();
    expect(body.profile).toMatchObject({ id, status: 'active', verifiedAt: expect.any(String) });
    expect(body.manage).toEqual({ token: expect.any(String), expiresAt: expect.any(String) });
    const [verified] = await probe.waitFor('belong.profile.verified.v1', id);
    expect(verified?.data).toMatchObject({ profileId: id, attributes: { sector: 'nhs-acute' } });

    const again = await app.inject({ method: 'POST', url: `/profiles/verify?token=${token}` });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'AUTH_TOKEN_USED' });
    expect(probe.of('belong.profile.verified.v1', id)).toHaveLength(1);
  });

  it('refuses an expired link with 401 AUTH_TOKEN_EXPIRED and leaves the profile pending', async () => {
    const { id } = await signUp(ns.email('expired'));
    const expired = issueToken(
      { profileId: id, action: 'verify-email', ttlSeconds: 60 },
      { signingSecret: SIGNING_SECRET, now: () => Date.now() - 120_000 },
    );
    const response = await app.inject({ method: 'POST', url: `/profiles/verify?token=${expired}` });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'AUTH_TOKEN_EXPIRED' });
    const read = await app.inject({ method: 'GET', url: `/profiles/${id}`, headers: auth(adminKey) });
    expect(read.json().status).toBe('pending');
  });

  it('refuses a forged or wrong-action token to verify', async () => {
    const { id } = await signUp(ns.email('forged'));
    const forged = issueToken(
      { profileId: id, action: 'verify-email', ttlSeconds: 600 },
      { signingSecret: 'another-secret-entirely-0123456789abcdef' },
    );
    const bad = await app.inject({ method: 'POST', url: `/profiles/verify?token=${forged}` });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().code).toBe('AUTH_INVALID_TOKEN');
    const manage = app.tokens.issue({ profileId: id, action: 'manage-profile', ttlSeconds: 600 });
    const wrong = await app.inject({ method: 'POST', url: `/profiles/verify?token=${manage}` });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().code).toBe('AUTH_TOKEN_WRONG_ACTION');
  });

  it('sends a new link on request, answering alike whether or not the address is known', async () => {
    const email = ns.email('resend');
    const { id } = await signUp(email);
    await verificationToken(id);
    const resend = (payload: object) =>
      app.inject({
        method: 'POST',
        url: `/programmes/${programmeId}/profiles/resend-verification`,
        payload,
      });
    const known = await resend({ role: 'mentee', email: email.toUpperCase() });
    const unknown = await resend({ role: 'mentee', email: ns.email('nobody') });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(unknown.json()).toEqual(known.json());
    const second = await verificationToken(id, 2);
    // At most one new link a minute.
    expect((await resend({ role: 'mentee', email })).statusCode).toBe(202);
    const ok = await app.inject({ method: 'POST', url: `/profiles/verify?token=${second}` });
    expect(ok.statusCode).toBe(200);
    expect(probe.of('belong.profile.submitted.v1', id)).toHaveLength(2);
  });

  it('lets an integrator sign someone up with a programme key, and refuses a key for another programme', async () => {
    const ok = await submit(mentee(ns.email('by-key')), { headers: auth(programmeKey) });
    expect(ok.statusCode).toBe(201);
    const other = await submit(mentee(ns.email('by-other-key')), { headers: auth(otherProgrammeKey) });
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('AUTH_FORBIDDEN_PROGRAMME');
    const readOnly = await submit(mentee(ns.email('by-read-key')), { headers: auth(readOnlyKey) });
    expect(readOnly.statusCode).toBe(403);
    const badKey = await submit(mentee(ns.email('bad-key')), { headers: auth('blg_nope_nope') });
    expect(badKey.statusCode).toBe(401);
  });

  it('signs a mentor up with capacity', async () => {
    const response = await submit({
      role: 'mentor',
      displayName: 'Gareth Evans',
      email: ns.email('gareth'),
      answers: mentorAnswers(),
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().attributes).toMatchObject({
      capacity: 2,
      meetingFormats: ['online', 'in_person'],
    });
  });
});

describe('the confirmation page (what the emailed link opens)', () => {
  it('shows a page on GET without confirming, and confirms on the button’s POST', async () => {
    const { id } = await signUp(ns.email('page'), { displayName: '<script>alert(1)</script> Ann' });
    const token = await verificationToken(id);
    const page = await app.inject({ method: 'GET', url: `/verify?token=${token}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('Confirm your email address');
    expect(page.body).toContain('Programme profiles-open');
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Ann');
    expect(page.body).not.toContain('<script>alert');
    expect(page.body).toMatch(/<form method="post" action="\/verify">/);
    // GET changed nothing (mail scanners open links).
    const still = await app.inject({ method: 'GET', url: `/profiles/${id}`, headers: auth(adminKey) });
    expect(still.json().status).toBe('pending');

    const confirm = await app.inject({
      method: 'POST',
      url: '/verify',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ token }).toString(),
    });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('you are in');
    await probe.waitFor('belong.profile.verified.v1', id);
    const again = await app.inject({
      method: 'POST',
      url: '/verify',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ token }).toString(),
    });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('This link has been used');
    const reopened = await app.inject({ method: 'GET', url: `/verify?token=${token}` });
    expect(reopened.body).toContain('already confirmed');
  });

  it('explains an expired or broken link in words', async () => {
    const { id } = await signUp(ns.email('page-expired'));
    const expired = issueToken(
      { profileId: id, action: 'verify-email', ttlSeconds: 60 },
      { signingSecret: SIGNING_SECRET, now: () => Date.now() - 120_000 },
    );
    const page = await app.inject({ method: 'GET', url: `/verify?token=${expired}` });
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('This link has expired');
    const broken = await app.inject({ method: 'GET', url: '/verify?token=abc' });
    expect(broken.statusCode).toBe(400);
    expect(broken.body).toContain('This link does not work');
  });
});

describe('bad input: a clear problem+json, nothing written', () => {
  async function refused(
    payload: object,
    status: number,
    code: string,
    pointer?: string,
    programme?: string,
  ): Promise<Record<string, unknown>> {
    const before = await profileCount();
    const response = await submit(payload, programme === undefined ? {} : { programme });
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.json();
    expect(problem.code).toBe(code);
    if (pointer !== undefined) {
      expect(problem.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
    }
    expect(await profileCount()).toBe(before);
    return problem;
  }

  it('unknown programme → 404', async () => {
    await refused(mentee(ns.email('x1')), 404, 'PROFILE_PROGRAMME_NOT_FOUND', undefined, 'prg_doesnotexist');
  });

  it('draft and closed programmes → 409 PROFILE_PROGRAMME_NOT_OPEN', async () => {
    const draft = await refused(
      mentee(ns.email('x2')),
      409,
      'PROFILE_PROGRAMME_NOT_OPEN',
      undefined,
      draftId,
    );
    expect(draft.detail).toMatch(/not open for sign-ups yet/);
    const closed = await refused(
      mentee(ns.email('x3')),
      409,
      'PROFILE_PROGRAMME_NOT_OPEN',
      undefined,
      closedId,
    );
    expect(closed.detail).toMatch(/closed to new sign-ups; ask Amina Yusuf/);
  });

  it('wrong role → 400 naming /role', async () => {
    await refused(mentee(ns.email('x4'), { role: 'coach' }), 400, 'PROFILE_VALIDATION', '/role');
  });

  it('answers checked against the questionnaire, every problem at once, per question', async () => {
    const problem = await refused(
      mentee(
        ns.email('x5'),
        {},
        {
          sector: 'astrology',
          'growth-areas': [
            'evidence-synthesis',
            'literature-searching',
            'critical-appraisal',
            'knowledge-management',
          ],
          region: undefined,
          hopes: 'x'.repeat(2001),
          'favourite-colour': 'green',
        },
      ),
      400,
      'PROFILE_INVALID_ANSWERS',
    );
    const byPointer = Object.fromEntries(
      (problem.errors as { pointer: string; message: string }[]).map((e) => [e.pointer, e.message]),
    );
    expect(byPointer).toEqual({
      '/answers/sector': expect.stringMatching(/is not one of the choices/),
      '/answers/growth-areas': expect.stringMatching(/at most 3/),
      '/answers/region': 'Please answer this question.',
      '/answers/hopes': expect.stringMatching(/2,?000/),
      '/answers/favourite-colour': expect.stringMatching(/no question/),
    });
  });

  it('missing consent → 400 with the consent message', async () => {
    const problem = await refused(
      mentee(ns.email('x6'), {}, { consent: false }),
      400,
      'PROFILE_INVALID_ANSWERS',
      '/answers/consent',
    );
    expect(JSON.stringify(problem.errors)).toMatch(/You need to agree/);
  });

  it('an unknown questionnaire version → 400 naming /questionnaireVersion', async () => {
    await refused(
      mentee(ns.email('x7'), { questionnaireVersion: 99 }),
      400,
      'PROFILE_QUESTIONNAIRE_NOT_FOUND',
      '/questionnaireVersion',
    );
  });

  it('duplicate email (any case) in the same programme and role → 409; other role or programme is fine', async () => {
    const email = ns.email('dup');
    await signUp(email);
    await refused(mentee(email.toUpperCase()), 409, 'PROFILE_DUPLICATE', '/email');
    const asMentor = await submit({
      role: 'mentor',
      displayName: 'Priya Shah',
      email,
      answers: mentorAnswers(),
    });
    expect(asMentor.statusCode).toBe(201);
    expect((await submit(mentee(email), { programme: otherProgrammeId })).statusCode).toBe(201);
  });

  it('fields the caller may not set → 400 naming them (mass assignment)', async () => {
    for (const field of ['status', 'verifiedAt', 'id', 'attributes', 'consent']) {
      const problem = await refused(
        mentee(ns.email(`mass-${field}`), { [field]: field === 'status' ? 'active' : 'x' }),
        400,
        'PROFILE_VALIDATION',
      );
      expect(JSON.stringify(problem)).toContain(field);
    }
  });

  it('a body that is not JSON, or too big, is refused', async () => {
    const notJson = await app.inject({
      method: 'POST',
      url: `/programmes/${programmeId}/profiles`,
      headers: { 'content-type': 'application/json' },
      payload: '{"role":',
    });
    expect(notJson.statusCode).toBe(400);
    const huge = await submit(mentee(ns.email('huge'), {}, { hopes: 'x'.repeat(300_000) }));
    expect(huge.statusCode).toBe(413);
  });
});

describe('concurrency', () => {
  it('admits one of several simultaneous sign-ups with one address; the rest are 409', async () => {
    const email = ns.email('race');
    const responses = await Promise.all(Array.from({ length: 5 }, () => submit(mentee(email))));
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409]);
  });

  it('confirms once when one link is opened several times at once', async () => {
    const { id } = await signUp(ns.email('verify-race'));
    const token = await verificationToken(id);
    const responses = await Promise.all(
      Array.from({ length: 4 }, () => app.inject({ method: 'POST', url: `/profiles/verify?token=${token}` })),
    );
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409]);
    await probe.waitFor('belong.profile.verified.v1', id);
    expect(probe.of('belong.profile.verified.v1', id)).toHaveLength(1);
  });

  it('creates one profile for simultaneous requests with one Idempotency-Key', async () => {
    const payload = mentee(ns.email('idem-race'));
    const headers = { 'idempotency-key': `idem-race-${Date.now()}` };
    const responses = await Promise.all(Array.from({ length: 4 }, () => submit(payload, { headers })));
    const created = responses.filter((r) => r.statusCode === 201);
    const busy = responses.filter((r) => r.statusCode === 409);
    expect(created.length + busy.length).toBe(4);
    expect(new Set(created.map((r) => r.json().id)).size).toBe(1);
    for (const response of busy) expect(response.json().code).toBe('PROFILE_IDEMPOTENCY_IN_PROGRESS');
    const replay = await submit(payload, { headers });
    expect(replay.json().id).toBe(created[0]?.json().id);
  });
});

describe('Idempotency-Key', () => {
  it('replays the same body, refuses another body with 409, creates one profile', async () => {
    const payload = mentee(ns.email('idem'));
    const headers = { 'idempotency-key': `idem-${Date.now()}` };
    const first = await submit(payload, { headers });
    const replay = await submit(payload, { headers });
    expect(first.statusCode).toBe(201);
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.json());
    const other = await submit(mentee(ns.email('idem-other')), { headers });
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('PROFILE_IDEMPOTENCY_MISMATCH');
    const found = await app.inject({
      method: 'GET',
      url: `/programmes/${programmeId}/profiles?q=${encodeURIComponent(ns.email('idem'))}`,
      headers: auth(adminKey),
    });
    expect(found.json().items.filter((p: { email: string }) => p.email === ns.email('idem'))).toHaveLength(1);
  });

  it('lets a key be used again after a refused request (nothing was created)', async () => {
    const headers = { 'idempotency-key': `idem-retry-${Date.now()}` };
    const bad = await submit(mentee(ns.email('idem-retry'), {}, { sector: 'nope' }), { headers });
    expect(bad.statusCode).toBe(400);
    const good = await submit(mentee(ns.email('idem-retry')), { headers });
    expect(good.statusCode).toBe(201);
  });
});

describe('self-service through the link token, and BOLA', () => {
  it('reads and changes only the own profile', async () => {
    const alice = await activeProfile(ns.email('alice'));
    const bob = await activeProfile(ns.email('bob'));

    const own = await app.inject({ method: 'GET', url: `/profiles/${alice.id}?token=${alice.token}` });
    expect(own.statusCode).toBe(200);
    expect(own.json().id).toBe(alice.id);
    const bearer = await app.inject({
      method: 'GET',
      url: `/profiles/${alice.id}`,
      headers: auth(alice.token),
    });
    expect(bearer.statusCode).toBe(200);

    const attempts = [
      { method: 'GET' as const, url: `/profiles/${bob.id}` },
      { method: 'GET' as const, url: `/profiles/${bob.id}/export` },
      { method: 'PATCH' as const, url: `/profiles/${bob.id}`, payload: { displayName: 'Mallory' } },
      { method: 'POST' as const, url: `/profiles/${bob.id}/pause` },
      { method: 'POST' as const, url: `/profiles/${bob.id}/withdraw`, payload: {} },
      { method: 'DELETE' as const, url: `/profiles/${bob.id}` },
    ];
    for (const attempt of attempts) {
      const response = await app.inject({ ...attempt, url: `${attempt.url}?token=${alice.token}` });
      expect([response.statusCode, attempt.url]).toEqual([403, attempt.url]);
      expect(response.json().code).toBe('AUTH_TOKEN_WRONG_ACTION');
      expect(response.body).not.toContain(ns.email('bob'));
    }
    const bobNow = await app.inject({ method: 'GET', url: `/profiles/${bob.id}?token=${bob.token}` });
    expect(bobNow.json()).toMatchObject({ status: 'active', displayName: 'Priya Shah' });
  });

  it('refuses a verification link, no token and a key bound to another programme', async () => {
    const { id } = await signUp(ns.email('carol'));
    const verifyToken = await verificationToken(id);
    const withVerify = await app.inject({ method: 'GET', url: `/profiles/${id}?token=${verifyToken}` });
    expect(withVerify.statusCode).toBe(403);
    const none = await app.inject({ method: 'GET', url: `/profiles/${id}` });
    expect(none.statusCode).toBe(401);
    const otherKey = await app.inject({
      method: 'GET',
      url: `/profiles/${id}`,
      headers: auth(otherProgrammeKey),
    });
    expect(otherKey.statusCode).toBe(404);
    const ownKey = await app.inject({ method: 'GET', url: `/profiles/${id}`, headers: auth(programmeKey) });
    expect(ownKey.statusCode).toBe(200);
    const readOnlyWrite = await app.inject({
      method: 'PATCH',
      url: `/profiles/${id}`,
      headers: auth(readOnlyKey),
      payload: { displayName: 'X' },
    });
    expect(readOnlyWrite.statusCode).toBe(403);
  });

  it('updates answers (re-validated) and emits profile.updated naming what changed', async () => {
    const { id, token } = await activeProfile(ns.email('updater'));
    const response = await app.inject({
      method: 'PATCH',
      url: `/profiles/${id}?token=${token}`,
      payload: { displayName: 'Priya S.', answers: { 'growth-areas': ['critical-appraisal'] } },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      displayName: 'Priya S.',
      attributes: { topics: ['critical-appraisal'] },
      answers: { sector: 'nhs-acute', 'growth-areas': ['critical-appraisal'] },
    });
    const [updated] = await probe.waitFor('belong.profile.updated.v1', id);
    expect(updated?.data).toMatchObject({
      status: 'active',
      changed: ['displayName', 'answers', 'attributes.topics'],
      attributes: { topics: ['critical-appraisal'] },
    });
  });

  it('refuses a bad update whole, and fields that may not change', async () => {
    const { id, token } = await activeProfile(ns.email('bad-update'));
    const bad = await app.inject({
      method: 'PATCH',
      url: `/profiles/${id}?token=${token}`,
      payload: { displayName: 'Changed', answers: { sector: 'astrology', region: null } },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { pointer: string }) => e.pointer)
        .sort(),
    ).toEqual(['/answers/region', '/answers/sector']);
    for (const payload of [{ email: 'new@example.org' }, { status: 'paused' }, { verifiedAt: null }]) {
      const refused = await app.inject({ method: 'PATCH', url: `/profiles/${id}?token=${token}`, payload });
      expect(refused.statusCode).toBe(400);
    }
    const after = await app.inject({ method: 'GET', url: `/profiles/${id}?token=${token}` });
    expect(after.json()).toMatchObject({
      displayName: 'Priya Shah',
      status: 'active',
      answers: { sector: 'nhs-acute' },
    });
    expect(probe.of('belong.profile.updated.v1', id)).toHaveLength(0);
  });

  it('pauses, resumes and withdraws; withdrawal deletes the answers and frees the address', async () => {
    const email = ns.email('lifecycle');
    const { id, token } = await activeProfile(email);
    const post = (action: string, payload?: object) =>
      app.inject({
        method: 'POST',
        url: `/profiles/${id}/${action}?token=${token}`,
        ...(payload ? { payload } : {}),
      });
    expect((await post('resume')).json().status).toBe('active');
    expect((await post('pause')).json().status).toBe('paused');
    expect((await post('pause')).statusCode).toBe(200);
    expect((await post('resume')).json().status).toBe('active');
    const updates = await probe.waitFor('belong.profile.updated.v1', id, 2);
    expect(updates.map((e) => (e.data as { status: string }).status)).toEqual(['paused', 'active']);

    const withdrawn = await post('withdraw', { reason: 'No time this year' });
    expect(withdrawn.json()).toMatchObject({
      status: 'withdrawn',
      answers: {},
      attributes: null,
      withdrawalReason: 'No time this year',
    });
    const [event] = await probe.waitFor('belong.profile.withdrawn.v1', id);
    expect(event?.data).toMatchObject({ profileId: id, reason: 'No time this year' });
    expect((await post('pause')).statusCode).toBe(409);
    const change = await app.inject({
      method: 'PATCH',
      url: `/profiles/${id}?token=${token}`,
      payload: { displayName: 'Back' },
    });
    expect(change.statusCode).toBe(409);
    expect(change.json().code).toBe('PROFILE_INVALID_TRANSITION');
    expect((await submit(mentee(email))).statusCode).toBe(201);
  });

  it('withdraws without a body, and a pending profile cannot pause', async () => {
    const { id } = await signUp(ns.email('pending-pause'));
    const manage = app.tokens.issue({ profileId: id, action: 'manage-profile', ttlSeconds: 600 });
    const pause = await app.inject({ method: 'POST', url: `/profiles/${id}/pause?token=${manage}` });
    expect(pause.statusCode).toBe(409);
    expect(pause.json().detail).toMatch(/pending profile cannot be paused/);
    const withdraw = await app.inject({ method: 'POST', url: `/profiles/${id}/withdraw?token=${manage}` });
    expect(withdraw.statusCode).toBe(200);
    expect(withdraw.json().status).toBe('withdrawn');
  });
});

describe('GDPR: export and erasure', () => {
  it('exports everything held as a JSON download, answers beside their questions', async () => {
    const { id, token } = await activeProfile(ns.email('exporter'));
    const response = await app.inject({ method: 'GET', url: `/profiles/${id}/export?token=${token}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="belong-profile-${id}.json"`);
    const exported = response.json();
    expect(exported.profile).toMatchObject({ id, email: ns.email('exporter'), status: 'active' });
    expect(exported.profile.consent[0]).toMatchObject({
      givenAt: expect.any(String),
      questionnaire: { version: 1 },
    });
    expect(exported.questionnaire.answers).toContainEqual({
      questionId: 'sector',
      question: 'Which sector do you work in?',
      answer: 'nhs-acute',
    });
    expect(exported.notes.join(' ')).toMatch(/Amina Yusuf/);
  });

  it('erases: tombstone without personal data, profile.erased with an email hash, 404 afterwards', async () => {
    const email = ns.email('eraser');
    const headers = { 'idempotency-key': `erase-${Date.now()}` };
    const created = await submit(mentee(email), { headers });
    const { id } = created.json();
    const verified = await app.inject({
      method: 'POST',
      url: `/profiles/verify?token=${await verificationToken(id)}`,
    });
    const token = verified.json().manage.token;
    expect(await app.mongo.collection(IDEMPOTENCY_COLLECTION).countDocuments({ resourceId: id })).toBe(1);

    const erased = await app.inject({ method: 'DELETE', url: `/profiles/${id}?token=${token}` });
    expect(erased.statusCode).toBe(204);
    const [event] = await probe.waitFor('belong.profile.erased.v1', id);
    expect(event?.data).toEqual({
      profileId: id,
      programmeId,
      emailHash: createHash('sha256').update(email.toLowerCase()).digest('hex'),
      erasedAt: expect.any(String),
    });
    const stored = await app.mongo.collection(PROFILES_COLLECTION).findOne({ _id: id as never });
    const text = JSON.stringify(stored?.state);
    expect(text).not.toContain(email);
    expect(text).not.toContain('Priya');
    expect(text).not.toContain('Leeds');
    expect(await app.mongo.collection(IDEMPOTENCY_COLLECTION).countDocuments({ resourceId: id })).toBe(0);

    expect((await app.inject({ method: 'GET', url: `/profiles/${id}?token=${token}` })).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: `/profiles/${id}?token=${token}` })).statusCode).toBe(
      204,
    );
    expect(probe.of('belong.profile.erased.v1', id)).toHaveLength(1);
    const search = await app.inject({
      method: 'GET',
      url: `/programmes/${programmeId}/profiles?q=eraser`,
      headers: auth(adminKey),
    });
    expect(search.json().items).toEqual([]);
    expect((await submit(mentee(email))).statusCode).toBe(201);
  });

  it('lets a coordinator key erase in its programme, not in another', async () => {
    const { id } = await signUp(ns.email('coord-erase'));
    const other = await app.inject({
      method: 'DELETE',
      url: `/profiles/${id}`,
      headers: auth(otherProgrammeKey),
    });
    expect(other.statusCode).toBe(404);
    const own = await app.inject({ method: 'DELETE', url: `/profiles/${id}`, headers: auth(programmeKey) });
    expect(own.statusCode).toBe(204);
  });
});

describe("the coordinator's search", () => {
  let searchProgramme: string;
  beforeAll(async () => {
    searchProgramme = await createProgramme(app, adminKey, 'profiles-search');
    const people = [
      ['s-ann', 'mentee', 'nhs-acute', 'evidence-synthesis'],
      ['s-ben', 'mentee', 'primary-care', 'critical-appraisal'],
      ['s-cat', 'mentor', 'nhs-acute', 'evidence-synthesis'],
      ['s-dan', 'mentee', 'nhs-acute', 'knowledge-management'],
      ['s-eve', 'mentor', 'charity', 'critical-appraisal'],
    ] as const;
    for (const [name, role, sector, topic] of people) {
      const answers =
        role === 'mentee'
          ? menteeAnswers({ sector, 'growth-areas': [topic] })
          : mentorAnswers({ sector, expertise: [topic] });
      const response = await submit(
        { role, displayName: name, email: ns.email(name), answers },
        { programme: searchProgramme },
      );
      expect(response.statusCode).toBe(201);
    }
  });

  const search = (query: string, key = adminKey) =>
    app.inject({
      method: 'GET',
      url: `/programmes/${searchProgramme}/profiles?${query}`,
      headers: auth(key),
    });
  const names = (response: { json(): { items: { displayName: string }[] } }) =>
    response
      .json()
      .items.map((p) => p.displayName)
      .sort();

  it('filters by role, sector, topic, status and name', async () => {
    expect(names(await search('role=mentor'))).toEqual(['s-cat', 's-eve']);
    expect(names(await search('sector=nhs-acute&role=mentee'))).toEqual(['s-ann', 's-dan']);
    expect(names(await search('topic=critical-appraisal'))).toEqual(['s-ben', 's-eve']);
    expect(names(await search('q=S-B'))).toEqual(['s-ben']);
    expect(names(await search('status=active'))).toEqual([]);
    expect(names(await search('q=.*'))).toEqual([]);
  });

  it('pages with a cursor through every profile exactly once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await search(`limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.statusCode).toBe(200);
      const page = response.json();
      seen.push(...page.items.map((p: { displayName: string }) => p.displayName));
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== null && pages < 10);
    expect(seen.sort()).toEqual(['s-ann', 's-ben', 's-cat', 's-dan', 's-eve']);
    expect(pages).toBe(3);
    const bad = await search('cursor=!!!');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].pointer).toBe('/cursor');
  });

  it('needs a key for the programme', async () => {
    expect((await search('', otherProgrammeKey)).statusCode).toBe(403);
    expect(
      (await app.inject({ method: 'GET', url: `/programmes/${searchProgramme}/profiles` })).statusCode,
    ).toBe(401);
    expect((await search('unknown=1')).statusCode).toBe(400);
  });
});
