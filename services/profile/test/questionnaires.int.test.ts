// Questionnaire versions through the real app and servers: seeded on programme creation, public
// read for people, publishing with checks, and answers that keep their version's meaning.
import type { KitApp } from '@belong/kit';
import { createTestNamespace } from '@belong/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  healthInformationMentee,
  healthInformationMentor,
} from '../src/questionnaires/health-information.ts';
import { QUESTIONNAIRES_COLLECTION } from '../src/questionnaires/store.ts';
import { auth, buildTestApp, createKey, createProgramme, menteeAnswers } from './helpers.ts';

const ns = createTestNamespace('profile questionnaires');
const adminKey = `admin-${'r'.repeat(40)}`;
let app: KitApp;
let programmeId: string;
let draftId: string;
let readKey: string;

/** Version 2 of the mentee questionnaire: `hopes` reworded and shorter, a new optional question, new consent words. */
function version2() {
  const { key, title, intro, sections } = structuredClone(healthInformationMentee);
  const goals = sections.find((s) => s.id === 'your-goals');
  const hopes = goals?.questions.find((q) => q.id === 'hopes');
  if (!goals || hopes?.type !== 'long_text') throw new Error('fixture: no hopes question');
  hopes.label = 'In a few words, what would you like from a mentor?';
  hopes.maxLength = 500;
  goals.questions.push({
    type: 'short_text',
    id: 'heard-from',
    label: 'How did you hear about the programme?',
    required: false,
    maps: null,
    maxLength: 200,
  });
  const consent = sections.find((s) => s.id === 'consent')?.questions[0];
  if (consent?.type !== 'consent') throw new Error('fixture: no consent question');
  consent.statement = `${consent.statement} (2027 wording)`;
  return { key, title: `${title} (2027)`, intro, sections };
}

const publish = (role: string, payload: object, key = adminKey) =>
  app.inject({
    method: 'POST',
    url: `/programmes/${programmeId}/questionnaires/${role}/versions`,
    headers: auth(key),
    payload,
  });

beforeAll(async () => {
  app = buildTestApp(ns, adminKey);
  await app.ready();
  programmeId = await createProgramme(app, adminKey, 'questionnaires-open');
  draftId = await createProgramme(app, adminKey, 'questionnaires-draft', 'draft');
  readKey = await createKey(app, adminKey, ['programmes:read'], programmeId);
}, 60_000);

afterAll(async () => {
  await app?.close();
  await ns.cleanup();
}, 30_000);

describe('reading questionnaires', () => {
  it('seeds version 1 of both roles when the programme is created', async () => {
    const stored = await app.mongo
      .collection(QUESTIONNAIRES_COLLECTION)
      .find({ programmeId: draftId })
      .toArray();
    expect(stored.map((doc) => `${doc.role}:${doc.version}`).sort()).toEqual(['mentee:1', 'mentor:1']);
  });

  it('serves the current questionnaire to anyone for an open programme', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/programmes/${programmeId}/questionnaires/mentor`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      programmeId,
      role: 'mentor',
      version: 1,
      definition: {
        key: 'health-information-default',
        role: 'mentor',
        version: 1,
        title: expect.any(String),
      },
    });
  });

  it('hides a draft programme’s questionnaire from the public, shows it to a key', async () => {
    const url = `/programmes/${draftId}/questionnaires/mentee`;
    const anonymous = await app.inject({ method: 'GET', url });
    expect(anonymous.statusCode).toBe(404);
    expect(anonymous.json().code).toBe('PROFILE_PROGRAMME_NOT_FOUND');
    expect((await app.inject({ method: 'GET', url, headers: auth(adminKey) })).statusCode).toBe(200);
    const wrongKey = await app.inject({ method: 'GET', url, headers: auth(readKey) });
    expect(wrongKey.statusCode).toBe(403);
    const badKey = await app.inject({ method: 'GET', url, headers: auth('blg_not_a_key') });
    expect(badKey.statusCode).toBe(401);
  });

  it('answers 404 for an unknown programme or version, 400 for an unknown role', async () => {
    expect(
      (await app.inject({ method: 'GET', url: '/programmes/prg_nonexistent0/questionnaires/mentee' }))
        .statusCode,
    ).toBe(404);
    const noVersion = await app.inject({
      method: 'GET',
      url: `/programmes/${programmeId}/questionnaires/mentee/versions/7`,
    });
    expect(noVersion.statusCode).toBe(404);
    expect(noVersion.json().code).toBe('PROFILE_QUESTIONNAIRE_NOT_FOUND');
    const role = await app.inject({ method: 'GET', url: `/programmes/${programmeId}/questionnaires/coach` });
    expect(role.statusCode).toBe(400);
    expect(role.json().errors[0].pointer).toBe('/role');
  });
});

describe('publishing a new version', () => {
  it('refuses a broken definition with one error per problem, and publishes nothing', async () => {
    const broken = version2();
    const consentSection = broken.sections.find((s) => s.id === 'consent');
    if (!consentSection) throw new Error('fixture');
    broken.sections = broken.sections.filter((s) => s.id !== 'consent');
    const goals = broken.sections.find((s) => s.id === 'your-goals');
    goals?.questions.push({ ...(goals.questions[0] as object), id: 'hopes' } as never);
    const response = await publish('mentee', broken);
    expect(response.statusCode).toBe(400);
    const problem = response.json();
    expect(problem.code).toBe('PROFILE_INVALID_QUESTIONNAIRE');
    expect(problem.errors.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(problem.errors)).toMatch(/consent/i);
    const current = await app.inject({
      method: 'GET',
      url: `/programmes/${programmeId}/questionnaires/mentee`,
    });
    expect(current.json().version).toBe(1);
  });

  it('refuses a body that sets the version or role, and keys without programmes:write', async () => {
    const withVersion = await publish('mentee', { ...version2(), version: 5 });
    expect(withVersion.statusCode).toBe(400);
    expect(JSON.stringify(withVersion.json())).toContain('version');
    expect((await publish('mentee', version2(), readKey)).statusCode).toBe(403);
  });

  it('publishes version 2; answers given to version 1 keep their version and meaning', async () => {
    const before = await app.inject({
      method: 'POST',
      url: `/programmes/${programmeId}/profiles`,
      payload: { role: 'mentee', displayName: 'Ola', email: ns.email('v1'), answers: menteeAnswers() },
    });
    expect(before.statusCode).toBe(201);
    const v1Profile = before.json();

    const published = await publish('mentee', version2());
    expect(published.statusCode).toBe(201);
    expect(published.json()).toMatchObject({
      version: 2,
      role: 'mentee',
      definition: { version: 2, role: 'mentee' },
    });

    const versions = await app.inject({
      method: 'GET',
      url: `/programmes/${programmeId}/questionnaires/mentee/versions`,
      headers: auth(readKey),
    });
    expect(versions.json().items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const oldVersion = await app.inject({
      method: 'GET',
      url: `/programmes/${programmeId}/questionnaires/mentee/versions/1`,
    });
    expect(oldVersion.json().definition.title).toBe(healthInformationMentee.title);

    // The v1 profile still reads against v1: an update within v1 accepts a 2,000-character hope.
    const update = await app.inject({
      method: 'PATCH',
      url: `/profiles/${v1Profile.id}`,
      headers: auth(adminKey),
      payload: { answers: { hopes: 'y'.repeat(1500) } },
    });
    expect(update.statusCode).toBe(200);
    expect(update.json().questionnaire).toMatchObject({ version: 1, programmeVersion: 1 });

    // New sign-ups get v2 and its limits; v1 can still be named explicitly.
    const longHopes = menteeAnswers({ hopes: 'y'.repeat(1500) });
    const v2Refused = await app.inject({
      method: 'POST',
      url: `/programmes/${programmeId}/profiles`,
      payload: { role: 'mentee', displayName: 'Ola', email: ns.email('v2'), answers: longHopes },
    });
    expect(v2Refused.statusCode).toBe(400);
    expect(v2Refused.json().errors[0].pointer).toBe('/answers/hopes');
    const v2 = await app.inject({
      method: 'POST',
      url: `/programmes/${programmeId}/profiles`,
      payload: {
        role: 'mentee',
        displayName: 'Ola',
        email: ns.email('v2'),
        answers: menteeAnswers({ 'heard-from': 'A colleague' }),
      },
    });
    expect(v2.statusCode).toBe(201);
    expect(v2.json().questionnaire).toMatchObject({ version: 2, programmeVersion: 2 });
    expect(v2.json().consent[0].statement).toMatch(/2027 wording/);
    const explicitV1 = await app.inject({
      method: 'POST',
      url: `/programmes/${programmeId}/profiles`,
      payload: {
        role: 'mentee',
        displayName: 'Ola',
        email: ns.email('v1-explicit'),
        questionnaireVersion: 1,
        answers: longHopes,
      },
    });
    expect(explicitV1.statusCode).toBe(201);

    // Moving a profile to v2 needs complete answers for v2, consent included: nothing is carried over.
    const partialMove = await app.inject({
      method: 'PATCH',
      url: `/profiles/${v1Profile.id}`,
      headers: auth(adminKey),
      payload: { questionnaireVersion: 2, answers: { hopes: 'Short now' } },
    });
    expect(partialMove.statusCode).toBe(400);
    expect(partialMove.json().errors.map((e: { pointer: string }) => e.pointer)).toContain(
      '/answers/consent',
    );
    const move = await app.inject({
      method: 'PATCH',
      url: `/profiles/${v1Profile.id}`,
      headers: auth(adminKey),
      payload: { questionnaireVersion: 2, answers: menteeAnswers({ hopes: 'Short now' }) },
    });
    expect(move.statusCode).toBe(200);
    const moved = move.json();
    expect(moved.questionnaire).toMatchObject({ version: 2, programmeVersion: 2 });
    expect(moved.consent).toHaveLength(1);
    expect(moved.consent[0]).toMatchObject({
      statement: expect.stringMatching(/2027 wording/),
      questionnaire: { version: 2 },
    });
  });

  it('gives two concurrent publishes two consecutive versions', async () => {
    const [a, b] = await Promise.all([
      publish('mentor', mentorDefinition()),
      publish('mentor', mentorDefinition()),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect([a.json().version, b.json().version].sort()).toEqual([2, 3]);
  });
});

/** The default mentor questionnaire as a publish body: publishing the same words again is allowed. */
function mentorDefinition() {
  const { key, title, intro, sections } = structuredClone(healthInformationMentor);
  return { key, title, intro, sections };
}
