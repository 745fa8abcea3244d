import { type EventEnvelope, Topics } from '@belong/contracts';
import { describe, expect, it, jest } from '@jest/globals';
import {
  createProcessedStore,
  type EventConsumer,
  type EventConsumerOptions,
  type EventHandlers,
  PermanentError,
  type RetryPolicy,
} from '../../src/events/index.ts';
import { erasedEvent, withdrawnEvent } from './fixtures.ts';
import { type Bus, Collector, metricValue, readTopic, useEventsTestEnv, waitFor } from './helpers.ts';

jest.setTimeout(60_000);

const { ns, servers, connectBus, startConsumer } = useEventsTestEnv('events consumer');

const fastRetry: RetryPolicy = { attempts: 3, initialMs: 5, maxMs: 20 };

interface Case {
  bus: Bus;
  group: string;
  consumer: EventConsumer;
  /** Sends raw values (key, value) to the case's profile topic. */
  send(messages: { key: string; value: string }[]): Promise<void>;
}

async function startCase(
  scope: string,
  handlers: EventHandlers,
  retry: RetryPolicy = fastRetry,
  options: Partial<EventConsumerOptions> = {},
): Promise<Case> {
  const bus = await connectBus(scope);
  const consumer = await startConsumer(bus, scope, handlers, { retry, ...options });
  return {
    bus,
    group: ns.groupId(scope),
    consumer,
    send: (messages) => bus.producer.send([{ topic: bus.topic(Topics.profile), messages }]),
  };
}

const asMessage = (event: { envelope: EventEnvelope; key: string }) => ({
  key: event.key,
  value: JSON.stringify(event.envelope),
});

describe('event consumer', () => {
  it('runs the handler once for an event delivered twice', async () => {
    const seen = new Collector<string>();
    const c = await startCase('dupes', {
      'belong.profile.withdrawn.v1': async (event) => seen.push(event.id),
    });
    const event = withdrawnEvent('p-dup', 'twice');
    await c.send([asMessage(event)]);
    await c.send([asMessage(event)]);
    await waitFor(
      async () =>
        (await metricValue(c.bus.registry, 'belong_events_consumed_total', {
          group: c.group,
          outcome: 'duplicate',
        })) === 1,
      'the second copy to be skipped as a duplicate',
    );
    expect(seen.items).toEqual([event.envelope.id]);
  });

  it('dead-letters each kind of poison with its reason and goes on with the next message', async () => {
    const seen = new Collector<string>();
    const c = await startCase('poison', {
      'belong.profile.withdrawn.v1': async (event) => seen.push(event.data.reason ?? ''),
    });
    const valid = withdrawnEvent('k', 'after-the-poison');
    const unknownType = { ...withdrawnEvent('k', 'x').envelope, type: 'belong.profile.teleported.v1' };
    const badData = { ...withdrawnEvent('k', 'x').envelope, data: { profileId: 'k' } };
    const poison = [
      { reason: 'invalid-json', value: '{"specversion": "1.0", oops' },
      { reason: 'invalid-envelope', value: JSON.stringify({ hello: 'world' }) },
      { reason: 'unknown-type', value: JSON.stringify(unknownType) },
      { reason: 'schema-violation', value: JSON.stringify(badData) },
    ];
    // One key, so one partition: the valid message comes after all four.
    await c.send([...poison.map((p) => ({ key: 'k', value: p.value })), asMessage(valid)]);
    await seen.waitFor(1, 'the valid message after the poison');
    expect(seen.items).toEqual(['after-the-poison']);

    const dead = await readTopic(ns.servers.kafkaBrokers, c.consumer.deadLetterTopic, 4);
    expect(c.consumer.deadLetterTopic).toBe(c.bus.topic(`belong.dlq.${c.group}.v1`));
    expect(dead.map((m) => m.headers['belong-dlq-reason'])).toEqual(poison.map((p) => p.reason));
    dead.forEach((message, i) => {
      expect(message.key).toBe('k');
      expect(message.value).toBe(poison[i]?.value); // byte for byte
      expect(message.headers).toMatchObject({
        'belong-dlq-topic': c.bus.topic(Topics.profile),
        'belong-dlq-group': c.group,
        'belong-dlq-attempts': '0',
      });
      expect(Number(message.headers['belong-dlq-partition'])).toBeGreaterThanOrEqual(0);
      expect(message.headers['belong-dlq-offset']).toMatch(/^\d+$/);
      expect(Date.parse(message.headers['belong-dlq-failed-at'] ?? '')).not.toBeNaN();
      const errors = JSON.parse(message.headers['belong-dlq-errors'] ?? 'null') as string[];
      expect(errors.length).toBeGreaterThan(0);
    });
    for (const p of poison) {
      expect(
        await metricValue(c.bus.registry, 'belong_events_dead_lettered_total', {
          group: c.group,
          reason: p.reason,
        }),
      ).toBe(1);
    }
  });

  it('retries a transient failure and processes the event once', async () => {
    const attempts: number[] = [];
    const done = new Collector<string>();
    const c = await startCase('transient', {
      'belong.profile.withdrawn.v1': async (event, context) => {
        attempts.push(context.attempt);
        if (context.attempt <= 2) throw new Error('database briefly unavailable');
        done.push(event.id);
      },
    });
    const event = withdrawnEvent('p-transient', 'flaky');
    await c.send([asMessage(event)]);
    await done.waitFor(1, 'the third attempt to succeed');
    await waitFor(
      async () =>
        (await metricValue(c.bus.registry, 'belong_events_consumed_total', {
          group: c.group,
          outcome: 'processed',
        })) === 1,
      'the event to be recorded as processed',
    );
    expect(attempts).toEqual([1, 2, 3]);
    expect(await metricValue(c.bus.registry, 'belong_events_retried_total', { group: c.group })).toBe(2);
    expect(await createProcessedStore(servers.connection).has(c.group, event.envelope.id)).toBe(true);
  });

  it('dead-letters after the last attempt of an always-failing handler and carries on', async () => {
    const calls: string[] = [];
    const seen = new Collector<string>();
    const c = await startCase('exhausted', {
      'belong.profile.withdrawn.v1': async (event) => {
        calls.push(event.data.reason ?? '');
        if (event.data.reason === 'always-fails') throw new Error('boom');
        seen.push(event.data.reason ?? '');
      },
    });
    const bad = withdrawnEvent('p-x', 'always-fails');
    await c.send([asMessage(bad), asMessage(withdrawnEvent('p-x', 'next'))]);
    await seen.waitFor(1, 'the message after the failing one');
    expect(calls).toEqual(['always-fails', 'always-fails', 'always-fails', 'next']);
    const [dead] = await readTopic(ns.servers.kafkaBrokers, c.consumer.deadLetterTopic, 1);
    expect(dead?.headers).toMatchObject({
      'belong-dlq-reason': 'retries-exhausted',
      'belong-dlq-attempts': '3',
    });
    expect(JSON.parse(dead?.headers['belong-dlq-errors'] ?? '[]')).toEqual(['Error: boom']);
    expect(dead?.value).toBe(JSON.stringify(bad.envelope));
    expect(await metricValue(c.bus.registry, 'belong_events_retried_total', { group: c.group })).toBe(2);
  });

  it('dead-letters a PermanentError at once, without retries', async () => {
    const calls: string[] = [];
    const seen = new Collector<string>();
    const c = await startCase('permanent', {
      'belong.profile.withdrawn.v1': async (event) => {
        calls.push(event.data.reason ?? '');
        if (event.data.reason === 'refused') throw new PermanentError('no such programme');
        seen.push(event.data.reason ?? '');
      },
    });
    await c.send([asMessage(withdrawnEvent('p-y', 'refused')), asMessage(withdrawnEvent('p-y', 'fine'))]);
    await seen.waitFor(1, 'the message after the rejected one');
    expect(calls).toEqual(['refused', 'fine']);
    const [dead] = await readTopic(ns.servers.kafkaBrokers, c.consumer.deadLetterTopic, 1);
    expect(dead?.headers).toMatchObject({
      'belong-dlq-reason': 'handler-rejected',
      'belong-dlq-attempts': '1',
    });
    expect(JSON.parse(dead?.headers['belong-dlq-errors'] ?? '[]')).toEqual([
      'PermanentError: no such programme',
    ]);
    expect(await metricValue(c.bus.registry, 'belong_events_retried_total', { group: c.group })).toBe(0);
  });

  it('skips valid events this consumer has no handler for', async () => {
    const seen = new Collector<string>();
    const c = await startCase('ignored', {
      'belong.profile.withdrawn.v1': async (event) => seen.push(event.data.profileId),
    });
    await c.send([asMessage(erasedEvent('p-z')), asMessage(withdrawnEvent('p-z', 'handled'))]);
    await seen.waitFor(1, 'the handled event');
    expect(
      await metricValue(c.bus.registry, 'belong_events_consumed_total', {
        group: c.group,
        type: 'belong.profile.erased.v1',
        outcome: 'ignored',
      }),
    ).toBe(1);
  });

  it('gives up on a handler run that never settles, and processes the event on the next attempt', async () => {
    const attempts: number[] = [];
    const done = new Collector<string>();
    const c = await startCase(
      'hung',
      {
        'belong.profile.withdrawn.v1': async (event, context) => {
          attempts.push(context.attempt);
          // The first run hangs, as a call to a server that never answers would.
          if (event.data.reason === 'hangs-once' && context.attempt === 1) await new Promise(() => undefined);
          done.push(event.data.reason ?? '');
        },
      },
      fastRetry,
      { handlerTimeoutMs: 300 },
    );
    await c.send([
      asMessage(withdrawnEvent('p-hung', 'hangs-once')),
      asMessage(withdrawnEvent('p-hung', 'next')),
    ]);
    await done.waitFor(2, 'both events, the first on its second attempt');
    expect(done.items).toEqual(['hangs-once', 'next']);
    expect(attempts).toEqual([1, 2, 1]);
    expect(await metricValue(c.bus.registry, 'belong_events_retried_total', { group: c.group })).toBe(1);
  });

  it('sees an idle client against the real broker as alive (fetches and heartbeats), so never replaces it', async () => {
    const seen = new Collector<string>();
    const c = await startCase(
      'idle-watchdog',
      { 'belong.profile.withdrawn.v1': async (event) => seen.push(event.data.reason ?? '') },
      fastRetry,
      { stallMs: 1_000, handlerTimeoutMs: 200 },
    );
    // Four times the stall limit with nothing to read: only the client's own fetches and
    // heartbeats show it is alive.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect(await metricValue(c.bus.registry, 'belong_consumer_restarts_total', { group: c.group })).toBe(0);
    expect(c.consumer.running).toBe(true);
    await c.send([asMessage(withdrawnEvent('p-idle', 'still-consuming'))]);
    await seen.waitFor(1, 'an event after the idle spell');
  });
});
