// @belong/matching-engine: pure matching (no I/O, no clock, no randomness). Score and explain a
// pair, check the hard rules, and propose matches in the three modes: instant, mentee choice
// (suggestions) and cohort round (the exact optimum, or a stable matching).
import { createEngine, type SuggestionsResult } from './engine.ts';
import type { TextModel } from './text.ts';
import type { CohortOptions, CohortResult, Context, InstantResult, Labels, Person, Policy } from './types.ts';

export { optimalAssignment } from './assignment/auction.ts';
export type { Assignment, Graph } from './assignment/graph.ts';
export { stableAssignment } from './assignment/stable.ts';
export { SCORE_SCALE } from './criteria.ts';
export {
  createEngine,
  type Engine,
  type EngineInput,
  type RoundGraph,
  type SuggestionsResult,
} from './engine.ts';
export { criterionLabels } from './explain.ts';
export { countBlockingPairs } from './report.ts';
export { eligibility, normaliseName, pairKey } from './rules.ts';
export { scorePair } from './score.ts';
export { careerStageSimilarity, sectorSimilarity } from './taxonomy.ts';
export { buildTextModel, type TextModel, type TextVector, textCosine, tokenise } from './text.ts';
export * from './types.ts';

export interface ModeOptions {
  /** The programme's text model (learned from everyone's texts); by default, from the people given. */
  textModel?: TextModel;
  labels?: Labels;
}

/** Instant mode: the best eligible mentor with a free place for a newly verified mentee. */
export function instant(
  mentee: Person,
  mentors: readonly Person[],
  policy: Policy,
  context: Context = {},
  options: ModeOptions = {},
): InstantResult {
  return createEngine({ mentees: [mentee], mentors, policy, ...options }).instant(mentee.id, context);
}

/** Mentee-choice mode: the k best eligible mentors with a free place, with explanations. */
export function suggestions(
  mentee: Person,
  mentors: readonly Person[],
  k: number,
  policy: Policy,
  context: Context = {},
  options: ModeOptions = {},
): SuggestionsResult {
  return createEngine({ mentees: [mentee], mentors, policy, ...options }).suggestions(mentee.id, k, context);
}

/** Cohort round: every mentee at once, the optimum of the total score under capacities. */
export function cohortRound(
  mentees: readonly Person[],
  mentors: readonly Person[],
  policy: Policy,
  context: Context = {},
  options: CohortOptions & ModeOptions = {},
): CohortResult {
  const { textModel, labels, ...round } = options;
  const engine = createEngine({
    mentees,
    mentors,
    policy,
    ...(textModel ? { textModel } : {}),
    ...(labels ? { labels } : {}),
  });
  return engine.cohortRound(context, round);
}
