// The programme resource: what a client sends and what it gets back. Every object is strict
// (unknown fields are a 400 naming them). The create body carries `default`s (ajv applies them,
// and they document the defaults in OpenAPI); the PATCH body carries none, or ajv would fill in
// defaults for fields the client did not send and overwrite the stored values.
import {
  type Criterion,
  criteria,
  DEFAULT_HARD_RULES,
  DEFAULT_WEIGHTS,
  type HardRule,
  hardRules,
  IdSchema,
  PageQuerySchema,
  PageSchema,
} from '@belong/contracts';
import { StrictObject } from '@belong/kit';
import { type Static, type TNumber, type TOptional, Type } from '@sinclair/typebox';

export const PROGRAMME_ID_PATTERN = /^prg_[A-Za-z0-9_-]{12}$/;
export const SLUG_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';

export const matchingModes = ['instant', 'mentee_choice', 'cohort_round'] as const;
export type MatchingMode = (typeof matchingModes)[number];

export const programmeStatuses = ['draft', 'open', 'closed'] as const;
export type ProgrammeStatus = (typeof programmeStatuses)[number];

export { type Criterion, criteria, DEFAULT_HARD_RULES, DEFAULT_WEIGHTS, type HardRule, hardRules };

export const DEFAULT_SUGGESTIONS = 3;
export const DEFAULT_PROPOSAL_TTL_DAYS = 7;

const criterionDescriptions: Record<Criterion, string> = {
  topics: 'Overlap of the topics the mentee wants help with and the mentor offers',
  sector: 'Same or related sector',
  career_stage: 'Mentor a suitable step ahead of the mentee',
  region_format: 'Region and meeting format (online, in person) fit',
  languages: 'Languages in common',
  availability: 'Overlap of availability',
  text: 'Similarity of the free-text answers',
  preferences: 'Stated preferences about the other person',
};

const hardRuleDescription =
  'Rules a match must never break: `same_organisation` (never within one organisation), ' +
  '`named_exclusions` (never someone either side named), `previously_declined` (never a pair ' +
  'declined before), `same_region_for_in_person` (in-person pairs share a region), ' +
  '`shared_language` (the pair shares a language).';

/** `defaults: true` adds the documented defaults (create); false leaves them out (PATCH). */
function weightsSchema(defaults: boolean) {
  const properties = Object.fromEntries(
    criteria.map((criterion) => [
      criterion,
      Type.Optional(
        Type.Number({
          minimum: 0,
          maximum: 100,
          description: criterionDescriptions[criterion],
          ...(defaults ? { default: DEFAULT_WEIGHTS[criterion] } : {}),
        }),
      ),
    ]),
  ) as Record<Criterion, TOptional<TNumber>>;
  return StrictObject(properties, {
    description: `Weight of each matching criterion, 0..100. Defaults: ${criteria
      .map((c) => `${c} ${DEFAULT_WEIGHTS[c]}`)
      .join(', ')}.${defaults ? '' : ' Only the criteria sent change.'}`,
  });
}

const HardRuleSchema = Type.Union(
  hardRules.map((rule) => Type.Literal(rule)),
  { description: 'A hard rule' },
);

function policySchema(defaults: boolean) {
  return StrictObject(
    {
      weights: Type.Optional(weightsSchema(defaults)),
      hardRules: Type.Optional(
        Type.Array(HardRuleSchema, {
          uniqueItems: true,
          maxItems: hardRules.length,
          description: `${hardRuleDescription} Default: ${DEFAULT_HARD_RULES.join(', ')}.${
            defaults ? '' : ' Replaces the whole list.'
          }`,
          ...(defaults ? { default: [...DEFAULT_HARD_RULES] } : {}),
        }),
      ),
      suggestions: Type.Optional(
        Type.Integer({
          minimum: 1,
          maximum: 10,
          description: `How many mentors a mentee is offered to choose from (mentee_choice). Default ${DEFAULT_SUGGESTIONS}.`,
          ...(defaults ? { default: DEFAULT_SUGGESTIONS } : {}),
        }),
      ),
      proposalTtlDays: Type.Optional(
        Type.Integer({
          minimum: 1,
          maximum: 60,
          description: `Days a proposed match waits for both sides to accept. Default ${DEFAULT_PROPOSAL_TTL_DAYS}.`,
          ...(defaults ? { default: DEFAULT_PROPOSAL_TTL_DAYS } : {}),
        }),
      ),
    },
    {
      description: defaults
        ? 'How matching works in this programme; everything left out takes its default'
        : 'Merged field by field into the current policy (weights criterion by criterion)',
    },
  );
}

const Name = Type.String({ minLength: 1, maxLength: 120, description: 'Shown to mentees and mentors' });
const descriptionOptions = { maxLength: 2000, description: 'What the programme is about (plain text)' };
const Description = Type.String(descriptionOptions);
const MatchingModeSchema = Type.Union(
  matchingModes.map((mode) => Type.Literal(mode)),
  {
    description:
      '`instant`: a match is proposed as soon as a mentee is verified; `mentee_choice`: the mentee ' +
      'picks from `policy.suggestions` mentors; `cohort_round`: everyone is matched at once in a round',
  },
);
const StatusSchema = Type.Union(
  programmeStatuses.map((status) => Type.Literal(status)),
  {
    description:
      '`draft` (being set up, nobody can sign up), `open` (sign-ups and matching), `closed` ' +
      '(no new sign-ups). Transitions: draft → open, open → closed, closed → open.',
  },
);
const CoordinatorName = Type.String({ minLength: 1, maxLength: 120 });
const CoordinatorEmail = Type.String({ format: 'email', maxLength: 254 });

export const ProgrammeSchema = StrictObject(
  {
    id: Type.String({ pattern: PROGRAMME_ID_PATTERN.source, description: 'Server-generated' }),
    slug: Type.String({ pattern: SLUG_PATTERN, maxLength: 60, description: 'Unique, for URLs' }),
    name: Name,
    description: Description,
    coordinator: StrictObject(
      { name: CoordinatorName, email: CoordinatorEmail },
      { description: 'Who runs the programme; mentees and mentors may write to them' },
    ),
    matchingMode: MatchingModeSchema,
    policy: StrictObject({
      weights: StrictObject(
        Object.fromEntries(criteria.map((c) => [c, Type.Number({ minimum: 0, maximum: 100 })])) as Record<
          Criterion,
          TNumber
        >,
      ),
      hardRules: Type.Array(HardRuleSchema),
      suggestions: Type.Integer({ minimum: 1, maximum: 10 }),
      proposalTtlDays: Type.Integer({ minimum: 1, maximum: 60 }),
    }),
    status: StatusSchema,
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { title: 'Programme' },
);
export type Programme = Static<typeof ProgrammeSchema>;
export type Policy = Programme['policy'];

const exampleCoordinator = { name: 'Amina Yusuf', email: 'amina@helping-lab.example' };

export const CreateProgrammeBodySchema = StrictObject(
  {
    slug: Type.String({
      minLength: 1,
      maxLength: 60,
      pattern: SLUG_PATTERN,
      description: 'Unique, for URLs',
    }),
    name: Name,
    description: Type.Optional(Type.String({ ...descriptionOptions, default: '' })),
    coordinator: StrictObject({ name: CoordinatorName, email: CoordinatorEmail }),
    matchingMode: MatchingModeSchema,
    policy: Type.Optional(policySchema(true)),
  },
  {
    description:
      'A new programme; it starts as `draft`. `id`, `status`, `createdAt` and `updatedAt` are set by the server.',
    examples: [
      {
        slug: 'helping-lab-2027',
        name: 'Helping Lab 2027',
        description: 'Six months of mentoring for people starting out in the voluntary sector.',
        coordinator: exampleCoordinator,
        matchingMode: 'mentee_choice',
        policy: { weights: { topics: 40, text: 10 }, suggestions: 4 },
      },
    ],
  },
);
export type CreateProgrammeBody = Static<typeof CreateProgrammeBodySchema>;

export const UpdateProgrammeBodySchema = StrictObject(
  {
    name: Type.Optional(Name),
    description: Type.Optional(Description),
    coordinator: Type.Optional(
      StrictObject(
        { name: Type.Optional(CoordinatorName), email: Type.Optional(CoordinatorEmail) },
        { minProperties: 1, description: 'Merged into the current coordinator' },
      ),
    ),
    matchingMode: Type.Optional(MatchingModeSchema),
    policy: Type.Optional(policySchema(false)),
    status: Type.Optional(StatusSchema),
  },
  {
    minProperties: 1,
    description: 'The fields to change; everything left out stays as it is. The slug cannot change.',
    examples: [
      { status: 'open' },
      {
        policy: { weights: { languages: 20 }, proposalTtlDays: 14 },
        coordinator: { email: 'team@helping-lab.example' },
      },
    ],
  },
);
export type UpdateProgrammeBody = Static<typeof UpdateProgrammeBodySchema>;

export const ProgrammeParamsSchema = StrictObject({
  programmeId: Type.String({
    minLength: IdSchema.minLength,
    maxLength: IdSchema.maxLength,
    pattern: IdSchema.pattern,
    description: 'The programme id (`prg_…`)',
  }),
});
export const SlugParamsSchema = StrictObject({
  slug: Type.String({ minLength: 1, maxLength: 60, pattern: SLUG_PATTERN }),
});

export const ListProgrammesQuerySchema = StrictObject({
  ...PageQuerySchema.properties,
  status: Type.Optional(StatusSchema),
});
export type ListProgrammesQuery = Static<typeof ListProgrammesQuerySchema>;

export const ProgrammePageSchema = PageSchema(ProgrammeSchema);

/** Headers are never strict (clients send many); only Idempotency-Key is read. */
export const IdempotencyHeadersSchema = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 255,
      pattern: '^[\\x21-\\x7E]+$',
      description:
        'Makes the request safe to retry for 24 hours: the same key with the same body answers the ' +
        'first response again (header `idempotent-replayed: true`); with a different body it is a 409.',
    }),
  ),
});

/** The policy with every default filled in (create, or a stored policy missing a field). */
export function completePolicy(policy: CreateProgrammeBody['policy']): Policy {
  return {
    weights: { ...DEFAULT_WEIGHTS, ...(policy?.weights ?? {}) },
    hardRules: [...(policy?.hardRules ?? DEFAULT_HARD_RULES)],
    suggestions: policy?.suggestions ?? DEFAULT_SUGGESTIONS,
    proposalTtlDays: policy?.proposalTtlDays ?? DEFAULT_PROPOSAL_TTL_DAYS,
  };
}
