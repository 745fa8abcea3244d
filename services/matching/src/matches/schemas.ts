// The match resource and the bodies of the match routes. One schema gives validation, the
// TypeScript type and the OpenAPI document; every object is strict.
import { IdSchema, MatchExplanationSchema, PageQuerySchema, PageSchema } from '@belong/contracts';
import { StrictObject } from '@belong/kit';
import { type Static, Type } from '@sinclair/typebox';

export const matchStatuses = [
  'proposed',
  'awaiting_mentee',
  'awaiting_mentor',
  'active',
  'declined',
  'expired',
  'ended',
] as const;
export type MatchStatus = (typeof matchStatuses)[number];
export const openStatuses: readonly MatchStatus[] = ['proposed', 'awaiting_mentee', 'awaiting_mentor'];

export const matchModes = ['instant', 'mentee_choice', 'cohort_round', 'manual'] as const;
export type MatchMode = (typeof matchModes)[number];

const Timestamp = Type.String({ format: 'date-time' });
const NullableTimestamp = Type.Union([Timestamp, Type.Null()]);
const Side = Type.Union([Type.Literal('mentee'), Type.Literal('mentor')]);
const Actor = Type.Union([
  Type.Literal('mentee'),
  Type.Literal('mentor'),
  Type.Literal('coordinator'),
  Type.Literal('system'),
]);

const StatusSchema = Type.Union(
  matchStatuses.map((status) => Type.Literal(status)),
  {
    description:
      '`proposed` (nobody answered), `awaiting_mentee` / `awaiting_mentor` (one side accepted), ' +
      '`active` (both accepted: contact details shared), `declined`, `expired` (nobody answered in ' +
      'time), `ended` (by a person, a coordinator, or withdrawal/erasure).',
  },
);

export const MatchSchema = StrictObject(
  {
    id: Type.String({ description: 'Server-generated (`mtc_…`)' }),
    programmeId: Type.String(),
    menteeId: Type.String(),
    mentorId: Type.String(),
    mode: Type.Union(
      matchModes.map((mode) => Type.Literal(mode)),
      { description: 'How it was made; `manual` by a coordinator' },
    ),
    roundId: Type.Union([Type.String(), Type.Null()]),
    status: StatusSchema,
    score: Type.Number({ minimum: 0, maximum: 100 }),
    explanation: MatchExplanationSchema,
    menteeAcceptedAt: NullableTimestamp,
    mentorAcceptedAt: NullableTimestamp,
    proposedAt: Timestamp,
    expiresAt: Timestamp,
    closedAt: NullableTimestamp,
    closedBy: Type.Union([Actor, Type.Null()]),
    closeReason: Type.Union([Type.String(), Type.Null()]),
  },
  { title: 'Match', $id: 'Match' },
);
export type Match = Static<typeof MatchSchema>;
export const MatchRef = Type.Unsafe<Match>({ $ref: 'Match#' });

export const MatchParamsSchema = StrictObject({
  matchId: Type.String({ ...IdSchema, description: 'The match id (`mtc_…`)' }),
});

export const TokenQuerySchema = StrictObject({
  token: Type.Optional(
    Type.String({ minLength: 1, maxLength: 4096, description: 'The signed link token from an email' }),
  ),
});

export const RespondBodySchema = StrictObject(
  {
    as: Type.Optional({
      ...Side,
      description: 'With an API key only: which side the coordinator or integrator answers for',
    }),
    reason: Type.Optional(
      Type.String({ maxLength: 1000, description: 'Why (declining only); shared with the coordinator only' }),
    ),
  },
  // `as` is ignored with a link token, so these work for every caller.
  {
    examples: [
      { as: 'mentee' },
      { as: 'mentor', reason: 'I have just changed jobs and cannot commit this year.' },
    ],
  },
);
export type RespondBody = Static<typeof RespondBodySchema>;

export const EndBodySchema = StrictObject(
  { reason: Type.String({ minLength: 1, maxLength: 1000, description: 'Kept in the audit log' }) },
  { examples: [{ reason: 'The mentee asked for a mentor nearer home.' }] },
);

export const ManualMatchBodySchema = StrictObject(
  {
    menteeId: Type.String({ ...IdSchema }),
    mentorId: Type.String({ ...IdSchema }),
    reason: Type.String({ minLength: 1, maxLength: 1000, description: 'Kept in the audit log' }),
  },
  {
    examples: [
      {
        menteeId: 'pfl_3hX9kQm2LpVa',
        mentorId: 'pfl_Qm7x2LkPa9Zw',
        reason: 'They met at the conference and asked.',
      },
    ],
  },
);

export const ChooseBodySchema = StrictObject(
  { mentorId: Type.String({ ...IdSchema, description: 'One of the suggested mentors' }) },
  { examples: [{ mentorId: 'pfl_Qm7x2LkPa9Zw' }] },
);

export const ListMatchesQuerySchema = StrictObject({
  ...PageQuerySchema.properties,
  status: Type.Optional(StatusSchema),
  menteeId: Type.Optional(Type.String({ ...IdSchema })),
  mentorId: Type.Optional(Type.String({ ...IdSchema })),
  roundId: Type.Optional(Type.String({ ...IdSchema })),
});
export type ListMatchesQuery = Static<typeof ListMatchesQuerySchema>;

export const MatchPageSchema = PageSchema(MatchRef);

export const ProgrammeParamsSchema = StrictObject({
  programmeId: Type.String({ ...IdSchema, description: 'The programme id (`prg_…`)' }),
});

export const SuggestionsParamsSchema = StrictObject({
  ...ProgrammeParamsSchema.properties,
  menteeId: Type.String({ ...IdSchema }),
});

export const SuggestionsSchema = StrictObject({
  menteeId: Type.String(),
  suggestions: Type.Array(
    StrictObject({
      mentorId: Type.String(),
      displayName: Type.String({ description: 'The mentor’s name as they gave it' }),
      score: Type.Number({ minimum: 0, maximum: 100 }),
      explanation: MatchExplanationSchema,
    }),
  ),
  reason: Type.Union([Type.String(), Type.Null()], {
    description: 'Why there are no (or fewer) suggestions, in words',
  }),
});

export const AuditEntrySchema = StrictObject({
  id: Type.String(),
  programmeId: Type.String(),
  action: Type.Union([Type.Literal('create_match'), Type.Literal('end_match')]),
  matchId: Type.String(),
  by: Type.String({ description: 'The API key id that acted' }),
  reason: Type.String(),
  at: Timestamp,
});
export const AuditPageSchema = PageSchema(AuditEntrySchema);
