import {
  checkQuestionnaire,
  type Question,
  type Questionnaire,
  QuestionnaireSchema,
  questionnaireQuestions,
} from '@belong/contracts';
import { describe, expect, it } from '@jest/globals';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import {
  healthInformationMentee,
  healthInformationMentor,
} from '../src/questionnaires/health-information.ts';

const both: [string, Questionnaire][] = [
  ['mentee', healthInformationMentee],
  ['mentor', healthInformationMentor],
];
const questionnaireCheck = TypeCompiler.Compile(QuestionnaireSchema);

function find(q: Questionnaire, id: string): Question {
  const found = questionnaireQuestions(q).find((x) => x.id === id);
  if (!found) throw new Error(`no question ${id}`);
  return found;
}
const values = (question: Question) => ('options' in question ? question.options.map((o) => o.value) : []);

/** Every piece of text a person reads. */
function wording(q: Questionnaire): string[] {
  const texts: string[] = [q.title, q.intro];
  for (const section of q.sections) {
    texts.push(section.title, section.description ?? '');
    for (const question of section.questions) {
      texts.push(question.label, question.help ?? '');
      if (question.type === 'consent') texts.push(question.statement);
      if (question.type === 'scale') texts.push(question.minLabel, question.maxLabel);
      if ('options' in question) for (const o of question.options) texts.push(o.label, o.help ?? '');
    }
  }
  return texts.filter(Boolean);
}

describe.each(both)('the default %s questionnaire', (role, q) => {
  it('is a valid definition with no problems', () => {
    expect([...questionnaireCheck.Errors(q)]).toEqual([]);
    expect(checkQuestionnaire(q)).toEqual([]);
  });

  it('is version 1 of health-information-default, for its role', () => {
    expect(q).toMatchObject({ key: 'health-information-default', version: 1, role });
  });

  it('gives help with every question', () => {
    const without = questionnaireQuestions(q).filter((x) => !x.help);
    expect(without.map((x) => x.id)).toEqual([]);
  });

  it('is frozen: a published version never changes in place', () => {
    expect(Object.isFrozen(q)).toBe(true);
    expect(Object.isFrozen(find(q, 'sector'))).toBe(true);
    expect(() => {
      (q as { version: number }).version = 2;
    }).toThrow(TypeError);
  });

  it('offers every sector, career stage 1 to 6 in order, and the UK nations and regions', () => {
    expect(values(find(q, 'sector'))).toEqual([
      'nhs-acute',
      'primary-care',
      'mental-health',
      'community-health',
      'public-health',
      'higher-education',
      'research-institute',
      'industry',
      'charity',
      'government',
      'independent',
    ]);
    const stage = find(q, 'career-stage');
    expect(stage.type === 'single_choice' && stage.options.map((o) => o.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(values(find(q, 'region'))).toEqual(
      expect.arrayContaining(['scotland', 'wales', 'northern-ireland', 'london', 'south-west', 'outside-uk']),
    );
    expect(values(find(q, 'region'))).toHaveLength(13);
  });

  it('offers the languages of the UK’s communities as ISO 639 codes', () => {
    expect(values(find(q, 'languages'))).toEqual(
      expect.arrayContaining(['en', 'cy', 'gd', 'ga', 'fr', 'es', 'pl', 'ur', 'pa', 'ar']),
    );
  });

  it('asks for consent: used for matching, shared only once both accept, withdrawable', () => {
    const consent = find(q, 'consent');
    expect(consent).toMatchObject({ type: 'consent', required: true, maps: null });
    const statement = consent.type === 'consent' ? consent.statement : '';
    expect(statement).toMatch(/suggest/);
    expect(statement).toMatch(/only after we have both accepted/);
    expect(statement).toMatch(/withdraw at any time/);
  });

  it('is written in British English', () => {
    const american =
      /\b(organization|program|center|color|behavior|favorite|license|enroll|analyze|prioritize)\b/i;
    expect(wording(q).filter((text) => american.test(text))).toEqual([]);
  });
});

describe('mentee and mentor questionnaires together', () => {
  it('share one topic list, so goals and expertise can be compared', () => {
    const goals = find(healthInformationMentee, 'growth-areas');
    const expertise = find(healthInformationMentor, 'expertise');
    if (goals.type !== 'topics' || expertise.type !== 'topics') throw new Error('topic questions expected');
    expect(goals.taxonomy).toBe(expertise.taxonomy);
    expect(goals.options).toEqual(expertise.options);
    expect(goals.options).toHaveLength(12);
    expect(goals).toMatchObject({ maxPicks: 3, ranked: true, maps: 'topics' });
    expect(expertise).toMatchObject({ maxPicks: 5, ranked: true, maps: 'topics' });
  });

  it('ask the shared questions under the same ids', () => {
    const ids = (q: Questionnaire) => new Set(questionnaireQuestions(q).map((x) => x.id));
    const mentee = ids(healthInformationMentee);
    const mentor = ids(healthInformationMentor);
    expect([...mentee].filter((id) => !mentor.has(id))).toEqual(['growth-areas', 'hopes']);
    expect([...mentor].filter((id) => !mentee.has(id))).toEqual(['expertise', 'introduction', 'capacity']);
  });

  it('ask only mentors how many mentees they can take, from 1 to 5', () => {
    expect(find(healthInformationMentor, 'capacity')).toMatchObject({
      type: 'scale',
      min: 1,
      max: 5,
      maps: 'capacity',
    });
  });
});
