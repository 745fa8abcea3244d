// One pair, scored and explained, without an engine: for a coordinator's "why this pair?" view or
// a manual match. Eligibility is a separate question (see rules.ts).
import { SCORE_SCALE, scorePairCompiled, weightVector } from './criteria.ts';
import { explain } from './explain.ts';
import { compile } from './features.ts';
import { buildTextModel, type TextModel, type TextVector, textCosine } from './text.ts';
import type { Labels, Person, Policy, ScoredPair } from './types.ts';

/**
 * Score 0..100 (a multiple of 0.001) and its explanation. `textModel` should be the programme's
 * (see `buildTextModel`); without one, a model of just these two texts is used, which weighs
 * words less well.
 */
export function scorePair(
  mentee: Person,
  mentor: Person,
  policy: Policy,
  textModel?: TextModel,
  labels: Labels = {},
): ScoredPair {
  const model = textModel ?? buildTextModel([mentee.attributes.text, mentor.attributes.text]);
  const c = compile([mentee, mentor], model);
  const weights = weightVector(policy.weights);
  const dot = textCosine(c.text[0] as TextVector, c.text[1] as TextVector);
  const { milli, sims } = scorePairCompiled(c, 0, 1, dot, weights);
  return { score: milli / SCORE_SCALE, explanation: explain(mentee, mentor, sims, weights, milli, labels) };
}
