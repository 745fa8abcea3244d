// Pure logic of the event bus; no servers.
import { describe, expect, it } from '@jest/globals';
import Fastify from 'fastify';
import { Redis } from 'ioredis';
import { logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import type { OutboxEntry } from '../../src/events/aggregate-store.ts';
import { deadLetterHeaders, errorsHeader } from '../../src/events/consumer.ts';
import { kafkaLogCreator } from '../../src/events/kafka.ts';
import { orderOutbox, toTopicMessages } from '../../src/events/outbox-relay.ts';
import { eventsPlugin } from '../../src/events/plugin.ts';
import { backoffDelay, forEachLimited } from '../../src/events/timing.ts';

describe('backoffDelay', () => {
  const policy = { initialMs: 100, maxMs: 5_000 };

  it('doubles from initialMs up to maxMs, jittered within [delay/2, delay]', () => {
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, policy, () => 1))).toEqual([100, 200, 400, 800]);
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, policy, () => 0))).toEqual([50, 100, 200, 400]);
    expect(backoffDelay(10, policy, () => 1)).toBe(5_000);
    expect(backoffDelay(1_000, policy, () => 1)).toBe(5_000);
    for (let i = 0; i < 100; i++) {
      const d = backoffDelay(3, policy);
      expect(d).toBeGreaterThanOrEqual(200);
      expect(d).toBeLessThanOrEqual(400);
    }
  });
});

describe('dead-letter headers', () => {
  it('keeps the errors header within 4 KB and says how many were left out', () => {
    const errors = Array.from({ length: 200 }, (_, i) => `/data/field${i}: Expected string`);
    const header = errorsHeader(errors);
    expect(Buffer.byteLength(header)).toBeLessThanOrEqual(4096);
    const parsed = JSON.parse(header) as string[];
    expect(parsed[0]).toBe(errors[0]);
    expect(parsed.at(-1)).toMatch(/^… \d+ more$/);
    expect(parsed.length - 1 + Number(parsed.at(-1)?.match(/\d+/)?.[0])).toBe(200);
    expect(JSON.parse(errorsHeader(['one', 'two']))).toEqual(['one', 'two']);
    const long = JSON.parse(errorsHeader(['x'.repeat(10_000)])) as string[];
    expect(long[0]?.length).toBe(1_000);
  });

  it('names the reason, origin, group, attempts and time', () => {
    expect(
      deadLetterHeaders({
        reason: 'retries-exhausted',
        errors: ['Error: boom'],
        topic: 'belong.profile.v1',
        partition: 2,
        offset: '41',
        groupId: 'belong.matching.profiles',
        attempts: 5,
        failedAt: new Date('2026-12-01T10:00:00.000Z'),
      }),
    ).toEqual({
      'belong-dlq-reason': 'retries-exhausted',
      'belong-dlq-errors': '["Error: boom"]',
      'belong-dlq-topic': 'belong.profile.v1',
      'belong-dlq-partition': '2',
      'belong-dlq-offset': '41',
      'belong-dlq-group': 'belong.matching.profiles',
      'belong-dlq-attempts': '5',
      'belong-dlq-failed-at': '2026-12-01T10:00:00.000Z',
    });
  });
});

describe('outbox publication order', () => {
  const entry = (id: string, at: number, topic = 'belong.profile.v1', key = id[0] ?? ''): OutboxEntry => ({
    id,
    topic,
    key,
    value: `{"id":"${id}"}`,
    createdAt: new Date(at),
  });

  it("keeps each aggregate's order and puts older entries of other aggregates first", () => {
    const docs = [
      { _id: 'a', outboxSince: new Date(1), outbox: [entry('a1', 1), entry('a2', 5), entry('a3', 6)] },
      { _id: 'b', outboxSince: new Date(2), outbox: [entry('b1', 2), entry('b2', 3)] },
      // Clock skew between instances: a later entry with an earlier time still follows its predecessor.
      { _id: 'c', outboxSince: new Date(4), outbox: [entry('c1', 4), entry('c2', 0)] },
    ];
    expect(orderOutbox(docs).map((e) => e.id)).toEqual(['a1', 'b1', 'b2', 'c1', 'c2', 'a2', 'a3']);
  });

  it('groups by broker topic without reordering within a topic', () => {
    const entries = [
      entry('a1', 1),
      entry('m1', 2, 'belong.match.v1'),
      entry('a2', 3),
      entry('m2', 4, 'belong.match.v1'),
    ];
    const batches = toTopicMessages(entries, (t) => `x.${t}`);
    expect(batches.map((b) => [b.topic, b.messages.map((m) => m.value)])).toEqual([
      ['x.belong.profile.v1', ['{"id":"a1"}', '{"id":"a2"}']],
      ['x.belong.match.v1', ['{"id":"m1"}', '{"id":"m2"}']],
    ]);
    expect(batches[0]?.messages[0]?.key).toBe('a');
  });
});

describe('forEachLimited', () => {
  it('runs at most `limit` at once and starts nothing after a failure', async () => {
    let active = 0;
    let peak = 0;
    const started: number[] = [];
    await expect(
      forEachLimited([1, 2, 3, 4, 5, 6, 7, 8], 2, async (n) => {
        started.push(n);
        active++;
        peak = Math.max(peak, active);
        await Promise.resolve();
        active--;
        if (n === 3) throw new Error('three');
      }),
    ).rejects.toThrow('three');
    expect(peak).toBe(2);
    expect(started).toEqual([1, 2, 3, 4]);
  });
});

describe('kafkaLogCreator', () => {
  it('forwards kafkajs log entries to the pino-like logger by level', () => {
    const lines: [string, object, string | undefined][] = [];
    const logger = {
      debug: (f: object, m?: string) => lines.push(['debug', f, m]),
      info: (f: object, m?: string) => lines.push(['info', f, m]),
      warn: (f: object, m?: string) => lines.push(['warn', f, m]),
      error: (f: object, m?: string) => lines.push(['error', f, m]),
    };
    const log = kafkaLogCreator(logger)?.(logLevel.WARN);
    const entry = (level: logLevel) => ({
      namespace: 'Consumer',
      level,
      label: 'x',
      log: { timestamp: 't', message: 'hello', groupId: 'g' },
    });
    log?.(entry(logLevel.ERROR));
    log?.(entry(logLevel.WARN));
    expect(lines).toEqual([
      ['error', { kafka: 'Consumer', groupId: 'g' }, 'hello'],
      ['warn', { kafka: 'Consumer', groupId: 'g' }, 'hello'],
    ]);
  });
});

describe('eventsPlugin without connecting', () => {
  it('decorates app.events and boots and closes without touching Kafka, Redis or MongoDB', async () => {
    const redis = new Redis({ lazyConnect: true, port: 1 });
    const connection = mongoose.createConnection();
    const app = Fastify();
    await app.register(eventsPlugin, {
      brokers: ['127.0.0.1:1'],
      clientId: 'offline',
      source: '/belong/profile',
      redis,
      connection,
      connect: false,
    });
    const store = app.events.store<{ n: number }>('profiles');
    const consumer = app.events.consume({
      groupId: 'belong.test.offline',
      topics: ['belong.profile.v1'],
      handlers: {},
    });
    await app.ready();
    expect(store.name).toBe('profiles');
    expect(consumer.running).toBe(false);
    expect(app.events.producer.connected).toBe(false);
    expect(app.events.relay.running).toBe(false);
    await app.close();
    expect(redis.status).toBe('wait');
    redis.disconnect();
  });
});
