// Why a mentee was left without a mentor, in words a coordinator can act on (and could forward).
import { REASON_COUNT, reasonOrder } from './pool.ts';
import type { Person, ReasonCode } from './types.ts';

const ruledOut: Partial<Record<ReasonCode, { all: string; some: (n: number) => string }>> = {
  same_organisation: {
    all: 'Every mentor with a free place is in your organisation.',
    some: (n) => `${n} in your organisation`,
  },
  named_exclusions: {
    all: 'Every mentor with a free place is someone named as a person to avoid.',
    some: (n) => `${n} named as a person to avoid`,
  },
  previously_declined: {
    all: 'Every mentor with a free place was declined before.',
    some: (n) => `${n} declined before`,
  },
  same_region_for_in_person: {
    all: 'No mentor with a free place can meet you: none meets online with you or is in your region to meet in person.',
    some: (n) => `${n} unable to meet you online or in your region`,
  },
  shared_language: {
    all: 'No mentor with a free place shares a language with you.',
    some: (n) => `${n} without a language in common`,
  },
};

const at = (code: ReasonCode) => reasonOrder.indexOf(code);

/** For a mentee with no eligible mentor: `tally` counts mentors by the first rule they break. */
export function noEligibleMentorReason(mentee: Person, tally: Int32Array): string {
  if (mentee.role !== 'mentee') return 'This profile is registered as a mentor, not a mentee.';
  if (mentee.status !== 'active') return `Your profile is ${mentee.status}, so no mentor was looked for.`;
  const first = at('same_organisation');
  let free = 0;
  for (let k = first; k < REASON_COUNT; k++) free += tally[k] as number;
  if (free === 0) {
    return (tally[at('capacity')] as number) > 0
      ? 'No mentor with a free place: every mentor in the programme is full.'
      : 'No mentor with a free place: the programme has no active mentor yet.';
  }
  const parts: string[] = [];
  let only: ReasonCode | null = null;
  for (let k = first; k < REASON_COUNT; k++) {
    const n = tally[k] as number;
    if (n === 0) continue;
    const code = reasonOrder[k] as ReasonCode;
    only = parts.length === 0 ? code : null;
    parts.push(ruledOut[code]?.some(n) ?? `${n} ruled out`);
  }
  if (parts.length === 1 && only)
    return ruledOut[only]?.all ?? 'Every mentor with a free place is ruled out.';
  return `Every mentor with a free place is ruled out: ${parts.join(', ')}.`;
}

/** For a mentee who had eligible mentors but was not matched in the round. */
export function lostInRoundReason(eligible: number, pruned: boolean, placeLeft: boolean): string {
  if (placeLeft) {
    return 'A mentor you could be matched with still has a place, but the pair scored 0, so the round did not propose it.';
  }
  if (pruned) {
    return `The places of your ${eligible} best-suited ${eligible === 1 ? 'mentor' : 'mentors'} went to other mentees in this round.`;
  }
  return eligible === 1
    ? 'The places of the one mentor you could be matched with went to other mentees in this round.'
    : `The places of all ${eligible} mentors you could be matched with went to other mentees in this round.`;
}
