import { MatchingAttributesSchema, ProblemFieldErrorSchema, type Questionnaire } from '@belong/contracts';
import { describe, expect, it } from '@jest/globals';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import {
  type AnswersResult,
  messages,
  normaliseOrganisation,
  QuestionnaireDefinitionError,
  toProblemFieldErrors,
  validateAnswers,
} from '../src/questionnaires/answers.ts';
import {
  healthInformationMentee,
  healthInformationMentor,
} from '../src/questionnaires/health-information.ts';

const attributesCheck = TypeCompiler.Compile(MatchingAttributesSchema);

/** A mentee as she would fill the form in: stray spaces, mixed case, a blank row left in a list. */
const priya = {
  organisation: '  Leeds Teaching Hospitals NHS Trust ',
  sector: 'nhs-acute',
  'career-stage': 'early-career',
  'growth-areas': ['evidence-synthesis', 'critical-appraisal', 'professional-development'],
  hopes:
    '  I am the only librarian in my trust and have just been asked to support our first systematic review.\r\nI would like someone to talk the search strategy through with.  ',
  'meeting-format': 'either',
  region: 'yorkshire-humber',
  'time-zone': 'Europe/London',
  languages: ['pa', 'en'],
  'hours-per-month': 'about-2',
  'people-to-avoid': ['Sam.Jones@Example.NHS.uk', ' sam.jones@example.nhs.uk', 'Alex  Morgan', ''],
  consent: true,
};

/** A mentor: head of a knowledge service, online only, room for two mentees. */
const david = {
  organisation: 'Cardiff University',
  sector: 'higher-education',
  'career-stage': 'head-of-service',
  expertise: [
    'leadership-management',
    'service-development',
    'evidence-synthesis',
    'teaching-information-literacy',
  ],
  introduction:
    'I run a knowledge and library service for a medical school and have mentored new professionals for ten years.',
  'meeting-format': 'online',
  region: 'wales',
  'time-zone': 'Europe/London',
  languages: ['cy', 'en'],
  'hours-per-month': 'three-to-four',
  capacity: 2,
  consent: true,
};

function valid(result: AnswersResult) {
  if (!result.ok) throw new Error(`expected valid answers, got ${JSON.stringify(result.errors)}`);
  return result;
}
function invalid(result: AnswersResult) {
  if (result.ok) throw new Error('expected errors, got valid answers');
  return result.errors;
}

describe('a complete mentee answer set', () => {
  const result = valid(validateAnswers(healthInformationMentee, priya));

  it('maps to matching attributes that pass MatchingAttributesSchema', () => {
    expect([...attributesCheck.Errors(result.attributes)]).toEqual([]);
  });

  it('maps each answer to its attribute', () => {
    expect(result.attributes).toEqual({
      organisation: 'leeds teaching hospitals nhs trust',
      sector: 'nhs-acute',
      specialisms: [],
      careerStage: 2,
      region: 'yorkshire-humber',
      meetingFormats: ['online', 'in_person'],
      timeZone: 'Europe/London',
      languages: ['en', 'pa'],
      hoursPerMonth: 2,
      topics: ['evidence-synthesis', 'critical-appraisal', 'professional-development'],
      text: 'I am the only librarian in my trust and have just been asked to support our first systematic review.\nI would like someone to talk the search strategy through with.',
      exclusions: ['sam.jones@example.nhs.uk', 'alex morgan'],
    });
    expect(result.attributes).not.toHaveProperty('capacity');
  });

  it('keeps the ranked topics in her order of priority, not the list’s', () => {
    expect(result.attributes.topics[0]).toBe('evidence-synthesis');
  });

  it('records the consent with the exact words she agreed to', () => {
    const statement = healthInformationMentee.sections.at(-1)?.questions[0];
    expect(result.consent).toEqual([
      { questionId: 'consent', statement: statement?.type === 'consent' ? statement.statement : 'missing' },
    ]);
  });

  it('returns the answers to store, trimmed, with the organisation as she wrote it', () => {
    expect(result.answers.organisation).toBe('Leeds Teaching Hospitals NHS Trust');
    expect(result.answers['people-to-avoid']).toEqual(['sam.jones@example.nhs.uk', 'alex morgan']);
    expect(Object.keys(result.answers).sort()).toEqual(Object.keys(priya).sort());
  });

  it('does not change the answers it was given', () => {
    expect(priya.organisation).toBe('  Leeds Teaching Hospitals NHS Trust ');
    expect(priya.languages).toEqual(['pa', 'en']);
  });
});

describe('a complete mentor answer set', () => {
  const result = valid(validateAnswers(healthInformationMentor, david));

  it('maps to matching attributes that pass MatchingAttributesSchema, with capacity', () => {
    expect([...attributesCheck.Errors(result.attributes)]).toEqual([]);
    expect(result.attributes).toMatchObject({
      organisation: 'cardiff university',
      careerStage: 6,
      meetingFormats: ['online'],
      hoursPerMonth: 4,
      capacity: 2,
      topics: [
        'leadership-management',
        'service-development',
        'evidence-synthesis',
        'teaching-information-literacy',
      ],
      languages: ['en', 'cy'],
      exclusions: [],
    });
  });
});

describe('mapping', () => {
  const mapped = (change: Record<string, unknown>) =>
    valid(validateAnswers(healthInformationMentee, { ...priya, ...change })).attributes;

  it.each([
    ['online', ['online']],
    ['in_person', ['in_person']],
    ['either', ['online', 'in_person']],
  ])('meeting format “%s” → %j', (format, formats) => {
    expect(mapped({ 'meeting-format': format }).meetingFormats).toEqual(formats);
  });

  it.each([
    ['new-to-profession', 1],
    ['early-career', 2],
    ['established', 3],
    ['experienced', 4],
    ['service-lead', 5],
    ['head-of-service', 6],
  ])('career stage “%s” → %d', (stage, n) => {
    expect(mapped({ 'career-stage': stage }).careerStage).toBe(n);
  });

  it('leaves exclusions empty when nobody is named, and stores no answer for it', () => {
    const { 'people-to-avoid': _, ...rest } = priya;
    const result = valid(validateAnswers(healthInformationMentee, rest));
    expect(result.attributes.exclusions).toEqual([]);
    expect(result.answers).not.toHaveProperty('people-to-avoid');
    expect(
      valid(validateAnswers(healthInformationMentee, { ...rest, 'people-to-avoid': ['  '] })).answers,
    ).not.toHaveProperty('people-to-avoid');
  });

  it('spells the time zone the way the time zone database does', () => {
    expect(mapped({ 'time-zone': 'europe/london' }).timeZone).toBe('Europe/London');
    expect(mapped({ 'time-zone': ' UTC ' }).timeZone).toBe('UTC');
    expect(mapped({ 'time-zone': 'America/Argentina/Buenos_Aires' }).timeZone).toMatch(/^America\//);
  });

  it('accepts an alias of a supported time zone, as a browser may report it', () => {
    expect(Intl.supportedValuesOf('timeZone')).toContain(mapped({ 'time-zone': 'Asia/Kolkata' }).timeZone);
  });

  it('collapses spaces and line breaks in a short text', () => {
    expect(mapped({ organisation: 'Leeds  Teaching\nHospitals' }).organisation).toBe(
      'leeds teaching hospitals',
    );
  });

  it('treats spacing, apostrophes, “&” and a final full stop as the same organisation', () => {
    expect(normaliseOrganisation('Guy’s & St Thomas’ NHS Foundation Trust.')).toBe(
      normaliseOrganisation("guy's and st thomas' nhs  foundation trust"),
    );
  });
});

/** An extra section so every question type is exercised: yes/no and an unranked multiple choice. */
const extended: Questionnaire = {
  ...healthInformationMentee,
  version: 2,
  sections: [
    ...healthInformationMentee.sections,
    {
      id: 'more',
      title: 'A little more',
      questions: [
        {
          type: 'yes_no',
          id: 'mentored-before',
          label: 'Have you had a mentor before?',
          required: true,
          maps: null,
        },
        {
          type: 'multiple_choice',
          id: 'specialisms',
          label: 'Specialisms',
          required: false,
          maps: 'specialisms',
          options: [
            { value: 'nursing', label: 'Nursing' },
            { value: 'pharmacy', label: 'Pharmacy' },
            { value: 'mental-health', label: 'Mental health' },
          ],
          maxPicks: 2,
          ranked: false,
        },
      ],
    },
  ],
};
const extendedAnswers = { ...priya, 'mentored-before': false, specialisms: ['pharmacy', 'nursing'] };

describe('every question type', () => {
  it('maps a yes/no answer and stores an unranked choice in the list’s order', () => {
    const result = valid(validateAnswers(extended, extendedAnswers));
    expect(result.answers['mentored-before']).toBe(false);
    expect(result.attributes.specialisms).toEqual(['nursing', 'pharmacy']);
  });
});

describe('each rule tells the person what to fix, next to the question', () => {
  const long = 'x'.repeat(245);
  it.each<[string, Questionnaire, Record<string, unknown>, string, string]>([
    [
      'a required answer is missing',
      healthInformationMentee,
      { sector: undefined },
      'sector',
      messages.missing,
    ],
    [
      'a required text is only spaces',
      healthInformationMentee,
      { hopes: '   \n ' },
      'hopes',
      messages.missing,
    ],
    ['a required list is empty', healthInformationMentee, { languages: [] }, 'languages', messages.missing],
    [
      'an unknown question is answered',
      healthInformationMentee,
      { 'favourite-colour': 'blue' },
      'favourite-colour',
      'This questionnaire has no question “favourite-colour”.',
    ],
    [
      'a choice is a number',
      healthInformationMentee,
      { sector: 3 },
      'sector',
      'Please choose one of the options.',
    ],
    [
      'a choice is not in the list',
      healthInformationMentee,
      { sector: 'Pharma' },
      'sector',
      '“Pharma” is not one of the choices.',
    ],
    [
      'a region is not in the list',
      healthInformationMentee,
      { region: 'Yorkshire' },
      'region',
      '“Yorkshire” is not one of the choices.',
    ],
    [
      'topics are one string',
      healthInformationMentee,
      { 'growth-areas': 'critical-appraisal' },
      'growth-areas',
      'Please choose from the options.',
    ],
    [
      'a topic is not in the list',
      healthInformationMentee,
      { 'growth-areas': ['critical-appraisal', 'Cataloguing'] },
      'growth-areas',
      '“Cataloguing” is not one of the choices.',
    ],
    [
      'too many topics',
      healthInformationMentee,
      {
        'growth-areas': [
          'critical-appraisal',
          'evidence-synthesis',
          'knowledge-management',
          'copyright-licensing',
        ],
      },
      'growth-areas',
      'Choose at most 3.',
    ],
    [
      'a topic chosen twice',
      healthInformationMentee,
      { 'growth-areas': ['critical-appraisal', 'critical-appraisal'] },
      'growth-areas',
      'You chose “critical-appraisal” more than once.',
    ],
    [
      'a language not in the list',
      healthInformationMentee,
      { languages: ['en', 'xx'] },
      'languages',
      '“xx” is not one of the choices.',
    ],
    [
      'a text is too long',
      healthInformationMentee,
      { organisation: long },
      'organisation',
      'Please keep this under 200 characters (you wrote 245).',
    ],
    [
      'a text is a number',
      healthInformationMentee,
      { hopes: 42 },
      'hopes',
      'Please write your answer as text.',
    ],
    [
      'a scale answer is text',
      healthInformationMentor,
      { capacity: '2' },
      'capacity',
      'Please choose a whole number from 1 to 5.',
    ],
    [
      'a scale answer is too high',
      healthInformationMentor,
      { capacity: 7 },
      'capacity',
      'Please choose a whole number from 1 to 5 (you chose 7).',
    ],
    [
      'a scale answer is not whole',
      healthInformationMentor,
      { capacity: 1.5 },
      'capacity',
      'Please choose a whole number from 1 to 5 (you chose 1.5).',
    ],
    [
      'a time zone does not exist',
      healthInformationMentee,
      { 'time-zone': 'Mars/Olympus' },
      'time-zone',
      '“Mars/Olympus” is not a time zone we recognise. Please choose one from the list.',
    ],
    [
      'a time zone is an offset, not a place',
      healthInformationMentee,
      { 'time-zone': '+01:00' },
      'time-zone',
      '“+01:00” is not a time zone we recognise. Please choose one from the list.',
    ],
    [
      'a time zone is a number',
      healthInformationMentee,
      { 'time-zone': 0 },
      'time-zone',
      'Please choose a time zone from the list.',
    ],
    [
      'consent is refused',
      healthInformationMentee,
      { consent: false },
      'consent',
      'You need to agree to this to take part.',
    ],
    [
      'consent is missing',
      healthInformationMentee,
      { consent: undefined },
      'consent',
      'You need to agree to this to take part.',
    ],
    [
      'consent is “yes”',
      healthInformationMentee,
      { consent: 'yes' },
      'consent',
      'You need to agree to this to take part.',
    ],
    [
      'a yes/no answer is text',
      extended,
      { 'mentored-before': 'no' },
      'mentored-before',
      'Please answer yes or no.',
    ],
    [
      'a multiple choice over its picks',
      extended,
      { specialisms: ['nursing', 'pharmacy', 'mental-health'] },
      'specialisms',
      'Choose at most 2.',
    ],
    [
      'people are one string',
      healthInformationMentee,
      { 'people-to-avoid': 'Sam Jones' },
      'people-to-avoid',
      'Please list the people as names or email addresses.',
    ],
    [
      'an email address is broken',
      healthInformationMentee,
      { 'people-to-avoid': ['sam.jones@nhs'] },
      'people-to-avoid',
      '“sam.jones@nhs” doesn’t look like an email address. Please check it, or give the person’s name instead.',
    ],
    [
      'too many people',
      healthInformationMentee,
      { 'people-to-avoid': Array.from({ length: 21 }, (_, i) => `person${i}@example.org`) },
      'people-to-avoid',
      'Please list at most 20 people.',
    ],
  ])('when %s', (_name, questionnaire, change, questionId, message) => {
    const base =
      questionnaire === healthInformationMentor
        ? david
        : questionnaire === extended
          ? extendedAnswers
          : priya;
    const answers = Object.fromEntries(
      Object.entries({ ...base, ...change }).filter(([, value]) => value !== undefined),
    );
    expect(invalid(validateAnswers(questionnaire, answers))).toEqual([
      { questionId, pointer: `/answers/${questionId}`, message },
    ]);
  });

  it('shortens a very long wrong value when quoting it back', () => {
    const [error] = invalid(validateAnswers(healthInformationMentee, { ...priya, sector: 'p'.repeat(500) }));
    expect(error?.message).toBe(`“${'p'.repeat(59)}…” is not one of the choices.`);
  });

  it('escapes an unknown question id in the JSON pointer', () => {
    expect(invalid(validateAnswers(healthInformationMentee, { ...priya, 'a/b~c': 1 }))).toEqual([
      {
        questionId: 'a/b~c',
        pointer: '/answers/a~1b~0c',
        message: 'This questionnaire has no question “a/b~c”.',
      },
    ]);
  });

  it('refuses a “__proto__” answer from parsed JSON as an unknown question', () => {
    const answers = JSON.parse(`{"__proto__": "x", "consent": true}`) as Record<string, unknown>;
    const errors = invalid(validateAnswers(healthInformationMentee, { ...priya, ...answers }));
    expect(errors.filter((e) => e.questionId === '__proto__')).toHaveLength(1);
  });
});

describe('several mistakes', () => {
  it('are all reported at once, in the order of the questions, unknown questions last', () => {
    const errors = invalid(
      validateAnswers(healthInformationMentee, {
        ...priya,
        organisation: '',
        sector: 'Pharma',
        'growth-areas': [
          'critical-appraisal',
          'critical-appraisal',
          'knowledge-management',
          'copyright-licensing',
        ],
        'time-zone': 'London',
        consent: false,
        colour: 'blue',
      }),
    );
    expect(errors.map((e) => [e.questionId, e.message])).toEqual([
      ['organisation', 'Please answer this question.'],
      ['sector', '“Pharma” is not one of the choices.'],
      ['growth-areas', 'You chose “critical-appraisal” more than once.'],
      ['growth-areas', 'Choose at most 3.'],
      ['time-zone', '“London” is not a time zone we recognise. Please choose one from the list.'],
      ['consent', 'You need to agree to this to take part.'],
      ['colour', 'This questionnaire has no question “colour”.'],
    ]);
  });

  it('become problem+json field errors of the request body', () => {
    const errors = invalid(
      validateAnswers(healthInformationMentee, { ...priya, sector: 'Pharma', colour: 'blue' }),
    );
    const fields = toProblemFieldErrors(errors);
    expect(fields).toEqual([
      { in: 'body', pointer: '/answers/sector', message: '“Pharma” is not one of the choices.' },
      { in: 'body', pointer: '/answers/colour', message: 'This questionnaire has no question “colour”.' },
    ]);
    const check = TypeCompiler.Compile(ProblemFieldErrorSchema);
    expect(fields.every((f) => check.Check(f))).toBe(true);
  });
});

describe('answers given to the other role’s questionnaire', () => {
  const byQuestion = (errors: { questionId: string; message: string }[]) =>
    Object.fromEntries(errors.map((e) => [e.questionId, e.message]));

  it('a mentor’s answers to the mentee questionnaire name what is missing and what does not belong', () => {
    expect(byQuestion(invalid(validateAnswers(healthInformationMentee, david)))).toEqual({
      'growth-areas': messages.missing,
      hopes: messages.missing,
      expertise: 'This questionnaire has no question “expertise”.',
      introduction: 'This questionnaire has no question “introduction”.',
      capacity: 'This questionnaire has no question “capacity”.',
    });
  });

  it('a mentee’s answers to the mentor questionnaire do the same', () => {
    expect(byQuestion(invalid(validateAnswers(healthInformationMentor, priya)))).toEqual({
      expertise: messages.missing,
      introduction: messages.missing,
      capacity: messages.missing,
      'growth-areas': 'This questionnaire has no question “growth-areas”.',
      hopes: 'This questionnaire has no question “hopes”.',
    });
  });
});

describe('a broken questionnaire', () => {
  it('is a definition error, never blamed on the person answering', () => {
    const broken: Questionnaire = {
      ...healthInformationMentee,
      sections: healthInformationMentee.sections.filter((s) => s.id !== 'meeting'),
    };
    expect(() => validateAnswers(broken, priya)).toThrow(QuestionnaireDefinitionError);
  });
});
