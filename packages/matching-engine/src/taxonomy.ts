// The judgement calls behind the criteria, kept together so they can be read and argued about.

/**
 * Sectors close enough that someone from one understands the other's work. Ids are those of the
 * health-information questionnaire (services/profile/src/questionnaires/health-information.ts);
 * an unknown sector is only ever "the same" as itself.
 */
const sectorGroups: readonly { sectors: readonly string[]; similarity: number }[] = [
  // Front-line NHS and care settings: the same clinical users, governance and library networks.
  { sectors: ['nhs-acute', 'community-health', 'mental-health', 'primary-care'], similarity: 0.6 },
  // Academic research and teaching.
  { sectors: ['higher-education', 'research-institute'], similarity: 0.6 },
  // Policy, guidance and population health.
  { sectors: ['government', 'public-health'], similarity: 0.6 },
  // Public-health work often sits close to community services.
  { sectors: ['public-health', 'community-health'], similarity: 0.3 },
  // Evidence work for industry and charities often runs with universities.
  { sectors: ['industry', 'research-institute'], similarity: 0.3 },
  { sectors: ['charity', 'public-health'], similarity: 0.3 },
];

export function sectorSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  let best = 0;
  for (const group of sectorGroups) {
    if (group.similarity > best && group.sectors.includes(a) && group.sectors.includes(b)) {
      best = group.similarity;
    }
  }
  return best;
}

/** How much a shared specialism adds to the sector criterion when both sides list some. */
export const SPECIALISM_SHARE = 0.3;

/**
 * Mentor's career stage minus the mentee's → similarity. One or two stages ahead is the sweet
 * spot (recent enough to remember, far enough to have learned); further ahead is still useful but
 * less relatable; the same stage is peer support; behind is not mentoring.
 */
export function careerStageSimilarity(gap: number): number {
  if (gap < 0) return 0;
  if (gap === 0) return 0.25;
  if (gap <= 2) return 1;
  if (gap === 3) return 0.6;
  if (gap === 4) return 0.4;
  return 0.3;
}

/** A mentee's goals in rank order: the first matters most (1, 1/2, 1/3 …). */
export function goalWeight(rank: number): number {
  return 1 / (rank + 1);
}

/** A mentor's expertise in rank order: the main expertise counts fully, later ones less. */
export function expertiseWeight(rank: number): number {
  return Math.max(0.4, 1 - 0.15 * rank);
}

/** Working hours assumed for both sides when comparing time zones (local time). */
export const WORKING_DAY_HOURS = 8;
/**
 * Time-zone offsets are read at two fixed instants (mid-winter and mid-summer) so that the result
 * is pure and daylight saving is averaged rather than depending on today's date.
 */
export const REFERENCE_INSTANTS = [Date.UTC(2025, 0, 15, 12), Date.UTC(2025, 6, 15, 12)] as const;
/** Similarity used when a time zone is not a valid IANA name: neither good nor bad. */
export const UNKNOWN_TIME_ZONE_OVERLAP = 0.5;
