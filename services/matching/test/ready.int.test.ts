import { type KitApp, loadConfig } from '@belong/kit';
import { createTestNamespace } from '@belong/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildMatchingApp } from '../src/app.ts';
import { MatchingConfigSchema } from '../src/config.ts';

const ns = createTestNamespace('matching ready');
let app: KitApp;

beforeAll(async () => {
  const config = loadConfig(MatchingConfigSchema, {
    MONGO_URL: ns.mongoUrl,
    REDIS_URL: ns.servers.redisUrl,
    REDIS_KEY_PREFIX: ns.redisPrefix,
    KAFKA_BROKERS: ns.servers.kafkaBrokers.join(','),
    SIGNING_SECRET: 'test-signing-secret-0123456789abcdef',
  });
  app = buildMatchingApp(config, { logger: false });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await ns.cleanup();
});

describe('matching service with its servers', () => {
  it('is ready when MongoDB, Redis and Kafka answer', async () => {
    const response = await app.inject({ method: 'GET', url: '/ready' });
    expect(response.statusCode).toBe(200);
    expect(Object.keys(response.json().checks).sort()).toEqual(['kafka', 'mongo', 'redis']);
  });
});
