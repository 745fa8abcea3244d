// The coordinator's pages through the real app and servers: sign-in with an API key (a session
// in Redis, never the key in a cookie), CSRF on every form, a programme's overview, a cohort
// round's report with its charts, publishing with progress, CSV through the session, and a key
// for another programme that sees nothing.
import { generateApiKey, type KitApp, publishApiKey, revokeApiKeyInRegistry, type Scope } from '@belong/kit';
import { createTestNamespace, EventSender } from '@belong/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ROUNDS_COLLECTION } from '../src/rounds/service.ts';
import {
  attributes,
  buildTestApp,
  eventually,
  id,
  mentorAttributes,
  programmeEvent,
  verified,
} from './helpers.ts';

const ns = createTestNamespace('matching coordinator');
const adminKey = `admin-${'c'.repeat(40)}`;
const sender = new EventSender();
let app: KitApp;
let programmeId: string;
let otherProgrammeId: string;
const mentors = [id('pfl'), id('pfl')];
const mentees = [id('pfl'), id('pfl'), id('pfl'), id('pfl')];
const hostileName = '<b>Bold</b> Ifeoma';

type KeyRecord = Parameters<typeof publishApiKey>[1];
async function createKey(
  scopes: Scope[],
  programme: string | null,
): Promise<{ key: string; record: KeyRecord }> {
  const generated = generateApiKey();
  const record = {
    _id: generated.keyId,
    name: 'coordinator test key',
    secretHash: generated.secretHash,
    scopes,
    programmeId: programme,
    createdAt: new Date(),
    createdBy: 'test',
  } as KeyRecord;
  await publishApiKey(app.redis, record, { keyPrefix: ns.redisPrefix });
  return { key: generated.key, record };
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const formHeaders = (cookie?: string) => ({
  'content-type': 'application/x-www-form-urlencoded',
  ...(cookie ? { cookie } : {}),
});

/** Signs in with a key; returns the cookie to send and the session's CSRF token. */
async function signIn(key: string): Promise<{ cookie: string; csrf: string }> {
  const response = await app.inject({
    method: 'POST',
    url: '/coordinator/sign-in',
    headers: formHeaders(),
    payload: form({ key }),
  });
  expect(response.statusCode).toBe(303);
  const setCookie = String(response.headers['set-cookie']);
  const cookie = setCookie.split(';')[0] ?? '';
  const page = await app.inject({ method: 'GET', url: '/coordinator', headers: { cookie } });
  const target = page.statusCode === 303 ? String(page.headers.location) : '/coordinator';
  const html = (await app.inject({ method: 'GET', url: target, headers: { cookie } })).body;
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!csrf) throw new Error('no CSRF token on the page');
  return { cookie, csrf };
}

const get = (url: string, cookie?: string) =>
  app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
const post = (url: string, fields: Record<string, string>, cookie?: string) =>
  app.inject({ method: 'POST', url, headers: formHeaders(cookie), payload: form(fields) });

beforeAll(async () => {
  app = buildTestApp(ns, adminKey);
  await app.ready();
  await sender.start(ns);
  programmeId = id('prg');
  otherProgrammeId = id('prg');
  await sender.send(
    programmeEvent(programmeId, { matchingMode: 'cohort_round', name: 'North of England health libraries' }),
    programmeEvent(otherProgrammeId, { matchingMode: 'cohort_round', name: 'Another programme' }),
  );
  await sender.send(
    verified(mentors[0] ?? '', programmeId, 'mentor', mentorAttributes({ capacity: 2 }), 'Gareth Evans'),
    verified(
      mentors[1] ?? '',
      programmeId,
      'mentor',
      mentorAttributes({ capacity: 1, sector: 'charity', organisation: 'macmillan' }),
      'Wyn Jones',
    ),
  );
  await sender.send(
    ...mentees.map((m, i) =>
      verified(
        m,
        programmeId,
        'mentee',
        attributes({ organisation: i === 3 ? 'macmillan' : `trust ${i}` }),
        i === 3 ? hostileName : `Mentee ${i}`,
      ),
    ),
  );
  await eventually(
    async () =>
      (await app.mongo.collection('people').countDocuments({ programmeId })) === 6 &&
      (await app.mongo.collection('programmes').countDocuments({ _id: otherProgrammeId } as never)) === 1,
    'pool',
  );
}, 90_000);

afterAll(async () => {
  await sender.stop();
  await app?.close();
  await ns.cleanup();
}, 30_000);

describe('signing in', () => {
  it('shows the sign-in form, refuses a bad key or one that cannot read matches', async () => {
    const page = await get('/coordinator');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<label for="key">Your API key</label>');
    expect(page.body).toContain('type="password" id="key" name="key"');

    const bad = await post('/coordinator/sign-in', {
      key: 'blg_notarealkey0_butlongenoughtolooklikeonexxxxxxxxxxxxxxxxxxxx',
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.body).toContain('That key was not accepted');
    expect(bad.headers['set-cookie']).toBeUndefined();

    const { key: profilesOnly } = await createKey(['profiles:read'], programmeId);
    const narrow = await post('/coordinator/sign-in', { key: profilesOnly });
    expect(narrow.statusCode).toBe(403);
    expect(narrow.body).toContain('It needs the matches:read permission');
    expect(narrow.headers['set-cookie']).toBeUndefined();
  });

  it('signs in with a good key: a session cookie that is not the key, then the programme', async () => {
    const { key } = await createKey(['matches:read', 'matches:write'], programmeId);
    const response = await post('/coordinator/sign-in', { key });
    expect(response.statusCode).toBe(303);
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(
      /^belong_coordinator=[A-Za-z0-9_-]{43}; Path=\/coordinator; HttpOnly; SameSite=Strict; Max-Age=28800$/,
    );
    expect(setCookie).not.toContain(key);
    const cookie = setCookie.split(';')[0] ?? '';
    const start = await get('/coordinator', cookie);
    expect(start.statusCode).toBe(303);
    expect(start.headers.location).toBe(`/coordinator/programmes/${programmeId}`);
    // without the cookie: back to sign-in
    const anonymous = await get(`/coordinator/programmes/${programmeId}`);
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/coordinator');
  });

  it('lets an admin key choose among programmes; signing out ends the session', async () => {
    const { cookie, csrf } = await signIn(adminKey);
    const list = await get('/coordinator', cookie);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`href="/coordinator/programmes/${programmeId}"`);
    expect(list.body).toContain('North of England health libraries');

    const noCsrf = await post('/coordinator/sign-out', {}, cookie);
    expect(noCsrf.statusCode).toBe(403);
    const out = await post('/coordinator/sign-out', { csrf }, cookie);
    expect(out.statusCode).toBe(303);
    expect(String(out.headers['set-cookie'])).toContain(
      'belong_coordinator=; Path=/coordinator; HttpOnly; SameSite=Strict; Max-Age=0',
    );
    expect((await get('/coordinator', cookie)).body).toContain('Sign in to coordinate');
  });

  it('ends the sessions of a key as soon as it is revoked', async () => {
    const { key, record } = await createKey(['matches:read'], programmeId);
    const { cookie } = await signIn(key);
    expect((await get(`/coordinator/programmes/${programmeId}`, cookie)).statusCode).toBe(200);
    await revokeApiKeyInRegistry(app.redis, record, { keyPrefix: ns.redisPrefix });
    const after = await get(`/coordinator/programmes/${programmeId}`, cookie);
    expect(after.statusCode).toBe(303);
  });
});

describe('a programme and its rounds', () => {
  let session: { cookie: string; csrf: string };
  let roundId: string;

  beforeAll(async () => {
    const { key } = await createKey(['matches:read', 'matches:write'], programmeId);
    session = await signIn(key);
  }, 30_000);

  it('shows the overview with the people and matches counted', async () => {
    const page = await get(`/coordinator/programmes/${programmeId}`, session.cookie);
    expect(page.statusCode).toBe(200);
    const html = page.body;
    expect(html).toContain('<html lang="en-GB">');
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
    expect(html).toContain('<h1>North of England health libraries</h1>');
    expect(html).toContain('<strong>4</strong> active mentees');
    expect(html).toContain('<strong>2</strong> active mentors');
    expect(html).toContain('<strong>4</strong> mentees waiting for a match');
    expect(html).toContain('<th scope="row">Proposed, waiting for answers</th><td class="num">0</td>');
    expect(html).toContain('No rounds yet.');
    expect(html).toContain(`action="/coordinator/programmes/${programmeId}/rounds"`);
  });

  it('refuses a form without the session’s CSRF token', async () => {
    const missing = await post(`/coordinator/programmes/${programmeId}/rounds`, {}, session.cookie);
    expect(missing.statusCode).toBe(403);
    expect(missing.body).toContain('This form has expired');
    const wrong = await post(
      `/coordinator/programmes/${programmeId}/rounds`,
      { csrf: 'x'.repeat(43) },
      session.cookie,
    );
    expect(wrong.statusCode).toBe(403);
    expect(
      await app.mongo
        .collection(ROUNDS_COLLECTION)
        .countDocuments({ 'state.programmeId': programmeId } as never),
    ).toBe(0);
  });

  it('runs a round and shows its report with both charts and their tables', async () => {
    const run = await post(
      `/coordinator/programmes/${programmeId}/rounds`,
      { csrf: session.csrf },
      session.cookie,
    );
    expect(run.statusCode).toBe(303);
    const location = String(run.headers.location);
    expect(location).toMatch(/^\/coordinator\/rounds\/rnd_/);
    roundId = location.split('/').at(-1) ?? '';

    const page = await get(location, session.cookie);
    expect(page.statusCode).toBe(200);
    const html = page.body;
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
    expect(html).toContain('a preview: nothing has been sent yet');
    expect(html).toContain('<strong>75%</strong> of mentees matched (3 of 4)');
    expect(html).toContain('<strong>100%</strong> of mentors with room used (2 of 2)');
    expect(html).toContain('blocking pair');
    // two SVG charts, each an image with a title and a description, and a table of its figures
    const svgs = [...html.matchAll(/<svg role="img" aria-labelledby="([a-z-]+)-title \1-desc"/g)].map(
      (m) => m[1],
    );
    expect(svgs).toEqual(['score-chart', 'load-chart']);
    expect(html).toContain(
      '<title id="score-chart-title">How well matched the pairs are: proposals by score</title>',
    );
    expect(html).toMatch(/<desc id="score-chart-desc">A bar chart of 3 proposed pairs by match score/);
    expect(html).toContain(
      '<title id="load-chart-title">How the work is shared: mentors by number of mentees</title>',
    );
    expect(html).toContain(
      '<caption>How well matched the pairs are: proposals by score (the figures in the chart)</caption>',
    );
    expect(html).toContain('<tr><th scope="row">1 mentee</th><td class="num">1</td></tr>');
    expect(html).toContain('<tr><th scope="row">2 mentees</th><td class="num">1</td></tr>');
    // names, escaped
    expect(html).toContain('Gareth Evans');
    expect(html).not.toContain('<b>Bold</b>');
    expect(html).toContain('&lt;b&gt;Bold&lt;/b&gt; Ifeoma');
    expect(html).toContain(`action="/coordinator/rounds/${roundId}/publish"`);
    expect(html).not.toContain('http-equiv="refresh"');
  });

  it('shows progress while a round is publishing, refreshing itself', async () => {
    // A copy of the round, caught half-way through publishing.
    const rounds = app.mongo.collection(ROUNDS_COLLECTION);
    const doc = await rounds.findOne({ _id: roundId } as never);
    const copyId = id('rnd');
    const state = doc?.state as Record<string, unknown>;
    await rounds.insertOne({
      ...doc,
      _id: copyId,
      state: {
        ...state,
        id: copyId,
        status: 'publishing',
        progress: { done: 1, total: 3, proposed: 1, skipped: [] },
      },
    } as never);
    const page = await get(`/coordinator/rounds/${copyId}`, session.cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<meta http-equiv="refresh" content="2">');
    expect(page.body).toContain('Proposing the pairs: 1 of 3 done');
    expect(page.body).toContain('<progress id="publish-progress" max="3" value="1">33%</progress>');
    expect(page.body).not.toContain('/publish"');
    await rounds.deleteOne({ _id: copyId } as never);
  });

  it('publishes: the page follows it to the end, and the matches exist', async () => {
    const noCsrf = await post(`/coordinator/rounds/${roundId}/publish`, {}, session.cookie);
    expect(noCsrf.statusCode).toBe(403);
    const publish = await post(
      `/coordinator/rounds/${roundId}/publish`,
      { csrf: session.csrf },
      session.cookie,
    );
    expect(publish.statusCode).toBe(303);
    expect(publish.headers.location).toBe(`/coordinator/rounds/${roundId}`);
    const done = await eventually(async () => {
      const page = await get(`/coordinator/rounds/${roundId}`, session.cookie);
      if (page.body.includes('This round is <strong>being published</strong>')) {
        expect(page.body).toContain('http-equiv="refresh"');
        return null;
      }
      return page.body.includes('This round is <strong>published</strong>') ? page.body : null;
    }, 'the round published');
    expect(done).toContain('3 of 3 pairs proposed');
    expect(done).not.toContain('http-equiv="refresh"');
    const made = await app.mongo
      .collection('matches')
      .countDocuments({ 'state.programmeId': programmeId, 'state.roundId': roundId } as never);
    expect(made).toBe(3);

    const overview = await get(`/coordinator/programmes/${programmeId}`, session.cookie);
    expect(overview.body).toContain(
      '<th scope="row">Proposed, waiting for answers</th><td class="num">3</td>',
    );
    expect(overview.body).toContain('<strong>1</strong> mentee waiting for a match');
    expect(overview.body).toContain(`href="/coordinator/rounds/${roundId}"`);
    expect(overview.body).toContain('Gareth Evans');

    // publishing again changes nothing
    const again = await post(
      `/coordinator/rounds/${roundId}/publish`,
      { csrf: session.csrf },
      session.cookie,
    );
    expect(again.statusCode).toBe(303);
  });

  it('downloads the matches as CSV through the session', async () => {
    const csv = await get(`/coordinator/programmes/${programmeId}/matches.csv`, session.cookie);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toBe(
      `attachment; filename="belong-matches-${programmeId}.csv"`,
    );
    const lines = csv.body.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^match_id,mentee_id,mentor_id,status/);
    expect(lines).toHaveLength(4);
    const apiCsv = await app.inject({
      method: 'GET',
      url: `/programmes/${programmeId}/matches.csv`,
      headers: { authorization: `Bearer ${adminKey}` },
    });
    expect(apiCsv.body).toBe(csv.body);
    expect((await get(`/coordinator/programmes/${programmeId}/matches.csv`)).statusCode).toBe(303);
  });

  it('shows a key for another programme nothing of this one', async () => {
    const { key } = await createKey(['matches:read', 'matches:write'], otherProgrammeId);
    const other = await signIn(key);
    for (const url of [
      `/coordinator/programmes/${programmeId}`,
      `/coordinator/rounds/${roundId}`,
      `/coordinator/programmes/${programmeId}/matches.csv`,
    ]) {
      const page = await get(url, other.cookie);
      expect({ url, status: page.statusCode }).toEqual({ url, status: 404 });
      expect(page.body).toContain('We cannot find that');
      expect(page.body).not.toContain('Gareth Evans');
    }
    const run = await post(
      `/coordinator/programmes/${programmeId}/rounds`,
      { csrf: other.csrf },
      other.cookie,
    );
    expect(run.statusCode).toBe(404);
    expect((await get(`/coordinator/programmes/${otherProgrammeId}`, other.cookie)).statusCode).toBe(200);
  });
});
