// The engine's types. The policy's vocabulary (criteria, hard rules, defaults) is the contract the
// profile service stores programmes with (packages/contracts/src/matching-policy.ts).
import {
  type Criterion,
  DEFAULT_HARD_RULES,
  DEFAULT_WEIGHTS,
  type HardRule,
  type MatchExplanation,
  type MatchingAttributes,
} from '@belong/contracts';

export {
  type Criterion,
  criteria,
  DEFAULT_HARD_RULES,
  DEFAULT_WEIGHTS,
  type HardRule,
  hardRules,
} from '@belong/contracts';

export interface Policy {
  /** 0..100 each; they need not add up to 100 (the score divides by their sum). */
  weights: Readonly<Record<Criterion, number>>;
  /** Optional rules; capacity, same programme, both active and roles are always enforced. */
  hardRules: readonly HardRule[];
}

export const DEFAULT_POLICY: Policy = { weights: DEFAULT_WEIGHTS, hardRules: DEFAULT_HARD_RULES };

export type PersonStatus = 'active' | 'paused' | 'pending' | 'withdrawn';

export interface Person {
  id: string;
  programmeId: string;
  role: 'mentee' | 'mentor';
  status: PersonStatus;
  displayName: string;
  /** Lower-case. */
  email: string;
  attributes: MatchingAttributes;
}

/** Display labels by taxonomy id. Anything missing is shown as its id. */
export interface Labels {
  sectors?: Readonly<Record<string, string>>;
  topics?: Readonly<Record<string, string>>;
  regions?: Readonly<Record<string, string>>;
  languages?: Readonly<Record<string, string>>;
  specialisms?: Readonly<Record<string, string>>;
}

/** Key of a (mentee, mentor) pair in `Context.declinedPairs`; build it with `pairKey`. */
export type PairKey = string;

export interface Context {
  /** Pairs declined before (by either side), as `pairKey(menteeId, mentorId)` or a predicate. */
  declinedPairs?: ReadonlySet<PairKey> | ((menteeId: string, mentorId: string) => boolean);
  /** Places each mentor already has taken (open matches); missing means 0. */
  openLoad?: ReadonlyMap<string, number>;
}

/** Why a pair may not be matched. `code` is the rule; `message` says it in words. */
export type ReasonCode =
  | 'roles'
  | 'same_programme'
  | 'both_active'
  | 'capacity'
  | 'same_organisation'
  | 'named_exclusions'
  | 'previously_declined'
  | 'same_region_for_in_person'
  | 'shared_language';

export interface Reason {
  code: ReasonCode;
  message: string;
}

export type Eligibility = { ok: true } | { ok: false; reasons: Reason[] };

export interface ScoredPair {
  /** 0..100, a multiple of 0.001 (the engine's resolution). */
  score: number;
  explanation: MatchExplanation;
}

export interface Proposal extends ScoredPair {
  menteeId: string;
  mentorId: string;
}

export type InstantResult = { mentorId: string; proposal: Proposal } | { mentorId: null; reason: string };

export interface CohortOptions {
  /** Lexicographic: first the most mentees matched, then the highest total score. */
  maximiseMatched?: boolean;
  /** Mentee-proposing deferred acceptance instead of the optimum: no blocking pair. */
  stable?: boolean;
  /** Keep only each mentee's N best eligible mentors (for very large rounds); omit for the exact full graph. */
  candidatesPerMentee?: number;
}

/** Exactly the `report` of `RoundCompletedV1` (packages/contracts/src/events.ts). */
export interface RoundReport {
  mentees: number;
  menteesMatched: number;
  /** Active mentors with at least one free place when the round started. */
  mentors: number;
  mentorsUsed: number;
  score: { min: number; median: number; mean: number };
  load: { min: number; max: number; mean: number; stdev: number };
  blockingPairs: number;
  unmatched: { menteeId: string; reason: string }[];
}

export interface CohortResult {
  method: 'optimal' | 'optimal_max_matched' | 'stable';
  proposals: Proposal[];
  /** Sum of the proposals' scores (exact: computed in thousandths). */
  totalScore: number;
  report: RoundReport;
  /** Percentages for people; not part of the event's report. */
  rates: { matchedPercent: number; mentorsUsedPercent: number };
  /** The graph the round solved: every eligible pair, or each mentee's N best candidates. */
  graph: { pairs: number; pruned: boolean; candidatesPerMentee: number | null };
  /** Where the blocking pairs were counted: every eligible pair, or only the candidate pairs. */
  blockingPairsScope: 'all_eligible_pairs' | 'candidate_pairs';
}
