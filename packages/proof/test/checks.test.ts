// The fault suite is only as good as its checks: each guarantee must fail when broken.
import { describe, expect, it } from '@jest/globals';
import { check } from '../src/checks.ts';
import type { MenteeRecord, MentorRecord } from '../src/driver.ts';
import type { Observation } from '../src/observe.ts';

const mentee: MenteeRecord = {
  n: 0,
  id: 'pro_mentee',
  email: 'mentee.0@proof.example',
  submittedAt: 1,
  verifiedAt: 2,
  retries: 0,
};
const mentor: MentorRecord = { id: 'pro_mentor', email: 'mentor@proof.example', capacity: 1 };

function event(topic: string, id: string, type: string) {
  return { topic, partition: 0, offset: '0', id, type };
}

function notification(id: string, profileId: string, template: string) {
  return {
    id,
    template,
    profileId,
    status: 'sent',
    messageId: `<${id}@belong.example>`,
    eventId: `evt_${id}`,
  };
}

function mail(id: string, messageId: string) {
  return {
    id,
    receivedAt: new Date(3).toISOString(),
    to: [{ address: 'x@proof.example' }],
    subject: 's',
    messageId,
  };
}

/** A run where everything held: two people, one match, four emails, every event processed. */
function healthy(): Observation {
  const events = [
    event('belong.profile.v1', 'e1', 'belong.profile.submitted.v1'),
    event('belong.profile.v1', 'e2', 'belong.profile.verified.v1'),
    event('belong.profile.v1', 'e3', 'belong.profile.submitted.v1'),
    event('belong.profile.v1', 'e4', 'belong.profile.verified.v1'),
    event('belong.match.v1', 'e5', 'belong.match.proposed.v1'),
  ];
  const notifications = [
    notification('n1', 'pro_mentee', 'verification'),
    notification('n2', 'pro_mentor', 'verification'),
    notification('n3', 'pro_mentee', 'match-proposed-mentee'),
    notification('n4', 'pro_mentor', 'match-proposed-mentor'),
  ];
  return {
    events,
    lags: [{ groupId: 'belong.notification.profiles', topic: 'belong.profile.v1', lag: 0 }],
    processed: new Map([
      ['belong.matching.profiles', new Set(['e2', 'e4'])],
      ['belong.notification.profiles', new Set(['e1', 'e2', 'e3', 'e4'])],
      ['belong.notification.matches', new Set(['e5'])],
    ]),
    profiles: new Map([
      ['pro_mentee', { status: 'active', role: 'mentee' }],
      ['pro_mentor', { status: 'active', role: 'mentor' }],
    ]),
    matches: [{ id: 'mat_1', menteeId: 'pro_mentee', mentorId: 'pro_mentor', status: 'proposed' }],
    seats: [{ mentorId: 'pro_mentor', matchId: 'mat_1' }],
    notifications,
    mail: notifications.map((n, i) => mail(`m${i}`, n.messageId)),
    outboxPending: {},
  };
}

const run = (seen: Observation) => check({ mentees: [mentee], mentors: [mentor], seen });

describe('the fault suite checks', () => {
  it('pass a run where every guarantee held', () => {
    const result = run(healthy());
    expect(result.failures).toEqual([]);
    expect(result.figures).toMatchObject({
      emailsExpected: 4,
      emailsReceived: 4,
      eventsLost: 0,
      menteesMatched: 1,
    });
  });

  it('count one email received again under its own Message-ID apart, as a redelivery', () => {
    const seen = healthy();
    seen.mail.push(mail('again', '<n3@belong.example>'));
    const result = run(seen);
    expect(result.figures.emailsRedelivered).toBe(1);
    expect(result.figures.emailsDuplicated).toBe(0);
  });

  it('catch a second, different email for the same match', () => {
    const seen = healthy();
    const extra = notification('n5', 'pro_mentee', 'match-proposed-mentee');
    seen.notifications.push(extra);
    seen.mail.push(mail('m5', extra.messageId));
    expect(run(seen).figures.emailsDuplicated).toBe(1);
  });

  it('catch a missing email', () => {
    const seen = healthy();
    seen.mail = seen.mail.filter((m) => m.messageId !== '<n4@belong.example>');
    expect(run(seen).figures.emailsMissing).toBe(1);
  });

  it('catch an event a consumer group never processed, and a lag', () => {
    const seen = healthy();
    seen.processed.get('belong.notification.matches')?.delete('e5');
    seen.lags[0] = { groupId: 'belong.notification.profiles', topic: 'belong.profile.v1', lag: 2 };
    const result = run(seen);
    expect(result.figures.eventsLost).toBe(1);
    expect(result.failures.some((f) => f.includes('still has 2 events to read'))).toBe(true);
  });

  it('do not count an event type the group skips on purpose as lost', () => {
    // matching does not handle profile.submitted: e1 and e3 are not in its records.
    expect(run(healthy()).figures.eventsLost).toBe(0);
  });

  it('catch a mentor over capacity', () => {
    const seen = healthy();
    seen.matches.push({ id: 'mat_2', menteeId: 'pro_other', mentorId: 'pro_mentor', status: 'active' });
    expect(run(seen).figures.mentorsOverCapacity).toBe(1);
  });

  it('catch a confirmed person who is not active, an email with no record, and a stuck outbox', () => {
    const seen = healthy();
    seen.profiles.set('pro_mentee', { status: 'pending', role: 'mentee' });
    seen.mail.push(mail('stray', '<unknown@belong.example>'));
    seen.outboxPending = { 'profile.profiles': 1 };
    const result = run(seen);
    expect(result.figures.emailsUnexplained).toBe(1);
    expect(result.failures.some((f) => f.includes('not active'))).toBe(true);
    expect(result.failures.some((f) => f.includes('outbox'))).toBe(true);
  });
});
