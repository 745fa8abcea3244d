import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  createEngine,
  DEFAULT_POLICY,
  type Eligibility,
  eligibility,
  type Policy,
  pairKey,
} from '../src/index.ts';
import { mentee, mentor, policies, pools } from './support/people.ts';

const codes = (e: Eligibility) => (e.ok ? [] : e.reasons.map((r) => r.code));

const sam = mentee('m1', 'Sam Okafor', {
  attributes: { organisation: 'Leeds Teaching Hospitals NHS Trust' },
});
const priya = mentor('t1', 'Priya Shah', {
  attributes: { organisation: 'Bradford Royal Infirmary', capacity: 2 },
});
const all: Policy = {
  weights: DEFAULT_POLICY.weights,
  hardRules: [
    'same_organisation',
    'named_exclusions',
    'previously_declined',
    'same_region_for_in_person',
    'shared_language',
  ],
};

describe('eligibility: hard rules', () => {
  it('accepts an ordinary pair', () => {
    expect(eligibility(sam, priya, DEFAULT_POLICY)).toEqual({ ok: true });
  });

  it('never pairs people from the same organisation (normalised)', () => {
    const colleague = mentor('t2', 'Alex Jones', {
      attributes: { organisation: '  leeds teaching  hospitals NHS trust' },
    });
    const result = eligibility(sam, colleague, DEFAULT_POLICY);
    expect(codes(result)).toEqual(['same_organisation']);
    expect(result.ok ? '' : result.reasons[0]?.message).toBe('Sam and Alex work in the same organisation.');
    // An organisation nobody gave is never "the same".
    const unknown = mentee('m2', 'Jo Bloggs', { attributes: { organisation: '' } });
    expect(
      eligibility(unknown, mentor('t3', 'Kim Lee', { attributes: { organisation: '' } }), DEFAULT_POLICY),
    ).toEqual({ ok: true });
  });

  it('honours a named exclusion from either side, by email or by name, without saying who named whom', () => {
    const byEmail = mentee('m3', 'Ewa Nowak', { attributes: { exclusions: [priya.email] } });
    const byName = mentor('t4', 'Tom Evans', { attributes: { exclusions: ['sam okafor'] } });
    expect(codes(eligibility(byEmail, priya, DEFAULT_POLICY))).toEqual(['named_exclusions']);
    const result = eligibility(sam, byName, DEFAULT_POLICY);
    expect(codes(result)).toEqual(['named_exclusions']);
    expect(result.ok ? '' : result.reasons[0]?.message).toBe(
      'One of Sam and Tom asked not to be matched with the other.',
    );
  });

  it('never re-proposes a declined pair (as a set of keys or a predicate)', () => {
    const declined = new Set([pairKey(sam.id, priya.id)]);
    expect(codes(eligibility(sam, priya, DEFAULT_POLICY, { declinedPairs: declined }))).toEqual([
      'previously_declined',
    ]);
    const predicate = (a: string, b: string) => a === sam.id && b === priya.id;
    expect(codes(eligibility(sam, priya, DEFAULT_POLICY, { declinedPairs: predicate }))).toEqual([
      'previously_declined',
    ]);
  });

  it('always checks capacity, programme, status and roles, whatever the policy', () => {
    const none: Policy = { weights: DEFAULT_POLICY.weights, hardRules: [] };
    expect(codes(eligibility(sam, priya, none, { openLoad: new Map([[priya.id, 2]]) }))).toEqual([
      'capacity',
    ]);
    const elsewhere = mentor('t5', 'Mei Chen', { programmeId: 'prg_other0000001' });
    expect(codes(eligibility(sam, elsewhere, none))).toEqual(['same_programme']);
    const paused = mentor('t6', 'Owen Hughes', { status: 'paused' });
    expect(codes(eligibility(sam, paused, none))).toEqual(['both_active']);
    const pending = mentee('m4', 'Aisha Khan', { status: 'pending' });
    expect(codes(eligibility(pending, priya, none))).toEqual(['both_active']);
    expect(codes(eligibility(priya, sam, none))).toEqual(['roles']);
  });

  it('applies the optional rules only when the policy has them', () => {
    const inPerson = mentee('m5', 'Rhys Davies', {
      attributes: { meetingFormats: ['in_person'], region: 'wales' },
    });
    const london = mentor('t7', 'Grace Smith', {
      attributes: { region: 'london', meetingFormats: ['in_person'] },
    });
    expect(eligibility(inPerson, london, DEFAULT_POLICY)).toEqual({ ok: true });
    expect(codes(eligibility(inPerson, london, all))).toEqual(['same_region_for_in_person']);
    const online = mentor('t8', 'Niamh Murphy', {
      attributes: { region: 'london', meetingFormats: ['online', 'in_person'] },
    });
    const either = mentee('m6', 'Zainab Ali', {
      attributes: { meetingFormats: ['online', 'in_person'], region: 'wales' },
    });
    expect(eligibility(either, online, all)).toEqual({ ok: true });
    const welsh = mentee('m7', 'Ffion Jones', { attributes: { languages: ['cy'] } });
    expect(eligibility(welsh, priya, DEFAULT_POLICY)).toEqual({ ok: true });
    expect(codes(eligibility(welsh, priya, all))).toEqual(['shared_language']);
  });

  it('lists every rule a pair breaks', () => {
    const colleague = mentor('t9', 'Leon Brown', {
      status: 'paused',
      attributes: { organisation: sam.attributes.organisation, exclusions: [sam.email] },
    });
    expect(codes(eligibility(sam, colleague, DEFAULT_POLICY))).toEqual([
      'both_active',
      'same_organisation',
      'named_exclusions',
    ]);
  });

  it('the engine’s fast checks agree with eligibility() on every pair', () => {
    fc.assert(
      fc.property(
        pools(),
        policies,
        fc.boolean(),
        ({ mentees, mentors, context: set }, policy, asPredicate) => {
          const context = asPredicate
            ? { ...set, declinedPairs: (a: string, b: string) => set.declinedPairs.has(pairKey(a, b)) }
            : set;
          const engine = createEngine({ mentees, mentors, policy });
          for (const a of mentees) {
            const offered = new Set(
              engine.suggestions(a.id, mentors.length, context).proposals.map((p) => p.mentorId),
            );
            for (const b of mentors) {
              expect([a.id, b.id, offered.has(b.id)]).toEqual([
                a.id,
                b.id,
                eligibility(a, b, policy, context).ok,
              ]);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
