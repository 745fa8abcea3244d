// Two services may name a collection alike (profile's `programmes` aggregates, notification's
// `programmes` read model). Their outbox relays and aggregate leases live in one Redis, so the
// kit keys them by service: both must publish. (Keyed by collection alone, one relay held the
// lease the other waited for, and that service's events were never published.)
import { createTestNamespace, EventProbe } from '@belong/testing';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { BaseConfigSchema, buildApp, type KitApp, loadConfig } from '../../src/index.ts';

const ns = createTestNamespace('kit shared collection');
const probe = new EventProbe();
const apps: KitApp[] = [];

function service(name: string): KitApp {
  const config = loadConfig(BaseConfigSchema, {
    PORT: '0',
    MONGO_URL: ns.mongoUrl.replace(ns.database, `${ns.database}_${name}`),
    REDIS_URL: ns.servers.redisUrl,
    REDIS_KEY_PREFIX: ns.redisPrefix,
    KAFKA_BROKERS: ns.servers.kafkaBrokers.join(','),
    SIGNING_SECRET: 'shared-collection-signing-secret-0123456789',
  });
  return buildApp({
    service: { name, version: '0.0.0', errorPrefix: name.toUpperCase(), description: name },
    config,
    logger: false,
    events: { topicName: (t) => ns.topic(t), groupName: (g) => ns.groupId(g), relay: { pollMs: 50 } },
  });
}

beforeAll(async () => {
  apps.push(service('alpha'), service('beta'));
  await Promise.all(apps.map((app) => app.ready()));
  await probe.start(ns, 'belong.profile.v1');
}, 60_000);

afterAll(async () => {
  await probe.stop();
  await Promise.all(apps.map((app) => app.close()));
  await ns.cleanup();
  const { default: mongoose } = await import('mongoose');
  for (const name of ['alpha', 'beta']) {
    const connection = await mongoose
      .createConnection(ns.mongoUrl.replace(ns.database, `${ns.database}_${name}`))
      .asPromise();
    await connection.dropDatabase();
    await connection.close();
  }
}, 30_000);

it('publishes the outbox of two services whose collections share a name', async () => {
  for (const [i, app] of apps.entries()) {
    const store = app.events.store<{ n: number }>('programmes');
    await store.create(`agg-${i}`, { n: i }, [
      {
        type: 'belong.profile.withdrawn.v1',
        data: {
          profileId: `p-${i}`,
          programmeId: 'prg-x',
          role: 'mentee',
          reason: null,
          withdrawnAt: new Date().toISOString(),
        },
      },
    ]);
  }
  expect(await probe.waitFor('belong.profile.withdrawn.v1', 'p-0')).toHaveLength(1);
  expect(await probe.waitFor('belong.profile.withdrawn.v1', 'p-1')).toHaveLength(1);
}, 30_000);
