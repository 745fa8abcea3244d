// Each criterion's similarity (0..1) for (mentee, mentor) pairs of a compiled space, and their
// weighted combination into a score. The explained `scorePair` and the bulk scorer (`scanRow` in
// pool.ts) share this arithmetic step for step, so the number in an explanation is the number that
// was optimised, to the last bit (a test checks it on random pools).
import { type Compiled, IN_PERSON, ONLINE } from './features.ts';
import { SPECIALISM_SHARE } from './taxonomy.ts';
import { type Criterion, criteria } from './types.ts';

export const CRITERIA_COUNT = criteria.length;
export const TOPICS = 0;
export const TEXT = 1;
export const CAREER_STAGE = 2;
export const SECTOR = 3;
export const REGION_FORMAT = 4;
export const LANGUAGES = 5;
export const AVAILABILITY = 6;
export const PREFERENCES = 7;

/** Scores are kept in thousandths of a point: integers, so sums and optima are exact. */
export const SCORE_SCALE = 1000;
const MILLI_PER_UNIT = 100 * SCORE_SCALE;

/** 1, 1/2, 1/3 …: a mentee's goals in rank order (the topics question allows up to 20). */
const GOAL_WEIGHTS = Float64Array.from({ length: 64 }, (_, r) => 1 / (r + 1));

/** Policy weights in criterion order (the order of `criteria`). */
export function weightVector(weights: Readonly<Record<Criterion, number>>): Float64Array {
  return Float64Array.from(criteria, (c) => {
    const w = weights[c];
    return Number.isFinite(w) && w > 0 ? w : 0;
  });
}

/** Career stage, sector (with specialisms) and availability of (i, j) into out[0..2]. */
function classASimilarities(c: Compiled, i: number, j: number, out: Float64Array): void {
  out[0] = c.stageTable[(c.stage[j] as number) - (c.stage[i] as number) + 8] as number;
  let sector = c.sectorTable[(c.sector[i] as number) * c.sectorCount + (c.sector[j] as number)] as number;
  const si = c.specialismStart[i] as number;
  const sie = c.specialismStart[i + 1] as number;
  const sj = c.specialismStart[j] as number;
  const sje = c.specialismStart[j + 1] as number;
  if (sie > si && sje > sj) {
    let shared = 0;
    for (let a = si; a < sie; a++) {
      for (let b = sj; b < sje; b++) if (c.specialismIds[a] === c.specialismIds[b]) shared++;
    }
    sector = (1 - SPECIALISM_SHARE) * sector + (SPECIALISM_SHARE * shared) / Math.min(sie - si, sje - sj);
  }
  out[1] = sector;
  const hi = c.hours[i] as number;
  const hj = c.hours[j] as number;
  const high = Math.max(hi, hj);
  out[2] = high === 0 ? 1 : Math.min(hi, hj) / high;
}

/** Region/format and languages of (i, j) into out[0..1]. */
function classBSimilarities(c: Compiled, i: number, j: number, out: Float64Array): void {
  // The best way the pair can meet: in person needs the same region; online needs working hours
  // in common.
  const both = (c.formats[i] as number) & (c.formats[j] as number);
  const online =
    both & ONLINE
      ? (c.overlapTable[(c.timeZone[i] as number) * c.timeZoneCount + (c.timeZone[j] as number)] as number)
      : 0;
  const inPerson = both & IN_PERSON && c.region[i] === c.region[j] ? 1 : 0;
  out[0] = Math.max(online, inPerson);
  out[1] = sharesLanguage(c, i, j) ? 1 : 0;
}

function partA(w: Float64Array, s: Float64Array): number {
  return (
    (w[CAREER_STAGE] as number) * (s[0] as number) +
    (w[SECTOR] as number) * (s[1] as number) +
    (w[AVAILABILITY] as number) * (s[2] as number)
  );
}

function partB(w: Float64Array, s: Float64Array): number {
  return (w[REGION_FORMAT] as number) * (s[0] as number) + (w[LANGUAGES] as number) * (s[1] as number);
}

/** Σ goal weight × expertise weight of mentor `j`, over mentee `i`'s goals in rank order. */
export function topicSum(c: Compiled, i: number, j: number): number {
  let sum = 0;
  const ts = c.topicStart[i] as number;
  const te = c.topicStart[i + 1] as number;
  for (let k = ts; k < te; k++) {
    sum += (GOAL_WEIGHTS[k - ts] as number) * (c.expertise[(c.topicIds[k] as number) * c.size + j] as number);
  }
  return sum;
}

/** Σ of the weights of the criteria that apply to every pair (the class parts). */
function classWeight(w: Float64Array): number {
  return (
    (w[CAREER_STAGE] as number) +
    (w[SECTOR] as number) +
    (w[AVAILABILITY] as number) +
    (w[REGION_FORMAT] as number) +
    (w[LANGUAGES] as number)
  );
}

/**
 * The score in thousandths: 100 000 × Σ w·s / Σ w over the criteria that apply, rounded half up
 * (as `(x + 0.5) | 0`, several times faster here than Math.round), 0 if none does. `a` and `b` are the weighted class parts (they always apply); topics and text apply
 * unless NaN. Preferences: the questionnaire asks for none yet, so the criterion applies to no
 * pair and its weight is left out of every score; when preferences exist, add them here.
 */
export function combine(
  wTopics: number,
  wText: number,
  base: number,
  a: number,
  b: number,
  topics: number,
  text: number,
): number {
  let num = a + b;
  let den = base;
  if (!Number.isNaN(topics)) {
    num += wTopics * topics;
    den += wTopics;
  }
  if (!Number.isNaN(text)) {
    num += wText * text;
    den += wText;
  }
  return den > 0 ? ((MILLI_PER_UNIT * num) / den + 0.5) | 0 : 0;
}

export function textSimilarity(menteeText: boolean, mentorText: boolean, dot: number): number {
  if (!menteeText || !mentorText) return Number.NaN;
  return dot < 0 ? 0 : Math.min(dot, 1);
}

/** Score (thousandths) and similarities (criterion order, NaN = not applicable) of one pair. */
export function scorePairCompiled(
  c: Compiled,
  i: number,
  j: number,
  textDot: number,
  weights: Float64Array,
): { milli: number; sims: Float64Array } {
  const sa = new Float64Array(3);
  const sb = new Float64Array(2);
  classASimilarities(c, i, j, sa);
  classBSimilarities(c, i, j, sb);
  const goals = (c.topicStart[i + 1] as number) - (c.topicStart[i] as number);
  const topics = goals > 0 ? topicSum(c, i, j) / (c.goalWeightSum[i] as number) : Number.NaN;
  const text = textSimilarity(c.hasText[i] === 1, c.hasText[j] === 1, textDot);
  const wTopics = weights[TOPICS] as number;
  const wText = weights[TEXT] as number;
  const milli = combine(
    wTopics,
    wText,
    classWeight(weights),
    partA(weights, sa),
    partB(weights, sb),
    topics,
    text,
  );
  const sims = new Float64Array(CRITERIA_COUNT);
  sims[TOPICS] = topics;
  sims[TEXT] = text;
  sims[CAREER_STAGE] = sa[0] as number;
  sims[SECTOR] = sa[1] as number;
  sims[REGION_FORMAT] = sb[0] as number;
  sims[LANGUAGES] = sb[1] as number;
  sims[AVAILABILITY] = sa[2] as number;
  sims[PREFERENCES] = Number.NaN;
  return { milli, sims };
}

/** The class parts of every (mentee class, mentor class) pair of a pool, weighted. */
export interface ScoreTables {
  /** Per compiled person: its row (mentees) or column (mentors) in the tables. */
  readonly localA: Int32Array;
  readonly localB: Int32Array;
  readonly columnsA: number;
  readonly columnsB: number;
  readonly tableA: Float64Array;
  readonly tableB: Float64Array;
}

/** Mentees are compiled people [0, menteeCount), mentors the rest. */
export function buildTables(c: Compiled, weights: Float64Array, menteeCount: number): ScoreTables {
  const local = (classes: Int32Array) => {
    const index = new Int32Array(c.size);
    const rows = new Map<number, number>();
    const cols = new Map<number, number>();
    const rowRep: number[] = [];
    const colRep: number[] = [];
    for (let p = 0; p < c.size; p++) {
      const k = classes[p] as number;
      const map = p < menteeCount ? rows : cols;
      let at = map.get(k);
      if (at === undefined) {
        at = map.size;
        map.set(k, at);
        (p < menteeCount ? rowRep : colRep).push(p);
      }
      index[p] = at;
    }
    return { index, rowRep, colRep };
  };
  const A = local(c.classA);
  const B = local(c.classB);
  const tableA = new Float64Array(A.rowRep.length * A.colRep.length);
  const tableB = new Float64Array(B.rowRep.length * B.colRep.length);
  const sa = new Float64Array(3);
  const sb = new Float64Array(2);
  A.rowRep.forEach((i, r) => {
    A.colRep.forEach((j, k) => {
      classASimilarities(c, i, j, sa);
      tableA[r * A.colRep.length + k] = partA(weights, sa);
    });
  });
  B.rowRep.forEach((i, r) => {
    B.colRep.forEach((j, k) => {
      classBSimilarities(c, i, j, sb);
      tableB[r * B.colRep.length + k] = partB(weights, sb);
    });
  });
  return {
    localA: A.index,
    localB: B.index,
    columnsA: A.colRep.length,
    columnsB: B.colRep.length,
    tableA,
    tableB,
  };
}

/** What the bulk scorer reads once per mentee (see `scanRow` in pool.ts). */
export interface RowScorer {
  rowA: number;
  rowB: number;
  goals: number;
  /** Offsets in `expertise` of the first three goals' runs over the mentors (mentor j at +j). */
  e0: number;
  e1: number;
  e2: number;
  /** Weights of the second and third goals (0 when absent; the first goal's is 1). */
  g1: number;
  g2: number;
  goalSum: number;
  wTopics: number;
  wText: number;
  base: number;
}

/**
 * The per-mentee constants of the bulk scorer. With at most three goals it computes the topic
 * sum as e0 + g1·e1 + g2·e2, which is `topicSum`'s loop to the last bit (0 + 1·x = x, and absent
 * goals add exactly 0).
 */
export function rowScorer(
  c: Compiled,
  t: ScoreTables,
  weights: Float64Array,
  i: number,
  mentorStart: number,
): RowScorer {
  const ts = c.topicStart[i] as number;
  const goals = (c.topicStart[i + 1] as number) - ts;
  const run = (k: number) => (k < goals ? (c.topicIds[ts + k] as number) : (c.topicIds[ts] as number) || 0);
  return {
    rowA: (t.localA[i] as number) * t.columnsA,
    rowB: (t.localB[i] as number) * t.columnsB,
    goals,
    e0: run(0) * c.size + mentorStart,
    e1: run(1) * c.size + mentorStart,
    e2: run(2) * c.size + mentorStart,
    g1: goals > 1 ? (GOAL_WEIGHTS[1] as number) : 0,
    g2: goals > 2 ? (GOAL_WEIGHTS[2] as number) : 0,
    goalSum: c.goalWeightSum[i] as number,
    wTopics: weights[TOPICS] as number,
    wText: weights[TEXT] as number,
    base: classWeight(weights),
  };
}

/** Whether two compiled people share a language (for the `shared_language` rule). */
export function sharesLanguage(c: Compiled, i: number, j: number): boolean {
  const words = c.languageWords;
  for (let w = 0; w < words; w++) {
    if (((c.languages[i * words + w] as number) & (c.languages[j * words + w] as number)) !== 0) return true;
  }
  return false;
}

/**
 * Each applicable criterion's part of the score, in thousandths, adding up exactly to `total`
 * (largest-remainder rounding; a criterion with similarity 0 never gets a share).
 */
export function contributionsMilli(sims: Float64Array, weights: Float64Array, total: number): Float64Array {
  let den = 0;
  for (let k = 0; k < CRITERIA_COUNT; k++) if (!Number.isNaN(sims[k] as number)) den += weights[k] as number;
  const parts = new Float64Array(CRITERIA_COUNT);
  if (den === 0) return parts;
  const remainders: { k: number; r: number }[] = [];
  let sum = 0;
  for (let k = 0; k < CRITERIA_COUNT; k++) {
    const s = sims[k] as number;
    if (Number.isNaN(s)) continue;
    const raw = (MILLI_PER_UNIT * (weights[k] as number) * s) / den;
    const floor = Math.floor(raw);
    parts[k] = floor;
    sum += floor;
    if (raw > 0) remainders.push({ k, r: raw - floor });
  }
  remainders.sort((a, b) => b.r - a.r || a.k - b.k);
  let left = total - sum;
  // `left` is between 0 and the number of positive parts, bar floating-point noise; the loops
  // keep the sum exact whatever happens.
  for (let n = 0; left > 0 && remainders.length > 0; n++) {
    const k = (remainders[n % remainders.length] as { k: number }).k;
    parts[k] = (parts[k] as number) + 1;
    left--;
  }
  for (let n = 0; left < 0 && n < remainders.length * MILLI_PER_UNIT; n++) {
    const k = (remainders[remainders.length - 1 - (n % remainders.length)] as { k: number }).k;
    if ((parts[k] as number) > 0) {
      parts[k] = (parts[k] as number) - 1;
      left++;
    }
  }
  return parts;
}
