// The demo seed through the real profile service (its HTTP port, the typed client): once it
// creates the programme with every mentor confirmed; a second run changes nothing.
import type { AddressInfo } from 'node:net';
import { type KitApp, loadConfig } from '@belong/kit';
import { buildProfileApp } from '@belong/profile/app';
import { ProfileConfigSchema } from '@belong/profile/config';
import { createTestNamespace } from '@belong/testing';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { DEMO_SLUG, seedDemo } from '../src/index.ts';
import { demoMentors } from '../src/mentors.ts';

const ns = createTestNamespace('demo seed');
const adminApiKey = `admin-${'d'.repeat(40)}`;
const signingSecret = 'demo-seed-signing-secret-0123456789abcdef';
let app: KitApp;
let url: string;

beforeAll(async () => {
  app = buildProfileApp(
    loadConfig(ProfileConfigSchema, {
      PORT: '0',
      MONGO_URL: ns.mongoUrl,
      REDIS_URL: ns.servers.redisUrl,
      REDIS_KEY_PREFIX: ns.redisPrefix,
      KAFKA_BROKERS: ns.servers.kafkaBrokers.join(','),
      SIGNING_SECRET: signingSecret,
      ADMIN_API_KEY: adminApiKey,
    }),
    { logger: false, events: { topicName: (t) => ns.topic(t), groupName: (g) => ns.groupId(g) } },
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await app?.close();
  await ns.cleanup();
}, 30_000);

it('seeds an open programme whose mentors are all confirmed, once', async () => {
  const options = { profileUrl: url, matchingUrl: url, notificationUrl: url, adminApiKey, signingSecret };
  const first = await seedDemo(options);
  expect(first).toMatchObject({ slug: DEMO_SLUG, created: true, mentors: demoMentors().length });
  const list = await app.inject({
    method: 'GET',
    url: `/programmes/${first.programmeId}/profiles?role=mentor&status=active&limit=200`,
    headers: { authorization: `Bearer ${adminApiKey}` },
  });
  expect(list.json().items).toHaveLength(demoMentors().length);
  const programme = await app.inject({
    method: 'GET',
    url: `/programmes/${first.programmeId}`,
    headers: { authorization: `Bearer ${adminApiKey}` },
  });
  expect(programme.json()).toMatchObject({ status: 'open', matchingMode: 'instant' });

  const second = await seedDemo(options);
  expect(second).toMatchObject({ programmeId: first.programmeId, created: false });
}, 60_000);

it('varies the mentors the way a real network does', () => {
  const mentors = demoMentors();
  const distinct = (key: string) => new Set(mentors.map((m) => String(m.answers[key]))).size;
  expect(mentors.length).toBeGreaterThanOrEqual(30);
  expect(distinct('sector')).toBeGreaterThanOrEqual(8);
  expect(distinct('region')).toBeGreaterThanOrEqual(10);
  expect(distinct('career-stage')).toBe(4);
  expect(new Set(mentors.map((m) => m.email)).size).toBe(mentors.length);
});
