// The guarantees, checked against what was observed (pure: no servers, unit-tested):
//   - every confirmed mentee is active, and its profile.verified event is on Kafka;
//   - no event lost: every event a consumer group handles is in that group's processed records,
//     and no group has anything left to read;
//   - nothing stuck: no outbox holds events, no email is still pending or has failed;
//   - emails: each person got exactly the emails their sign-up and matches imply, none twice
//     and none unexplained (one email received again under its own Message-ID after a sender
//     crash is counted apart: see check());
//   - capacity: no mentor has more open or active matches, or seats, than places.
import type { MenteeRecord, MentorRecord } from './driver.ts';
import type { Observation } from './observe.ts';

/** Which event types each consumer group handles (the others on its topics it skips on purpose). */
export const handledBy: Record<string, { topic: string; skips: string[] }> = {
  'belong.matching.programmes': { topic: 'belong.programme.v1', skips: [] },
  'belong.matching.profiles': { topic: 'belong.profile.v1', skips: ['belong.profile.submitted.v1'] },
  'belong.notification.programmes': { topic: 'belong.programme.v1', skips: [] },
  'belong.notification.profiles': { topic: 'belong.profile.v1', skips: [] },
  'belong.notification.matches': { topic: 'belong.match.v1', skips: [] },
};

const OPEN_OR_ACTIVE = new Set(['proposed', 'awaiting_mentor', 'awaiting_mentee', 'active']);

export interface Figures {
  mentees: number;
  mentors: number;
  eventsOnKafka: number;
  /** Same event id more than once on a topic (an outbox relay resent it): consumers dedupe these. */
  eventsRepublished: number;
  eventsLost: number;
  eventsDeadLettered: number;
  matches: number;
  menteesMatched: number;
  menteesWaiting: number;
  emailsExpected: number;
  emailsReceived: number;
  /** Distinct emails where one was expected: a broken guarantee. */
  emailsDuplicated: number;
  /** One email (same Message-ID) received again after a sender crash; see check(). */
  emailsRedelivered: number;
  emailsMissing: number;
  emailsUnexplained: number;
  mentorsOverCapacity: number;
  requestRetries: number;
}

export interface CheckResult {
  ok: boolean;
  failures: string[];
  figures: Figures;
}

export function check(input: {
  mentees: MenteeRecord[];
  mentors: MentorRecord[];
  seen: Observation;
}): CheckResult {
  const { mentees, mentors, seen } = input;
  const failures: string[] = [];
  const fail = (line: string) => {
    if (failures.length < 200) failures.push(line);
  };

  // Producers: what the driver was told happened did happen, and was published.
  const verifiedOnKafka = new Set(
    seen.events.filter((e) => e.type === 'belong.profile.verified.v1').map((e) => e.id),
  );
  const eventIds = new Map<string, number>();
  for (const e of seen.events)
    eventIds.set(`${e.topic}:${e.id}`, (eventIds.get(`${e.topic}:${e.id}`) ?? 0) + 1);
  const eventsRepublished = [...eventIds.values()].filter((n) => n > 1).length;
  for (const m of [...mentees, ...mentors]) {
    const profile = seen.profiles.get(m.id);
    if (profile?.status !== 'active')
      fail(`profile ${m.id} (${m.email}) is ${profile?.status ?? 'missing'}, not active`);
  }
  if (verifiedOnKafka.size < mentees.length + mentors.length) {
    fail(
      `${verifiedOnKafka.size} profile.verified events on Kafka for ${mentees.length + mentors.length} confirmed people`,
    );
  }

  // Consumers: every handled event processed, nothing left to read.
  let eventsLost = 0;
  for (const [groupId, { topic, skips }] of Object.entries(handledBy)) {
    const done = seen.processed.get(groupId) ?? new Set<string>();
    const missing = new Set(
      seen.events
        .filter((e) => e.topic === topic && !skips.includes(e.type) && !done.has(e.id))
        .map((e) => e.id),
    );
    eventsLost += missing.size;
    if (missing.size > 0)
      fail(`${groupId}: ${missing.size} events on ${topic} never processed, e.g. ${[...missing][0]}`);
  }
  for (const lag of seen.lags) {
    if (lag.lag > 0) fail(`${lag.groupId} still has ${lag.lag} events to read on ${lag.topic}`);
  }
  const eventsDeadLettered = seen.events.filter((e) => e.topic.startsWith('belong.dlq.')).length;
  if (eventsDeadLettered > 0) fail(`${eventsDeadLettered} events were dead-lettered`);
  for (const [where, n] of Object.entries(seen.outboxPending))
    fail(`${where}: ${n} aggregates still hold events in their outbox`);

  // Emails: expected per person from their sign-up and matches.
  const expected = new Map<string, number>(); // `${profileId}:${template}` → count
  const expect = (profileId: string, template: string) =>
    expected.set(`${profileId}:${template}`, (expected.get(`${profileId}:${template}`) ?? 0) + 1);
  for (const m of [...mentees, ...mentors]) expect(m.id, 'verification');
  for (const match of seen.matches) {
    expect(match.menteeId, 'match-proposed-mentee');
    expect(match.mentorId, 'match-proposed-mentor');
  }
  const byMessageId = new Map(seen.notifications.map((n) => [n.messageId, n]));
  const received = new Map<string, number>(); // Message-ID → deliveries
  let emailsUnexplained = 0;
  for (const mail of seen.mail) {
    const record = mail.messageId ? byMessageId.get(mail.messageId) : undefined;
    if (!record) {
      // The coordinator's and other addresses outside this run's people are not counted.
      emailsUnexplained++;
      fail(
        `email "${mail.subject}" to ${mail.to.map((t) => t.address).join(', ')} has no notification record`,
      );
      continue;
    }
    received.set(record.messageId, (received.get(record.messageId) ?? 0) + 1);
  }
  // The same email (one record, one Message-ID) handed to the SMTP server again: the one window
  // the sender cannot close, a crash after the server accepted the message and before the
  // record says so (docs/notification.md). Mail clients and large providers show one message
  // per Message-ID; it is counted and reported, not failed. Two records for one thing are.
  let emailsRedelivered = 0;
  for (const n of received.values()) if (n > 1) emailsRedelivered += n - 1;
  let emailsDuplicated = 0;
  const got = new Map<string, number>();
  for (const n of seen.notifications) {
    if (n.status === 'pending' || n.status === 'failed')
      fail(`notification ${n.id} (${n.template}) is ${n.status}`);
    if (!received.has(n.messageId) || !n.profileId) continue;
    got.set(`${n.profileId}:${n.template}`, (got.get(`${n.profileId}:${n.template}`) ?? 0) + 1);
  }
  let emailsMissing = 0;
  let emailsExpected = 0;
  for (const [key, want] of expected) {
    emailsExpected += want;
    const have = got.get(key) ?? 0;
    if (have < want) {
      emailsMissing += want - have;
      fail(`${key}: ${have} of ${want} emails received`);
    }
  }
  for (const [key, have] of got) {
    const want = expected.get(key) ?? 0;
    if (have > want) {
      emailsDuplicated += have - want;
      fail(`${key}: ${have} different emails where ${want} were expected`);
    }
  }

  // Capacity.
  let mentorsOverCapacity = 0;
  for (const mentor of mentors) {
    const open = seen.matches.filter((m) => m.mentorId === mentor.id && OPEN_OR_ACTIVE.has(m.status)).length;
    const seats = seen.seats.filter((s) => s.mentorId === mentor.id).length;
    if (open > mentor.capacity || seats > mentor.capacity) {
      mentorsOverCapacity++;
      fail(`mentor ${mentor.id} has ${open} open matches and ${seats} seats for ${mentor.capacity} places`);
    }
  }
  const menteeIds = new Set(mentees.map((m) => m.id));
  const matchedMentees = new Set(
    seen.matches.filter((m) => menteeIds.has(m.menteeId)).map((m) => m.menteeId),
  );
  for (const id of matchedMentees) {
    const open = seen.matches.filter((m) => m.menteeId === id && OPEN_OR_ACTIVE.has(m.status)).length;
    if (open > 1) fail(`mentee ${id} has ${open} open matches`);
  }

  return {
    ok: failures.length === 0,
    failures,
    figures: {
      mentees: mentees.length,
      mentors: mentors.length,
      eventsOnKafka: seen.events.length,
      eventsRepublished,
      eventsLost,
      eventsDeadLettered,
      matches: seen.matches.length,
      menteesMatched: matchedMentees.size,
      menteesWaiting: mentees.length - matchedMentees.size,
      emailsExpected,
      emailsReceived: seen.mail.length,
      emailsDuplicated,
      emailsRedelivered,
      emailsMissing,
      emailsUnexplained,
      mentorsOverCapacity,
      requestRetries: mentees.reduce((n, m) => n + m.retries, 0),
    },
  };
}
