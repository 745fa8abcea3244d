// A programme's mentees and mentors prepared for scoring many pairs: compiled features, an
// inverted index of mentors' text vectors, and the named exclusions resolved to index pairs.
// `scanRow` scores one mentee against every mentor; every mode is built on it.
import {
  buildTables,
  combine,
  rowScorer,
  type ScoreTables,
  sharesLanguage,
  textSimilarity,
  topicSum,
  weightVector,
} from './criteria.ts';
import { type Compiled, compile, IN_PERSON, ONLINE } from './features.ts';
import { normaliseName, parsePairKey } from './rules.ts';
import type { TextModel } from './text.ts';
import type { Context, Person, Policy, ReasonCode } from './types.ts';

/** Tally slots, in the order the hard rules are checked (the first rule a pair breaks counts). */
export const reasonOrder: readonly ReasonCode[] = [
  'roles',
  'same_programme',
  'both_active',
  'capacity',
  'same_organisation',
  'named_exclusions',
  'previously_declined',
  'same_region_for_in_person',
  'shared_language',
];
const R_ROLES = 0;
const R_PROGRAMME = 1;
const R_ACTIVE = 2;
const R_CAPACITY = 3;
const R_ORGANISATION = 4;
const R_EXCLUSION = 5;
const R_DECLINED = 6;
const R_REGION = 7;
const R_LANGUAGE = 8;
export const REASON_COUNT = reasonOrder.length;

export interface Pool {
  readonly mentees: readonly Person[];
  readonly mentors: readonly Person[];
  readonly menteeCount: number;
  readonly mentorCount: number;
  /** Mentee i is compiled index i; mentor j is compiled index menteeCount + j. */
  readonly c: Compiled;
  readonly policy: Policy;
  readonly weights: Float64Array;
  readonly tables: ScoreTables;
  readonly menteeIndex: ReadonlyMap<string, number>;
  readonly mentorIndex: ReadonlyMap<string, number>;
  /** Mentors' text vectors by term: postMentor/postWeight[postStart[t] .. postStart[t+1]). */
  readonly postStart: Int32Array;
  readonly postMentor: Int32Array;
  readonly postWeight: Float64Array;
  /** Named exclusions (either side) as mentee index → mentor indices; empty when the rule is off. */
  readonly excluded: ReadonlyMap<number, readonly number[]>;
  readonly rules: {
    organisation: boolean;
    exclusions: boolean;
    declined: boolean;
    region: boolean;
    language: boolean;
  };
  /** Scratch space for one row at a time (the engine is single-threaded). */
  readonly textAcc: Float64Array;
  readonly mark: Int32Array;
  readonly markCode: Uint8Array;
  stamp: number;
}

function byId(a: Person, b: Person): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function indexById(people: readonly Person[], what: string): Map<string, number> {
  const index = new Map<string, number>();
  people.forEach((p, i) => {
    if (index.has(p.id)) throw new Error(`matching-engine: ${what} id "${p.id}" appears twice`);
    index.set(p.id, i);
  });
  return index;
}

/** People reachable by an exclusion entry: their email or their normalised name. */
function byNameOrEmail(people: readonly Person[]): Map<string, number[]> {
  const map = new Map<string, number[]>();
  const add = (key: string, i: number) => {
    if (key === '') return;
    const list = map.get(key);
    if (!list) map.set(key, [i]);
    else if (list[list.length - 1] !== i) list.push(i);
  };
  people.forEach((p, i) => {
    add(p.email.trim().toLowerCase(), i);
    add(normaliseName(p.displayName), i);
  });
  return map;
}

/**
 * Prepares a pool. People are sorted by id so that results do not depend on the order they were
 * given in (ties are broken by id everywhere).
 */
export function createPool(
  mentees: readonly Person[],
  mentors: readonly Person[],
  policy: Policy,
  textModel: TextModel,
): Pool {
  const sortedMentees = [...mentees].sort(byId);
  const sortedMentors = [...mentors].sort(byId);
  const menteeIndex = indexById(sortedMentees, 'mentee');
  const mentorIndex = indexById(sortedMentors, 'mentor');
  const N = sortedMentees.length;
  const M = sortedMentors.length;
  const c = compile([...sortedMentees, ...sortedMentors], textModel);

  let terms = 0;
  for (let j = 0; j < M; j++) {
    const v = c.text[N + j];
    if (v && v.terms.length > 0) terms = Math.max(terms, (v.terms[v.terms.length - 1] as number) + 1);
  }
  const postStart = new Int32Array(terms + 1);
  for (let j = 0; j < M; j++)
    for (const t of c.text[N + j]?.terms ?? []) postStart[t + 1] = (postStart[t + 1] as number) + 1;
  for (let t = 0; t < terms; t++) postStart[t + 1] = (postStart[t + 1] as number) + (postStart[t] as number);
  const fill = postStart.slice(0, terms);
  const postMentor = new Int32Array(postStart[terms] as number);
  const postWeight = new Float64Array(postStart[terms] as number);
  for (let j = 0; j < M; j++) {
    const v = c.text[N + j];
    if (!v) continue;
    for (let k = 0; k < v.terms.length; k++) {
      const t = v.terms[k] as number;
      const at = fill[t] as number;
      fill[t] = at + 1;
      postMentor[at] = j;
      postWeight[at] = v.weights[k] as number;
    }
  }

  const weights = weightVector(policy.weights);
  const rules = {
    organisation: policy.hardRules.includes('same_organisation'),
    exclusions: policy.hardRules.includes('named_exclusions'),
    declined: policy.hardRules.includes('previously_declined'),
    region: policy.hardRules.includes('same_region_for_in_person'),
    language: policy.hardRules.includes('shared_language'),
  };

  const excludedSets = new Map<number, Set<number>>();
  if (rules.exclusions) {
    const add = (i: number, j: number) => {
      const set = excludedSets.get(i);
      if (set) set.add(j);
      else excludedSets.set(i, new Set([j]));
    };
    const mentorsByKey = byNameOrEmail(sortedMentors);
    const menteesByKey = byNameOrEmail(sortedMentees);
    sortedMentees.forEach((p, i) => {
      for (const entry of p.attributes.exclusions) {
        for (const j of mentorsByKey.get(normaliseName(entry)) ?? []) add(i, j);
      }
    });
    sortedMentors.forEach((p, j) => {
      for (const entry of p.attributes.exclusions) {
        for (const i of menteesByKey.get(normaliseName(entry)) ?? []) add(i, j);
      }
    });
  }
  const excluded = new Map<number, number[]>();
  for (const [i, set] of excludedSets)
    excluded.set(
      i,
      [...set].sort((a, b) => a - b),
    );

  return {
    mentees: sortedMentees,
    mentors: sortedMentors,
    menteeCount: N,
    mentorCount: M,
    c,
    policy,
    weights,
    tables: buildTables(c, weights, N),
    menteeIndex,
    mentorIndex,
    postStart,
    postMentor,
    postWeight,
    excluded,
    rules,
    textAcc: new Float64Array(M),
    mark: new Int32Array(M),
    markCode: new Uint8Array(M),
    stamp: 0,
  };
}

/** What one call (one round, one instant proposal) knows beyond the pool: loads and declines. */
export interface CallState {
  /** Places left per mentor; 0 or less means full. */
  readonly remaining: Int32Array;
  /** Per mentor: 1 for an active mentor with a free place. */
  readonly open: Uint8Array;
  /** Declined pairs from a Set, as mentee index → mentor indices. */
  readonly declined: ReadonlyMap<number, readonly number[]>;
  readonly declinedFn: ((menteeId: string, mentorId: string) => boolean) | null;
  /** Per programme (compiled id): the mentors' gates, built on first use (see `gateOf`). */
  readonly gates: Map<number, Int32Array>;
}

export function callState(pool: Pool, context: Context): CallState {
  const remaining = new Int32Array(pool.mentorCount);
  const open = new Uint8Array(pool.mentorCount);
  pool.mentors.forEach((m, j) => {
    remaining[j] = (m.attributes.capacity ?? 1) - (context.openLoad?.get(m.id) ?? 0);
    const J = pool.menteeCount + j;
    open[j] = pool.c.isMentor[J] === 1 && pool.c.isActive[J] === 1 && (remaining[j] as number) > 0 ? 1 : 0;
  });
  const declined = new Map<number, number[]>();
  let declinedFn: CallState['declinedFn'] = null;
  const source = context.declinedPairs;
  if (pool.rules.declined && source) {
    if (typeof source === 'function') {
      declinedFn = source;
    } else {
      for (const key of source) {
        const pair = parsePairKey(key);
        if (!pair) continue;
        const i = pool.menteeIndex.get(pair[0]);
        const j = pool.mentorIndex.get(pair[1]);
        if (i === undefined || j === undefined) continue;
        const list = declined.get(i);
        if (list) list.push(j);
        else declined.set(i, [j]);
      }
    }
  }
  return { remaining, open, declined, declinedFn, gates: new Map() };
}

/** A closed gate: the mentor is full, not active, not a mentor or in another programme. */
const CLOSED = -3;

/**
 * For mentees of one programme, each mentor's gate: CLOSED, or the mentor's organisation id
 * (-1 when unknown) so that one comparison also applies the same-organisation rule.
 */
function gateOf(pool: Pool, state: CallState, programme: number): Int32Array {
  let gate = state.gates.get(programme);
  if (!gate) {
    gate = new Int32Array(pool.mentorCount);
    const { c, menteeCount: N } = pool;
    for (let j = 0; j < pool.mentorCount; j++) {
      const J = N + j;
      gate[j] = state.open[j] === 1 && c.programme[J] === programme ? (c.organisation[J] as number) : CLOSED;
    }
    state.gates.set(programme, gate);
  }
  return gate;
}

/** Marks mentee i's excluded and declined mentors with a fresh stamp; returns the stamp. */
function markBlocked(pool: Pool, state: CallState, i: number): number {
  const { mark, markCode } = pool;
  const stamp = ++pool.stamp;
  for (const j of pool.excluded.get(i) ?? []) {
    mark[j] = stamp;
    markCode[j] = R_EXCLUSION;
  }
  for (const j of state.declined.get(i) ?? []) {
    if (mark[j] !== stamp) {
      mark[j] = stamp;
      markCode[j] = R_DECLINED;
    }
  }
  return stamp;
}

/** The first rule the pair (mentee i, mentor j) breaks, as a tally slot, or -1. */
function firstBroken(pool: Pool, state: CallState, i: number, j: number, stamp: number): number {
  const { c, menteeCount: N, rules } = pool;
  const J = N + j;
  if (c.isMentor[J] !== 1) return R_ROLES;
  if (c.programme[J] !== c.programme[i]) return R_PROGRAMME;
  if (c.isActive[J] !== 1) return R_ACTIVE;
  if ((state.remaining[j] as number) <= 0) return R_CAPACITY;
  if (rules.organisation && (c.organisation[i] as number) >= 0 && c.organisation[J] === c.organisation[i]) {
    return R_ORGANISATION;
  }
  if (pool.mark[j] === stamp) return pool.markCode[j] as number;
  if (state.declinedFn?.((pool.mentees[i] as Person).id, (pool.mentors[j] as Person).id)) return R_DECLINED;
  if (rules.region) {
    const shared = (c.formats[i] as number) & (c.formats[J] as number);
    if (!(shared & ONLINE) && !(shared & IN_PERSON && c.region[J] === c.region[i])) return R_REGION;
  }
  if (rules.language && !sharesLanguage(c, i, J)) return R_LANGUAGE;
  return -1;
}

/**
 * Counts, for mentee `i`, the mentors ruled out by the first rule each breaks (into `tally`,
 * length REASON_COUNT, added to). Slow; used to explain a mentee left with no eligible mentor.
 */
export function tallyRow(pool: Pool, state: CallState, i: number, tally: Int32Array): void {
  const M = pool.mentorCount;
  if (pool.c.isMentor[i] !== 0) {
    tally[R_ROLES] = (tally[R_ROLES] as number) + M;
    return;
  }
  if (pool.c.isActive[i] !== 1) {
    tally[R_ACTIVE] = (tally[R_ACTIVE] as number) + M;
    return;
  }
  const stamp = markBlocked(pool, state, i);
  for (let j = 0; j < M; j++) {
    const reason = firstBroken(pool, state, i, j, stamp);
    if (reason >= 0) tally[reason] = (tally[reason] as number) + 1;
  }
}

/**
 * Scores mentee `i` against every mentor it may be matched with: writes the eligible mentors'
 * indices (ascending) and scores in thousandths to `outMentor`/`outMilli`, returns how many.
 * One pass over the mentors, fusing the hard rules (one gate comparison in the common case) with
 * the score (`criteria.ts`'s arithmetic, the class parts read from the pool's tables).
 */
export function scanRow(
  pool: Pool,
  state: CallState,
  i: number,
  outMentor: Int32Array,
  outMilli: Int32Array,
): number {
  const { c, menteeCount: N, mentorCount: M, rules, weights, textAcc: acc, mark, tables } = pool;
  if (c.isMentor[i] !== 0 || c.isActive[i] !== 1) return 0;

  // Text cosines for the whole row at once, term by term through the inverted index.
  const tv = c.text[i];
  const hasText = tv !== undefined && tv.terms.length > 0;
  if (hasText) {
    const { postStart, postMentor, postWeight } = pool;
    for (let k = 0; k < tv.terms.length; k++) {
      const t = tv.terms[k] as number;
      if (t + 1 >= postStart.length) continue;
      const w = tv.weights[k] as number;
      const end = postStart[t + 1] as number;
      for (let q = postStart[t] as number; q < end; q++) {
        const j = postMentor[q] as number;
        acc[j] = (acc[j] as number) + w * (postWeight[q] as number);
      }
    }
  }

  const stamp = markBlocked(pool, state, i);
  const gate = gateOf(pool, state, c.programme[i] as number);
  const menteeOrg = c.organisation[i] as number;
  // -2 never equals a gate: the rule is off, or the mentee's organisation is unknown.
  const organisation = rules.organisation && menteeOrg >= 0 ? menteeOrg : -2;
  const simple = state.declinedFn === null && !rules.region && !rules.language;

  const row = rowScorer(c, tables, weights, i, N);
  const { tableA, tableB, localA, localB } = tables;
  const { expertise, hasText: textOf } = c;
  const { rowA, rowB, goals, e0, e1, e2, g1, g2, goalSum, wTopics, wText, base } = row;
  const menteeText = hasText;
  let n = 0;
  for (let j = 0; j < M; j++) {
    let dot = 0;
    if (hasText) {
      dot = acc[j] as number;
      acc[j] = 0;
    }
    const g = gate[j] as number;
    if (g === CLOSED || g === organisation || mark[j] === stamp) continue;
    if (!simple && firstBroken(pool, state, i, j, stamp) >= 0) continue;
    const J = N + j;
    // Topics: Σ goal weight × expertise, rank order (ranks beyond the third: see topicSum).
    let topics = Number.NaN;
    if (goals > 0) {
      const sum =
        goals <= 3
          ? (expertise[e0 + j] as number) +
            g1 * (expertise[e1 + j] as number) +
            g2 * (expertise[e2 + j] as number)
          : topicSum(c, i, J);
      topics = sum / goalSum;
    }
    const text = textSimilarity(menteeText, textOf[J] === 1, dot);
    const a = tableA[rowA + (localA[J] as number)] as number;
    const b = tableB[rowB + (localB[J] as number)] as number;
    outMentor[n] = j;
    outMilli[n] = combine(wTopics, wText, base, a, b, topics, text);
    n++;
  }
  return n;
}
