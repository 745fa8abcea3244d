// biome-ignore-all lint/style/noNonNullAssertion: typed-array indices here are in range by construction
// The three modes over one prepared pool. Build an engine once per programme snapshot (it
// compiles everyone and learns the text model) and ask it for as many proposals as needed.
import { optimalAssignment } from './assignment/auction.ts';
import type { Graph } from './assignment/graph.ts';
import { stableAssignment } from './assignment/stable.ts';
import { SCORE_SCALE, scorePairCompiled } from './criteria.ts';
import { explain } from './explain.ts';
import { type CallState, callState, createPool, type Pool, REASON_COUNT, scanRow, tallyRow } from './pool.ts';
import { lostInRoundReason, noEligibleMentorReason } from './reasons.ts';
import { countBlockingPairs, summarise } from './report.ts';
import { eligibility } from './rules.ts';
import { buildTextModel, type TextModel, type TextVector, textCosine } from './text.ts';
import type {
  CohortOptions,
  CohortResult,
  Context,
  Eligibility,
  InstantResult,
  Labels,
  Person,
  Policy,
  Proposal,
  ScoredPair,
} from './types.ts';

export interface EngineInput {
  mentees: readonly Person[];
  mentors: readonly Person[];
  policy: Policy;
  labels?: Labels;
  /** The programme's text model; by default learned from these mentees' and mentors' texts. */
  textModel?: TextModel;
}

export interface SuggestionsResult {
  proposals: Proposal[];
  /** Why there are none, when there are none. */
  reason: string | null;
}

export interface Engine {
  readonly textModel: TextModel;
  scorePair(menteeId: string, mentorId: string): ScoredPair;
  eligibility(menteeId: string, mentorId: string, context?: Context): Eligibility;
  /** The best eligible mentor with a free place (ties: lower id), or why there is none. */
  instant(menteeId: string, context?: Context): InstantResult;
  /** The k best eligible mentors with a free place, best first (ties: lower id). */
  suggestions(menteeId: string, k: number, context?: Context): SuggestionsResult;
  /** Matches every mentee of the engine at once; see `CohortOptions`. */
  cohortRound(context?: Context, options?: CohortOptions): CohortResult;
  /**
   * The graph a round would solve (every eligible pair, or each mentee's best N): for reports,
   * diagnostics and checking the solver against another one.
   */
  roundGraph(context?: Context, candidatesPerMentee?: number): RoundGraph;
}

/** A growable typed array for the round's graph (its size is known only after scoring). */
class IntList {
  data: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Int32Array(Math.max(16, capacity));
  }
  append(source: Int32Array, count: number): void {
    if (this.length + count > this.data.length) {
      const bigger = new Int32Array(Math.max(this.data.length * 2, this.length + count));
      bigger.set(this.data.subarray(0, this.length));
      this.data = bigger;
    }
    this.data.set(source.subarray(0, count), this.length);
    this.length += count;
  }
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

export function createEngine(input: EngineInput): Engine {
  const all = [...input.mentees, ...input.mentors].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const textModel = input.textModel ?? buildTextModel(all.map((p) => p.attributes.text));
  const pool = createPool(input.mentees, input.mentors, input.policy, textModel);
  const labels = input.labels ?? {};
  const M = pool.mentorCount;
  const rowMentor = new Int32Array(M);
  const rowMilli = new Int32Array(M);
  const tally = new Int32Array(REASON_COUNT);

  const menteeAt = (id: string): number => {
    const i = pool.menteeIndex.get(id);
    if (i === undefined) throw new Error(`matching-engine: no mentee "${id}" in this engine`);
    return i;
  };
  const mentorAt = (id: string): number => {
    const j = pool.mentorIndex.get(id);
    if (j === undefined) throw new Error(`matching-engine: no mentor "${id}" in this engine`);
    return j;
  };

  const propose = (i: number, j: number, bulkMilli: number): Proposal => {
    const { score, explanation } = explained(pool, i, j, labels, bulkMilli);
    return { menteeId: pool.mentees[i]!.id, mentorId: pool.mentors[j]!.id, score, explanation };
  };

  /** Scores a row; with none eligible, fills `tally` to say why. */
  const scan = (state: CallState, i: number): number => {
    const n = scanRow(pool, state, i, rowMentor, rowMilli);
    if (n === 0) {
      tally.fill(0);
      tallyRow(pool, state, i, tally);
    }
    return n;
  };

  return {
    textModel,
    scorePair(menteeId, mentorId) {
      const { score, explanation } = scoreCompiled(pool, menteeAt(menteeId), mentorAt(mentorId), labels);
      return { score, explanation };
    },
    eligibility(menteeId, mentorId, context = {}) {
      return eligibility(
        pool.mentees[menteeAt(menteeId)]!,
        pool.mentors[mentorAt(mentorId)]!,
        pool.policy,
        context,
      );
    },
    instant(menteeId, context = {}) {
      const i = menteeAt(menteeId);
      const n = scan(callState(pool, context), i);
      if (n === 0) return { mentorId: null, reason: noEligibleMentorReason(pool.mentees[i]!, tally) };
      let best = 0;
      for (let k = 1; k < n; k++) if (rowMilli[k]! > rowMilli[best]!) best = k;
      const proposal = propose(i, rowMentor[best]!, rowMilli[best]!);
      return { mentorId: proposal.mentorId, proposal };
    },
    suggestions(menteeId, k, context = {}) {
      const i = menteeAt(menteeId);
      const n = scan(callState(pool, context), i);
      if (n === 0) return { proposals: [], reason: noEligibleMentorReason(pool.mentees[i]!, tally) };
      const limit = Math.max(0, Math.min(k, n));
      const heap = new Float64Array(Math.max(1, limit));
      const chosenMentor = new Int32Array(Math.max(1, limit));
      const chosenMilli = new Int32Array(Math.max(1, limit));
      const kept = topCandidates(n, rowMentor, rowMilli, limit, M, heap, chosenMentor, chosenMilli);
      const order = Array.from({ length: kept }, (_, x) => x).sort(
        (x, y) => chosenMilli[y]! - chosenMilli[x]! || chosenMentor[x]! - chosenMentor[y]!,
      );
      return { proposals: order.map((x) => propose(i, chosenMentor[x]!, chosenMilli[x]!)), reason: null };
    },
    cohortRound(context = {}, options = {}) {
      return runRound(pool, labels, context, options);
    },
    roundGraph(context = {}, candidatesPerMentee) {
      const { graph, menteeIds, mentorIds } = buildGraph(pool, callState(pool, context), candidatesPerMentee);
      return { graph, menteeIds, mentorIds };
    },
  };
}

/**
 * Score and explanation of a pair the bulk scorer chose. Both compute the same arithmetic; if
 * they ever disagreed, a proposal would explain a number that was not optimised, so that is an
 * error, not a silent difference.
 */
function explained(
  pool: Pool,
  i: number,
  j: number,
  labels: Labels,
  bulkMilli: number,
): ScoredPair & { milli: number } {
  const scored = scoreCompiled(pool, i, j, labels);
  if (scored.milli !== bulkMilli) {
    throw new Error(
      `matching-engine: bulk score ${bulkMilli} ≠ explained score ${scored.milli} for ${pool.mentees[i]!.id}/${pool.mentors[j]!.id} (a bug)`,
    );
  }
  return scored;
}

/** Score and explanation of mentee i with mentor j, through the same code as the bulk scorer. */
function scoreCompiled(pool: Pool, i: number, j: number, labels: Labels): ScoredPair & { milli: number } {
  const c = pool.c;
  const J = pool.menteeCount + j;
  const { milli, sims } = scorePairCompiled(
    c,
    i,
    J,
    textCosine(c.text[i] as TextVector, c.text[J] as TextVector),
    pool.weights,
  );
  return {
    milli,
    score: milli / SCORE_SCALE,
    explanation: explain(pool.mentees[i]!, pool.mentors[j]!, sims, pool.weights, milli, labels),
  };
}

/**
 * A row's `limit` best candidates (score, then lower mentor index) into `outMentor`/`outMilli`
 * in mentor order; returns how many. Keys milli × M + (M − 1 − mentor) are unique and exact in a
 * double, so one comparison ranks two candidates; a min-heap keeps the best seen so far.
 */
function topCandidates(
  n: number,
  mentor: Int32Array,
  milli: Int32Array,
  limit: number,
  mentors: number,
  heap: Float64Array,
  outMentor: Int32Array,
  outMilli: Int32Array,
): number {
  let size = 0;
  for (let x = 0; x < n; x++) {
    const key = milli[x]! * mentors + (mentors - 1 - mentor[x]!);
    if (size < limit) {
      let at = size++;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (heap[parent]! <= key) break;
        heap[at] = heap[parent]!;
        at = parent;
      }
      heap[at] = key;
    } else if (key > heap[0]!) {
      let at = 0;
      for (;;) {
        const left = 2 * at + 1;
        if (left >= size) break;
        const child = left + 1 < size && heap[left + 1]! < heap[left]! ? left + 1 : left;
        if (heap[child]! >= key) break;
        heap[at] = heap[child]!;
        at = child;
      }
      heap[at] = key;
    }
  }
  const chosen = Array.from(heap.subarray(0, size), (key) => {
    const m = mentors - 1 - (key % mentors);
    return { m, v: (key - (mentors - 1 - m)) / mentors };
  }).sort((x, y) => x.m - y.m);
  chosen.forEach((c, k) => {
    outMentor[k] = c.m;
    outMilli[k] = c.v;
  });
  return size;
}

/** The pairs a round considers; see `Engine.roundGraph`. */
export interface RoundGraph {
  /** Rows are mentees, columns mentors, both in id order; values are scores in thousandths. */
  graph: Graph;
  menteeIds: string[];
  mentorIds: string[];
}

interface BuiltGraph extends RoundGraph {
  pruned: boolean;
  limit: number;
  eligibleCount: Int32Array;
  /** Mentees with no eligible mentor, and why. */
  noEligible: Map<number, string>;
  mentorsAvailable: number;
}

function buildGraph(pool: Pool, state: CallState, candidatesPerMentee: number | undefined): BuiltGraph {
  const N = pool.menteeCount;
  const M = pool.mentorCount;
  const pruned = candidatesPerMentee !== undefined && Number.isFinite(candidatesPerMentee);
  if (pruned && !(candidatesPerMentee >= 1)) {
    throw new RangeError(
      `matching-engine: candidatesPerMentee must be at least 1 (got ${candidatesPerMentee})`,
    );
  }
  const limit = pruned ? Math.floor(candidatesPerMentee) : M;

  const rowStart = new Int32Array(N + 1);
  const col = new IntList(pruned ? N * limit : N * 16);
  const value = new IntList(pruned ? N * limit : N * 16);
  const eligibleCount = new Int32Array(N);
  const noEligible = new Map<number, string>();
  const rowMentor = new Int32Array(M);
  const rowMilli = new Int32Array(M);
  const tally = new Int32Array(REASON_COUNT);
  const heap = new Float64Array(Math.max(1, limit));
  const bestMentor = new Int32Array(Math.max(1, limit));
  const bestMilli = new Int32Array(Math.max(1, limit));
  for (let i = 0; i < N; i++) {
    const n = scanRow(pool, state, i, rowMentor, rowMilli);
    eligibleCount[i] = n;
    if (n === 0) {
      tally.fill(0);
      tallyRow(pool, state, i, tally);
      noEligible.set(i, noEligibleMentorReason(pool.mentees[i]!, tally));
    }
    if (pruned && n > limit) {
      const kept = topCandidates(n, rowMentor, rowMilli, limit, M, heap, bestMentor, bestMilli);
      col.append(bestMentor, kept);
      value.append(bestMilli, kept);
    } else {
      col.append(rowMentor, n);
      value.append(rowMilli, n);
    }
    rowStart[i + 1] = col.length;
  }

  const capacity = new Int32Array(M);
  let mentorsAvailable = 0;
  for (let j = 0; j < M; j++) {
    capacity[j] = state.open[j] === 1 ? state.remaining[j]! : 0;
    if (state.open[j] === 1) mentorsAvailable++;
  }
  return {
    graph: { rows: N, cols: M, rowStart, col: col.view(), value: value.view(), capacity },
    menteeIds: pool.mentees.map((m) => m.id),
    mentorIds: pool.mentors.map((m) => m.id),
    pruned,
    limit,
    eligibleCount,
    noEligible,
    mentorsAvailable,
  };
}

function runRound(pool: Pool, labels: Labels, context: Context, options: CohortOptions): CohortResult {
  const N = pool.menteeCount;
  const M = pool.mentorCount;
  const state = callState(pool, context);
  const built = buildGraph(pool, state, options.candidatesPerMentee);
  const { graph, pruned, limit, eligibleCount, noEligible, mentorsAvailable } = built;
  const { rowStart, capacity } = graph;
  const assignment = options.stable
    ? stableAssignment(graph)
    : optimalAssignment(graph, { maximiseMatched: options.maximiseMatched === true });

  const proposals: Proposal[] = [];
  const matchedMilli: number[] = [];
  const loads = new Int32Array(M);
  let totalMilli = 0;
  for (let i = 0; i < N; i++) {
    const j = assignment[i]!;
    if (j < 0) continue;
    loads[j]!++;
    let bulk = -1;
    for (let e = rowStart[i]!; e < rowStart[i + 1]!; e++) if (graph.col[e] === j) bulk = graph.value[e]!;
    const scored = explained(pool, i, j, labels, bulk);
    proposals.push({
      menteeId: pool.mentees[i]!.id,
      mentorId: pool.mentors[j]!.id,
      score: scored.score,
      explanation: scored.explanation,
    });
    matchedMilli.push(scored.milli);
    totalMilli += scored.milli;
  }

  const unmatched: { menteeId: string; reason: string }[] = [];
  for (let i = 0; i < N; i++) {
    if (assignment[i]! >= 0) continue;
    let reason = noEligible.get(i);
    if (reason === undefined) {
      let placeLeft = false;
      for (let e = rowStart[i]!; e < rowStart[i + 1]!; e++) {
        const j = graph.col[e]!;
        if (loads[j]! < capacity[j]!) placeLeft = true;
      }
      reason = lostInRoundReason(
        rowStart[i + 1]! - rowStart[i]!,
        pruned && eligibleCount[i]! > limit,
        placeLeft,
      );
    }
    unmatched.push({ menteeId: pool.mentees[i]!.id, reason });
  }

  const report = summarise({
    mentees: N,
    mentors: mentorsAvailable,
    matchedMilli,
    loads,
    blockingPairs: countBlockingPairs(graph, assignment),
    unmatched,
  });
  const percent = (a: number, b: number) => (b === 0 ? 0 : Math.round((1000 * a) / b) / 10);
  return {
    method: options.stable ? 'stable' : options.maximiseMatched ? 'optimal_max_matched' : 'optimal',
    proposals,
    totalScore: totalMilli / SCORE_SCALE,
    report,
    rates: {
      matchedPercent: percent(report.menteesMatched, N),
      mentorsUsedPercent: percent(report.mentorsUsed, mentorsAvailable),
    },
    graph: { pairs: graph.col.length, pruned, candidatesPerMentee: pruned ? limit : null },
    blockingPairsScope: pruned ? 'candidate_pairs' : 'all_eligible_pairs',
  };
}
