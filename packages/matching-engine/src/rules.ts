// Hard rules: a pair that breaks one is never proposed, whatever its score. Capacity, same
// programme, both active and the roles are always enforced; the others follow the policy.
// Messages never say which side named an exclusion: the other person must never learn it.
import type { Context, Eligibility, HardRule, PairKey, Person, Policy, Reason } from './types.ts';

const SEPARATOR = '\u001f';

/** The key of a (mentee, mentor) pair in `Context.declinedPairs`. */
export function pairKey(menteeId: string, mentorId: string): PairKey {
  return `${menteeId}${SEPARATOR}${mentorId}`;
}

export function parsePairKey(key: PairKey): [string, string] | null {
  const at = key.indexOf(SEPARATOR);
  return at < 0 ? null : [key.slice(0, at), key.slice(at + 1)];
}

/** How names and exclusions are compared: lower-case, single spaces. */
export function normaliseName(value: string): string {
  return value.trim().toLowerCase().replace(/\s+/g, ' ');
}

export function normaliseOrganisation(value: string): string {
  return normaliseName(value);
}

export function firstName(person: Person): string {
  const first = person.displayName.trim().split(/\s+/)[0];
  return first && first.length > 0 ? first : person.displayName;
}

/** True when `person` named `other` (by email or by name) among the people to avoid. */
export function names(person: Person, other: Person): boolean {
  if (person.attributes.exclusions.length === 0) return false;
  const email = other.email.trim().toLowerCase();
  const name = normaliseName(other.displayName);
  return person.attributes.exclusions.some((entry) => {
    const e = normaliseName(entry);
    return e === email || e === name;
  });
}

function remainingCapacity(mentor: Person, context: Context): number {
  return (mentor.attributes.capacity ?? 1) - (context.openLoad?.get(mentor.id) ?? 0);
}

function wasDeclined(context: Context, menteeId: string, mentorId: string): boolean {
  const declined = context.declinedPairs;
  if (!declined) return false;
  return typeof declined === 'function'
    ? declined(menteeId, mentorId)
    : declined.has(pairKey(menteeId, mentorId));
}

/** How a pair could meet: online if both accept it, else in person if both accept it. */
function canMeet(mentee: Person, mentor: Person): boolean {
  const a = mentee.attributes;
  const b = mentor.attributes;
  if (a.meetingFormats.includes('online') && b.meetingFormats.includes('online')) return true;
  return (
    a.meetingFormats.includes('in_person') && b.meetingFormats.includes('in_person') && a.region === b.region
  );
}

function haveLanguageInCommon(mentee: Person, mentor: Person): boolean {
  return mentee.attributes.languages.some((l) => mentor.attributes.languages.includes(l));
}

const has = (policy: Policy, rule: HardRule) => policy.hardRules.includes(rule);

/** Whether the pair may be matched and, if not, every rule it breaks. */
export function eligibility(
  mentee: Person,
  mentor: Person,
  policy: Policy,
  context: Context = {},
): Eligibility {
  const reasons: Reason[] = [];
  const a = firstName(mentee);
  const b = firstName(mentor);
  if (mentee.role !== 'mentee' || mentor.role !== 'mentor') {
    reasons.push({
      code: 'roles',
      message: `A match needs a mentee and a mentor: ${a} is a ${mentee.role} and ${b} is a ${mentor.role}.`,
    });
  }
  if (mentee.programmeId !== mentor.programmeId) {
    reasons.push({ code: 'same_programme', message: `${a} and ${b} are in different programmes.` });
  }
  for (const [person, name] of [
    [mentee, a],
    [mentor, b],
  ] as const) {
    if (person.status !== 'active') {
      reasons.push({ code: 'both_active', message: `${name}'s profile is ${person.status}, not active.` });
    }
  }
  const remaining = remainingCapacity(mentor, context);
  if (remaining <= 0) {
    const capacity = mentor.attributes.capacity ?? 1;
    reasons.push({
      code: 'capacity',
      message: `${b} has no free place (${capacity - remaining} of ${capacity} taken).`,
    });
  }
  if (has(policy, 'same_organisation')) {
    const org = normaliseOrganisation(mentee.attributes.organisation);
    if (org !== '' && org === normaliseOrganisation(mentor.attributes.organisation)) {
      reasons.push({ code: 'same_organisation', message: `${a} and ${b} work in the same organisation.` });
    }
  }
  if (has(policy, 'named_exclusions') && (names(mentee, mentor) || names(mentor, mentee))) {
    reasons.push({
      code: 'named_exclusions',
      message: `One of ${a} and ${b} asked not to be matched with the other.`,
    });
  }
  if (has(policy, 'previously_declined') && wasDeclined(context, mentee.id, mentor.id)) {
    reasons.push({
      code: 'previously_declined',
      message: `A match between ${a} and ${b} was declined before.`,
    });
  }
  if (has(policy, 'same_region_for_in_person') && !canMeet(mentee, mentor)) {
    reasons.push({
      code: 'same_region_for_in_person',
      message: `${a} and ${b} cannot both meet online and are not in the same region to meet in person.`,
    });
  }
  if (has(policy, 'shared_language') && !haveLanguageInCommon(mentee, mentor)) {
    reasons.push({ code: 'shared_language', message: `${a} and ${b} have no language in common.` });
  }
  return reasons.length === 0 ? { ok: true } : { ok: false, reasons };
}
