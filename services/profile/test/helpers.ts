// Shared by the profile service's integration tests: the app on a test namespace, API keys, valid
// answers for the default questionnaires.
import { type KitApp, loadConfig } from '@belong/kit';
import type { TestNamespace } from '@belong/testing';
import { expect } from '@jest/globals';
import { buildProfileApp } from '../src/app.ts';
import { ProfileConfigSchema } from '../src/config.ts';

export const SIGNING_SECRET = 'profile-tests-signing-secret-0123456789abcdef';
export const auth = (key: string) => ({ authorization: `Bearer ${key}` });

export function buildTestApp(ns: TestNamespace, adminKey: string, env: Record<string, string> = {}): KitApp {
  const config = loadConfig(ProfileConfigSchema, {
    PORT: '0',
    MONGO_URL: ns.mongoUrl,
    REDIS_URL: ns.servers.redisUrl,
    REDIS_KEY_PREFIX: ns.redisPrefix,
    KAFKA_BROKERS: ns.servers.kafkaBrokers.join(','),
    SIGNING_SECRET,
    ADMIN_API_KEY: adminKey,
    PUBLIC_URL: 'http://belong.test',
    ...env,
  });
  return buildProfileApp(config, {
    logger: false,
    events: { topicName: (t) => ns.topic(t), groupName: (g) => ns.groupId(g) },
  });
}

export async function createProgramme(
  app: KitApp,
  adminKey: string,
  slug: string,
  status: 'draft' | 'open' | 'closed' = 'open',
): Promise<string> {
  const created = await app.inject({
    method: 'POST',
    url: '/programmes',
    headers: auth(adminKey),
    payload: {
      slug,
      name: `Programme ${slug}`,
      coordinator: { name: 'Amina Yusuf', email: 'amina@example.org' },
      matchingMode: 'instant',
    },
  });
  expect(created.statusCode).toBe(201);
  const id: string = created.json().id;
  for (const next of status === 'draft' ? [] : status === 'open' ? ['open'] : ['open', 'closed']) {
    const patched = await app.inject({
      method: 'PATCH',
      url: `/programmes/${id}`,
      headers: auth(adminKey),
      payload: { status: next },
    });
    expect(patched.statusCode).toBe(200);
  }
  return id;
}

export async function createKey(
  app: KitApp,
  adminKey: string,
  scopes: string[],
  programmeId: string | null,
): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api-keys',
    headers: auth(adminKey),
    payload: { name: `${scopes.join('+')} key`, scopes, programmeId },
  });
  expect(response.statusCode).toBe(201);
  return response.json().key;
}

export function menteeAnswers(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    organisation: 'Leeds Teaching Hospitals NHS Trust',
    sector: 'nhs-acute',
    'career-stage': 'early-career',
    'growth-areas': ['evidence-synthesis', 'literature-searching'],
    hopes: 'I would like to get confident with systematic review searching for our research team.',
    'meeting-format': 'online',
    region: 'yorkshire-humber',
    'time-zone': 'Europe/London',
    languages: ['en'],
    'hours-per-month': 'about-2',
    consent: true,
    ...extra,
  };
}

export function mentorAnswers(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    organisation: 'University of Sheffield',
    sector: 'higher-education',
    'career-stage': 'service-lead',
    expertise: ['evidence-synthesis', 'critical-appraisal', 'teaching-information-literacy'],
    introduction: 'I lead a library team supporting systematic reviews and enjoy helping people start out.',
    'meeting-format': 'either',
    region: 'yorkshire-humber',
    'time-zone': 'Europe/London',
    languages: ['en', 'cy'],
    'hours-per-month': 'about-2',
    capacity: 2,
    consent: true,
    ...extra,
  };
}
