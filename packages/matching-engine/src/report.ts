// biome-ignore-all lint/style/noNonNullAssertion: typed-array indices here are in range by construction
// The quality figures of a round, in the shape of `RoundCompletedV1.report`.
import type { Assignment, Graph } from './assignment/graph.ts';
import { SCORE_SCALE } from './criteria.ts';
import type { RoundReport } from './types.ts';

/**
 * Pairs (mentee, mentor) of the graph, not matched together, where the mentee would rather have
 * this mentor (a strictly higher score than its own match, or it has none) and the mentor would
 * take the mentee (a free place left, or a strictly higher score than one of its mentees). One
 * pass over the graph's pairs.
 */
export function countBlockingPairs(g: Graph, assignment: Assignment): number {
  const own = new Int32Array(g.rows).fill(-1);
  for (let r = 0; r < g.rows; r++) {
    const j = assignment[r]!;
    if (j < 0) continue;
    for (let e = g.rowStart[r]!; e < g.rowStart[r + 1]!; e++) {
      if (g.col[e] === j) {
        own[r] = g.value[e]!;
        break;
      }
    }
  }
  const free = Int32Array.from(g.capacity);
  const weakest = new Int32Array(g.cols).fill(2 ** 31 - 1);
  for (let r = 0; r < g.rows; r++) {
    const j = assignment[r]!;
    if (j < 0) continue;
    free[j]!--;
    if (own[r]! < weakest[j]!) weakest[j] = own[r]!;
  }
  let blocking = 0;
  for (let r = 0; r < g.rows; r++) {
    const mine = own[r]!;
    const j0 = assignment[r]!;
    for (let e = g.rowStart[r]!; e < g.rowStart[r + 1]!; e++) {
      const j = g.col[e]!;
      const v = g.value[e]!;
      if (j === j0 || v <= mine) continue;
      if (free[j]! > 0 || v > weakest[j]!) blocking++;
    }
  }
  return blocking;
}

function median(sorted: readonly number[]): number {
  if (sorted.length === 0) return 0;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Rounds a figure for people (the report is read, not computed with). */
const round3 = (x: number) => Math.round(x * 1000) / 1000;

export function summarise(input: {
  mentees: number;
  mentors: number;
  /** Scores in thousandths of the matched pairs. */
  matchedMilli: readonly number[];
  /** Mentees given to each mentor in this round (0 for unused mentors). */
  loads: ArrayLike<number>;
  blockingPairs: number;
  unmatched: { menteeId: string; reason: string }[];
}): RoundReport {
  const scores = [...input.matchedMilli].sort((a, b) => a - b).map((m) => m / SCORE_SCALE);
  const sum = input.matchedMilli.reduce((a, b) => a + b, 0) / SCORE_SCALE;
  const used: number[] = [];
  for (let j = 0; j < input.loads.length; j++) if (input.loads[j]! > 0) used.push(input.loads[j]!);
  const loadMean = used.length === 0 ? 0 : used.reduce((a, b) => a + b, 0) / used.length;
  const variance = used.length === 0 ? 0 : used.reduce((a, b) => a + (b - loadMean) ** 2, 0) / used.length;
  return {
    mentees: input.mentees,
    menteesMatched: scores.length,
    mentors: input.mentors,
    mentorsUsed: used.length,
    score: {
      min: scores[0] ?? 0,
      median: round3(median(scores)),
      mean: scores.length === 0 ? 0 : round3(sum / scores.length),
    },
    load: {
      min: used.reduce((a, b) => Math.min(a, b), used[0] ?? 0),
      max: used.reduce((a, b) => Math.max(a, b), 0),
      mean: round3(loadMean),
      stdev: round3(Math.sqrt(variance)),
    },
    blockingPairs: input.blockingPairs,
    unmatched: input.unmatched,
  };
}
