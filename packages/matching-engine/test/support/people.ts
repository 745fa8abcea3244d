// Readable builders for mentees and mentors, and fast-check generators of small random pools.
import type { MatchingAttributes } from '@belong/contracts';
import fc from 'fast-check';
import { DEFAULT_HARD_RULES, DEFAULT_WEIGHTS, type Person, type Policy, pairKey } from '../../src/index.ts';
import { type SectorId, sectors, type TopicId, topics } from './health-information.ts';

export const PROGRAMME = 'prg_test00000001';

type Overrides = Partial<Omit<Person, 'attributes'>> & { attributes?: Partial<MatchingAttributes> };

const baseAttributes: MatchingAttributes = {
  organisation: 'Leeds Teaching Hospitals NHS Trust',
  sector: 'nhs-acute',
  specialisms: [],
  careerStage: 2,
  region: 'yorkshire-humber',
  meetingFormats: ['online'],
  timeZone: 'Europe/London',
  languages: ['en'],
  hoursPerMonth: 2,
  topics: ['literature-searching'],
  text: 'I would like help with literature searching.',
  exclusions: [],
};

export function mentee(id: string, displayName: string, overrides: Overrides = {}): Person {
  return {
    id,
    programmeId: PROGRAMME,
    role: 'mentee',
    status: 'active',
    displayName,
    email: `${displayName.toLowerCase().replace(/\s+/g, '.')}@mentee.example`,
    ...overrides,
    attributes: { ...baseAttributes, ...overrides.attributes },
  };
}

export function mentor(id: string, displayName: string, overrides: Overrides = {}): Person {
  return {
    id,
    programmeId: PROGRAMME,
    role: 'mentor',
    status: 'active',
    displayName,
    email: `${displayName.toLowerCase().replace(/\s+/g, '.')}@mentor.example`,
    ...overrides,
    attributes: {
      ...baseAttributes,
      organisation: 'Bradford Teaching Hospitals NHS Foundation Trust',
      careerStage: 4,
      topics: ['literature-searching', 'critical-appraisal'],
      text: 'I have run literature searches for clinical teams for years.',
      capacity: 2,
      ...overrides.attributes,
    },
  };
}

export const policy: Policy = { weights: DEFAULT_WEIGHTS, hardRules: DEFAULT_HARD_RULES };

const sectorIds = Object.keys(sectors) as SectorId[];
const topicIds = Object.keys(topics) as TopicId[];
const organisations = ['Org A', 'org a ', 'Org B', 'Org C', ''];
const regionIds = ['london', 'wales', 'scotland'];
const zones = ['Europe/London', 'Europe/Paris', 'America/New_York', 'Not/AZone'];
const words = [
  'searching',
  'reviews',
  'appraisal',
  'teaching',
  'leadership',
  'copyright',
  'chartership',
  'library',
  'evidence',
  'data',
];

const attributes = (role: 'mentee' | 'mentor') =>
  fc.record({
    organisation: fc.constantFrom(...organisations),
    sector: fc.constantFrom(...sectorIds),
    specialisms: fc.subarray(['nursing', 'pharmacy', 'surgery'], { maxLength: 2 }),
    careerStage: fc.integer({ min: 1, max: 6 }),
    region: fc.constantFrom(...regionIds),
    meetingFormats: fc.constantFrom<MatchingAttributes['meetingFormats']>(
      ['online'],
      ['in_person'],
      ['online', 'in_person'],
    ),
    timeZone: fc.constantFrom(...zones),
    languages: fc.subarray(['en', 'cy', 'fr'], { minLength: 1 }),
    hoursPerMonth: fc.constantFrom(0, 1, 2, 4, 6),
    topics: fc.shuffledSubarray(topicIds, { minLength: role === 'mentee' ? 0 : 1, maxLength: 5 }),
    text: fc.array(fc.constantFrom(...words), { maxLength: 8 }).map((w) => w.join(' ')),
    exclusions: fc.constant<string[]>([]),
    capacity: fc.integer({ min: 1, max: 3 }),
  });

const status = fc.constantFrom<Person['status']>('active', 'active', 'active', 'active', 'paused');

/** A small random pool: ids m0…/t0…, some shared organisations, exclusions and paused people. */
export const pools = (options: { maxMentees?: number; maxMentors?: number } = {}) =>
  fc
    .record({
      mentees: fc.array(fc.tuple(attributes('mentee'), status), {
        minLength: 1,
        maxLength: options.maxMentees ?? 6,
      }),
      mentors: fc.array(fc.tuple(attributes('mentor'), status), {
        minLength: 1,
        maxLength: options.maxMentors ?? 4,
      }),
      exclusionSeeds: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean(), fc.boolean()), { maxLength: 3 }),
      declinedSeeds: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 3 }),
      loadSeeds: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 3 })), { maxLength: 2 }),
    })
    .map(({ mentees: me, mentors: mo, exclusionSeeds, declinedSeeds, loadSeeds }) => {
      const menteeList = me.map(([a, s], k) => {
        const { capacity: _capacity, ...rest } = a;
        return mentee(`m${k}`, `Mentee ${k}`, { status: s, attributes: { ...rest, exclusions: [] } });
      });
      const mentorList = mo.map(([a, s], k) =>
        mentor(`t${k}`, `Mentor ${k}`, { status: s, attributes: { ...a, exclusions: [] } }),
      );
      // Exclusions from either side, by email or by name.
      for (const [x, y, fromMentee, byEmail] of exclusionSeeds) {
        const a = menteeList[x % menteeList.length] as Person;
        const b = mentorList[y % mentorList.length] as Person;
        const [from, to] = fromMentee ? [a, b] : [b, a];
        from.attributes.exclusions.push(byEmail ? to.email : to.displayName.toLowerCase());
      }
      const declinedPairs = new Set(
        declinedSeeds.map(([x, y]) =>
          pairKey(
            (menteeList[x % menteeList.length] as Person).id,
            (mentorList[y % mentorList.length] as Person).id,
          ),
        ),
      );
      const openLoad = new Map(
        loadSeeds.map(([y, n]) => [(mentorList[y % mentorList.length] as Person).id, n]),
      );
      return { mentees: menteeList, mentors: mentorList, context: { declinedPairs, openLoad } };
    });

export const policies = fc.record({
  weights: fc.record({
    topics: fc.integer({ min: 0, max: 100 }),
    text: fc.integer({ min: 0, max: 100 }),
    career_stage: fc.integer({ min: 0, max: 100 }),
    sector: fc.integer({ min: 0, max: 100 }),
    region_format: fc.integer({ min: 0, max: 100 }),
    languages: fc.integer({ min: 0, max: 100 }),
    availability: fc.integer({ min: 0, max: 100 }),
    preferences: fc.integer({ min: 0, max: 100 }),
  }),
  hardRules: fc.subarray([
    'same_organisation',
    'named_exclusions',
    'previously_declined',
    'same_region_for_in_person',
    'shared_language',
  ] as const),
});
