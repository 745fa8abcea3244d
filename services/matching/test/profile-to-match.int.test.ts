// The journey across two real services: people sign up and confirm through the profile service's
// API, its events reach matching over Kafka, and matching proposes and explains a match. Nothing
// is published by hand here.
import { type KitApp, loadConfig } from '@belong/kit';
import { buildProfileApp } from '@belong/profile/app';
import { ProfileConfigSchema } from '@belong/profile/config';
import { createTestNamespace, EventProbe } from '@belong/testing';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { auth, buildTestApp, eventually, SIGNING_SECRET } from './helpers.ts';

const ns = createTestNamespace('profile to match');
// Each service owns its database: the profile service gets its own.
const profileDb = createTestNamespace('profile to match db');
const adminKey = `admin-${'j'.repeat(40)}`;
const profileEvents = new EventProbe();
const matchEvents = new EventProbe();
let profile: KitApp;
let matching: KitApp;

beforeAll(async () => {
  profile = buildProfileApp(
    loadConfig(ProfileConfigSchema, {
      PORT: '0',
      MONGO_URL: profileDb.mongoUrl,
      REDIS_URL: ns.servers.redisUrl,
      REDIS_KEY_PREFIX: ns.redisPrefix,
      KAFKA_BROKERS: ns.servers.kafkaBrokers.join(','),
      SIGNING_SECRET,
      ADMIN_API_KEY: adminKey,
    }),
    { logger: false, events: { topicName: (t) => ns.topic(t), groupName: (g) => ns.groupId(g) } },
  );
  matching = buildTestApp(ns, adminKey);
  await Promise.all([profile.ready(), matching.ready()]);
  await profileEvents.start(ns, 'belong.profile.v1');
  await matchEvents.start(ns, 'belong.match.v1');
}, 90_000);

afterAll(async () => {
  await Promise.all([profileEvents.stop(), matchEvents.stop()]);
  await Promise.all([profile?.close(), matching?.close()]);
  await Promise.all([ns.cleanup(), profileDb.cleanup()]);
}, 60_000);

async function signUpAndConfirm(programmeId: string, body: object): Promise<string> {
  const submitted = await profile.inject({
    method: 'POST',
    url: `/programmes/${programmeId}/profiles`,
    payload: body,
  });
  expect(submitted.statusCode).toBe(201);
  const id: string = submitted.json().id;
  const [event] = await profileEvents.waitFor('belong.profile.submitted.v1', id);
  const data = event?.data as { verification: { url: string } } | undefined;
  const url = new URL(data?.verification.url ?? 'http://missing.invalid/');
  const verified = await profile.inject({ method: 'POST', url: `/profiles/verify${url.search}` });
  expect(verified.statusCode).toBe(200);
  return id;
}

it('a mentee who confirms their address is proposed the best mentor, with reasons, in instant mode', async () => {
  const created = await profile.inject({
    method: 'POST',
    url: '/programmes',
    headers: auth(adminKey),
    payload: {
      slug: 'journey',
      name: 'Journey test',
      coordinator: { name: 'Amina Yusuf', email: 'amina@example.org' },
      matchingMode: 'instant',
    },
  });
  const programmeId: string = created.json().id;
  await profile.inject({
    method: 'PATCH',
    url: `/programmes/${programmeId}`,
    headers: auth(adminKey),
    payload: { status: 'open' },
  });

  const common = {
    'time-zone': 'Europe/London',
    languages: ['en'],
    'hours-per-month': 'about-2',
    consent: true,
  };
  const mentor = await signUpAndConfirm(programmeId, {
    role: 'mentor',
    displayName: 'Gareth Evans',
    email: ns.email('gareth'),
    answers: {
      ...common,
      organisation: 'University of Sheffield',
      sector: 'higher-education',
      'career-stage': 'service-lead',
      expertise: ['evidence-synthesis', 'critical-appraisal'],
      introduction:
        'I lead systematic review searching for a university library and enjoy helping people start.',
      'meeting-format': 'online',
      region: 'yorkshire-humber',
      capacity: 1,
    },
  });
  await eventually(
    async () => (await matching.mongo.collection('people').countDocuments({ _id: mentor as never })) === 1,
    'mentor in the pool',
  );

  const mentee = await signUpAndConfirm(programmeId, {
    role: 'mentee',
    displayName: 'Priya Shah',
    email: ns.email('priya'),
    answers: {
      ...common,
      organisation: 'Leeds Teaching Hospitals NHS Trust',
      sector: 'nhs-acute',
      'career-stage': 'early-career',
      'growth-areas': ['evidence-synthesis'],
      hopes: 'I would like to get confident with systematic review searching.',
      'meeting-format': 'online',
      region: 'yorkshire-humber',
    },
  });

  const [proposed] = await matchEvents.waitFor('belong.match.proposed.v1', mentee);
  const data = proposed?.data as {
    mentorId: string;
    programmeId: string;
    explanation: { summary: string; criteria: { forMentee: string }[] };
  };
  expect(data).toMatchObject({ mentorId: mentor, programmeId });
  expect(data.explanation.criteria.map((c) => c.forMentee).join(' ')).toMatch(/Gareth/);
}, 60_000);
