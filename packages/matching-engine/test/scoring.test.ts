import { checkEvent, createEvent } from '@belong/contracts';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  buildTextModel,
  createEngine,
  DEFAULT_POLICY,
  type Person,
  type Policy,
  SCORE_SCALE,
  scorePair,
} from '../src/index.ts';
import { labels } from './support/health-information.ts';
import { mentee, mentor, policies, pools } from './support/people.ts';
import { explanationProblems } from './support/schemas.ts';

const sam = mentee('m1', 'Sam Okafor', {
  attributes: {
    topics: ['evidence-synthesis', 'critical-appraisal', 'leadership-management'],
    careerStage: 2,
    meetingFormats: ['online', 'in_person'],
    region: 'london',
    languages: ['en', 'cy'],
    text: 'I have been asked to support a systematic review and would like help with search strategies.',
  },
});
const priya = mentor('t1', 'Priya Shah', {
  attributes: {
    topics: ['evidence-synthesis', 'literature-searching', 'critical-appraisal'],
    careerStage: 4,
    meetingFormats: ['online', 'in_person'],
    region: 'london',
    languages: ['cy', 'en'],
    hoursPerMonth: 1,
    text: 'I support systematic reviews, protocols and search strategies for review teams.',
  },
});
const model = buildTextModel([
  sam.attributes.text,
  priya.attributes.text,
  'Copyright questions.',
  'Leading teams.',
]);

function criterion(person: Person, other: Person, name: string, policy: Policy = DEFAULT_POLICY) {
  const found = scorePair(person, other, policy, model, labels).explanation.criteria.find(
    (c) => c.criterion === name,
  );
  if (!found) throw new Error(`no ${name} in the explanation`);
  return found;
}

describe('scorePair: explanations a person understands', () => {
  it('names the shared main expertise and goal, for each side, by first name', () => {
    const topics = criterion(sam, priya, 'topics');
    expect(topics.forMentee).toBe(
      "Systematic reviews and evidence synthesis is Priya's main expertise and your first goal. " +
        'Priya also offers critical appraisal (your second goal).',
    );
    expect(topics.forMentor).toBe(
      "Systematic reviews and evidence synthesis is your main expertise and Sam's first goal. " +
        "You also offer critical appraisal (Sam's second goal).",
    );
  });

  it('says when both work in the same sector, and when sectors are related', () => {
    expect(criterion(sam, priya, 'sector').forMentee).toBe(
      'You both work in the same sector: NHS acute trust or hospital.',
    );
    const community = mentor('t2', 'Alex Jones', { attributes: { sector: 'community-health' } });
    const related = criterion(sam, community, 'sector');
    expect(related.forMentee).toBe(
      'You work in NHS acute trust or hospital and Alex in community health, which are closely related.',
    );
    expect(related.forMentor).toBe(
      'You work in community health and Sam in NHS acute trust or hospital, which are closely related.',
    );
    expect(related.similarity).toBeGreaterThan(0);
    expect(related.similarity).toBeLessThan(1);
  });

  it('explains career stage, meeting, languages and time from both sides', () => {
    expect(criterion(sam, priya, 'career_stage').forMentee).toMatch(
      /^Priya is two career stages ahead of you/,
    );
    expect(criterion(sam, priya, 'career_stage').forMentor).toMatch(
      /^You are two career stages ahead of Sam/,
    );
    expect(criterion(sam, priya, 'region_format').forMentee).toBe(
      'You can meet online or in person: you are both in London.',
    );
    expect(criterion(sam, priya, 'languages').forMentee).toBe(
      'You can both have mentoring conversations in English and Welsh (Cymraeg).',
    );
    expect(criterion(sam, priya, 'availability').forMentor).toBe(
      'You have about an hour a month for each mentee and Sam about 2 hours.',
    );
  });

  it('summarises the strongest reasons', () => {
    const { explanation, score } = scorePair(sam, priya, DEFAULT_POLICY, model, labels);
    expect(explanation.summary).toBe(
      `Sam and Priya: a strong match (${score.toFixed(1)} out of 100), mostly for goals and expertise, career stage and sector.`,
    );
  });

  it('falls back to ids without labels, and to sensible words without a shared topic', () => {
    const other = mentor('t3', 'Kwame Mensah', { attributes: { topics: ['copyright-licensing'] } });
    const topics = scorePair(sam, other, DEFAULT_POLICY, model).explanation.criteria.find(
      (c) => c.criterion === 'topics',
    );
    expect(topics?.forMentee).toBe('None of your goals is among the topics Kwame offers.');
    expect(topics?.similarity).toBe(0);
    const sector = scorePair(sam, priya, DEFAULT_POLICY, model).explanation.criteria.find(
      (c) => c.criterion === 'sector',
    );
    expect(sector?.forMentee).toBe('You both work in the same sector: nhs-acute.');
  });

  it('scores a mentor a step or two ahead above a peer, and a peer above someone behind', () => {
    const at = (stage: number) =>
      scorePair(sam, mentor('t9', 'Jo Bloggs', { attributes: { careerStage: stage } }), DEFAULT_POLICY, model)
        .score;
    expect(at(3)).toBe(at(4));
    expect(at(4)).toBeGreaterThan(at(6));
    expect(at(6)).toBeGreaterThan(at(2));
    expect(at(2)).toBeGreaterThan(at(1));
  });

  it('leaves preferences out of the score (nobody states any yet)', () => {
    const { explanation } = scorePair(sam, priya, DEFAULT_POLICY, model);
    expect(explanation.criteria.map((c) => c.criterion)).not.toContain('preferences');
    const onlyPreferences = { ...DEFAULT_POLICY.weights, topics: 0, text: 0, career_stage: 0 };
    const zeroElse = {
      weights: { ...onlyPreferences, sector: 0, region_format: 0, languages: 0, availability: 0 },
      hardRules: [],
    };
    expect(scorePair(sam, priya, zeroElse, model).score).toBe(0);
  });
});

describe('scorePair: numbers', () => {
  it('contributions add up to the score exactly (in thousandths), score in 0..100, schema-valid', () => {
    fc.assert(
      fc.property(pools({ maxMentees: 2, maxMentors: 2 }), policies, ({ mentees, mentors }, policy) => {
        const textModel = buildTextModel([...mentees, ...mentors].map((p) => p.attributes.text));
        for (const a of mentees) {
          for (const b of mentors) {
            const { score, explanation } = scorePair(a, b, policy, textModel, labels);
            expect(score).toBeGreaterThanOrEqual(0);
            expect(score).toBeLessThanOrEqual(100);
            expect(Number.isInteger(Math.round(score * SCORE_SCALE))).toBe(true);
            const milli = explanation.criteria.reduce(
              (s, c) => s + Math.round(c.contribution * SCORE_SCALE),
              0,
            );
            expect(milli).toBe(Math.round(score * SCORE_SCALE));
            const sum = explanation.criteria.reduce((s, c) => s + c.contribution, 0);
            expect(Math.abs(sum - score)).toBeLessThan(1e-9);
            for (const c of explanation.criteria) {
              expect(c.similarity).toBeGreaterThanOrEqual(0);
              expect(c.similarity).toBeLessThanOrEqual(1);
              // contribution = 100 × w·s / Σw (to the thousandth)
              const weights = explanation.criteria.reduce((s, x) => s + x.weight, 0);
              expect(Math.abs(c.contribution - (100 * c.weight * c.similarity) / weights)).toBeLessThan(
                0.0011,
              );
            }
            expect(explanationProblems(explanation)).toEqual([]);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('never puts what people wrote into an explanation', () => {
    const secret = 'Zyxwvut';
    const a = mentee('m5', 'Ffion Evans', { attributes: { text: `${secret} reviews and searching` } });
    const b = mentor('t5', 'Leon Chen', {
      attributes: { text: `${secret} reviews, searching and teaching` },
    });
    const { explanation } = scorePair(
      a,
      b,
      DEFAULT_POLICY,
      buildTextModel([a.attributes.text, b.attributes.text]),
    );
    expect(JSON.stringify(explanation).toLowerCase()).not.toContain(secret.toLowerCase());
  });

  it('an explanation travels in a valid match.proposed event', () => {
    const { score, explanation } = scorePair(sam, priya, DEFAULT_POLICY, model, labels);
    const { envelope } = createEvent(
      'belong.match.proposed.v1',
      {
        matchId: 'mat_1',
        programmeId: sam.programmeId,
        menteeId: sam.id,
        mentorId: priya.id,
        mode: 'cohort_round',
        roundId: 'rnd_1',
        score,
        explanation,
        proposedAt: '2026-11-27T10:00:00.000Z',
        expiresAt: '2026-12-04T10:00:00.000Z',
      },
      { source: '/belong/matching', id: 'evt_1', time: new Date('2026-11-27T10:00:00.000Z') },
    );
    expect(checkEvent(envelope)).toMatchObject({ ok: true });
  });

  // The engine also refuses to propose a pair whose bulk score differs from its explained one,
  // so running every mode here checks the bulk scorer against the explained arithmetic.
  it('the bulk scorer of a round gives exactly the explained score of every pair', () => {
    fc.assert(
      fc.property(pools({ maxMentees: 4, maxMentors: 4 }), policies, ({ mentees, mentors }, policy) => {
        const engine = createEngine({ mentees, mentors, policy });
        for (const a of mentees) {
          const { proposals } = engine.suggestions(a.id, mentors.length, {});
          for (const p of proposals) {
            const alone = scorePair(
              a,
              mentors.find((m) => m.id === p.mentorId) as Person,
              policy,
              engine.textModel,
            );
            expect(p.score).toBe(alone.score);
            expect(p.explanation).toEqual(alone.explanation);
          }
        }
        expect(() => engine.cohortRound({}, {})).not.toThrow();
        expect(() => engine.cohortRound({}, { stable: true })).not.toThrow();
      }),
      { numRuns: 100 },
    );
  });
});
