// The matching service's tests stand in for the profile service: they publish the programme and
// profile events it would publish, and read back what matching publishes.
import { randomBytes } from 'node:crypto';
import { createEvent, type EventData, type MatchingAttributes } from '@belong/contracts';
import { type KitApp, loadConfig } from '@belong/kit';
import type { TestNamespace } from '@belong/testing';
import { buildMatchingApp } from '../src/app.ts';
import { MatchingConfigSchema } from '../src/config.ts';

export const SIGNING_SECRET = 'matching-tests-signing-secret-0123456789abcdef';
export const auth = (key: string) => ({ authorization: `Bearer ${key}` });
const source = '/belong/profile';

export function buildTestApp(ns: TestNamespace, adminKey: string, env: Record<string, string> = {}): KitApp {
  const config = loadConfig(MatchingConfigSchema, {
    PORT: '0',
    MONGO_URL: ns.mongoUrl,
    REDIS_URL: ns.servers.redisUrl,
    REDIS_KEY_PREFIX: ns.redisPrefix,
    KAFKA_BROKERS: ns.servers.kafkaBrokers.join(','),
    SIGNING_SECRET,
    ADMIN_API_KEY: adminKey,
    SWEEP_INTERVAL_MS: '3600000',
    ...env,
  });
  return buildMatchingApp(config, {
    logger: false,
    events: { topicName: (t) => ns.topic(t), groupName: (g) => ns.groupId(g) },
  });
}

export const id = (prefix: string) => `${prefix}_${randomBytes(9).toString('base64url')}`;

export function programmeEvent(
  programmeId: string,
  extra: Partial<EventData<'belong.programme.changed.v1'>> = {},
  time = new Date(),
) {
  return createEvent(
    'belong.programme.changed.v1',
    {
      programmeId,
      slug: programmeId.toLowerCase().replace(/_/g, '-'),
      name: 'Health Libraries mentoring',
      description: '',
      coordinator: { name: 'Amina Yusuf', email: 'amina@example.org' },
      matchingMode: 'instant',
      policy: {
        weights: {
          topics: 30,
          text: 15,
          career_stage: 15,
          sector: 10,
          region_format: 10,
          languages: 10,
          availability: 5,
          preferences: 5,
        },
        hardRules: ['same_organisation', 'named_exclusions', 'previously_declined'],
        suggestions: 3,
        proposalTtlDays: 7,
      },
      status: 'open',
      changedAt: time.toISOString(),
      ...extra,
    },
    { source, time },
  );
}

export function attributes(extra: Partial<MatchingAttributes> = {}): MatchingAttributes {
  return {
    organisation: 'leeds teaching hospitals nhs trust',
    sector: 'nhs-acute',
    specialisms: [],
    careerStage: 2,
    region: 'yorkshire-humber',
    meetingFormats: ['online'],
    timeZone: 'Europe/London',
    languages: ['en'],
    hoursPerMonth: 2,
    topics: ['evidence-synthesis', 'literature-searching'],
    text: 'I would like to get confident with systematic review searching for our research team.',
    exclusions: [],
    ...extra,
  };
}

export function mentorAttributes(extra: Partial<MatchingAttributes> = {}): MatchingAttributes {
  return attributes({
    organisation: 'university of sheffield',
    sector: 'higher-education',
    careerStage: 4,
    topics: ['evidence-synthesis', 'critical-appraisal'],
    text: 'I lead systematic review searching for a university library and enjoy helping people start out.',
    capacity: 1,
    ...extra,
  });
}

export function verified(
  profileId: string,
  programmeId: string,
  role: 'mentee' | 'mentor',
  attrs: MatchingAttributes,
  name = role === 'mentee' ? 'Priya Shah' : 'Gareth Evans',
) {
  const time = new Date();
  return createEvent(
    'belong.profile.verified.v1',
    {
      profileId,
      programmeId,
      role,
      displayName: name,
      email: `${profileId.toLowerCase()}@example.org`,
      verifiedAt: time.toISOString(),
      attributes: attrs,
    },
    { source, time },
  );
}

export function withdrawn(profileId: string, programmeId: string, role: 'mentee' | 'mentor') {
  return createEvent(
    'belong.profile.withdrawn.v1',
    { profileId, programmeId, role, reason: null, withdrawnAt: new Date().toISOString() },
    { source },
  );
}

export function erased(profileId: string, programmeId: string) {
  return createEvent(
    'belong.profile.erased.v1',
    { profileId, programmeId, emailHash: '0'.repeat(64), erasedAt: new Date().toISOString() },
    { source },
  );
}

/** Re-checks until it holds; bounded. */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  what: string,
  ms = 20_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until the matching service has these people in its pool (their events were handled). */
export async function inPool(app: KitApp, ...ids: string[]): Promise<void> {
  await eventually(
    async () =>
      (await app.mongo.collection('people').countDocuments({ _id: { $in: ids } as never })) === ids.length,
    `${ids.length} people in the pool`,
  );
}
