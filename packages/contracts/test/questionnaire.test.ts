import { describe, expect, it } from '@jest/globals';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import {
  AnswerSetSchema,
  AnswersSchema,
  checkQuestionnaire,
  MatchingAttributeNameSchema,
  MatchingAttributesSchema,
  type Question,
  type Questionnaire,
  type QuestionnaireProblemCode,
  QuestionnaireSchema,
  questionnaireQuestions,
  questionnaireRef,
  questionTypes,
} from '../src/index.ts';

const questionnaireCheck = TypeCompiler.Compile(QuestionnaireSchema);

/** A small questionnaire that uses every question type once. */
function mentee(): Questionnaire {
  return {
    key: 'test-programme',
    version: 1,
    role: 'mentee',
    title: 'Find a mentor',
    intro: 'A few questions.',
    sections: [
      {
        id: 'about-you',
        title: 'About you',
        questions: [
          {
            type: 'short_text',
            id: 'org',
            label: 'Organisation',
            required: true,
            maps: 'organisation',
            maxLength: 200,
          },
          {
            type: 'single_choice',
            id: 'sector',
            label: 'Sector',
            required: true,
            maps: 'sector',
            options: [
              { value: 'nhs', label: 'NHS' },
              { value: 'charity', label: 'Charity', help: 'Third sector too' },
            ],
          },
          {
            type: 'single_choice',
            id: 'stage',
            label: 'Career stage',
            required: true,
            maps: 'careerStage',
            options: [
              { value: 'new', label: 'New', number: 1 },
              { value: 'head', label: 'Head of service', number: 6 },
            ],
          },
          {
            type: 'multiple_choice',
            id: 'specialisms',
            label: 'Specialisms',
            required: false,
            maps: 'specialisms',
            options: [
              { value: 'searching', label: 'Searching' },
              { value: 'teaching', label: 'Teaching' },
            ],
            maxPicks: 2,
            ranked: false,
          },
          { type: 'yes_no', id: 'mentored-before', label: 'Mentored before?', required: false, maps: null },
        ],
      },
      {
        id: 'goals',
        title: 'Goals',
        description: 'What you would like to grow in',
        questions: [
          {
            type: 'topics',
            id: 'topics',
            label: 'Topics',
            required: true,
            maps: 'topics',
            taxonomy: 'test-topics',
            options: [
              { value: 'appraisal', label: 'Critical appraisal' },
              { value: 'leadership', label: 'Leadership' },
              { value: 'ai', label: 'AI tools' },
            ],
            maxPicks: 3,
            ranked: true,
          },
          { type: 'long_text', id: 'hopes', label: 'Hopes', required: true, maps: 'text', maxLength: 4000 },
        ],
      },
      {
        id: 'meeting',
        title: 'Meeting',
        questions: [
          {
            type: 'single_choice',
            id: 'format',
            label: 'How?',
            required: true,
            maps: 'meetingFormats',
            options: [
              { value: 'online', label: 'Online' },
              { value: 'in_person', label: 'In person' },
              { value: 'either', label: 'Either' },
            ],
          },
          {
            type: 'region',
            id: 'region',
            label: 'Region',
            required: true,
            maps: 'region',
            options: [
              { value: 'wales', label: 'Wales' },
              { value: 'outside-uk', label: 'Outside the UK' },
            ],
          },
          { type: 'time_zone', id: 'tz', label: 'Time zone', required: true, maps: 'timeZone' },
          {
            type: 'languages',
            id: 'languages',
            label: 'Languages',
            required: true,
            maps: 'languages',
            options: [
              { value: 'en', label: 'English' },
              { value: 'cy', label: 'Welsh' },
            ],
            maxPicks: 2,
          },
          {
            type: 'scale',
            id: 'hours',
            label: 'Hours a month',
            required: true,
            maps: 'hoursPerMonth',
            min: 1,
            max: 8,
            minLabel: 'One',
            maxLabel: 'Eight',
          },
          { type: 'people', id: 'avoid', label: 'Avoid', required: false, maps: 'exclusions', maxItems: 10 },
          {
            type: 'consent',
            id: 'consent',
            label: 'Consent',
            required: true,
            maps: null,
            statement: 'I agree.',
          },
        ],
      },
    ],
  };
}

function mentor(): Questionnaire {
  const q = mentee();
  q.role = 'mentor';
  q.sections[2]?.questions.push({
    type: 'scale',
    id: 'capacity',
    label: 'How many mentees?',
    required: true,
    maps: 'capacity',
    min: 1,
    max: 5,
    minLabel: 'One',
    maxLabel: 'Five',
  });
  return q;
}

/** The question with `id`, for editing a fixture in place. */
function question(q: Questionnaire, id: string): Question {
  const found = questionnaireQuestions(q).find((x) => x.id === id);
  if (!found) throw new Error(`no question ${id}`);
  return found;
}

function remove(q: Questionnaire, id: string): Questionnaire {
  for (const section of q.sections) section.questions = section.questions.filter((x) => x.id !== id);
  return q;
}

const codes = (q: unknown): QuestionnaireProblemCode[] => checkQuestionnaire(q).map((p) => p.code);

describe('QuestionnaireSchema', () => {
  it('accepts a mentee and a mentor questionnaire that use every question type', () => {
    expect(new Set(questionnaireQuestions(mentor()).map((q) => q.type))).toEqual(new Set(questionTypes));
    for (const q of [mentee(), mentor()]) {
      expect([...questionnaireCheck.Errors(q)]).toEqual([]);
      expect(checkQuestionnaire(q)).toEqual([]);
    }
  });

  it.each([
    ['an unknown property', (q: Questionnaire) => Object.assign(q, { colour: 'blue' })],
    ['a version of 0', (q: Questionnaire) => Object.assign(q, { version: 0 })],
    ['a key that is not a slug', (q: Questionnaire) => Object.assign(q, { key: 'Test Programme' })],
    ['an unknown role', (q: Questionnaire) => Object.assign(q, { role: 'coordinator' })],
    ['no sections', (q: Questionnaire) => Object.assign(q, { sections: [] })],
    ['a question id with a slash', (q: Questionnaire) => Object.assign(question(q, 'org'), { id: 'a/b' })],
    ['an unknown question type', (q: Questionnaire) => Object.assign(question(q, 'org'), { type: 'essay' })],
    ['a question without maps', (q: Questionnaire) => delete (question(q, 'org') as Partial<Question>).maps],
    ['maps to no attribute', (q: Questionnaire) => Object.assign(question(q, 'org'), { maps: 'employer' })],
    ['a short text over 200', (q: Questionnaire) => Object.assign(question(q, 'org'), { maxLength: 500 })],
    ['a long text over 4000', (q: Questionnaire) => Object.assign(question(q, 'hopes'), { maxLength: 4001 })],
    [
      'an option label missing',
      (q: Questionnaire) => Object.assign(question(q, 'sector'), { options: [{ value: 'x' }] }),
    ],
    [
      'a language that is no ISO code',
      (q: Questionnaire) =>
        Object.assign(question(q, 'languages'), { options: [{ value: 'English', label: 'English' }] }),
    ],
    [
      'an option property of another type',
      (q: Questionnaire) => Object.assign(question(q, 'tz'), { maxPicks: 2 }),
    ],
  ])('rejects %s, and checkQuestionnaire reports it as a schema problem', (_name, breakIt) => {
    const q = mentee();
    breakIt(q);
    expect(questionnaireCheck.Check(q)).toBe(false);
    const problems = checkQuestionnaire(q);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.code === 'schema')).toBe(true);
  });

  it('names the question at fault by its path, not a bare “expected union value”', () => {
    const q = mentee();
    Object.assign(question(q, 'hopes'), { maxLength: 4001 });
    expect(checkQuestionnaire(q)).toEqual([
      expect.objectContaining({ code: 'schema', path: '/sections/1/questions/1/maxLength' }),
    ]);
  });

  it('rejects what is not an object at all', () => {
    expect(codes(null)).toEqual(['schema']);
    expect(codes('questionnaire')).toEqual(['schema']);
  });

  it('derives attribute names from MatchingAttributesSchema, so the two cannot drift', () => {
    const names = MatchingAttributeNameSchema.anyOf.map((s) => s.const).sort();
    expect(names).toEqual(Object.keys(MatchingAttributesSchema.properties).sort());
  });
});

describe('checkQuestionnaire', () => {
  it('finds a question id used twice', () => {
    const q = mentee();
    Object.assign(question(q, 'mentored-before'), { id: 'org' });
    expect(checkQuestionnaire(q)).toEqual([
      {
        code: 'duplicate-question-id',
        path: '/sections/0/questions/4/id',
        message: expect.stringContaining('"org"'),
      },
    ]);
  });

  it('finds a section id used twice', () => {
    const q = mentee();
    Object.assign(q.sections[1] ?? {}, { id: 'about-you' });
    expect(codes(q)).toEqual(['duplicate-section-id']);
  });

  it('finds an attribute filled by two questions', () => {
    const q = mentee();
    Object.assign(question(q, 'specialisms'), { maps: 'topics', required: true });
    expect(checkQuestionnaire(q)).toEqual([
      expect.objectContaining({
        code: 'duplicate-maps',
        message: expect.stringContaining('specialisms, topics'),
      }),
    ]);
  });

  it.each([
    'organisation',
    'careerStage',
    'region',
    'meetingFormats',
    'timeZone',
    'languages',
    'topics',
    'text',
  ] as const)('finds that no question fills %s, which matching needs', (attribute) => {
    const q = mentee();
    const filler = questionnaireQuestions(q).find((x) => x.maps === attribute);
    remove(q, filler?.id ?? '');
    expect(checkQuestionnaire(q)).toEqual([
      expect.objectContaining({ code: 'missing-attribute', message: expect.stringContaining(attribute) }),
    ]);
  });

  it('finds a mentor questionnaire that does not ask for capacity', () => {
    expect(checkQuestionnaire(remove(mentor(), 'capacity'))).toEqual([
      expect.objectContaining({ code: 'missing-attribute', message: expect.stringContaining('capacity') }),
    ]);
  });

  it('does not need sector, specialisms, hours or exclusions to be asked', () => {
    const q = mentee();
    for (const id of ['sector', 'specialisms', 'hours', 'avoid']) remove(q, id);
    expect(checkQuestionnaire(q)).toEqual([]);
  });

  it('finds capacity asked of a mentee', () => {
    const q = mentor();
    q.role = 'mentee';
    expect(codes(q)).toEqual(['mentor-only']);
  });

  it('finds an attribute matching needs filled by an optional question', () => {
    const q = mentee();
    Object.assign(question(q, 'tz'), { required: false });
    expect(checkQuestionnaire(q)).toEqual([
      expect.objectContaining({ code: 'optional-attribute', path: '/sections/2/questions/2/required' }),
    ]);
  });

  it('finds options with the same value', () => {
    const q = mentee();
    const topics = question(q, 'topics');
    if (topics.type !== 'topics') throw new Error('fixture');
    topics.options.push({ value: 'ai', label: 'Artificial intelligence' });
    expect(checkQuestionnaire(q)).toEqual([
      {
        code: 'duplicate-option',
        path: '/sections/1/questions/0/options',
        message: expect.stringContaining('"ai"'),
      },
    ]);
  });

  it.each(['specialisms', 'topics', 'languages'])(
    'finds %s allowing more picks than it has options',
    (id) => {
      const q = mentee();
      Object.assign(question(q, id), { maxPicks: 4 });
      expect(codes(q)).toEqual(['max-picks-exceeds-options']);
    },
  );

  it('finds a scale whose minimum is not below its maximum', () => {
    const q = mentee();
    Object.assign(question(q, 'hours'), { min: 8, max: 8 });
    expect(codes(q)).toEqual(['invalid-scale']);
  });

  it('finds a consent that is optional', () => {
    const q = mentee();
    Object.assign(question(q, 'consent'), { required: false });
    expect(codes(q)).toEqual(['consent-not-required']);
  });

  it('finds a questionnaire without a consent question', () => {
    const q = mentee();
    for (const section of q.sections)
      section.questions = section.questions.filter((x) => x.type !== 'consent');
    q.sections = q.sections.filter((section) => section.questions.length > 0);
    expect(codes(q)).toEqual(['missing-consent']);
  });

  it.each([
    ['a type that cannot fill it', 'mentored-before', { maps: 'exclusions' }, 'cannot fill exclusions'],
    ['a consent that fills an attribute', 'consent', { maps: 'exclusions' }, 'cannot fill exclusions'],
    [
      'career stage choices without numbers',
      'stage',
      { options: [{ value: 'new', label: 'New' }] },
      'needs a `number`',
    ],
    [
      'career stage numbers out of range',
      'stage',
      { options: [{ value: 'new', label: 'New', number: 7 }] },
      'whole number from 1 to 6',
    ],
    ['hours on a scale beyond 80', 'hours', { max: 100 }, 'within 0–80'],
    [
      'meeting format choices that are not formats',
      'format',
      { options: [{ value: 'video', label: 'Video' }] },
      'not video',
    ],
  ])('finds %s', (_name, id, change, message) => {
    const q = remove(mentee(), 'avoid');
    Object.assign(question(q, id), change);
    expect(checkQuestionnaire(q)).toEqual([
      expect.objectContaining({ code: 'incompatible-maps', message: expect.stringContaining(message) }),
    ]);
  });

  it('reports every mistake at once', () => {
    const q = mentee();
    Object.assign(question(q, 'mentored-before'), { id: 'org' });
    Object.assign(question(q, 'hours'), { min: 9 });
    remove(q, 'tz');
    expect(codes(q).sort()).toEqual(['duplicate-question-id', 'invalid-scale', 'missing-attribute']);
  });
});

describe('answers', () => {
  const answers = { org: 'NHS Wales', topics: ['ai'], hours: 2, consent: true };

  it('carry the exact questionnaire they were given to', () => {
    const set = { questionnaire: questionnaireRef(mentor()), answers };
    expect(set.questionnaire).toEqual({ key: 'test-programme', role: 'mentor', version: 1 });
    expect(TypeCompiler.Compile(AnswerSetSchema).Check(set)).toBe(true);
    expect(TypeCompiler.Compile(AnswerSetSchema).Check({ answers })).toBe(false);
  });

  it('are strings, lists of strings, numbers or booleans', () => {
    const check = TypeCompiler.Compile(AnswersSchema);
    expect(check.Check(answers)).toBe(true);
    expect(check.Check({ org: null })).toBe(false);
    expect(check.Check({ org: { name: 'NHS' } })).toBe(false);
    expect(check.Check({ topics: [1, 2] })).toBe(false);
  });
});
