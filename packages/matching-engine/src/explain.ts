// Explanations a person understands: each criterion's part of the score in numbers, and a sentence
// for each side in British English that uses the other person's first name (no gendered
// pronouns). Sentences are built only from names and taxonomy labels, never from what anyone
// wrote, so an explanation can be emailed before contact details or answers are shared.
import type { MatchExplanation } from '@belong/contracts';
import {
  AVAILABILITY,
  CAREER_STAGE,
  contributionsMilli,
  LANGUAGES,
  REGION_FORMAT,
  SCORE_SCALE,
  SECTOR,
  TEXT,
  TOPICS,
} from './criteria.ts';
import { firstName } from './rules.ts';
import { sectorSimilarity, WORKING_DAY_HOURS } from './taxonomy.ts';
import { overlapHours, timeZoneOffsets } from './time-zones.ts';
import { type Criterion, criteria, type Labels, type Person } from './types.ts';

type Explanation = MatchExplanation;
type Contribution = Explanation['criteria'][number];

const SENTENCE_MAX = 500;
const SUMMARY_MAX = 1000;
const NAME_MAX = 40;

export const criterionLabels: Readonly<Record<Criterion, string>> = {
  topics: 'Goals and expertise',
  text: 'What you both wrote',
  career_stage: 'Career stage',
  sector: 'Sector',
  region_format: 'Meeting format and place',
  languages: 'Languages',
  availability: 'Time for mentoring',
  preferences: 'Preferences',
};

const numberWords = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const ordinals = [
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
];

function ordinal(rank: number): string {
  return ordinals[rank] ?? `number ${rank + 1}`;
}

function count(n: number): string {
  return numberWords[n] ?? String(n);
}

/** Cuts at a word boundary so a sentence always fits the schema. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

function list(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "Mental health" → "mental health" mid-sentence; "NHS acute trust" stays as it is. */
function midSentence(label: string): string {
  const second = label.charAt(1);
  return second !== '' && second === second.toLowerCase()
    ? label.charAt(0).toLowerCase() + label.slice(1)
    : label;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const label = (table: Readonly<Record<string, string>> | undefined, id: string): string => table?.[id] ?? id;

function hoursText(hours: number): string {
  if (hours === 1) return 'an hour';
  if (hours === 0) return 'no time';
  const rounded = Math.round(hours * 2) / 2;
  return `${rounded} hours`;
}

interface Sides {
  forMentee: string;
  forMentor: string;
}

interface View {
  mentee: Person;
  mentor: Person;
  /** First names, for sentences. */
  a: string;
  b: string;
  labels: Labels;
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

function topicsSentences(v: View): Sides {
  const goals = unique(v.mentee.attributes.topics);
  const expertise = unique(v.mentor.attributes.topics);
  const matches = goals
    .map((topic, rank) => ({ topic, rank, position: expertise.indexOf(topic) }))
    .filter((m) => m.position >= 0);
  const first = matches[0];
  if (!first) {
    return {
      forMentee: `None of your goals is among the topics ${v.b} offers.`,
      forMentor: `None of ${v.a}'s goals is among the topics you offer.`,
    };
  }
  const topic = label(v.labels.topics, first.topic);
  const main = first.position === 0;
  let forMentee = main
    ? `${topic} is ${v.b}'s main expertise and your ${ordinal(first.rank)} goal.`
    : `${v.b} offers ${midSentence(topic)}, your ${ordinal(first.rank)} goal.`;
  let forMentor = main
    ? `${topic} is your main expertise and ${v.a}'s ${ordinal(first.rank)} goal.`
    : `You offer ${midSentence(topic)}, ${v.a}'s ${ordinal(first.rank)} goal.`;
  const more = matches.slice(1);
  if (more.length > 0) {
    const topics = list(more.map((m) => midSentence(label(v.labels.topics, m.topic))));
    const ranks = list(more.map((m) => ordinal(m.rank)));
    const goalsWord = more.length === 1 ? 'goal' : 'goals';
    forMentee += ` ${v.b} also offers ${topics} (your ${ranks} ${goalsWord}).`;
    forMentor += ` You also offer ${topics} (${v.a}'s ${ranks} ${goalsWord}).`;
  }
  return { forMentee, forMentor };
}

function textSentences(v: View, similarity: number): Sides {
  const level =
    similarity >= 0.35
      ? 'a lot in common'
      : similarity >= 0.15
        ? 'some things in common'
        : similarity > 0
          ? 'a little in common'
          : 'nothing obvious in common';
  return {
    forMentee: `What you wrote about your hopes for mentoring has ${level} with ${v.b}'s introduction.`,
    forMentor: `Your introduction has ${level} with what ${v.a} hopes for from mentoring.`,
  };
}

function careerSentences(v: View): Sides {
  const gap = v.mentor.attributes.careerStage - v.mentee.attributes.careerStage;
  if (gap < 0) {
    return {
      forMentee: `${v.b} is at an earlier career stage than you.`,
      forMentor: `You are at an earlier career stage than ${v.a}.`,
    };
  }
  if (gap === 0) {
    return {
      forMentee: `You and ${v.b} are at the same career stage, so this would be closer to peer support.`,
      forMentor: `You and ${v.a} are at the same career stage, so this would be closer to peer support.`,
    };
  }
  const stages = `${count(gap)} career ${gap === 1 ? 'stage' : 'stages'} ahead`;
  if (gap <= 2) {
    return {
      forMentee: `${v.b} is ${stages} of you: far enough to have learned a lot, close enough to remember where you are now.`,
      forMentor: `You are ${stages} of ${v.a}: far enough to have learned a lot, close enough to remember where ${v.a} is now.`,
    };
  }
  return {
    forMentee: `${v.b} is ${stages} of you: plenty of experience, a little further from where you are now.`,
    forMentor: `You are ${stages} of ${v.a}: plenty of experience to share, a little further from where ${v.a} is now.`,
  };
}

function sectorSentences(v: View): Sides {
  const sa = v.mentee.attributes.sector;
  const sb = v.mentor.attributes.sector;
  const la = midSentence(label(v.labels.sectors, sa));
  const lb = midSentence(label(v.labels.sectors, sb));
  let sides: Sides;
  if (sa === sb) {
    const same = `You both work in the same sector: ${la}.`;
    sides = { forMentee: same, forMentor: same };
  } else {
    // The sector part alone decides the wording (specialisms are described separately).
    const kinship = sectorSimilarity(sa, sb);
    const kin = kinship >= 0.5 ? ', which are closely related' : kinship > 0 ? ', which are related' : '';
    const fresh = kin === '' ? ': different sectors, which can bring a fresh view' : kin;
    sides = {
      forMentee: `You work in ${la} and ${v.b} in ${lb}${fresh}.`,
      forMentor: `You work in ${lb} and ${v.a} in ${la}${fresh}.`,
    };
  }
  const shared = unique(v.mentee.attributes.specialisms).filter((s) =>
    v.mentor.attributes.specialisms.includes(s),
  );
  if (shared.length > 0) {
    const names = list(shared.map((s) => midSentence(label(v.labels.specialisms, s))));
    const also = ` You also share ${shared.length === 1 ? 'a specialism' : 'specialisms'}: ${names}.`;
    sides = { forMentee: sides.forMentee + also, forMentor: sides.forMentor + also };
  }
  return sides;
}

function formatWords(formats: readonly string[]): string {
  const online = formats.includes('online');
  const inPerson = formats.includes('in_person');
  return online && inPerson ? 'either online or in person' : online ? 'online only' : 'in person only';
}

function regionFormatSentences(v: View, similarity: number): Sides {
  const fa = v.mentee.attributes.meetingFormats;
  const fb = v.mentor.attributes.meetingFormats;
  const online = fa.includes('online') && fb.includes('online');
  const inPerson = fa.includes('in_person') && fb.includes('in_person');
  const ra = v.mentee.attributes.region;
  const rb = v.mentor.attributes.region;
  const sameRegion = ra === rb;
  if (!online && !inPerson) {
    return {
      forMentee: `You would like to meet ${formatWords(fa)} and ${v.b} ${formatWords(fb)}, so there is no way of meeting you both chose.`,
      forMentor: `You would like to meet ${formatWords(fb)} and ${v.a} ${formatWords(fa)}, so there is no way of meeting you both chose.`,
    };
  }
  const region = label(v.labels.regions, ra);
  if (inPerson && sameRegion) {
    const both = online
      ? `You can meet online or in person: you are both in ${region}.`
      : `You both want to meet in person and are both in ${region}.`;
    return { forMentee: both, forMentor: both };
  }
  if (!online) {
    const rbl = label(v.labels.regions, rb);
    return {
      forMentee: `You would both meet in person, but you are in ${region} and ${v.b} is in ${rbl}.`,
      forMentor: `You would both meet in person, but you are in ${rbl} and ${v.a} is in ${region}.`,
    };
  }
  if (!timeZoneOffsets(v.mentee.attributes.timeZone) || !timeZoneOffsets(v.mentor.attributes.timeZone)) {
    const text = 'You can both meet online; we could not compare your time zones.';
    return { forMentee: text, forMentor: text };
  }
  const hours = overlapHours(similarity);
  const text =
    hours >= WORKING_DAY_HOURS
      ? 'You can both meet online, and your working days line up.'
      : hours > 0
        ? `You can both meet online; your working days overlap by about ${hours === 1 ? 'an hour' : `${hours} hours`}.`
        : 'You can both meet online, but your usual working hours do not overlap.';
  return { forMentee: text, forMentor: text };
}

function languageSentences(v: View): Sides {
  const shared = unique(v.mentee.attributes.languages).filter((l) =>
    v.mentor.attributes.languages.includes(l),
  );
  const text =
    shared.length === 0
      ? 'You have no language in common for mentoring conversations.'
      : `You can both have mentoring conversations in ${list(shared.map((l) => label(v.labels.languages, l)))}.`;
  return { forMentee: text, forMentor: text };
}

function availabilitySentences(v: View): Sides {
  const ha = v.mentee.attributes.hoursPerMonth;
  const hb = v.mentor.attributes.hoursPerMonth;
  if (ha === hb) {
    return {
      forMentee: `You and ${v.b} both have about ${hoursText(ha)} a month for mentoring.`,
      forMentor: `You and ${v.a} both have about ${hoursText(ha)} a month for mentoring.`,
    };
  }
  return {
    forMentee: `You have about ${hoursText(ha)} a month for mentoring and ${v.b} about ${hoursText(hb)}.`,
    forMentor: `You have about ${hoursText(hb)} a month for each mentee and ${v.a} about ${hoursText(ha)}.`,
  };
}

function sentences(k: number, v: View, similarity: number): Sides {
  switch (k) {
    case TOPICS:
      return topicsSentences(v);
    case TEXT:
      return textSentences(v, similarity);
    case CAREER_STAGE:
      return careerSentences(v);
    case SECTOR:
      return sectorSentences(v);
    case REGION_FORMAT:
      return regionFormatSentences(v, similarity);
    case LANGUAGES:
      return languageSentences(v);
    case AVAILABILITY:
      return availabilitySentences(v);
    default:
      return { forMentee: '', forMentor: '' };
  }
}

function strength(score: number): string {
  if (score >= 75) return 'a strong match';
  if (score >= 55) return 'a good match';
  if (score >= 35) return 'a possible match';
  return 'a weak match';
}

/**
 * The explanation of a scored pair. `sims` and `weights` are in criterion order; criteria that do
 * not apply (NaN) are left out. Contributions are thousandths added up exactly to the score.
 */
export function explain(
  mentee: Person,
  mentor: Person,
  sims: Float64Array,
  weights: Float64Array,
  milli: number,
  labels: Labels = {},
): Explanation {
  const v: View = {
    mentee,
    mentor,
    a: clip(firstName(mentee), NAME_MAX),
    b: clip(firstName(mentor), NAME_MAX),
    labels,
  };
  const parts = contributionsMilli(sims, weights, milli);
  const items: (Contribution & { order: number })[] = [];
  for (let k = 0; k < criteria.length; k++) {
    const s = sims[k] as number;
    if (Number.isNaN(s)) continue;
    const criterion = criteria[k] as Criterion;
    const { forMentee, forMentor } = sentences(k, v, s);
    items.push({
      order: k,
      criterion,
      label: criterionLabels[criterion],
      weight: weights[k] as number,
      similarity: s,
      contribution: (parts[k] as number) / SCORE_SCALE,
      forMentee: clip(capitalise(forMentee), SENTENCE_MAX),
      forMentor: clip(capitalise(forMentor), SENTENCE_MAX),
    });
  }
  // Strongest reasons first; ties keep the criterion order.
  items.sort((x, y) => y.contribution - x.contribution || x.order - y.order);
  const top = items
    .filter((i) => i.contribution > 0)
    .slice(0, 3)
    .map((i) => midSentence(i.label));
  const score = milli / SCORE_SCALE;
  const summary =
    `${v.a} and ${v.b}: ${strength(score)} (${score.toFixed(1)} out of 100)` +
    (top.length > 0 ? `, mostly for ${list(top)}.` : '.');
  return {
    summary: clip(summary, SUMMARY_MAX),
    criteria: items.map(({ order: _order, ...item }) => item),
  };
}
