// One valid payload per event type: documentation (docs/events.md) and test fixtures.
// Health-information examples, so that a reader sees what real traffic looks like.
import type { EventData, EventType } from './events.ts';

const explanation = {
  summary: 'Strong on goals: systematic review searching is her main expertise and your first goal.',
  criteria: [
    {
      criterion: 'topics',
      label: 'Goals and expertise',
      weight: 40,
      similarity: 0.9,
      contribution: 36,
      forMentee: 'Systematic review searching is her main expertise and your first goal.',
      forMentor: 'Systematic review searching, your main expertise, is his first goal.',
    },
    {
      criterion: 'sector',
      label: 'Sector',
      weight: 15,
      similarity: 1,
      contribution: 15,
      forMentee: 'You both work in NHS acute trusts.',
      forMentor: 'You both work in NHS acute trusts.',
    },
  ],
};

const attributes = {
  organisation: 'leeds teaching hospitals nhs trust',
  sector: 'nhs_acute',
  specialisms: ['clinical_librarianship'],
  careerStage: 2,
  region: 'yorkshire_humber',
  meetingFormats: ['online' as const],
  timeZone: 'Europe/London',
  languages: ['en'],
  hoursPerMonth: 2,
  topics: ['systematic_reviews', 'critical_appraisal', 'chartership_cpd'],
  text: 'I support clinicians with literature searches and want to grow into evidence synthesis.',
  exclusions: [],
};

const match = {
  matchId: 'm_01JF8ZQ6',
  programmeId: 'p_hlg_2026',
  menteeId: 'pr_01JF7A1B',
  mentorId: 'pr_01JF6C2D',
};

export const eventExamples: { [T in EventType]: EventData<T> } = {
  'belong.profile.submitted.v1': {
    profileId: 'pr_01JF7A1B',
    programmeId: 'p_hlg_2026',
    role: 'mentee',
    displayName: 'Sam Okafor',
    email: 'sam.okafor@example.nhs.uk',
    submittedAt: '2026-11-27T09:15:02.000Z',
    verification: {
      url: 'https://belong.example/verify?token=eyJhbGciOi…',
      expiresAt: '2026-11-30T09:15:02.000Z',
    },
  },
  'belong.profile.verified.v1': {
    profileId: 'pr_01JF7A1B',
    programmeId: 'p_hlg_2026',
    role: 'mentee',
    displayName: 'Sam Okafor',
    email: 'sam.okafor@example.nhs.uk',
    verifiedAt: '2026-11-27T09:17:40.000Z',
    attributes,
  },
  'belong.profile.updated.v1': {
    profileId: 'pr_01JF7A1B',
    programmeId: 'p_hlg_2026',
    role: 'mentee',
    status: 'paused',
    displayName: 'Sam Okafor',
    email: 'sam.okafor@example.nhs.uk',
    attributes,
    changed: ['status'],
    updatedAt: '2026-12-10T12:00:00.000Z',
  },
  'belong.profile.withdrawn.v1': {
    profileId: 'pr_01JF7A1B',
    programmeId: 'p_hlg_2026',
    role: 'mentee',
    reason: 'Changed roles; no time this year.',
    withdrawnAt: '2027-01-05T08:00:00.000Z',
  },
  'belong.profile.erased.v1': {
    profileId: 'pr_01JF7A1B',
    programmeId: 'p_hlg_2026',
    emailHash: 'a3f1c2d4e5b60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90',
    erasedAt: '2027-02-01T10:00:00.000Z',
  },
  'belong.match.proposed.v1': {
    ...match,
    mode: 'instant',
    roundId: null,
    score: 82.5,
    explanation,
    proposedAt: '2026-11-27T09:17:41.000Z',
    expiresAt: '2026-12-04T09:17:41.000Z',
  },
  'belong.match.accepted.v1': {
    ...match,
    by: 'mentor',
    status: 'awaiting_mentee',
    acceptedAt: '2026-11-27T18:02:00.000Z',
  },
  'belong.match.declined.v1': {
    ...match,
    by: 'mentor',
    reason: 'At capacity until March.',
    declinedAt: '2026-11-27T18:02:00.000Z',
  },
  'belong.match.expired.v1': { ...match, expiredAt: '2026-12-04T09:17:41.000Z' },
  'belong.match.ended.v1': {
    ...match,
    by: 'coordinator',
    reason: 'Mentor on long-term leave.',
    endedAt: '2027-03-01T09:00:00.000Z',
  },
  'belong.round.completed.v1': {
    roundId: 'r_2026_autumn',
    programmeId: 'p_hlg_2026',
    published: true,
    report: {
      mentees: 48,
      menteesMatched: 46,
      mentors: 30,
      mentorsUsed: 27,
      score: { min: 41.2, median: 71.8, mean: 69.4 },
      load: { min: 1, max: 3, mean: 1.7, stdev: 0.6 },
      blockingPairs: 2,
      unmatched: [
        { menteeId: 'pr_01JF9XYZ', reason: 'No mentor speaks Welsh and meets in person in Wales.' },
      ],
    },
    completedAt: '2026-11-28T16:00:00.000Z',
  },
  'belong.notification.sent.v1': {
    notificationId: 'n_01JF8ZR0',
    eventId: '6b1f2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    recipientId: 'pr_01JF7A1B',
    template: 'match-proposed-mentee',
    messageId: '<6b1f2c3d.match-proposed-mentee.pr_01JF7A1B@belong.example>',
    sentAt: '2026-11-27T09:17:42.000Z',
  },
  'belong.notification.failed.v1': {
    notificationId: 'n_01JF8ZR1',
    eventId: '6b1f2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    recipientId: 'pr_01JF6C2D',
    template: 'match-proposed-mentor',
    reason: '550 5.1.1 mailbox unavailable',
    permanent: true,
    failedAt: '2026-11-27T09:17:43.000Z',
  },
};
