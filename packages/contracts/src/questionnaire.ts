// Questionnaires: what a programme asks its mentees and mentors, and how each answer fills the
// attributes matching reads. A published version never changes: answers carry the (key, role,
// version) they were given to and are always read against exactly that definition. To change a
// question, publish version + 1.
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { MatchingAttributesSchema, RoleSchema } from './shared.ts';

const strict = { additionalProperties: false } as const;

/** Lower-case words joined by single hyphens; safe in URLs and in JSON pointers unescaped. */
const slug = { minLength: 1, maxLength: 64, pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$' } as const;
const Slug = Type.String(slug);
/** A stable id stored in answers and attributes (never a display label). `_` allowed for `in_person`. */
const OptionValue = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9]+(?:[_-][a-z0-9]+)*$' });
const Label = Type.String({ minLength: 1, maxLength: 300 });
const Help = Type.String({ minLength: 1, maxLength: 1000 });

/** The name of a MatchingAttributes field, derived from that schema so the two cannot drift. */
export const MatchingAttributeNameSchema = Type.KeyOf(MatchingAttributesSchema, {
  title: 'MatchingAttributeName',
});
export type MatchingAttributeName = Static<typeof MatchingAttributeNameSchema>;

export const ChoiceOptionSchema = Type.Object(
  {
    value: OptionValue,
    label: Label,
    help: Type.Optional(Help),
    number: Type.Optional(
      Type.Number({
        description:
          'What this choice stands for when the question fills a numeric attribute (careerStage, hoursPerMonth, capacity)',
      }),
    ),
  },
  { title: 'ChoiceOption', ...strict },
);
export type ChoiceOption = Static<typeof ChoiceOptionSchema>;

export const LanguageOptionSchema = Type.Object(
  {
    value: Type.String({ pattern: '^[a-z]{2,3}$', description: 'ISO 639-1 code, or ISO 639-3 if none' }),
    label: Label,
    help: Type.Optional(Help),
  },
  { title: 'LanguageOption', ...strict },
);
export type LanguageOption = Static<typeof LanguageOptionSchema>;

const Options = Type.Array(ChoiceOptionSchema, { minItems: 1, maxItems: 200 });
const MaxPicks = Type.Integer({ minimum: 1, maximum: 20 });
const Ranked = Type.Boolean({
  description: 'The order of the answer is the person’s priority, first = most',
});

/** Fields every question has. */
const common = {
  id: Slug,
  label: Label,
  help: Type.Optional(Help),
  required: Type.Boolean(),
  maps: Type.Union([MatchingAttributeNameSchema, Type.Null()], {
    description: 'The MatchingAttributes field this answer fills, or null (informational, consent)',
  }),
};

export const SingleChoiceQuestionSchema = Type.Object(
  { type: Type.Literal('single_choice'), ...common, options: Options },
  { title: 'SingleChoiceQuestion', ...strict },
);
export const MultipleChoiceQuestionSchema = Type.Object(
  { type: Type.Literal('multiple_choice'), ...common, options: Options, maxPicks: MaxPicks, ranked: Ranked },
  { title: 'MultipleChoiceQuestion', ...strict },
);
export const ScaleQuestionSchema = Type.Object(
  {
    type: Type.Literal('scale'),
    ...common,
    min: Type.Integer({ minimum: 0, maximum: 100 }),
    max: Type.Integer({ minimum: 1, maximum: 100 }),
    minLabel: Label,
    maxLabel: Label,
  },
  { title: 'ScaleQuestion', ...strict },
);
export const ShortTextQuestionSchema = Type.Object(
  { type: Type.Literal('short_text'), ...common, maxLength: Type.Integer({ minimum: 1, maximum: 200 }) },
  { title: 'ShortTextQuestion', ...strict },
);
export const LongTextQuestionSchema = Type.Object(
  { type: Type.Literal('long_text'), ...common, maxLength: Type.Integer({ minimum: 1, maximum: 4000 }) },
  { title: 'LongTextQuestion', ...strict },
);
export const RegionQuestionSchema = Type.Object(
  { type: Type.Literal('region'), ...common, options: Options },
  { title: 'RegionQuestion', ...strict },
);
export const LanguagesQuestionSchema = Type.Object(
  {
    type: Type.Literal('languages'),
    ...common,
    options: Type.Array(LanguageOptionSchema, { minItems: 1, maxItems: 200 }),
    maxPicks: Type.Integer({ minimum: 1, maximum: 10 }),
  },
  { title: 'LanguagesQuestion', ...strict },
);
export const TimeZoneQuestionSchema = Type.Object(
  { type: Type.Literal('time_zone'), ...common },
  { title: 'TimeZoneQuestion', description: 'Answer: an IANA time zone name, e.g. Europe/London', ...strict },
);
export const TopicsQuestionSchema = Type.Object(
  {
    type: Type.Literal('topics'),
    ...common,
    taxonomy: Type.String({
      ...slug,
      description: 'The topic list the options come from; mentee and mentor questions must share it',
    }),
    options: Options,
    maxPicks: MaxPicks,
    ranked: Ranked,
  },
  { title: 'TopicsQuestion', ...strict },
);
export const YesNoQuestionSchema = Type.Object(
  { type: Type.Literal('yes_no'), ...common },
  { title: 'YesNoQuestion', ...strict },
);
export const ConsentQuestionSchema = Type.Object(
  {
    type: Type.Literal('consent'),
    ...common,
    statement: Type.String({
      minLength: 1,
      maxLength: 2000,
      description: 'What the person agrees to; recorded with their consent. The only valid answer is true.',
    }),
  },
  { title: 'ConsentQuestion', ...strict },
);
export const PeopleQuestionSchema = Type.Object(
  {
    type: Type.Literal('people'),
    ...common,
    maxItems: Type.Integer({ minimum: 1, maximum: 50 }),
  },
  {
    title: 'PeopleQuestion',
    description: 'A free list of names or email addresses of people this person must not be matched with',
    ...strict,
  },
);

const questionSchemas = {
  single_choice: SingleChoiceQuestionSchema,
  multiple_choice: MultipleChoiceQuestionSchema,
  scale: ScaleQuestionSchema,
  short_text: ShortTextQuestionSchema,
  long_text: LongTextQuestionSchema,
  region: RegionQuestionSchema,
  languages: LanguagesQuestionSchema,
  time_zone: TimeZoneQuestionSchema,
  topics: TopicsQuestionSchema,
  yes_no: YesNoQuestionSchema,
  consent: ConsentQuestionSchema,
  people: PeopleQuestionSchema,
} as const;

export const QuestionSchema = Type.Union(
  [
    SingleChoiceQuestionSchema,
    MultipleChoiceQuestionSchema,
    ScaleQuestionSchema,
    ShortTextQuestionSchema,
    LongTextQuestionSchema,
    RegionQuestionSchema,
    LanguagesQuestionSchema,
    TimeZoneQuestionSchema,
    TopicsQuestionSchema,
    YesNoQuestionSchema,
    ConsentQuestionSchema,
    PeopleQuestionSchema,
  ],
  {
    title: 'Question',
    description: 'Discriminated by `type`',
  },
);
export type Question = Static<typeof QuestionSchema>;
export type QuestionType = Question['type'];
export const questionTypes = Object.keys(questionSchemas) as QuestionType[];

const sectionFields = {
  id: Slug,
  title: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
};
export const QuestionnaireSectionSchema = Type.Object(
  { ...sectionFields, questions: Type.Array(QuestionSchema, { minItems: 1, maxItems: 50 }) },
  { title: 'QuestionnaireSection', ...strict },
);
export type QuestionnaireSection = Static<typeof QuestionnaireSectionSchema>;

const questionnaireFields = {
  key: Slug,
  version: Type.Integer({ minimum: 1 }),
  role: RoleSchema,
  title: Type.String({ minLength: 1, maxLength: 200 }),
  intro: Type.String({ minLength: 1, maxLength: 4000 }),
};
export const QuestionnaireSchema = Type.Object(
  {
    ...questionnaireFields,
    sections: Type.Array(QuestionnaireSectionSchema, { minItems: 1, maxItems: 20 }),
  },
  { title: 'Questionnaire', ...strict },
);
export type Questionnaire = Static<typeof QuestionnaireSchema>;

/** Which exact questionnaire answers were given to. Mentee and mentor versions may share a key. */
export const QuestionnaireRefSchema = Type.Object(
  { key: Slug, role: RoleSchema, version: Type.Integer({ minimum: 1 }) },
  { title: 'QuestionnaireRef', ...strict },
);
export type QuestionnaireRef = Static<typeof QuestionnaireRefSchema>;

export const AnswerValueSchema = Type.Union(
  [
    Type.String({ maxLength: 20000 }),
    Type.Array(Type.String({ maxLength: 2000 }), { maxItems: 200 }),
    Type.Number(),
    Type.Boolean(),
  ],
  { title: 'AnswerValue' },
);
export type AnswerValue = Static<typeof AnswerValueSchema>;

/**
 * Question id → answer. The bounds here only stop abuse: the real limits (text length, picks) are
 * the questionnaire's and are checked against it, so a person gets a message about their answer.
 */
export const AnswersSchema = Type.Record(Type.String({ maxLength: 64 }), AnswerValueSchema, {
  title: 'Answers',
  maxProperties: 200,
});
export type Answers = Static<typeof AnswersSchema>;

/** Answers as submitted and stored: always with the questionnaire they belong to. */
export const AnswerSetSchema = Type.Object(
  { questionnaire: QuestionnaireRefSchema, answers: AnswersSchema },
  { title: 'AnswerSet', ...strict },
);
export type AnswerSet = Static<typeof AnswerSetSchema>;

// ── definition checks ─────────────────────────────────────────────────────────────────────

/** Attributes matching cannot work without, so some required question must fill each. */
export function requiredAttributes(role: Questionnaire['role']): MatchingAttributeName[] {
  const both: MatchingAttributeName[] = [
    'organisation',
    'careerStage',
    'region',
    'meetingFormats',
    'timeZone',
    'languages',
    'topics',
    'text',
  ];
  return role === 'mentor' ? [...both, 'capacity'] : both;
}

/** Numeric attributes, with the range and integrality MatchingAttributesSchema demands. */
export const numericAttributes = {
  careerStage: { min: 1, max: 6, integer: true },
  hoursPerMonth: { min: 0, max: 80, integer: false },
  capacity: { min: 1, max: 10, integer: true },
} as const;

/** How a meeting-format choice's value expands: `either` stands for both formats. */
export const meetingFormatValues = {
  online: ['online'],
  in_person: ['in_person'],
  either: ['online', 'in_person'],
} as const satisfies Record<string, ReadonlyArray<'online' | 'in_person'>>;

/** Which question types may fill each attribute. */
export const attributeQuestionTypes: Record<MatchingAttributeName, readonly QuestionType[]> = {
  organisation: ['short_text'],
  sector: ['single_choice'],
  specialisms: ['multiple_choice', 'topics'],
  careerStage: ['single_choice', 'scale'],
  region: ['region', 'single_choice'],
  meetingFormats: ['single_choice', 'multiple_choice'],
  timeZone: ['time_zone'],
  languages: ['languages'],
  hoursPerMonth: ['single_choice', 'scale'],
  topics: ['topics', 'multiple_choice'],
  text: ['long_text', 'short_text'],
  exclusions: ['people'],
  capacity: ['single_choice', 'scale'],
};

export type QuestionnaireProblemCode =
  | 'schema'
  | 'duplicate-section-id'
  | 'duplicate-question-id'
  | 'duplicate-maps'
  | 'missing-attribute'
  | 'optional-attribute'
  | 'incompatible-maps'
  | 'mentor-only'
  | 'duplicate-option'
  | 'max-picks-exceeds-options'
  | 'invalid-scale'
  | 'consent-not-required'
  | 'missing-consent';

export interface QuestionnaireProblem {
  code: QuestionnaireProblemCode;
  /** JSON pointer into the definition; empty for the whole questionnaire. */
  path: string;
  message: string;
}

/** Every question, in the order a person meets them. */
export function questionnaireQuestions(questionnaire: Questionnaire): Question[] {
  return questionnaire.sections.flatMap((section) => section.questions);
}

const shellCheck = TypeCompiler.Compile(
  Type.Object(
    {
      ...questionnaireFields,
      sections: Type.Array(
        Type.Object(
          { ...sectionFields, questions: Type.Array(Type.Unknown(), { minItems: 1, maxItems: 50 }) },
          strict,
        ),
        { minItems: 1, maxItems: 20 },
      ),
    },
    strict,
  ),
);
const questionChecks = new Map(
  Object.entries(questionSchemas).map(([type, schema]) => [type, TypeCompiler.Compile(schema as TSchema)]),
);
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Shape errors, checked question by question so a mistake is named by its question's type. */
function shapeProblems(value: unknown): QuestionnaireProblem[] {
  const problem = (path: string, message: string): QuestionnaireProblem => ({
    code: 'schema',
    path,
    message,
  });
  if (!shellCheck.Check(value)) {
    return [...shellCheck.Errors(value)].slice(0, 20).map((e) => problem(e.path, e.message));
  }
  const problems: QuestionnaireProblem[] = [];
  value.sections.forEach((section, s) => {
    section.questions.forEach((question, q) => {
      const path = `/sections/${s}/questions/${q}`;
      const type = isObject(question) ? question.type : undefined;
      const check = typeof type === 'string' ? questionChecks.get(type) : undefined;
      if (!check) {
        problems.push(
          problem(`${path}/type`, `Unknown question type; expected one of ${questionTypes.join(', ')}`),
        );
        return;
      }
      for (const e of [...check.Errors(question)].slice(0, 10))
        problems.push(problem(path + e.path, e.message));
    });
  });
  return problems;
}

function duplicates<T>(values: readonly T[]): Set<T> {
  const seen = new Set<T>();
  const repeated = new Set<T>();
  for (const value of values) (seen.has(value) ? repeated : seen).add(value);
  return repeated;
}

/** Why `question` cannot fill `attribute`, or undefined when it can. */
function incompatibility(question: Question, attribute: MatchingAttributeName): string | undefined {
  if (!attributeQuestionTypes[attribute].includes(question.type)) {
    return `A ${question.type} question cannot fill ${attribute}; use ${attributeQuestionTypes[attribute].join(' or ')}`;
  }
  if (attribute === 'careerStage' || attribute === 'hoursPerMonth' || attribute === 'capacity') {
    const range = numericAttributes[attribute];
    const fits = (n: number | undefined) =>
      n !== undefined && n >= range.min && n <= range.max && (!range.integer || Number.isInteger(n));
    const wanted = `${range.integer ? 'a whole number' : 'a number'} from ${range.min} to ${range.max}`;
    if (question.type === 'scale' && !(fits(question.min) && fits(question.max))) {
      return `${attribute} needs the scale to run within ${range.min}–${range.max}`;
    }
    if (question.type === 'single_choice') {
      const bad = question.options.filter((o) => !fits(o.number)).map((o) => o.value);
      if (bad.length > 0)
        return `Every option needs a \`number\` (${wanted}) to fill ${attribute}: ${bad.join(', ')}`;
    }
  }
  if (
    attribute === 'meetingFormats' &&
    (question.type === 'single_choice' || question.type === 'multiple_choice')
  ) {
    const allowed =
      question.type === 'single_choice' ? Object.keys(meetingFormatValues) : ['online', 'in_person'];
    const bad = question.options.filter((o) => !allowed.includes(o.value)).map((o) => o.value);
    if (bad.length > 0) return `meetingFormats options must be ${allowed.join(', ')}; not ${bad.join(', ')}`;
  }
  return undefined;
}

/**
 * Finds the mistakes in a questionnaire definition: first its shape (QuestionnaireSchema), then
 * what the schema cannot say. Returns [] for a questionnaire that can be published.
 */
export function checkQuestionnaire(value: unknown): QuestionnaireProblem[] {
  const shape = shapeProblems(value);
  if (shape.length > 0) return shape;
  const questionnaire = value as Questionnaire;
  const problems: QuestionnaireProblem[] = [];
  const add = (code: QuestionnaireProblemCode, path: string, message: string) =>
    problems.push({ code, path, message });

  const sectionIds = duplicates(questionnaire.sections.map((s) => s.id));
  for (const id of sectionIds)
    add('duplicate-section-id', '/sections', `Section id "${id}" is used more than once`);

  const located = questionnaire.sections.flatMap((section, s) =>
    section.questions.map((question, q) => ({ question, path: `/sections/${s}/questions/${q}` })),
  );
  const seenIds = new Set<string>();
  const filledBy = new Map<MatchingAttributeName, string[]>();
  const needed = requiredAttributes(questionnaire.role);

  for (const { question, path } of located) {
    if (seenIds.has(question.id)) {
      add('duplicate-question-id', `${path}/id`, `Question id "${question.id}" is used more than once`);
    }
    seenIds.add(question.id);
    if ('options' in question) {
      for (const value of duplicates(question.options.map((o) => o.value))) {
        add(
          'duplicate-option',
          `${path}/options`,
          `Option "${value}" appears more than once in "${question.id}"`,
        );
      }
    }
    if ('maxPicks' in question && question.maxPicks > question.options.length) {
      add(
        'max-picks-exceeds-options',
        `${path}/maxPicks`,
        `"${question.id}" allows ${question.maxPicks} picks but has only ${question.options.length} options`,
      );
    }
    if (question.type === 'scale' && question.min >= question.max) {
      add('invalid-scale', path, `Scale "${question.id}" must have min below max`);
    }
    if (question.type === 'consent' && !question.required) {
      add('consent-not-required', `${path}/required`, `Consent "${question.id}" must be required`);
    }
    const attribute = question.maps;
    if (attribute === null) continue;
    filledBy.set(attribute, [...(filledBy.get(attribute) ?? []), question.id]);
    const why = incompatibility(question, attribute);
    if (why) add('incompatible-maps', `${path}/maps`, `"${question.id}": ${why}`);
    if (attribute === 'capacity' && questionnaire.role !== 'mentor') {
      add('mentor-only', `${path}/maps`, `"${question.id}" fills capacity, which only mentors have`);
    }
    if (needed.includes(attribute) && !question.required) {
      add(
        'optional-attribute',
        `${path}/required`,
        `"${question.id}" fills ${attribute}, which matching needs, so it must be required`,
      );
    }
  }
  for (const [attribute, ids] of filledBy) {
    if (ids.length > 1) {
      add('duplicate-maps', '', `${attribute} is filled by more than one question: ${ids.join(', ')}`);
    }
  }
  // Answers are personal data, used for matching only with the person's consent: no consent
  // question, no lawful way to store what they wrote.
  if (!located.some(({ question }) => question.type === 'consent')) {
    add('missing-consent', '', 'A questionnaire needs a required consent question');
  }
  for (const attribute of needed) {
    if (!filledBy.has(attribute)) {
      add(
        'missing-attribute',
        '',
        `No question fills ${attribute}, which matching needs for a ${questionnaire.role}`,
      );
    }
  }
  return problems;
}

/** The reference answers to this questionnaire must carry. */
export function questionnaireRef(questionnaire: Questionnaire): QuestionnaireRef {
  return { key: questionnaire.key, role: questionnaire.role, version: questionnaire.version };
}
