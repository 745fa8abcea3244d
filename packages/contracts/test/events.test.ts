import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { renderEventsDoc } from '../src/events-doc.ts';
import {
  ContractError,
  checkEvent,
  createEvent,
  deadLetterTopic,
  eventCatalog,
  eventExamples,
  eventTypes,
  parseEvent,
  Topics,
} from '../src/index.ts';

const source = '/belong/profile';

describe('event catalog', () => {
  it.each(eventTypes)('%s: is versioned, on a versioned topic, and its example is valid', (type) => {
    const definition = eventCatalog[type];
    expect(definition.type).toBe(type);
    expect(type).toMatch(/\.v\d+$/);
    expect(Object.values(Topics)).toContain(definition.topic);
    const { envelope, key, topic } = createEvent(type, eventExamples[type] as never, { source });
    expect(topic).toBe(definition.topic);
    expect(envelope.subject).toBe(key);
    expect(checkEvent(envelope)).toMatchObject({ ok: true });
  });

  it('keeps one person’s profile events on one key', () => {
    const submitted = createEvent(
      'belong.profile.submitted.v1',
      eventExamples['belong.profile.submitted.v1'],
      { source },
    );
    const verified = createEvent('belong.profile.verified.v1', eventExamples['belong.profile.verified.v1'], {
      source,
    });
    expect(submitted.key).toBe(verified.key);
    expect(submitted.topic).toBe(verified.topic);
  });
});

describe('createEvent validates on produce', () => {
  it('refuses a payload that breaks its schema, saying where', () => {
    const bad = { ...eventExamples['belong.profile.submitted.v1'], email: 'not-an-email' };
    expect(() => createEvent('belong.profile.submitted.v1', bad, { source })).toThrow(ContractError);
    expect(() => createEvent('belong.profile.submitted.v1', bad, { source })).toThrow(/\/email/);
  });

  it('refuses an unknown field in a payload', () => {
    const extra = { ...eventExamples['belong.match.expired.v1'], note: 'hi' };
    expect(() => createEvent('belong.match.expired.v1', extra as never, { source })).toThrow(ContractError);
  });
});

describe('parseEvent on consume', () => {
  const good = createEvent('belong.match.expired.v1', eventExamples['belong.match.expired.v1'], {
    source: '/belong/matching',
  }).envelope;

  it('accepts a valid message', () => {
    expect(parseEvent(Buffer.from(JSON.stringify(good)))).toMatchObject({ ok: true, event: { id: good.id } });
  });

  it.each([
    ['invalid-json', 'bytes that are not JSON', '{not json'],
    ['invalid-json', 'a tombstone', null],
    ['invalid-envelope', 'another CloudEvents version', JSON.stringify({ ...good, specversion: '0.3' })],
    ['invalid-envelope', 'an unknown envelope field', JSON.stringify({ ...good, extra: 1 })],
    [
      'unknown-type',
      'a type not in the catalog',
      JSON.stringify({ ...good, type: 'belong.match.teleported.v1' }),
    ],
    [
      'schema-violation',
      'a payload field of the wrong format',
      JSON.stringify({ ...good, data: { ...good.data, expiredAt: 'yesterday' } }),
    ],
    [
      'schema-violation',
      'a subject that is not the key',
      JSON.stringify({ ...good, subject: 'someone-else' }),
    ],
  ])('calls it %s: %s', (reason, _label, raw) => {
    const result = parseEvent(raw);
    expect(result).toMatchObject({ ok: false, reason });
    expect(result.ok ? [] : result.errors.length).toBeGreaterThan(0);
  });
});

describe('topics', () => {
  it('gives each consumer group its own dead-letter topic', () => {
    expect(deadLetterTopic('belong.matching.profiles')).toBe('belong.dlq.belong.matching.profiles.v1');
    expect(() => deadLetterTopic('Bad Group!')).toThrow(/consumer group id/);
  });
});

describe('docs/events.md', () => {
  it('matches the contracts (regenerate with `./belong pnpm --filter @belong/contracts docs:events`)', () => {
    const committed = readFileSync(new URL('../../../docs/events.md', import.meta.url), 'utf8');
    expect(committed).toBe(renderEventsDoc());
  });
});
