import { type Static, Type } from '@sinclair/typebox';

export const RoleSchema = Type.Union([Type.Literal('mentee'), Type.Literal('mentor')], { title: 'Role' });
export type Role = Static<typeof RoleSchema>;

const Id = Type.String({ minLength: 1, maxLength: 64 });
const Timestamp = Type.String({ format: 'date-time' });

export { Id as EventIdSchema, Timestamp as TimestampSchema };

/**
 * What matching needs to know about a person, mapped from questionnaire answers by the profile
 * service. Taxonomy values (sector, topics, region…) are stable ids, not display labels.
 */
export const MatchingAttributesSchema = Type.Object(
  {
    organisation: Type.String({
      maxLength: 200,
      description: 'Normalised; no pair from the same organisation',
    }),
    sector: Type.String({ maxLength: 64 }),
    specialisms: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 20 }),
    careerStage: Type.Integer({
      minimum: 1,
      maximum: 6,
      description: '1 student/new entrant … 6 head of service',
    }),
    region: Type.String({ maxLength: 64 }),
    meetingFormats: Type.Array(Type.Union([Type.Literal('online'), Type.Literal('in_person')]), {
      minItems: 1,
      maxItems: 2,
    }),
    timeZone: Type.String({ maxLength: 64, description: 'IANA name, e.g. Europe/London' }),
    languages: Type.Array(Type.String({ pattern: '^[a-z]{2,3}$' }), { minItems: 1, maxItems: 10 }),
    hoursPerMonth: Type.Number({ minimum: 0, maximum: 80 }),
    topics: Type.Array(Type.String({ maxLength: 64 }), {
      maxItems: 20,
      description: 'Ranked, most important first: goals for a mentee, expertise for a mentor',
    }),
    text: Type.String({
      maxLength: 4000,
      description: 'Mentee: what they want from mentoring. Mentor: bio and what they can offer.',
    }),
    exclusions: Type.Array(Type.String({ maxLength: 320 }), {
      maxItems: 50,
      description: 'Normalised emails or names of people this person must not be matched with',
    }),
    capacity: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 10, description: 'Mentors only: mentees at once' }),
    ),
  },
  { title: 'MatchingAttributes', additionalProperties: false },
);
export type MatchingAttributes = Static<typeof MatchingAttributesSchema>;

/** One criterion's part in a match score, in numbers and in words for each side. */
export const CriterionContributionSchema = Type.Object(
  {
    criterion: Type.String({ maxLength: 64, description: 'e.g. topics, sector, career_stage' }),
    label: Type.String({ maxLength: 120 }),
    weight: Type.Number({ minimum: 0 }),
    similarity: Type.Number({ minimum: 0, maximum: 1 }),
    contribution: Type.Number({
      minimum: 0,
      description: 'weight × similarity, normalised; they add up to score',
    }),
    forMentee: Type.String({ maxLength: 500 }),
    forMentor: Type.String({ maxLength: 500 }),
  },
  { title: 'CriterionContribution', additionalProperties: false },
);

export const MatchExplanationSchema = Type.Object(
  {
    summary: Type.String({ maxLength: 1000 }),
    criteria: Type.Array(CriterionContributionSchema, { maxItems: 30 }),
  },
  { title: 'MatchExplanation', additionalProperties: false },
);
export type MatchExplanation = Static<typeof MatchExplanationSchema>;

export const MatchModeSchema = Type.Union([
  Type.Literal('instant'),
  Type.Literal('mentee_choice'),
  Type.Literal('cohort_round'),
  Type.Literal('manual'),
]);

export const ActorSchema = Type.Union([
  Type.Literal('mentee'),
  Type.Literal('mentor'),
  Type.Literal('coordinator'),
  Type.Literal('system'),
]);
