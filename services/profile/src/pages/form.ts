// The questionnaire as an HTML form, and back: a view of every question (what control, which
// options are ticked, its hint and its errors, the ids that tie them together for screen readers)
// built from the questionnaire definition, and the answers read back from a form post. Pure: no
// I/O. The same view serves the sign-up form and the self-service edit form, and it is built
// from the answers as the person gave them, so nothing they wrote is lost when a form comes back
// with errors.
import type { Answers, AnswerValue, Question, Questionnaire } from '@belong/contracts';
import { canonicalTimeZone } from '../questionnaires/answers.ts';

/** A posted form: `application/x-www-form-urlencoded`, repeated names as arrays. */
export type FormBody = Record<string, string | string[] | undefined>;

/** Reads a posted form defensively: anything that is not a string (or list of strings) is ignored. */
export function formBody(raw: unknown): FormBody {
  const body: FormBody = {};
  if (typeof raw !== 'object' || raw === null) return body;
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof value === 'string') body[name] = value;
    else if (Array.isArray(value)) body[name] = value.filter((v): v is string => typeof v === 'string');
  }
  return body;
}

/** The one value of a field (the first, if it was sent twice). */
export function field(body: FormBody, name: string): string | undefined {
  const value = body[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Every value of a field (checkboxes). */
export function fields(body: FormBody, name: string): string[] {
  const value = body[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

// ── names and ids ────────────────────────────────────────────────────────────────────────────
// Question ids are slugs (`[a-z0-9]+(-[a-z0-9]+)*`), so they never contain `--`: suffixes after
// `--` cannot collide with another question's ids.

export const fieldName = (questionId: string) => `q.${questionId}`;
const rankName = (questionId: string, n: number) => `q.${questionId}.${n}`;
const domId = (questionId: string) => `q-${questionId}`;

/** Whole-form fields that are not answers. */
export const NAME_FIELD = 'displayName';
export const EMAIL_FIELD = 'email';

const ordinals = [
  'First',
  'Second',
  'Third',
  'Fourth',
  'Fifth',
  'Sixth',
  'Seventh',
  'Eighth',
  'Ninth',
  'Tenth',
  'Eleventh',
  'Twelfth',
  'Thirteenth',
  'Fourteenth',
  'Fifteenth',
  'Sixteenth',
  'Seventeenth',
  'Eighteenth',
  'Nineteenth',
  'Twentieth',
];

// ── form → answers ───────────────────────────────────────────────────────────────────────────

/**
 * The answer a question's controls carry, or undefined when the person left it empty. Shapes
 * follow the API (validateAnswers does the checking): a choice is its value, picks a list, a
 * scale a number (or the text typed, so the check can say what is wrong), yes/no a boolean.
 */
export function readQuestion(question: Question, body: FormBody): AnswerValue | undefined {
  const name = fieldName(question.id);
  switch (question.type) {
    case 'single_choice':
    case 'region':
    case 'time_zone':
    case 'short_text':
    case 'long_text': {
      const value = field(body, name);
      return value === undefined || value.trim() === '' ? undefined : value;
    }
    case 'multiple_choice':
    case 'topics': {
      if (question.ranked) {
        const picks: string[] = [];
        for (let n = 1; n <= question.maxPicks; n++) {
          const pick = field(body, rankName(question.id, n));
          if (pick !== undefined && pick !== '') picks.push(pick);
        }
        return picks.length === 0 ? undefined : picks;
      }
      const picks = fields(body, name).filter((v) => v !== '');
      return picks.length === 0 ? undefined : picks;
    }
    case 'languages': {
      const picks = fields(body, name).filter((v) => v !== '');
      return picks.length === 0 ? undefined : picks;
    }
    case 'scale': {
      const value = field(body, name)?.trim();
      if (value === undefined || value === '') return undefined;
      return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
    }
    case 'yes_no': {
      const value = field(body, name);
      return value === 'yes' ? true : value === 'no' ? false : undefined;
    }
    case 'consent':
      return field(body, name) === 'yes' ? true : undefined;
    case 'people': {
      const lines = (field(body, name) ?? '')
        .split(/\r\n|\r|\n/)
        .map((line) => line.trim())
        .filter((line) => line !== '');
      return lines.length === 0 ? undefined : lines;
    }
  }
}

/** Every answer on the form; questions left empty are absent. */
export function readAnswers(questionnaire: Questionnaire, body: FormBody): Answers {
  const answers: Answers = {};
  for (const section of questionnaire.sections) {
    for (const question of section.questions) {
      const value = readQuestion(question, body);
      if (value !== undefined) answers[question.id] = value;
    }
  }
  return answers;
}

// ── the view ─────────────────────────────────────────────────────────────────────────────────

interface OptionView {
  value: string;
  label: string;
  id: string;
  help?: string | undefined;
  hintId?: string | undefined;
  checked: boolean;
}

interface SelectOptionView {
  value: string;
  label: string;
  selected: boolean;
}

interface RankView {
  id: string;
  name: string;
  label: string;
  options: SelectOptionView[];
}

export interface QuestionView {
  id: string;
  kind: 'radios' | 'checkboxes' | 'ranked' | 'select' | 'timezone' | 'text' | 'textarea' | 'consent';
  /** A fieldset with a legend (radios, checkboxes, ranked selects, consent), or one labelled control. */
  group: boolean;
  name: string;
  /** The control the label and the error summary point at (the first one of a group). */
  controlId: string;
  label: string;
  required: boolean;
  help?: string | undefined;
  /** More guidance the form adds (how many to choose, how long). */
  extraHint?: string | undefined;
  hintId?: string | undefined;
  errors: string[];
  errorId?: string | undefined;
  /** `aria-describedby`: hint, then error. */
  describedBy: string;
  options: OptionView[];
  selectOptions: SelectOptionView[];
  popularZones: SelectOptionView[];
  ranks: RankView[];
  value: string;
  maxLength?: number | undefined;
  rows?: number | undefined;
  statement?: string | undefined;
  checked: boolean;
}

export interface SectionView {
  id: string;
  title: string;
  description?: string | undefined;
  questions: QuestionView[];
}

/** A link in the error summary: the message and the control it is about. */
export interface ErrorLink {
  href: string;
  message: string;
}

/**
 * The names people know for zones that were renamed: the runtime's list (ICU) still gives some
 * old names, which stay the values (they are what canonicalTimeZone stores); only the words change.
 */
const renamed: Record<string, string> = {
  'Asia/Calcutta': 'Asia/Kolkata',
  'Europe/Kiev': 'Europe/Kyiv',
  'Asia/Saigon': 'Asia/Ho Chi Minh',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'America/Godthab': 'America/Nuuk',
};

export const timeZoneLabel = (zone: string) => (renamed[zone] ?? zone).replaceAll('_', ' ');

/** Time zones for the select: every IANA zone but Europe/London (which comes first), A to Z. */
let allZones: string[] | undefined;
export function timeZoneList(): string[] {
  allZones ??= [...new Set([...Intl.supportedValuesOf('timeZone'), 'UTC'])]
    .filter((zone) => zone !== 'Europe/London')
    .sort((a, b) => timeZoneLabel(a).localeCompare(timeZoneLabel(b), 'en'));
  return allZones;
}

/** Choices with 13+ options read better as a select; fewer as radios everyone sees at once. */
const RADIO_LIMIT = 12;

function asText(value: AnswerValue | null | undefined): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join('\n');
  return String(value);
}

function picksOf(value: AnswerValue | null | undefined): string[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string' && value !== '') return [value];
  return [];
}

/**
 * Messages from the answer check quote the value a person picked (`“evidence-synthesis”`); on a
 * page they read better with the words the person saw (`“Systematic reviews…”`).
 */
function withLabels(question: Question, message: string): string {
  if (!('options' in question)) return message;
  let text = message;
  for (const option of question.options as readonly { value: string; label: string }[]) {
    text = text.replaceAll(`“${option.value}”`, `“${option.label}”`);
  }
  return text;
}

/** The view of one question with the person's current answer and its errors. */
export function questionView(
  question: Question,
  answer: AnswerValue | null | undefined,
  errors: readonly string[],
): QuestionView {
  const id = domId(question.id);
  const hintId = question.help ? `${id}--hint` : undefined;
  const errorId = errors.length > 0 ? `${id}--error` : undefined;
  const base: QuestionView = {
    id: question.id,
    kind: 'text',
    group: false,
    name: fieldName(question.id),
    controlId: id,
    label: question.label,
    required: question.required,
    help: question.help,
    hintId,
    errors: errors.map((message) => withLabels(question, message)),
    errorId,
    describedBy: '',
    options: [],
    selectOptions: [],
    popularZones: [],
    ranks: [],
    value: '',
    checked: false,
  };
  const options = (list: readonly { value: string; label: string; help?: string }[], picked: string[]) =>
    list.map((option, n) => ({
      value: option.value,
      label: option.label,
      id: `${id}--${n}`,
      help: option.help,
      hintId: option.help ? `${id}--${n}-hint` : undefined,
      checked: picked.includes(option.value),
    }));
  let view: QuestionView;
  switch (question.type) {
    case 'single_choice':
    case 'region': {
      const picked = picksOf(answer);
      if (question.options.length > RADIO_LIMIT || question.type === 'region') {
        view = {
          ...base,
          kind: 'select',
          selectOptions: question.options.map((o) => ({
            value: o.value,
            label: o.label,
            selected: picked.includes(o.value),
          })),
        };
      } else {
        view = {
          ...base,
          kind: 'radios',
          group: true,
          controlId: `${id}--0`,
          options: options(question.options, picked),
        };
      }
      break;
    }
    case 'multiple_choice':
    case 'topics': {
      const picked = picksOf(answer);
      // The question's own help usually says how many already.
      const saysHowMany = /choose up to/i.test(question.help ?? '');
      if (question.ranked) {
        const ranks: RankView[] = [];
        for (let n = 1; n <= Math.min(question.maxPicks, question.options.length); n++) {
          const current = picked[n - 1];
          ranks.push({
            id: `${id}--rank-${n}`,
            name: rankName(question.id, n),
            label: `${ordinals[n - 1] ?? `Choice ${n}`} choice${n === 1 ? ' (most important)' : ''}`,
            options: question.options.map((o) => ({
              value: o.value,
              label: o.label,
              selected: current === o.value,
            })),
          });
        }
        view = {
          ...base,
          kind: 'ranked',
          group: true,
          controlId: `${id}--rank-1`,
          ranks,
          extraHint: `${saysHowMany ? '' : `Choose up to ${question.maxPicks}, the most important first. `}Leave any you do not need as “No choice”.`,
        };
      } else {
        view = {
          ...base,
          kind: 'checkboxes',
          group: true,
          controlId: `${id}--0`,
          options: options(question.options, picked),
          extraHint:
            question.maxPicks < question.options.length && !saysHowMany
              ? `Choose up to ${question.maxPicks}.`
              : undefined,
        };
      }
      break;
    }
    case 'languages': {
      view = {
        ...base,
        kind: 'checkboxes',
        group: true,
        controlId: `${id}--0`,
        options: options(question.options, picksOf(answer)),
      };
      break;
    }
    case 'scale': {
      if (question.max - question.min <= 10) {
        const steps = [];
        for (let n = question.min; n <= question.max; n++) {
          const ends = n === question.min ? question.minLabel : n === question.max ? question.maxLabel : '';
          steps.push({ value: String(n), label: ends ? `${n} (${ends})` : String(n) });
        }
        view = {
          ...base,
          kind: 'radios',
          group: true,
          controlId: `${id}--0`,
          options: options(steps, [asText(answer)]),
        };
      } else {
        view = {
          ...base,
          kind: 'text',
          value: asText(answer),
          extraHint: `A whole number from ${question.min} (${question.minLabel}) to ${question.max} (${question.maxLabel}).`,
        };
      }
      break;
    }
    case 'short_text':
      view = { ...base, kind: 'text', value: asText(answer), maxLength: question.maxLength };
      break;
    case 'long_text':
      view = {
        ...base,
        kind: 'textarea',
        value: asText(answer),
        maxLength: question.maxLength,
        rows: question.maxLength > 500 ? 8 : 4,
        extraHint: `Up to ${question.maxLength.toLocaleString('en-GB')} characters.`,
      };
      break;
    case 'time_zone': {
      const current = asText(answer);
      const chosen = canonicalTimeZone(current) ?? current;
      view = {
        ...base,
        kind: 'timezone',
        popularZones: [
          { value: 'Europe/London', label: 'Europe/London (UK)', selected: chosen === 'Europe/London' },
        ],
        selectOptions: timeZoneList().map((zone) => ({
          value: zone,
          label: timeZoneLabel(zone),
          selected: zone === chosen,
        })),
      };
      break;
    }
    case 'yes_no':
      view = {
        ...base,
        kind: 'radios',
        group: true,
        controlId: `${id}--0`,
        options: options(
          [
            { value: 'yes', label: 'Yes' },
            { value: 'no', label: 'No' },
          ],
          answer === true ? ['yes'] : answer === false ? ['no'] : [],
        ),
      };
      break;
    case 'consent':
      view = {
        ...base,
        kind: 'consent',
        group: true,
        controlId: `${id}--agree`,
        statement: question.statement,
        checked: answer === true,
      };
      break;
    case 'people':
      view = {
        ...base,
        kind: 'textarea',
        value: asText(answer),
        rows: 4,
        extraHint: `One person on each line: a name or an email address (up to ${question.maxItems}).`,
      };
      break;
  }
  const hints = [view.hintId, view.extraHint ? `${id}--extra` : undefined, view.errorId].filter(Boolean);
  return { ...view, describedBy: hints.join(' ') };
}

/** A label as the start of a sentence in the error summary: "Question? Message." or "Label: Message." */
const withStop = (label: string) => (/[?.!:]$/.test(label) ? label : `${label}:`);

/** Every section with its questions, the answers shown and the errors by question id. */
export function formView(
  questionnaire: Questionnaire,
  answers: Readonly<Record<string, AnswerValue | null | undefined>>,
  errors: ReadonlyMap<string, readonly string[]> = new Map(),
): { sections: SectionView[]; errorLinks: ErrorLink[] } {
  const errorLinks: ErrorLink[] = [];
  const sections = questionnaire.sections.map((section) => ({
    id: section.id,
    title: section.title,
    description: section.description,
    questions: section.questions.map((question) => {
      const view = questionView(question, answers[question.id], errors.get(question.id) ?? []);
      for (const message of view.errors) {
        errorLinks.push({ href: `#${view.controlId}`, message: `${withStop(view.label)} ${message}` });
      }
      return view;
    }),
  }));
  return { sections, errorLinks };
}

/** Field errors from a problem (`/answers/<id>` pointers) grouped by question id. */
export function errorsByQuestion(
  errors: readonly { pointer?: string | undefined; message: string }[] | undefined,
): Map<string, string[]> {
  const byQuestion = new Map<string, string[]>();
  for (const error of errors ?? []) {
    const match = /^\/answers\/(.+)$/.exec(error.pointer ?? '');
    if (!match?.[1]) continue;
    const id = match[1].replaceAll('~1', '/').replaceAll('~0', '~');
    byQuestion.set(id, [...(byQuestion.get(id) ?? []), error.message]);
  }
  return byQuestion;
}

// ── showing answers ──────────────────────────────────────────────────────────────────────────

export interface AnswerLine {
  label: string;
  /** One line, or several (a list). */
  lines: string[];
}

/** Each answer in words, beside its question's label (the self-service page). */
export function answersInWords(questionnaire: Questionnaire, answers: Answers): AnswerLine[] {
  const out: AnswerLine[] = [];
  for (const section of questionnaire.sections) {
    for (const question of section.questions) {
      const answer = answers[question.id];
      if (answer === undefined) continue;
      const label = (value: string) =>
        'options' in question
          ? ((question.options as readonly { value: string; label: string }[]).find((o) => o.value === value)
              ?.label ?? value)
          : value;
      let lines: string[];
      switch (question.type) {
        case 'single_choice':
        case 'region':
          lines = [label(String(answer))];
          break;
        case 'multiple_choice':
        case 'topics':
        case 'languages':
          lines = picksOf(answer).map((value, n) =>
            'ranked' in question && question.ranked ? `${n + 1}. ${label(value)}` : label(value),
          );
          break;
        case 'yes_no':
          lines = [answer === true ? 'Yes' : 'No'];
          break;
        case 'consent':
          lines = [`You agreed: “${question.statement}”`];
          break;
        case 'scale': {
          const ends =
            answer === question.min ? question.minLabel : answer === question.max ? question.maxLabel : '';
          lines = [ends ? `${answer} (${ends})` : String(answer)];
          break;
        }
        default:
          lines = Array.isArray(answer) ? answer.map(String) : [String(answer)];
      }
      out.push({ label: question.label, lines });
    }
  }
  return out;
}

// ── name and email ───────────────────────────────────────────────────────────────────────────

// The `email` format the API checks (ajv-formats), so the page refuses what the API would.
const EMAIL =
  /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

export function nameError(name: string): string | undefined {
  if (name.trim() === '') return 'Please tell us your name.';
  if (name.trim().length > 120) return 'Please keep your name under 120 characters.';
  return undefined;
}

export function emailError(email: string): string | undefined {
  if (email.trim() === '') return 'Please give your email address.';
  if (email.trim().length > 254 || !EMAIL.test(email.trim()))
    return 'Please give an email address in the form name@example.org.';
  return undefined;
}
