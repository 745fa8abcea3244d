// The template library: each email's subject, whether a person may turn it off, and its HTML and
// plain-text bodies (handlebars files in ./templates, sharing a layout per format). HTML output
// escapes every value (`{{ }}`; the templates never use `{{{ }}}`); the text output does not need
// to, and subjects are made one line before they become a header.
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { oneLine } from '../text.ts';

export const templateNames = [
  'verification',
  'match-proposed-mentee',
  'match-proposed-mentor',
  'match-waiting',
  'match-introduction',
  'match-declined',
  'match-expired',
  'match-ended',
  'match-reminder',
  'profile-withdrawn',
  'profile-erased',
  'round-summary',
] as const;
export type TemplateName = (typeof templateNames)[number];

/** Optional emails a person (or coordinator) can turn off, per programme. */
export const categories = ['reminders', 'summaries'] as const;
export type Category = (typeof categories)[number];

export interface TemplateInfo {
  /** Handlebars, rendered as text then made one line. */
  subject: string;
  /** null: mandatory (preferences and unsubscribe do not apply). */
  category: Category | null;
  description: string;
}

export const templateInfo: Record<TemplateName, TemplateInfo> = {
  verification: {
    subject: 'Please confirm your email address for {{programme.name}}',
    category: null,
    description: 'Double opt-in: the single-use confirmation link from profile.submitted.',
  },
  'match-proposed-mentee': {
    subject: 'We have suggested a mentor for you: {{other.name}}',
    category: null,
    description: 'A mentor suggested to a mentee, with the reasons and accept/decline links.',
  },
  'match-proposed-mentor': {
    subject: 'Would you mentor {{other.name}}?',
    category: null,
    description: 'A mentee suggested to a mentor, with the reasons and accept/decline links.',
  },
  'match-waiting': {
    subject:
      '{{#if chosen}}{{other.name}} would like you as their mentor{{else}}{{other.name}} has said yes to your match: over to you{{/if}}',
    category: null,
    description: 'One side accepted: tells the other side the match is waiting on them (with links).',
  },
  'match-introduction': {
    subject: 'You are matched: meet {{other.name}}',
    category: null,
    description: 'Both accepted (status active): introduces them with contact details, only now shared.',
  },
  'match-declined': {
    subject: 'Your suggested match with {{other.name}} will not go ahead',
    category: null,
    description: 'A suggestion was declined; the mentee is told a new suggestion is on its way.',
  },
  'match-expired': {
    subject: 'Your suggested match with {{other.name}} has run out of time',
    category: null,
    description: 'Nobody answered in time; the mentee is being re-matched.',
  },
  'match-ended': {
    subject: 'Your match with {{other.name}} has ended',
    category: null,
    description: 'An active or proposed match ended (by a person, the coordinator or the system).',
  },
  'match-reminder': {
    subject: 'Reminder: {{other.name}} is waiting to hear from you',
    category: 'reminders',
    description: 'Before a proposal expires, to each side that has not answered yet (optional).',
  },
  'profile-withdrawn': {
    subject: 'You have left {{programme.name}}',
    category: null,
    description: 'Confirms a withdrawal and what happened to the person’s data.',
  },
  'profile-erased': {
    subject: 'Your data in {{programme.name}} has been erased',
    category: null,
    description: 'Confirms an erasure; its own record is emptied once sent.',
  },
  'round-summary': {
    subject:
      '{{#if round.published}}Matching round published{{else}}Matching round ready to review{{/if}}: {{report.menteesMatched}} of {{report.mentees}} mentees matched',
    category: 'summaries',
    description:
      'A cohort round finished (preview or published): its quality report, to the coordinator (optional).',
  },
};

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

const dir = new URL('./templates/', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, dir), 'utf8');

function formatDate(value: unknown, timeZone: unknown, withTime: boolean): string {
  const date = new Date(String(value));
  if (Number.isNaN(date.getTime())) return '';
  const zone = typeof timeZone === 'string' ? timeZone : 'Europe/London';
  const options: Intl.DateTimeFormatOptions = {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: zone,
    ...(withTime ? { hour: '2-digit', minute: '2-digit', timeZoneName: 'short' } : {}),
  };
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-GB', options);
  } catch {
    format = new Intl.DateTimeFormat('en-GB', { ...options, timeZone: 'Europe/London' });
  }
  // "Friday 4 December 2026 at 09:17 GMT": British style, without ICU's comma after the day.
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    format.formatToParts(date).find((p) => p.type === type)?.value ?? '';
  const day = `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}`;
  return withTime ? `${day} at ${part('hour')}:${part('minute')} ${part('timeZoneName')}` : day;
}

function environment(format: 'html' | 'text'): typeof Handlebars {
  const env = Handlebars.create();
  env.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  env.registerHelper('date', function (this: { timeZone?: string }, value: unknown) {
    return formatDate(value, this.timeZone, false);
  });
  env.registerHelper('datetime', function (this: { timeZone?: string }, value: unknown) {
    return formatDate(value, this.timeZone, true);
  });
  env.registerHelper('number', (value: unknown) =>
    typeof value === 'number'
      ? new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }).format(value)
      : '',
  );
  const options = format === 'text' ? { noEscape: true } : {};
  env.registerPartial('layout', env.compile(read(`layout.${format}.hbs`), options));
  env.registerPartial('reasons', env.compile(read(`reasons.${format}.hbs`), options));
  env.registerPartial('match-mandatory', env.compile(read('match-mandatory.hbs').trim(), options));
  if (format === 'html') env.registerPartial('button', env.compile(read('button.html.hbs').trim()));
  return env;
}

const html = environment('html');
const text = environment('text');
const compiled = Object.fromEntries(
  templateNames.map((name) => [
    name,
    {
      subject: text.compile(templateInfo[name].subject, { noEscape: true }),
      html: html.compile(read(`${name}.html.hbs`)),
      text: text.compile(read(`${name}.text.hbs`), { noEscape: true }),
    },
  ]),
) as Record<
  TemplateName,
  { subject: HandlebarsTemplateDelegate; html: HandlebarsTemplateDelegate; text: HandlebarsTemplateDelegate }
>;

/** Tidies the text part: no trailing spaces, at most one blank line in a row. */
function tidyText(value: string): string {
  return `${value
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

/** Renders one email: subject (one line), HTML and text, from the same context. */
export function renderEmail(name: TemplateName, context: Record<string, unknown>): RenderedEmail {
  const template = compiled[name];
  const subject = oneLine(template.subject(context), 250);
  const full = { ...context, subject };
  return { subject, html: template.html(full), text: tidyText(template.text(full)) };
}
