// The profile resource: what a person (or an integrator) sends and what comes back. One schema
// per shape serves validation, the TypeScript types and the OpenAPI document. Every object is
// strict: a field the caller may not set (`status`, `verifiedAt`, `id`…) is a 400 naming it.
import {
  AnswersSchema,
  AnswerValueSchema,
  IdSchema,
  MatchingAttributesSchema,
  PageQuerySchema,
  PageSchema,
  QuestionnaireRefSchema,
  RoleSchema,
} from '@belong/contracts';
import { StrictObject } from '@belong/kit';
import { type Static, Type } from '@sinclair/typebox';

export const PROFILE_ID_PATTERN = /^pfl_[A-Za-z0-9_-]{12}$/;

export const profileStatuses = ['pending', 'active', 'paused', 'withdrawn'] as const;
export type ProfileStatus = (typeof profileStatuses)[number];

const StatusSchema = Type.Union(
  profileStatuses.map((status) => Type.Literal(status)),
  {
    description:
      '`pending`: submitted, email not confirmed yet (nobody is matched with an unconfirmed address). ' +
      '`active`: confirmed and in the matching pool. `paused`: confirmed, out of the pool for now. ' +
      '`withdrawn`: left the programme; their answers are deleted.',
  },
);

const DisplayName = Type.String({
  minLength: 1,
  maxLength: 120,
  description: 'How the person would like to be addressed; shown to the people they are matched with',
});
const Email = Type.String({
  format: 'email',
  maxLength: 254,
  description: 'Where Belong writes to the person; confirmed by a link before any match email',
});
const Timestamp = Type.String({ format: 'date-time' });
const NullableTimestamp = Type.Union([Timestamp, Type.Null()]);

export const ConsentRecordSchema = StrictObject(
  {
    questionId: Type.String(),
    statement: Type.String({ description: 'The exact words the person agreed to' }),
    givenAt: Timestamp,
    questionnaire: QuestionnaireRefSchema,
  },
  { title: 'ConsentRecord', description: 'A consent given: what, when, in which questionnaire version' },
);
export type ConsentRecord = Static<typeof ConsentRecordSchema>;

/** The questionnaire version answers belong to, as stored on the profile. */
const ProfileQuestionnaireSchema = StrictObject({
  ...QuestionnaireRefSchema.properties,
  programmeVersion: Type.Integer({
    minimum: 1,
    description: 'The programme’s version number of the questionnaire (what `questionnaireVersion` names)',
  }),
});

const exampleAnswers = {
  organisation: 'Leeds Teaching Hospitals NHS Trust',
  sector: 'nhs-acute',
  'career-stage': 'early-career',
  'growth-areas': ['evidence-synthesis', 'literature-searching'],
  hopes:
    'I am the only librarian supporting our trust’s research team and would like to get confident with systematic review searching.',
  'meeting-format': 'online',
  region: 'yorkshire-humber',
  'time-zone': 'Europe/London',
  languages: ['en'],
  'hours-per-month': 'about-2',
  consent: true,
};

export const ProfileSchema = StrictObject(
  {
    id: Type.String({ pattern: PROFILE_ID_PATTERN.source, description: 'Server-generated' }),
    programmeId: Type.String(),
    role: RoleSchema,
    status: StatusSchema,
    displayName: DisplayName,
    email: Email,
    questionnaire: ProfileQuestionnaireSchema,
    answers: AnswersSchema,
    attributes: Type.Union([MatchingAttributesSchema, Type.Null()], {
      description: 'What matching reads, derived from the answers; null once withdrawn',
    }),
    consent: Type.Array(ConsentRecordSchema),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    verifiedAt: NullableTimestamp,
    withdrawnAt: NullableTimestamp,
    withdrawalReason: Type.Union([Type.String(), Type.Null()]),
  },
  {
    title: 'Profile',
    $id: 'Profile',
    examples: [
      {
        id: 'pfl_3hX9kQm2LpVa',
        programmeId: 'prg_Yk2mQ8vLr0Tz',
        role: 'mentee',
        status: 'active',
        displayName: 'Priya Shah',
        email: 'priya.shah@example.org',
        questionnaire: { key: 'health-information-default', role: 'mentee', version: 1, programmeVersion: 1 },
        answers: exampleAnswers,
        attributes: {
          organisation: 'leeds teaching hospitals nhs trust',
          sector: 'nhs-acute',
          specialisms: [],
          careerStage: 2,
          region: 'yorkshire-humber',
          meetingFormats: ['online'],
          timeZone: 'Europe/London',
          languages: ['en'],
          hoursPerMonth: 2,
          topics: ['evidence-synthesis', 'literature-searching'],
          text: exampleAnswers.hopes,
          exclusions: [],
        },
        consent: [
          {
            questionId: 'consent',
            statement: 'I agree that the programme may use my answers to suggest a mentor for me. …',
            givenAt: '2026-11-27T09:12:44.120Z',
            questionnaire: { key: 'health-information-default', role: 'mentee', version: 1 },
          },
        ],
        createdAt: '2026-11-27T09:12:44.120Z',
        updatedAt: '2026-11-27T09:15:02.871Z',
        verifiedAt: '2026-11-27T09:15:02.871Z',
        withdrawnAt: null,
        withdrawalReason: null,
      },
    ],
  },
);
export type Profile = Static<typeof ProfileSchema>;
/** Responses reference the shared `Profile` schema: the OpenAPI document lists it once. */
export const ProfileRef = Type.Unsafe<Profile>({ $ref: 'Profile#' });

export const SubmitProfileBodySchema = StrictObject(
  {
    role: { ...RoleSchema, description: 'Take part as a `mentee` or as a `mentor`' },
    displayName: DisplayName,
    email: Email,
    questionnaireVersion: Type.Optional(
      Type.Integer({
        minimum: 1,
        description:
          'The questionnaire version the answers were given to (as shown with the questionnaire); ' +
          'default: the current version',
      }),
    ),
    answers: {
      ...AnswersSchema,
      description:
        'Question id → answer, for the questionnaire version. Each answer is checked against its ' +
        'question; every problem comes back at once, one error per question (`/answers/<id>`).',
    },
  },
  {
    description:
      'A person’s answers for a programme. `id`, `status` and the verification fields are the server’s.',
    examples: [
      { role: 'mentee', displayName: 'Priya Shah', email: 'priya.shah@example.org', answers: exampleAnswers },
    ],
  },
);
export type SubmitProfileBody = Static<typeof SubmitProfileBodySchema>;

export const UpdateProfileBodySchema = StrictObject(
  {
    displayName: Type.Optional(DisplayName),
    questionnaireVersion: Type.Optional(
      Type.Integer({
        minimum: 1,
        description:
          'Move the answers to another version of the questionnaire. `answers` must then be complete ' +
          'for that version (its consent included): nothing is carried over.',
      }),
    ),
    answers: Type.Optional(
      Type.Record(Type.String({ maxLength: 64 }), Type.Union([AnswerValueSchema, Type.Null()]), {
        maxProperties: 200,
        description:
          'The answers to change (question id → new answer; `null` clears an optional answer). The ' +
          'rest stay; the whole set is checked again against the questionnaire version.',
      }),
    ),
  },
  {
    minProperties: 1,
    description:
      'The fields to change. The email address cannot change here (withdraw and sign up again with ' +
      'the new one), nor can `status` (use pause, resume, withdraw).',
    examples: [{ answers: { 'hours-per-month': 'about-1', 'growth-areas': ['critical-appraisal'] } }],
  },
);
export type UpdateProfileBody = Static<typeof UpdateProfileBodySchema>;

export const WithdrawBodySchema = StrictObject(
  {
    reason: Type.Optional(
      Type.String({
        maxLength: 1000,
        description: 'Why, if the person wants to say; shared with the coordinator only',
      }),
    ),
  },
  { examples: [{ reason: 'My new role leaves no time this year.' }] },
);

export const ProfileParamsSchema = StrictObject({
  profileId: Type.String({
    minLength: IdSchema.minLength,
    maxLength: IdSchema.maxLength,
    pattern: IdSchema.pattern,
    description: 'The profile id (`pfl_…`)',
  }),
});

/** Self-service routes take the link token as `?token=` (or `Authorization: Bearer`). */
export const TokenQuerySchema = StrictObject({
  token: Type.Optional(
    Type.String({ minLength: 1, maxLength: 4096, description: 'The signed link token from an email' }),
  ),
});

export const SearchProfilesQuerySchema = StrictObject({
  ...PageQuerySchema.properties,
  role: Type.Optional(RoleSchema),
  status: Type.Optional(StatusSchema),
  topic: Type.Optional(
    Type.String({ maxLength: 64, description: 'Only people with this topic (goal or expertise)' }),
  ),
  sector: Type.Optional(Type.String({ maxLength: 64, description: 'Only people in this sector' })),
  region: Type.Optional(Type.String({ maxLength: 64, description: 'Only people in this region' })),
  q: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 120,
      description: 'Name or email address contains this (case-insensitive)',
    }),
  ),
});
export type SearchProfilesQuery = Static<typeof SearchProfilesQuerySchema>;

export const ProfilePageSchema = PageSchema(ProfileRef);

export const VerifyResponseSchema = StrictObject({
  profile: ProfileRef,
  manage: StrictObject(
    {
      token: Type.String({ description: 'A link token for the person’s own profile (`manage-profile`)' }),
      expiresAt: Timestamp,
    },
    { description: 'Lets the person who just confirmed their address see and change their profile' },
  ),
});

export const ResendBodySchema = StrictObject(
  { role: RoleSchema, email: Email },
  { examples: [{ role: 'mentee', email: 'priya.shah@example.org' }] },
);

export const ResendResponseSchema = StrictObject({
  message: Type.String(),
});

export const ExportSchema = StrictObject(
  {
    exportedAt: Timestamp,
    profile: ProfileRef,
    questionnaire: StrictObject({
      title: Type.String(),
      answers: Type.Array(
        StrictObject({
          questionId: Type.String(),
          question: Type.String({ description: 'The question as it was asked' }),
          answer: AnswerValueSchema,
        }),
        { description: 'Each answer next to the question it answers, in the order they were asked' },
      ),
    }),
    notes: Type.Array(Type.String(), {
      description: 'What else Belong holds about the person and where to ask for it',
    }),
  },
  { title: 'ProfileExport' },
);
export type ProfileExport = Static<typeof ExportSchema>;
