import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  type CohortOptions,
  type CohortResult,
  type Context,
  cohortRound,
  createEngine,
  DEFAULT_POLICY,
  eligibility,
  instant,
  type Person,
  type Policy,
  SCORE_SCALE,
  suggestions,
} from '../src/index.ts';
import { bruteForce } from './support/brute-force.ts';
import { labels } from './support/health-information.ts';
import { mentee, mentor, policies, pools } from './support/people.ts';
import { explanationProblems, reportProblems } from './support/schemas.ts';

const sam = mentee('m1', 'Sam Okafor', { attributes: { topics: ['evidence-synthesis'], careerStage: 2 } });
const best = mentor('t2', 'Priya Shah', { attributes: { topics: ['evidence-synthesis'], capacity: 1 } });
const good = mentor('t1', 'Alex Jones', {
  attributes: { topics: ['literature-searching', 'evidence-synthesis'] },
});
const twin = mentor('t3', 'Priya Shah', { attributes: { topics: ['evidence-synthesis'], capacity: 1 } });

describe('instant', () => {
  it('proposes the best eligible mentor with a free place, ties to the lower id', () => {
    const result = instant(sam, [best, good, twin], DEFAULT_POLICY, {}, { labels });
    expect(result.mentorId).toBe('t2');
    if (result.mentorId === null) throw new Error('expected a proposal');
    expect(result.proposal.menteeId).toBe('m1');
    expect(explanationProblems(result.proposal.explanation)).toEqual([]);
  });

  it('moves on when the best mentor is full', () => {
    const full = { openLoad: new Map([['t2', 1]]) };
    expect(instant(sam, [best, good, twin], DEFAULT_POLICY, full).mentorId).toBe('t3');
  });

  it('says why there is nobody', () => {
    const colleague = mentor('t4', 'Kim Lee', { attributes: { organisation: sam.attributes.organisation } });
    expect(instant(sam, [colleague], DEFAULT_POLICY)).toEqual({
      mentorId: null,
      reason: 'Every mentor with a free place is in your organisation.',
    });
    expect(instant(sam, [best], DEFAULT_POLICY, { openLoad: new Map([['t2', 1]]) })).toEqual({
      mentorId: null,
      reason: 'No mentor with a free place: every mentor in the programme is full.',
    });
    const excluded = mentor('t5', 'Leon Chen', { attributes: { exclusions: [sam.email] } });
    expect(instant(sam, [colleague, excluded], DEFAULT_POLICY)).toEqual({
      mentorId: null,
      reason:
        'Every mentor with a free place is ruled out: 1 in your organisation, 1 named as a person to avoid.',
    });
    expect(instant({ ...sam, status: 'pending' }, [best], DEFAULT_POLICY)).toEqual({
      mentorId: null,
      reason: 'Your profile is pending, so no mentor was looked for.',
    });
  });
});

describe('suggestions (mentee choice)', () => {
  it('offers the k best eligible mentors, best first, with explanations', () => {
    const result = suggestions(sam, [good, twin, best], 2, DEFAULT_POLICY);
    expect(result.reason).toBeNull();
    expect(result.proposals.map((p) => p.mentorId)).toEqual(['t2', 't3']);
    expect(result.proposals[0]?.score).toBeGreaterThanOrEqual(result.proposals[1]?.score ?? 0);
  });
});

/** Every eligible pair of the pool with its score in thousandths: what brute force searches. */
function eligibleGraph(mentees: Person[], mentors: Person[], policy: Policy, context: Context) {
  const engine = createEngine({ mentees, mentors, policy });
  const menteeIds = mentees.map((m) => m.id).sort();
  const mentorIds = mentors.map((m) => m.id).sort();
  const rowStart = [0];
  const col: number[] = [];
  const value: number[] = [];
  for (const id of menteeIds) {
    const row = engine
      .suggestions(id, mentorIds.length, context)
      .proposals.map((p) => [mentorIds.indexOf(p.mentorId), Math.round(p.score * SCORE_SCALE)] as const)
      .sort((x, y) => x[0] - y[0]);
    for (const [j, v] of row) {
      col.push(j);
      value.push(v);
    }
    rowStart.push(col.length);
  }
  const capacity = Int32Array.from(mentorIds, (id) => {
    const m = mentors.find((x) => x.id === id) as Person;
    return Math.max(0, (m.attributes.capacity ?? 1) - (context.openLoad?.get(id) ?? 0));
  });
  const graph = {
    rows: menteeIds.length,
    cols: mentorIds.length,
    rowStart: Int32Array.from(rowStart),
    col: Int32Array.from(col),
    value: Int32Array.from(value),
    capacity,
  };
  return { engine, graph };
}

function check(result: CohortResult, mentees: Person[], mentors: Person[], policy: Policy, context: Context) {
  const byId = new Map([...mentees, ...mentors].map((p) => [p.id, p]));
  const load = new Map<string, number>();
  const seen = new Set<string>();
  for (const p of result.proposals) {
    // Hard rules (including capacity left after open matches) hold for every proposal.
    expect(
      eligibility(byId.get(p.menteeId) as Person, byId.get(p.mentorId) as Person, policy, context),
    ).toEqual({
      ok: true,
    });
    expect(seen.has(p.menteeId)).toBe(false);
    seen.add(p.menteeId);
    load.set(p.mentorId, (load.get(p.mentorId) ?? 0) + 1);
  }
  for (const [id, n] of load) {
    const m = byId.get(id) as Person;
    expect(n + (context.openLoad?.get(id) ?? 0)).toBeLessThanOrEqual(m.attributes.capacity ?? 1);
  }
  expect(reportProblems(result.report)).toEqual([]);
  expect(result.report.menteesMatched).toBe(result.proposals.length);
  expect(result.report.unmatched.length).toBe(mentees.length - result.proposals.length);
  expect(result.report.unmatched.every((u) => u.reason.length > 0)).toBe(true);
}

describe('cohortRound', () => {
  it('finds the optimum of the total score (brute force over the same scores), with and without maximiseMatched', () => {
    fc.assert(
      fc.property(pools(), policies, ({ mentees, mentors, context }, policy) => {
        const { engine, graph } = eligibleGraph(mentees, mentors, policy, context);
        for (const maximiseMatched of [false, true]) {
          const result = engine.cohortRound(context, { maximiseMatched });
          check(result, mentees, mentors, policy, context);
          const bestTotal = bruteForce(graph, maximiseMatched);
          expect(Math.round(result.totalScore * SCORE_SCALE)).toBe(bestTotal.total);
          if (maximiseMatched) expect(result.report.menteesMatched).toBe(bestTotal.matched);
          const sum = result.proposals.reduce((s, p) => s + Math.round(p.score * SCORE_SCALE), 0);
          expect(sum).toBe(Math.round(result.totalScore * SCORE_SCALE));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never breaks a hard rule or a capacity in any mode (instant, suggestions, every round), and the stable round has no blocking pair', () => {
    const modes: CohortOptions[] = [
      {},
      { maximiseMatched: true },
      { stable: true },
      { candidatesPerMentee: 1 },
      { candidatesPerMentee: 2, maximiseMatched: true },
      { candidatesPerMentee: 2, stable: true },
    ];
    fc.assert(
      fc.property(
        pools({ maxMentees: 8, maxMentors: 4 }),
        policies,
        ({ mentees, mentors, context }, policy) => {
          const engine = createEngine({ mentees, mentors, policy });
          for (const options of modes) {
            const result = engine.cohortRound(context, options);
            check(result, mentees, mentors, policy, context);
            if (options.stable) expect(result.report.blockingPairs).toBe(0);
            for (const p of result.proposals) expect(explanationProblems(p.explanation)).toEqual([]);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('is deterministic and does not depend on the order people are given in', () => {
    fc.assert(
      fc.property(pools({ maxMentees: 8, maxMentors: 4 }), ({ mentees, mentors, context }) => {
        const a = cohortRound(mentees, mentors, DEFAULT_POLICY, context);
        const b = cohortRound([...mentees].reverse(), [...mentors].reverse(), DEFAULT_POLICY, context);
        expect(b).toEqual(a);
      }),
      { numRuns: 100 },
    );
  });

  it('reports the round in the shape of round.completed, with a reason for everyone unmatched', () => {
    const colleague = mentee('m2', 'Jo Bloggs', {
      attributes: { organisation: best.attributes.organisation },
    });
    const third = mentee('m3', 'Ewa Nowak', { attributes: { topics: ['evidence-synthesis'] } });
    const result = cohortRound([sam, colleague, third], [best], DEFAULT_POLICY, {}, { labels });
    expect(result.method).toBe('optimal');
    expect(result.proposals.map((p) => [p.menteeId, p.mentorId])).toEqual([['m1', 't2']]);
    expect(result.report).toEqual({
      mentees: 3,
      menteesMatched: 1,
      mentors: 1,
      mentorsUsed: 1,
      score: { min: result.totalScore, median: result.totalScore, mean: result.totalScore },
      load: { min: 1, max: 1, mean: 1, stdev: 0 },
      blockingPairs: 0,
      unmatched: [
        { menteeId: 'm2', reason: 'Every mentor with a free place is in your organisation.' },
        {
          menteeId: 'm3',
          reason:
            'The places of the one mentor you could be matched with went to other mentees in this round.',
        },
      ],
    });
    expect(result.rates).toEqual({ matchedPercent: 33.3, mentorsUsedPercent: 100 });
    expect(reportProblems(result.report)).toEqual([]);
  });
});
