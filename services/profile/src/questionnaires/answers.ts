// Reads a person's answers against the exact questionnaire version they were given to: every
// mistake comes back at once, worded for the person who made it; good answers are normalised and
// mapped to the attributes matching reads. Pure: no I/O, no clock.

import {
  type Answers,
  type AnswerValue,
  checkQuestionnaire,
  type MatchingAttributeName,
  type MatchingAttributes,
  MatchingAttributesSchema,
  meetingFormatValues,
  type ProblemFieldError,
  type Question,
  type Questionnaire,
  type QuestionnaireProblem,
  questionnaireQuestions,
} from '@belong/contracts';
import { TypeCompiler } from '@sinclair/typebox/compiler';

/** One answer's problem; `pointer` is `/answers/<questionId>` in the request body. */
export interface AnswerError {
  questionId: string;
  pointer: string;
  message: string;
}

/** A consent the person gave, with the exact words they agreed to. */
export interface ConsentGiven {
  questionId: string;
  statement: string;
}

export type AnswersResult =
  | {
      ok: true;
      attributes: MatchingAttributes;
      consent: ConsentGiven[];
      /** The answers as they should be stored: trimmed, canonical, only the questions answered. */
      answers: Answers;
    }
  | { ok: false; errors: AnswerError[] };

/** The questionnaire itself is broken: a coordinator's or a programmer's mistake, never the person's. */
export class QuestionnaireDefinitionError extends Error {
  override name = 'QuestionnaireDefinitionError';
  readonly problems: QuestionnaireProblem[];
  constructor(problems: QuestionnaireProblem[]) {
    super(
      `questionnaire definition has problems: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`,
    );
    this.problems = problems;
  }
}

export const messages = {
  missing: 'Please answer this question.',
  consent: 'You need to agree to this to take part.',
  unknownQuestion: (id: string) => `This questionnaire has no question ${quote(id)}.`,
  notAChoice: (value: string) => `${quote(value)} is not one of the choices.`,
  chooseOne: 'Please choose one of the options.',
  chooseSome: 'Please choose from the options.',
  tooMany: (max: number) => `Choose at most ${max}.`,
  twice: (value: string) => `You chose ${quote(value)} more than once.`,
  text: 'Please write your answer as text.',
  tooLong: (max: number, actual: number) => `Please keep this under ${max} characters (you wrote ${actual}).`,
  number: (min: number, max: number) => `Please choose a whole number from ${min} to ${max}.`,
  outOfRange: (min: number, max: number, actual: number) =>
    `Please choose a whole number from ${min} to ${max} (you chose ${actual}).`,
  timeZone: 'Please choose a time zone from the list.',
  unknownTimeZone: (value: string) =>
    `${quote(value)} is not a time zone we recognise. Please choose one from the list.`,
  yesNo: 'Please answer yes or no.',
  people: 'Please list the people as names or email addresses.',
  personTooLong: (max: number) => `Please keep each name or email address under ${max} characters.`,
  notAnEmail: (value: string) =>
    `${quote(value)} doesn’t look like an email address. Please check it, or give the person’s name instead.`,
  tooManyPeople: (max: number) => `Please list at most ${max} people.`,
} as const;

/** Quotes what a person typed, shortened to one readable line. */
function quote(value: string): string {
  const line = value.replace(/\s+/g, ' ').trim();
  return `“${line.length > 60 ? `${line.slice(0, 59)}…` : line}”`;
}

/** RFC 6901: an unknown question id may contain anything. */
function pointerTo(questionId: string): string {
  return `/answers/${questionId.replaceAll('~', '~0').replaceAll('/', '~1')}`;
}

/**
 * The form used for the conflict-of-interest rule (no pair from the same organisation): case,
 * spacing, apostrophes, `&`/`and` and a final full stop do not make two organisations different.
 */
export function normaliseOrganisation(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’`´]/g, "'")
    .replace(/\s*&\s*/g, ' and ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\.$/, '');
}

const PERSON_MAX = 320;
const email =
  /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

let timeZones: Map<string, string> | undefined;
/** Canonical IANA name for a time zone, case-insensitively; aliases (Asia/Kolkata) resolve via Intl. */
export function canonicalTimeZone(name: string): string | undefined {
  timeZones ??= new Map([...Intl.supportedValuesOf('timeZone'), 'UTC'].map((z) => [z.toLowerCase(), z]));
  const known = timeZones.get(name.toLowerCase());
  if (known) return known;
  // Only Area/Location names: Intl also accepts offsets (+01:00) and abbreviations (EST).
  if (!/^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+$/.test(name)) return undefined;
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

type Read =
  | { kind: 'answered'; value: AnswerValue }
  | { kind: 'empty' }
  | { kind: 'invalid'; messages: string[] };
const empty: Read = { kind: 'empty' };
const invalid = (...list: string[]): Read => ({ kind: 'invalid', messages: list });
const answered = (value: AnswerValue): Read => ({ kind: 'answered', value });

function readText(raw: unknown, maxLength: number, singleLine: boolean): Read {
  if (typeof raw !== 'string') return invalid(messages.text);
  const normalised = raw.normalize('NFC').replace(/\r\n?/g, '\n');
  const text = (singleLine ? normalised.replace(/\s+/g, ' ') : normalised).trim();
  if (text === '') return empty;
  // UTF-16 length, as TypeBox counts it when matching checks the attributes downstream.
  if (text.length > maxLength) return invalid(messages.tooLong(maxLength, text.length));
  return answered(text);
}

function readPicks(
  raw: unknown,
  options: readonly { value: string }[],
  maxPicks: number,
  ranked: boolean,
): Read {
  if (!Array.isArray(raw) || raw.some((v) => typeof v !== 'string')) return invalid(messages.chooseSome);
  const picks = raw as string[];
  if (picks.length === 0) return empty;
  const order = new Map(options.map((o, i) => [o.value, i]));
  const problems: string[] = [];
  for (const pick of new Set(picks)) {
    if (!order.has(pick)) problems.push(messages.notAChoice(pick));
    if (picks.indexOf(pick) !== picks.lastIndexOf(pick)) problems.push(messages.twice(pick));
  }
  if (picks.length > maxPicks) problems.push(messages.tooMany(maxPicks));
  if (problems.length > 0) return invalid(...problems);
  // Unranked: the order means nothing, so store it in the questionnaire's order.
  return answered(ranked ? [...picks] : [...picks].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)));
}

function readPeople(raw: unknown, maxItems: number): Read {
  if (!Array.isArray(raw) || raw.some((v) => typeof v !== 'string')) return invalid(messages.people);
  const problems: string[] = [];
  const people = new Set<string>();
  for (const entry of raw as string[]) {
    const person = entry.normalize('NFC').replace(/\s+/g, ' ').trim();
    if (person === '') continue; // a blank row left in the form, not an answer
    if (person.length > PERSON_MAX) {
      problems.push(messages.personTooLong(PERSON_MAX));
    } else if (person.includes('@') && !email.test(person)) {
      problems.push(messages.notAnEmail(person));
    } else {
      // Names are compared case-insensitively too, so both are stored lower-cased.
      people.add(person.toLowerCase());
    }
  }
  if (people.size > maxItems) problems.push(messages.tooManyPeople(maxItems));
  if (problems.length > 0) return invalid(...new Set(problems));
  return people.size === 0 ? empty : answered([...people]);
}

function readAnswer(question: Question, raw: unknown): Read {
  switch (question.type) {
    case 'single_choice':
    case 'region': {
      if (typeof raw !== 'string') return invalid(messages.chooseOne);
      if (raw.trim() === '') return empty;
      return question.options.some((o) => o.value === raw)
        ? answered(raw)
        : invalid(messages.notAChoice(raw));
    }
    case 'multiple_choice':
    case 'topics':
      return readPicks(raw, question.options, question.maxPicks, question.ranked);
    case 'languages':
      return readPicks(raw, question.options, question.maxPicks, false);
    case 'scale': {
      const { min, max } = question;
      if (typeof raw !== 'number' || !Number.isFinite(raw)) return invalid(messages.number(min, max));
      if (!Number.isInteger(raw) || raw < min || raw > max)
        return invalid(messages.outOfRange(min, max, raw));
      return answered(raw);
    }
    case 'short_text':
      return readText(raw, question.maxLength, true);
    case 'long_text':
      return readText(raw, question.maxLength, false);
    case 'time_zone': {
      if (typeof raw !== 'string') return invalid(messages.timeZone);
      const name = raw.trim();
      if (name === '') return empty;
      const zone = canonicalTimeZone(name);
      return zone ? answered(zone) : invalid(messages.unknownTimeZone(name));
    }
    case 'yes_no':
      return typeof raw === 'boolean' ? answered(raw) : invalid(messages.yesNo);
    case 'consent':
      return raw === true ? answered(true) : invalid(messages.consent);
    case 'people':
      return readPeople(raw, question.maxItems);
  }
}

/** What a valid, normalised answer contributes to the attribute its question fills. */
function attributeValue(question: Question, value: AnswerValue, attribute: MatchingAttributeName): unknown {
  if (attribute === 'organisation') return normaliseOrganisation(value as string);
  if (attribute === 'careerStage' || attribute === 'hoursPerMonth' || attribute === 'capacity') {
    if (question.type === 'single_choice') return question.options.find((o) => o.value === value)?.number;
    return value;
  }
  if (attribute === 'meetingFormats') {
    if (question.type === 'single_choice')
      return [...meetingFormatValues[value as keyof typeof meetingFormatValues]];
    return value;
  }
  return value;
}

const attributesCheck = TypeCompiler.Compile(MatchingAttributesSchema);

function toAttributes(filled: Partial<Record<MatchingAttributeName, unknown>>): MatchingAttributes {
  // Attributes no question asked get neutral values: '' / [] / 0 mean "not stated" to matching.
  const attributes = {
    organisation: filled.organisation ?? '',
    sector: filled.sector ?? '',
    specialisms: filled.specialisms ?? [],
    careerStage: filled.careerStage,
    region: filled.region ?? '',
    meetingFormats: filled.meetingFormats,
    timeZone: filled.timeZone,
    languages: filled.languages,
    hoursPerMonth: filled.hoursPerMonth ?? 0,
    topics: filled.topics ?? [],
    text: filled.text ?? '',
    exclusions: filled.exclusions ?? [],
    ...(filled.capacity === undefined ? {} : { capacity: filled.capacity }),
  };
  // checkQuestionnaire guarantees this for a valid definition; failing here is a bug, not bad input.
  if (!attributesCheck.Check(attributes)) {
    const why = [...attributesCheck.Errors(attributes)].map((e) => `${e.path}: ${e.message}`);
    throw new Error(`answers mapped to invalid matching attributes: ${why.join('; ')}`);
  }
  return attributes;
}

/**
 * Validates `answers` against the exact questionnaire version they were given to, and maps them to
 * matching attributes. Throws QuestionnaireDefinitionError when the questionnaire itself is broken.
 */
export function validateAnswers(
  questionnaire: Questionnaire,
  answers: Readonly<Record<string, unknown>>,
): AnswersResult {
  const problems = checkQuestionnaire(questionnaire);
  if (problems.length > 0) throw new QuestionnaireDefinitionError(problems);

  const questions = questionnaireQuestions(questionnaire);
  const errors: AnswerError[] = [];
  const fail = (questionId: string, message: string) =>
    errors.push({ questionId, pointer: pointerTo(questionId), message });
  const normalised: Answers = {};
  const consent: ConsentGiven[] = [];
  const filled: Partial<Record<MatchingAttributeName, unknown>> = {};

  for (const question of questions) {
    const raw = Object.hasOwn(answers, question.id) ? answers[question.id] : undefined;
    const read = raw === undefined ? empty : readAnswer(question, raw);
    if (read.kind === 'invalid') {
      for (const message of read.messages) fail(question.id, message);
      continue;
    }
    if (read.kind === 'empty') {
      if (question.required)
        fail(question.id, question.type === 'consent' ? messages.consent : messages.missing);
      continue;
    }
    normalised[question.id] = read.value;
    if (question.type === 'consent') consent.push({ questionId: question.id, statement: question.statement });
    if (question.maps !== null) filled[question.maps] = attributeValue(question, read.value, question.maps);
  }
  const known = new Set(questions.map((q) => q.id));
  for (const id of Object.keys(answers)) {
    if (!known.has(id)) fail(id, messages.unknownQuestion(id));
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, attributes: toAttributes(filled), consent, answers: normalised };
}

/** Answer errors as problem+json field errors of the request body. */
export function toProblemFieldErrors(errors: readonly AnswerError[]): ProblemFieldError[] {
  return errors.map(({ pointer, message }) => ({ in: 'body', pointer, message }));
}
