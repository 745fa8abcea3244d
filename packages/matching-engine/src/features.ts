// People compiled into flat typed arrays, once per round or engine, so that scoring a pair is a
// handful of array reads: interned ids instead of strings, lookup tables instead of rules, one
// text vector per person. A cohort round of 10,000 × 2,000 scores 20 million pairs.

import { normaliseOrganisation } from './rules.ts';
import { careerStageSimilarity, expertiseWeight, goalWeight, sectorSimilarity } from './taxonomy.ts';
import { EMPTY_VECTOR, type TextModel, type TextVector } from './text.ts';
import { timeZoneOffsets, workingHoursOverlap } from './time-zones.ts';
import type { Person } from './types.ts';

export const ONLINE = 1;
export const IN_PERSON = 2;

class Interner {
  readonly ids = new Map<string, number>();
  readonly values: string[] = [];
  of(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(value, id);
      this.values.push(value);
    }
    return id;
  }
}

export interface Compiled {
  readonly people: readonly Person[];
  readonly size: number;
  readonly programme: Int32Array;
  readonly isMentor: Uint8Array;
  readonly isActive: Uint8Array;
  /** -1 when empty: an unknown organisation never counts as "the same". */
  readonly organisation: Int32Array;
  readonly sector: Int32Array;
  readonly stage: Int32Array;
  readonly region: Int32Array;
  /** Bits ONLINE | IN_PERSON. */
  readonly formats: Uint8Array;
  readonly timeZone: Int32Array;
  readonly hours: Float64Array;
  readonly capacity: Int32Array;
  /** Languages as a bitset of `languageWords` 32-bit words per person. */
  readonly languageWords: number;
  readonly languages: Uint32Array;
  /** Ranked topics (goals or expertise) as CSR: topicIds[topicStart[i] .. topicStart[i+1]). */
  readonly topicStart: Int32Array;
  readonly topicIds: Int32Array;
  /** Σ goal weights of each person's topics, the denominator of the topic similarity. */
  readonly goalWeightSum: Float64Array;
  /**
   * Topic × person (topic-major, so a mentee's few goals read a few sequential runs over the
   * mentors): the expertise weight of that topic for that person, 0 if not listed.
   */
  readonly topicCount: number;
  readonly expertise: Float64Array;
  readonly specialismStart: Int32Array;
  readonly specialismIds: Int32Array;
  readonly text: readonly TextVector[];
  /** 1 when the person's text has words the model knows. */
  readonly hasText: Uint8Array;
  /** Lookup tables: sector × sector similarity, time zone × time zone working-hours overlap. */
  readonly sectorCount: number;
  readonly sectorTable: Float64Array;
  readonly timeZoneCount: number;
  readonly overlapTable: Float64Array;
  readonly stageTable: Float64Array;
  /**
   * People with the same career stage, sector, specialisms and hours share a "profile class" A;
   * the same formats, region, time zone and languages a class B. A pair's criteria other than
   * topics and text depend only on the two people's classes, so a round tabulates them once per
   * pair of classes instead of once per pair of people.
   */
  readonly classA: Int32Array;
  readonly classB: Int32Array;
}

/** Compiles people into one shared space (so mentees and mentors compare by integer ids). */
export function compile(people: readonly Person[], textModel: TextModel): Compiled {
  const size = people.length;
  const programmes = new Interner();
  const organisations = new Interner();
  const sectors = new Interner();
  const regions = new Interner();
  const zones = new Interner();
  const languages = new Interner();
  const topics = new Interner();
  const specialisms = new Interner();

  const programme = new Int32Array(size);
  const isMentor = new Uint8Array(size);
  const isActive = new Uint8Array(size);
  const organisation = new Int32Array(size);
  const sector = new Int32Array(size);
  const stage = new Int32Array(size);
  const region = new Int32Array(size);
  const formats = new Uint8Array(size);
  const timeZone = new Int32Array(size);
  const hours = new Float64Array(size);
  const capacity = new Int32Array(size);
  const topicStart = new Int32Array(size + 1);
  const specialismStart = new Int32Array(size + 1);
  const topicList: number[] = [];
  const specialismList: number[] = [];
  const goalWeightSum = new Float64Array(size);
  const text: TextVector[] = new Array(size);
  const hasText = new Uint8Array(size);
  const languageLists: number[][] = new Array(size);

  for (let i = 0; i < size; i++) {
    const p = people[i] as Person;
    const a = p.attributes;
    programme[i] = programmes.of(p.programmeId);
    isMentor[i] = p.role === 'mentor' ? 1 : 0;
    isActive[i] = p.status === 'active' ? 1 : 0;
    const org = normaliseOrganisation(a.organisation);
    organisation[i] = org === '' ? -1 : organisations.of(org);
    sector[i] = sectors.of(a.sector);
    stage[i] = a.careerStage;
    region[i] = regions.of(a.region);
    formats[i] =
      (a.meetingFormats.includes('online') ? ONLINE : 0) |
      (a.meetingFormats.includes('in_person') ? IN_PERSON : 0);
    timeZone[i] = zones.of(a.timeZone);
    hours[i] = a.hoursPerMonth;
    capacity[i] = a.capacity ?? 1;
    languageLists[i] = [...new Set(a.languages)].map((l) => languages.of(l));
    // A topic listed twice counts at its first (best) rank only.
    const seen = new Set<string>();
    let weightSum = 0;
    for (const topic of a.topics) {
      if (seen.has(topic)) continue;
      weightSum += goalWeight(seen.size);
      seen.add(topic);
      topicList.push(topics.of(topic));
    }
    goalWeightSum[i] = weightSum;
    topicStart[i + 1] = topicList.length;
    for (const s of new Set(a.specialisms)) specialismList.push(specialisms.of(s));
    specialismStart[i + 1] = specialismList.length;
    const vector = a.text.trim() === '' ? EMPTY_VECTOR : textModel.vectorOf(a.text);
    text[i] = vector;
    hasText[i] = vector.terms.length > 0 ? 1 : 0;
  }

  const languageWords = Math.max(1, Math.ceil(languages.values.length / 32));
  const languageBits = new Uint32Array(size * languageWords);
  for (let i = 0; i < size; i++) {
    for (const l of languageLists[i] as number[]) {
      const word = i * languageWords + (l >>> 5);
      languageBits[word] = ((languageBits[word] as number) | (1 << (l & 31))) >>> 0;
    }
  }

  const topicCount = topics.values.length;
  const topicIds = Int32Array.from(topicList);
  const expertise = new Float64Array(size * topicCount);
  for (let i = 0; i < size; i++) {
    const start = topicStart[i] as number;
    for (let k = start; k < (topicStart[i + 1] as number); k++) {
      expertise[(topicIds[k] as number) * size + i] = expertiseWeight(k - start);
    }
  }

  const sectorCount = sectors.values.length;
  const sectorTable = new Float64Array(sectorCount * sectorCount);
  for (let x = 0; x < sectorCount; x++) {
    for (let y = 0; y < sectorCount; y++) {
      sectorTable[x * sectorCount + y] = sectorSimilarity(
        sectors.values[x] as string,
        sectors.values[y] as string,
      );
    }
  }
  const timeZoneCount = zones.values.length;
  const offsets = zones.values.map((z) => timeZoneOffsets(z));
  const overlapTable = new Float64Array(timeZoneCount * timeZoneCount);
  for (let x = 0; x < timeZoneCount; x++) {
    for (let y = 0; y < timeZoneCount; y++) {
      overlapTable[x * timeZoneCount + y] = workingHoursOverlap(offsets[x] ?? null, offsets[y] ?? null);
    }
  }
  const classesA = new Interner();
  const classesB = new Interner();
  const classA = new Int32Array(size);
  const classB = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    const specs = Array.from(specialismList.slice(specialismStart[i], specialismStart[i + 1])).sort(
      (x, y) => x - y,
    );
    classA[i] = classesA.of(`${stage[i]}|${sector[i]}|${hours[i]}|${specs.join(',')}`);
    const langs = [...(languageLists[i] as number[])].sort((x, y) => x - y);
    classB[i] = classesB.of(`${formats[i]}|${region[i]}|${timeZone[i]}|${langs.join(',')}`);
  }

  // Indexed by mentor stage − mentee stage + 8 (stages are 1..6).
  const stageTable = new Float64Array(17);
  for (let gap = -8; gap <= 8; gap++) stageTable[gap + 8] = careerStageSimilarity(gap);

  return {
    people,
    size,
    programme,
    isMentor,
    isActive,
    organisation,
    sector,
    stage,
    region,
    formats,
    timeZone,
    hours,
    capacity,
    languageWords,
    languages: languageBits,
    topicStart,
    topicIds,
    goalWeightSum,
    topicCount,
    expertise,
    specialismStart,
    specialismIds: Int32Array.from(specialismList),
    text,
    hasText,
    sectorCount,
    sectorTable,
    timeZoneCount,
    overlapTable,
    stageTable,
    classA,
    classB,
  };
}
