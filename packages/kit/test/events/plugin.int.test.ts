import { Topics } from '@belong/contracts';
import { describe, expect, it, jest } from '@jest/globals';
import Fastify from 'fastify';
import { Registry } from 'prom-client';
import { eventsPlugin } from '../../src/events/index.ts';
import { withdrawn } from './fixtures.ts';
import { Collector, collectReasons, testLogger, useEventsTestEnv } from './helpers.ts';

jest.setTimeout(60_000);

const { ns, servers, resources } = useEventsTestEnv('events plugin');

describe('eventsPlugin', () => {
  it('relays store writes and direct publishes to consumers, reports readiness, and shuts down cleanly', async () => {
    const app = Fastify();
    resources.add(() => app.close());
    const checks = new Map<string, () => Promise<void>>();
    app.decorate('readiness', {
      add: (name: string, check: () => Promise<void>) => checks.set(name, check),
    } as never);
    const registry = new Registry();
    await app.register(eventsPlugin, {
      brokers: ns.servers.kafkaBrokers,
      clientId: 'plugin-test',
      source: '/belong/profile',
      redis: servers.redis,
      connection: servers.connection,
      registry,
      topicName: (logical) => ns.topic(logical),
      leasePrefix: ns.redisPrefix,
      relay: { pollMs: 50 },
      logger: testLogger,
    });
    expect(app.events.producer.connected).toBe(true);

    const profiles = app.events.store<{ withdrawn: boolean }>('plugin_profiles');
    expect(app.events.store('plugin_profiles')).toBe(profiles);
    const received = new Collector<string>();
    const consumer = app.events.consume({
      groupId: ns.groupId('plugin'),
      topics: [Topics.profile],
      handlers: collectReasons(received),
    });
    await app.ready();
    expect(consumer.running).toBe(true);

    await profiles.mutate('p-1', () => ({
      state: { withdrawn: true },
      events: [withdrawn('p-1', 'through the outbox')],
    }));
    await app.events.publish(withdrawn('p-2', 'published directly'));
    await received.waitFor(2, 'both events');
    expect([...received.items].sort()).toEqual(['published directly', 'through the outbox']);
    await expect(checks.get('kafka')?.()).resolves.toBeUndefined();
    expect(
      (await registry.getSingleMetric('belong_events_consumed_total')?.get())?.values.length,
    ).toBeGreaterThan(0);

    await app.close();
    expect(consumer.running).toBe(false);
    expect(app.events.relay.isLeader('plugin_profiles')).toBe(false);
    expect(app.events.producer.connected).toBe(false);
    await expect(checks.get('kafka')?.()).rejects.toThrow('not connected');
  });
});
