// The people-facing pages of the profile service through the real app and servers: a
// programme's landing page, the questionnaire rendered from its definition (every question
// type), errors shown inline with every answer kept, "check your email", and the self-service
// page the "Manage my profile" link opens.
import { issueToken, type KitApp } from '@belong/kit';
import { createTestNamespace } from '@belong/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PROFILES_COLLECTION } from '../src/profiles/repository.ts';
import { healthInformationMentee } from '../src/questionnaires/health-information.ts';
import { auth, buildTestApp, createProgramme, menteeAnswers, SIGNING_SECRET } from './helpers.ts';

const ns = createTestNamespace('profile pages');
const adminKey = `admin-${'p'.repeat(40)}`;
let app: KitApp;
let programmeId: string;
let allTypesId: string;
const slug = 'pages-open';
const allTypesSlug = 'pages-every-type';

/** The default mentee questionnaire plus the question types it does not use. */
function everyType() {
  const { key, title, intro, sections } = structuredClone(healthInformationMentee);
  sections.splice(sections.length - 1, 0, {
    id: 'a-little-more',
    title: 'A little more',
    description: 'Questions of every other kind.',
    questions: [
      {
        type: 'multiple_choice',
        id: 'formats-tried',
        label: 'Which have you tried before?',
        help: 'Tick any that apply.',
        required: false,
        maps: null,
        options: [
          { value: 'peer', label: 'Peer mentoring' },
          { value: 'reverse', label: 'Reverse mentoring', help: 'A junior colleague mentors a senior one.' },
          { value: 'group', label: 'Group mentoring' },
        ],
        maxPicks: 2,
        ranked: false,
      },
      {
        type: 'scale',
        id: 'confidence',
        label: 'How confident do you feel in your role?',
        required: true,
        maps: null,
        min: 1,
        max: 5,
        minLabel: 'Not at all',
        maxLabel: 'Very',
      },
      {
        type: 'yes_no',
        id: 'first-time',
        label: 'Is this your first mentoring programme?',
        required: true,
        maps: null,
      },
      {
        type: 'short_text',
        id: 'job-title',
        label: 'What is your job title?',
        required: false,
        maps: null,
        maxLength: 80,
      },
    ],
  });
  return { key, title, intro, sections };
}

function everyTypeForm(extra: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    questionnaireVersion: '2',
    displayName: 'Priya Shah',
    email: ns.email('every-type'),
    'q.organisation': 'Leeds Teaching Hospitals NHS Trust',
    'q.sector': 'nhs-acute',
    'q.career-stage': 'early-career',
    'q.growth-areas.1': 'evidence-synthesis',
    'q.growth-areas.2': 'literature-searching',
    'q.growth-areas.3': '',
    'q.hopes': 'I would like to get confident with systematic review searching.',
    'q.meeting-format': 'online',
    'q.region': 'yorkshire-humber',
    'q.time-zone': 'Europe/London',
    'q.languages': ['en', 'cy'],
    'q.hours-per-month': 'about-2',
    'q.people-to-avoid': 'Jo Bloggs\njo@example.org',
    'q.formats-tried': ['peer', 'group'],
    'q.confidence': '3',
    'q.first-time': 'yes',
    'q.job-title': 'Clinical librarian',
    'q.consent': 'yes',
    ...extra,
  };
}

/** `application/x-www-form-urlencoded`, repeated names for lists, as a browser posts it. */
function encode(form: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) {
    for (const v of Array.isArray(value) ? value : [value]) params.append(name, v);
  }
  return params.toString();
}

const post = (url: string, form: Record<string, string | string[]>) =>
  app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: encode(form),
  });
const get = (url: string) => app.inject({ method: 'GET', url });

/** Every visible control has a label pointing at it; ids are unique; exactly one h1. */
function expectAccessibleForm(html: string, hasControls = true): void {
  expect(html).toContain('<html lang="en-GB">');
  expect(html.match(/<h1[ >]/g)).toHaveLength(1);
  const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
  expect(new Set(ids).size).toBe(ids.length);
  const controls = [...html.matchAll(/<(input|select|textarea)\b([^>]*)>/g)].filter(
    ([, , attrs]) => !/type="hidden"/.test(attrs ?? ''),
  );
  if (hasControls) expect(controls.length).toBeGreaterThan(0);
  for (const [tag, , attrs] of controls) {
    const id = /\sid="([^"]+)"/.exec(attrs ?? '')?.[1];
    expect({ tag, id }).toEqual({ tag, id: expect.any(String) });
    expect(html).toContain(`<label for="${id}"`);
  }
  for (const [, described] of html.matchAll(/aria-describedby="([^"]+)"/g)) {
    for (const id of (described ?? '').split(' ')) expect(ids).toContain(id);
  }
}

/** Signs up through the API and confirms with a verification token; returns id and manage token. */
async function activeProfile(
  email: string,
  answers: Record<string, unknown> = {},
): Promise<{ id: string; token: string }> {
  const created = await app.inject({
    method: 'POST',
    url: `/programmes/${programmeId}/profiles`,
    payload: { role: 'mentee', displayName: 'Priya Shah', email, answers: menteeAnswers(answers) },
  });
  expect(created.statusCode).toBe(201);
  const id: string = created.json().id;
  const verify = app.tokens.issue({ profileId: id, action: 'verify-email', ttlSeconds: 600 });
  const verified = await app.inject({ method: 'POST', url: `/profiles/verify?token=${verify}` });
  expect(verified.statusCode).toBe(200);
  return { id, token: verified.json().manage.token };
}

const profileOf = async (id: string) =>
  (await app.inject({ method: 'GET', url: `/profiles/${id}`, headers: auth(adminKey) })).json();

beforeAll(async () => {
  app = buildTestApp(ns, adminKey);
  await app.ready();
  programmeId = await createProgramme(app, adminKey, slug);
  allTypesId = await createProgramme(app, adminKey, allTypesSlug);
  await createProgramme(app, adminKey, 'pages-draft', 'draft');
  await createProgramme(app, adminKey, 'pages-closed', 'closed');
  const published = await app.inject({
    method: 'POST',
    url: `/programmes/${allTypesId}/questionnaires/mentee/versions`,
    headers: auth(adminKey),
    payload: everyType(),
  });
  expect(published.statusCode).toBe(201);
}, 60_000);

afterAll(async () => {
  await app?.close();
  await ns.cleanup();
}, 30_000);

describe('joining a programme', () => {
  it('shows an open programme with a choice of role', async () => {
    const page = await get(`/join/${slug}`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('<h1>Programme pages-open</h1>');
    expect(page.body).toContain(`href="/join/${slug}/mentee"`);
    expect(page.body).toContain(`href="/join/${slug}/mentor"`);
    expect(page.body).toContain('I would like a mentor');
    expect(page.body).toContain('I would like to mentor');
    expect(page.body).toContain('amina@example.org');
  });

  it('treats a draft or unknown programme as not there, and says kindly that a closed one is closed', async () => {
    for (const url of [
      '/join/pages-draft',
      '/join/pages-draft/mentee',
      '/join/no-such-thing',
      `/join/${slug}/boss`,
    ]) {
      const page = await get(url);
      expect(page.statusCode).toBe(404);
      expect(page.body).toContain('We cannot find this programme');
    }
    for (const url of ['/join/pages-closed', '/join/pages-closed/mentor']) {
      const page = await get(url);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('is not taking sign-ups at the moment');
      expect(page.body).toContain('mailto:amina@example.org');
    }
    const posted = await post('/join/pages-closed/mentee', { displayName: 'A' });
    expect(posted.statusCode).toBe(409);
    expect(posted.body).toContain('is not taking sign-ups');
  });

  it('renders every question type of the questionnaire, each with its label', async () => {
    const page = await get(`/join/${allTypesSlug}/mentee`);
    expect(page.statusCode).toBe(200);
    const html = page.body;
    expectAccessibleForm(html);
    for (const section of everyType().sections) {
      expect(html).toContain(`<h2 id="section-${section.id}">${section.title}</h2>`);
      for (const question of section.questions) {
        const label = question.label.replaceAll('’', '’');
        expect(html).toContain(label.replace(/“|”/g, (q) => q));
      }
    }
    expect(html).toContain('<input type="hidden" name="questionnaireVersion" value="2">');
    // single choice → radios in a fieldset with a legend
    expect(html).toMatch(
      /<fieldset aria-describedby="q-sector--hint">\s*<legend>Which sector do you work in\?<\/legend>/,
    );
    expect(html).toContain('<input type="radio" id="q-sector--0" name="q.sector" value="nhs-acute"');
    // ranked topics → first / second / third choice selects
    expect(html).toContain('<label for="q-growth-areas--rank-1">First choice (most important)</label>');
    expect(html).toContain('<label for="q-growth-areas--rank-3">Third choice</label>');
    expect(html).not.toContain('q-growth-areas--rank-4');
    // multiple choice and languages → checkboxes; option help tied to its box
    expect(html).toContain(
      '<input type="checkbox" id="q-formats-tried--1" name="q.formats-tried" value="reverse" aria-describedby="q-formats-tried--1-hint">',
    );
    expect(html).toContain('name="q.languages" value="cy"');
    // scale → radios with the ends named; yes/no → radios
    expect(html).toContain('<label for="q-confidence--0">1 (Not at all)</label>');
    expect(html).toContain('<label for="q-confidence--4">5 (Very)</label>');
    expect(html).toContain('<input type="radio" id="q-first-time--1" name="q.first-time" value="no"');
    // short and long text with their limits
    expect(html).toContain('<input type="text" id="q-job-title" name="q.job-title" value="" maxlength="80">');
    expect(html).toMatch(
      /<textarea id="q-hopes" name="q.hopes" rows="8" maxlength="2000" aria-describedby="q-hopes--hint q-hopes--extra">/,
    );
    // region → select; time zone → select with Europe/London first
    expect(html).toMatch(
      /<select id="q-region" name="q.region"[^>]*><option value="">Please choose<\/option>/,
    );
    expect(html).toMatch(
      /<select id="q-time-zone"[^>]*><option value="">Please choose a time zone<\/option><optgroup label="Most people in the UK"><option value="Europe\/London">/,
    );
    expect(html).toContain('<option value="Asia/Tokyo">Asia/Tokyo</option>');
    expect(html).toContain('>Asia/Kolkata</option>');
    // people → a textarea, one per line; consent → a checkbox with the exact statement
    expect(html).toContain('One person on each line');
    const consent = healthInformationMentee.sections.at(-1)?.questions[0];
    if (consent?.type !== 'consent') throw new Error('fixture');
    expect(html).toContain(`<label for="q-consent--agree">${consent.statement}</label>`);
    expect(html).toContain('<label for="display-name">Your name</label>');
    expect(html).toContain('<label for="email">Your email address</label>');
  });

  it('brings a form with problems back with a linked summary, inline messages and every answer kept', async () => {
    const form = everyTypeForm({
      displayName: '',
      email: 'not-an-address',
      'q.growth-areas.1': 'evidence-synthesis',
      'q.growth-areas.2': 'evidence-synthesis',
      'q.confidence': '',
      'q.first-time': 'no',
      'q.job-title': 'x'.repeat(81),
      'q.consent': '',
    });
    const page = await post(`/join/${allTypesSlug}/mentee`, form);
    expect(page.statusCode).toBe(400);
    const html = page.body;
    expectAccessibleForm(html);
    expect(html).toContain('<title>Error: ');
    expect(html).toContain('class="error-summary" role="alert"');
    for (const href of [
      '#display-name',
      '#email',
      '#q-growth-areas--rank-1',
      '#q-confidence--0',
      '#q-job-title',
      '#q-consent--agree',
    ]) {
      expect(html).toContain(`<a href="${href}">`);
    }
    expect(html).toContain('6 answers need another look');
    // the message beside the question, tied to it
    expect(html).toContain('id="q-growth-areas--error"');
    expect(html).toContain('You chose “Systematic reviews and evidence synthesis” more than once.');
    expect(html).toContain('Please keep this under 80 characters (you wrote 81).');
    expect(html).toContain('You need to agree to this to take part.');
    expect(html).toMatch(/<fieldset aria-describedby="q-confidence--error">/);
    expect(html).toContain('aria-describedby="email-hint email-error"');
    // every answer kept
    expect(html).toContain('value="not-an-address"');
    expect(html).toContain('value="Leeds Teaching Hospitals NHS Trust"');
    expect(html).toContain('id="q-sector--0" name="q.sector" value="nhs-acute" checked');
    expect(html).toContain('id="q-first-time--1" name="q.first-time" value="no" checked');
    expect(html).toContain('value="cy" checked');
    expect(html).toContain('value="group" checked');
    expect(html).toContain('<option value="Europe/London" selected>');
    expect(html).toContain('<option value="yorkshire-humber" selected>');
    expect(html).toContain('I would like to get confident with systematic review searching.</textarea>');
    expect(html).toContain('Jo Bloggs\njo@example.org</textarea>');
    expect(
      await app.mongo.collection(PROFILES_COLLECTION).countDocuments({ 'state.programmeId': allTypesId }),
    ).toBe(0);
  });

  it('escapes whatever a person typed', async () => {
    const hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';
    const page = await post(
      `/join/${allTypesSlug}/mentee`,
      everyTypeForm({
        displayName: hostile,
        'q.organisation': hostile,
        'q.hopes': hostile,
        'q.region': hostile,
        'q.consent': '',
      }),
    );
    expect(page.statusCode).toBe(400);
    expect(page.body).not.toContain('<script>alert');
    expect(page.body).not.toContain('<img src=x');
    expect(page.body).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(2)&gt;',
    );
  });

  it('signs up, redirects to "check your email" and stores the profile pending', async () => {
    const email = ns.email('every-type-ok');
    const response = await post(`/join/${allTypesSlug}/mentee`, everyTypeForm({ email: `  ${email} ` }));
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/join/${allTypesSlug}/check-email?role=mentee`);
    const doc = await app.mongo.collection(PROFILES_COLLECTION).findOne({ 'state.email': email } as never);
    const state = doc?.state as Record<string, unknown> | undefined;
    expect(state).toMatchObject({
      programmeId: allTypesId,
      role: 'mentee',
      status: 'pending',
      displayName: 'Priya Shah',
      questionnaire: { programmeVersion: 2 },
      answers: {
        'growth-areas': ['evidence-synthesis', 'literature-searching'],
        languages: ['en', 'cy'],
        'formats-tried': ['peer', 'group'],
        confidence: 3,
        'first-time': true,
        consent: true,
        'people-to-avoid': ['jo bloggs', 'jo@example.org'],
      },
    });

    const check = await get(response.headers.location as string);
    expect(check.statusCode).toBe(200);
    expectAccessibleForm(check.body);
    expect(check.body).toContain('<h1>Check your email</h1>');
    expect(check.body).toContain('The link works for 3 days.');
    expect(check.body).toContain(`action="/join/${allTypesSlug}/resend"`);

    // the same address again: a clear message, and a way to get a new link
    const again = await post(`/join/${allTypesSlug}/mentee`, everyTypeForm({ email }));
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('This address has already signed up as a mentee');
    expect(again.body).toContain('Send me a new confirmation link');
    expect(again.body).toContain(`<input type="hidden" name="email" value="${email}">`);
    const resent = await post(`/join/${allTypesSlug}/resend`, { role: 'mentee', email });
    expect(resent.statusCode).toBe(303);
    expect(resent.headers.location).toBe(`/join/${allTypesSlug}/check-email?role=mentee&resent=1`);
    const told = await get(resent.headers.location as string);
    expect(told.body).toContain('a new link is on its way');
    const bad = await post(`/join/${allTypesSlug}/resend`, { role: 'mentee', email: 'nope' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="resend-email-error"');
  });
});

describe('the self-service page', () => {
  it('shows the token’s own profile only, with answers beside their questions', async () => {
    const mine = await activeProfile(ns.email('me-own'), { organisation: 'Bradford Royal Infirmary' });
    const theirs = await activeProfile(ns.email('me-theirs'), { organisation: 'Hull University Library' });
    const page = await get(`/me?token=${mine.token}`);
    expect(page.statusCode).toBe(200);
    expectAccessibleForm(page.body, false);
    expect(page.body).toContain('<h1>Your profile</h1>');
    expect(page.body).toContain('Bradford Royal Infirmary');
    expect(page.body).not.toContain('Hull University Library');
    expect(page.body).toContain('<dt>Which organisation do you work for?</dt>');
    expect(page.body).toContain('1. Systematic reviews and evidence synthesis');
    expect(page.body).toContain('Your profile is active');
    expect(page.body).toContain(`href="/profiles/${mine.id}/export?token=${mine.token}"`);
    expect(page.body).toContain(`<input type="hidden" name="token" value="${mine.token}">`);
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.headers['cache-control']).toBe('no-store');
    const theirPage = await get(`/me?token=${theirs.token}`);
    expect(theirPage.body).toContain('Hull University Library');
    expect(theirPage.body).not.toContain('Bradford Royal Infirmary');

    const exported = await get(`/profiles/${mine.id}/export?token=${mine.token}`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toMatch(/^attachment/);
  });

  it('changes answers through the form, checking them again and keeping what was typed', async () => {
    const { id, token } = await activeProfile(ns.email('me-edit'));
    const form = await get(`/me/edit?token=${token}`);
    expect(form.statusCode).toBe(200);
    expectAccessibleForm(form.body);
    expect(form.body).toContain('value="Leeds Teaching Hospitals NHS Trust"');
    expect(form.body).toContain('<option value="evidence-synthesis" selected>');

    const base = {
      token,
      displayName: 'Priya S.',
      'q.organisation': 'Leeds Teaching Hospitals NHS Trust',
      'q.sector': 'nhs-acute',
      'q.career-stage': 'early-career',
      'q.growth-areas.1': 'critical-appraisal',
      'q.hopes': 'Appraising trials with confidence.',
      'q.meeting-format': 'online',
      'q.region': 'yorkshire-humber',
      'q.time-zone': 'Europe/London',
      'q.languages': 'en',
      'q.hours-per-month': 'about-1',
      'q.consent': 'yes',
    };
    const refused = await post('/me/edit', { ...base, 'q.hopes': '' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain(
      '<a href="#q-hopes">What do you want from mentoring? Please answer this question.</a>',
    );
    expect(refused.body).toContain('<option value="critical-appraisal" selected>');
    expect(refused.body).toContain('value="Priya S."');
    expect((await profileOf(id)).answers.hopes).not.toBe('');

    const saved = await post('/me/edit', base);
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/me?token=${encodeURIComponent(token)}&done=saved`);
    const profile = await profileOf(id);
    expect(profile).toMatchObject({
      displayName: 'Priya S.',
      answers: { 'growth-areas': ['critical-appraisal'], 'hours-per-month': 'about-1' },
    });
    const page = await get(saved.headers.location as string);
    expect(page.body).toContain('Your changes are saved.');
    expect(page.body).toContain('Appraising trials with confidence.');
  });

  it('pauses, resumes, withdraws with a reason, then erases', async () => {
    const { id, token } = await activeProfile(ns.email('me-lifecycle'));
    const paused = await post('/me/pause', { token });
    expect(paused.statusCode).toBe(303);
    expect((await profileOf(id)).status).toBe('paused');
    const pausedPage = await get(paused.headers.location as string);
    expect(pausedPage.body).toContain('Your profile is paused');
    expect(pausedPage.body).toContain('action="/me/resume"');

    expect((await post('/me/resume', { token })).statusCode).toBe(303);
    expect((await profileOf(id)).status).toBe('active');

    const confirm = await get(`/me/withdraw?token=${token}`);
    expect(confirm.statusCode).toBe(200);
    expectAccessibleForm(confirm.body);
    expect(confirm.body).toContain('Yes, withdraw me');
    const withdrawn = await post('/me/withdraw', { token, reason: 'A new job <b>leaves</b> no time.' });
    expect(withdrawn.statusCode).toBe(303);
    expect(await profileOf(id)).toMatchObject({
      status: 'withdrawn',
      withdrawalReason: 'A new job <b>leaves</b> no time.',
    });
    const after = await get(withdrawn.headers.location as string);
    expect(after.body).toContain('You have withdrawn from the programme.');
    expect(after.body).not.toContain('href="/me/edit');

    const eraseConfirm = await get(`/me/erase?token=${token}`);
    expect(eraseConfirm.statusCode).toBe(200);
    expect(eraseConfirm.body).toContain('Yes, erase everything');
    const erased = await post('/me/erase', { token });
    expect(erased.statusCode).toBe(200);
    expect(erased.body).toContain('Your data has been erased');
    const doc = await app.mongo.collection(PROFILES_COLLECTION).findOne({ _id: id } as never);
    expect(doc?.state).toMatchObject({ status: 'erased' });
    expect(JSON.stringify(doc)).not.toContain('Priya');

    const gone = await get(`/me?token=${token}`);
    expect(gone.statusCode).toBe(404);
    expect(gone.body).toContain('We cannot find your profile');
  });

  it('answers a link that does not work with a page saying what to do', async () => {
    const { id } = await activeProfile(ns.email('me-bad-links'));
    const expired = issueToken(
      { profileId: id, action: 'manage-profile', ttlSeconds: 60 },
      { signingSecret: SIGNING_SECRET, now: () => Date.now() - 120_000 },
    );
    const cases = [
      { url: `/me?token=${expired}`, status: 410, words: 'This link has expired' },
      { url: '/me?token=not-a-token', status: 400, words: 'This link does not work' },
      { url: '/me', status: 400, words: 'This link does not work' },
      {
        url: `/me?token=${app.tokens.issue({ profileId: id, action: 'verify-email', ttlSeconds: 60 })}`,
        status: 403,
        words: 'This link is not for this page',
      },
    ];
    for (const { url, status, words } of cases) {
      const page = await get(url);
      expect({ url, status: page.statusCode }).toEqual({ url, status });
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.body).toContain(words);
    }
    const forged = await post('/me/pause', { token: 'forged' });
    expect(forged.statusCode).toBe(400);
    expect((await profileOf(id)).status).toBe('active');
  });
});
