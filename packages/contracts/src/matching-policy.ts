// The vocabulary of a programme's matching policy, shared by the profile service (which stores the
// policy and validates it) and the matching engine (which applies it). A rename is a contract change.

/** Matching criteria, each with a weight 0..100 in the programme's policy. */
export const criteria = [
  'topics',
  'text',
  'career_stage',
  'sector',
  'region_format',
  'languages',
  'availability',
  'preferences',
] as const;
export type Criterion = (typeof criteria)[number];

/** Optional rules a programme may make hard; capacity, same programme and both active always are. */
export const hardRules = [
  'same_organisation',
  'named_exclusions',
  'previously_declined',
  'same_region_for_in_person',
  'shared_language',
] as const;
export type HardRule = (typeof hardRules)[number];

/** Default weight of each criterion (0..100); they need not add up to 100. */
export const DEFAULT_WEIGHTS: Readonly<Record<Criterion, number>> = {
  topics: 30,
  text: 15,
  career_stage: 15,
  sector: 10,
  region_format: 10,
  languages: 10,
  availability: 5,
  preferences: 5,
};

export const DEFAULT_HARD_RULES: readonly HardRule[] = [
  'same_organisation',
  'named_exclusions',
  'previously_declined',
];
