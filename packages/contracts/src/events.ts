// Every event Belong publishes, its payload schema, topic, key, producer and consumers.
// A payload's meaning never changes in place: a changed shape is a new `…vN` type beside the old.
import { type Static, Type } from '@sinclair/typebox';
import { defineEvent } from './envelope.ts';
import {
  ActorSchema,
  EventIdSchema as Id,
  MatchExplanationSchema,
  MatchingAttributesSchema,
  MatchModeSchema,
  RoleSchema,
  TimestampSchema as Timestamp,
} from './shared.ts';
import { Topics } from './topics.ts';

const strict = { additionalProperties: false } as const;
const Email = Type.String({ format: 'email', maxLength: 320 });
const Name = Type.String({ minLength: 1, maxLength: 200 });

// ── profile ────────────────────────────────────────────────────────────────────────────────

export const ProfileSubmittedV1 = Type.Object(
  {
    profileId: Id,
    programmeId: Id,
    role: RoleSchema,
    displayName: Name,
    email: Email,
    submittedAt: Timestamp,
    verification: Type.Object(
      {
        url: Type.String({ format: 'uri', description: 'Single-use link that confirms the address' }),
        expiresAt: Timestamp,
      },
      strict,
    ),
  },
  strict,
);

export const ProfileVerifiedV1 = Type.Object(
  {
    profileId: Id,
    programmeId: Id,
    role: RoleSchema,
    displayName: Name,
    email: Email,
    verifiedAt: Timestamp,
    attributes: MatchingAttributesSchema,
  },
  strict,
);

export const ProfileUpdatedV1 = Type.Object(
  {
    profileId: Id,
    programmeId: Id,
    role: RoleSchema,
    status: Type.Union([Type.Literal('active'), Type.Literal('paused')]),
    displayName: Name,
    email: Email,
    attributes: MatchingAttributesSchema,
    changed: Type.Array(Type.String({ maxLength: 64 }), { description: 'Names of the fields that changed' }),
    updatedAt: Timestamp,
  },
  strict,
);

export const ProfileWithdrawnV1 = Type.Object(
  {
    profileId: Id,
    programmeId: Id,
    role: RoleSchema,
    reason: Type.Union([Type.String({ maxLength: 1000 }), Type.Null()]),
    withdrawnAt: Timestamp,
  },
  strict,
);

export const ProfileErasedV1 = Type.Object(
  {
    profileId: Id,
    programmeId: Id,
    emailHash: Type.String({
      pattern: '^[0-9a-f]{64}$',
      description:
        'SHA-256 of the lower-cased address: lets a service suppress mail without keeping the address',
    }),
    erasedAt: Timestamp,
  },
  strict,
);

// ── programme ──────────────────────────────────────────────────────────────────────────────

export const ProgrammeChangedV1 = Type.Object(
  {
    programmeId: Id,
    slug: Type.String({ maxLength: 60 }),
    name: Name,
    description: Type.String({ maxLength: 2000 }),
    coordinator: Type.Object({ name: Name, email: Email }, strict),
    matchingMode: Type.Union([
      Type.Literal('instant'),
      Type.Literal('mentee_choice'),
      Type.Literal('cohort_round'),
    ]),
    policy: Type.Object(
      {
        weights: Type.Record(Type.String({ maxLength: 64 }), Type.Number({ minimum: 0, maximum: 100 }), {
          description: 'Criterion → weight, e.g. topics 30, text 15',
        }),
        hardRules: Type.Array(Type.String({ maxLength: 64 }), {
          description: 'e.g. same_organisation, named_exclusions, previously_declined',
        }),
        suggestions: Type.Integer({ minimum: 1, maximum: 10 }),
        proposalTtlDays: Type.Integer({ minimum: 1, maximum: 60 }),
      },
      strict,
    ),
    status: Type.Union([Type.Literal('draft'), Type.Literal('open'), Type.Literal('closed')]),
    changedAt: Timestamp,
  },
  strict,
);

// ── match ──────────────────────────────────────────────────────────────────────────────────

const MatchRef = {
  matchId: Id,
  programmeId: Id,
  menteeId: Id,
  mentorId: Id,
};

export const MatchProposedV1 = Type.Object(
  {
    ...MatchRef,
    mode: MatchModeSchema,
    roundId: Type.Union([Id, Type.Null()]),
    score: Type.Number({ minimum: 0, maximum: 100 }),
    explanation: MatchExplanationSchema,
    proposedAt: Timestamp,
    expiresAt: Timestamp,
  },
  strict,
);

export const MatchAcceptedV1 = Type.Object(
  {
    ...MatchRef,
    by: ActorSchema,
    status: Type.Union([
      Type.Literal('awaiting_mentee'),
      Type.Literal('awaiting_mentor'),
      Type.Literal('active'),
    ]),
    acceptedAt: Timestamp,
  },
  strict,
);

export const MatchDeclinedV1 = Type.Object(
  {
    ...MatchRef,
    by: ActorSchema,
    reason: Type.Union([Type.String({ maxLength: 1000 }), Type.Null()]),
    declinedAt: Timestamp,
  },
  strict,
);

export const MatchExpiredV1 = Type.Object({ ...MatchRef, expiredAt: Timestamp }, strict);

export const MatchEndedV1 = Type.Object(
  { ...MatchRef, by: ActorSchema, reason: Type.String({ maxLength: 1000 }), endedAt: Timestamp },
  strict,
);

export const RoundCompletedV1 = Type.Object(
  {
    roundId: Id,
    programmeId: Id,
    published: Type.Boolean({ description: 'false for a preview, true once the coordinator publishes' }),
    report: Type.Object(
      {
        mentees: Type.Integer({ minimum: 0 }),
        menteesMatched: Type.Integer({ minimum: 0 }),
        mentors: Type.Integer({ minimum: 0 }),
        mentorsUsed: Type.Integer({ minimum: 0 }),
        score: Type.Object({ min: Type.Number(), median: Type.Number(), mean: Type.Number() }, strict),
        load: Type.Object(
          { min: Type.Number(), max: Type.Number(), mean: Type.Number(), stdev: Type.Number() },
          { ...strict, description: 'Mentees per used mentor' },
        ),
        blockingPairs: Type.Integer({ minimum: 0 }),
        unmatched: Type.Array(Type.Object({ menteeId: Id, reason: Type.String({ maxLength: 500 }) }, strict)),
      },
      strict,
    ),
    completedAt: Timestamp,
  },
  strict,
);

// ── notification ───────────────────────────────────────────────────────────────────────────

const NotificationRef = {
  notificationId: Id,
  eventId: Type.String({ minLength: 1, maxLength: 128, description: 'The event that caused it' }),
  recipientId: Type.Union([Id, Type.Null()], { description: 'Profile id; null for a coordinator' }),
  template: Type.String({ maxLength: 64 }),
};

export const NotificationSentV1 = Type.Object(
  { ...NotificationRef, messageId: Type.String({ maxLength: 998 }), sentAt: Timestamp },
  strict,
);

export const NotificationFailedV1 = Type.Object(
  {
    ...NotificationRef,
    reason: Type.String({ maxLength: 2000 }),
    permanent: Type.Boolean({ description: 'true: will not be retried (e.g. SMTP 5xx)' }),
    failedAt: Timestamp,
  },
  strict,
);

// ── the catalog ────────────────────────────────────────────────────────────────────────────

export const eventCatalog = {
  'belong.programme.changed.v1': defineEvent({
    type: 'belong.programme.changed.v1',
    topic: Topics.programme,
    schema: ProgrammeChangedV1,
    key: (d) => d.programmeId,
    description:
      'A programme was created or changed: the whole programme as it now is (name, coordinator, matching mode and policy, status).',
    producer: 'profile',
    consumers: ['matching', 'notification'],
  }),
  'belong.profile.submitted.v1': defineEvent({
    type: 'belong.profile.submitted.v1',
    topic: Topics.profile,
    schema: ProfileSubmittedV1,
    key: (d) => d.profileId,
    description: 'A questionnaire was submitted; the profile is pending until the address is confirmed.',
    producer: 'profile',
    consumers: ['notification'],
  }),
  'belong.profile.verified.v1': defineEvent({
    type: 'belong.profile.verified.v1',
    topic: Topics.profile,
    schema: ProfileVerifiedV1,
    key: (d) => d.profileId,
    description: 'The person confirmed their address (double opt-in); they may now be matched and mailed.',
    producer: 'profile',
    consumers: ['matching', 'notification'],
  }),
  'belong.profile.updated.v1': defineEvent({
    type: 'belong.profile.updated.v1',
    topic: Topics.profile,
    schema: ProfileUpdatedV1,
    key: (d) => d.profileId,
    description: 'A verified profile changed: answers, or status between active and paused.',
    producer: 'profile',
    consumers: ['matching', 'notification'],
  }),
  'belong.profile.withdrawn.v1': defineEvent({
    type: 'belong.profile.withdrawn.v1',
    topic: Topics.profile,
    schema: ProfileWithdrawnV1,
    key: (d) => d.profileId,
    description: 'The person left the programme; open matches end.',
    producer: 'profile',
    consumers: ['matching', 'notification'],
  }),
  'belong.profile.erased.v1': defineEvent({
    type: 'belong.profile.erased.v1',
    topic: Topics.profile,
    schema: ProfileErasedV1,
    key: (d) => d.profileId,
    description: 'GDPR erasure: every service deletes or anonymises what it holds about the person.',
    producer: 'profile',
    consumers: ['matching', 'notification'],
  }),
  'belong.match.proposed.v1': defineEvent({
    type: 'belong.match.proposed.v1',
    topic: Topics.match,
    schema: MatchProposedV1,
    key: (d) => d.menteeId,
    description: 'A mentor was proposed for a mentee, with the explanation of the score.',
    producer: 'matching',
    consumers: ['notification'],
  }),
  'belong.match.accepted.v1': defineEvent({
    type: 'belong.match.accepted.v1',
    topic: Topics.match,
    schema: MatchAcceptedV1,
    key: (d) => d.menteeId,
    description: 'One side accepted; `status: active` once both have, when contact details may be shared.',
    producer: 'matching',
    consumers: ['notification'],
  }),
  'belong.match.declined.v1': defineEvent({
    type: 'belong.match.declined.v1',
    topic: Topics.match,
    schema: MatchDeclinedV1,
    key: (d) => d.menteeId,
    description: 'One side declined; matching proposes someone else, never this pair again.',
    producer: 'matching',
    consumers: ['notification'],
  }),
  'belong.match.expired.v1': defineEvent({
    type: 'belong.match.expired.v1',
    topic: Topics.match,
    schema: MatchExpiredV1,
    key: (d) => d.menteeId,
    description: 'Nobody answered in time; the place is freed and the mentee re-matched.',
    producer: 'matching',
    consumers: ['notification'],
  }),
  'belong.match.ended.v1': defineEvent({
    type: 'belong.match.ended.v1',
    topic: Topics.match,
    schema: MatchEndedV1,
    key: (d) => d.menteeId,
    description: 'An active or proposed match ended (by a person, a coordinator, or withdrawal/erasure).',
    producer: 'matching',
    consumers: ['notification'],
  }),
  'belong.round.completed.v1': defineEvent({
    type: 'belong.round.completed.v1',
    topic: Topics.match,
    schema: RoundCompletedV1,
    key: (d) => d.programmeId,
    description: 'A cohort round finished (preview or published) with its quality report.',
    producer: 'matching',
    consumers: ['notification'],
  }),
  'belong.notification.sent.v1': defineEvent({
    type: 'belong.notification.sent.v1',
    topic: Topics.notification,
    schema: NotificationSentV1,
    key: (d) => d.recipientId ?? d.notificationId,
    description: 'An email was accepted by the SMTP server.',
    producer: 'notification',
    consumers: [],
  }),
  'belong.notification.failed.v1': defineEvent({
    type: 'belong.notification.failed.v1',
    topic: Topics.notification,
    schema: NotificationFailedV1,
    key: (d) => d.recipientId ?? d.notificationId,
    description: 'An email could not be delivered (permanent), or gave up after retries.',
    producer: 'notification',
    consumers: [],
  }),
} as const;

export type EventCatalog = typeof eventCatalog;
export type EventType = keyof EventCatalog;
export type EventData<T extends EventType> = Static<EventCatalog[T]['schema']>;
export const eventTypes = Object.keys(eventCatalog) as EventType[];
