// The questionnaires a new health information programme starts with, one for mentees and one for
// mentors. Version 1 is published: never edit its questions or option values in place (stored
// answers are read against it); copy it into version 2 instead. Labels are British English.
import {
  type ChoiceOption,
  healthInformationTaxonomy,
  type Question,
  type Questionnaire,
} from '@belong/contracts';

const { sectors, careerStages, topics, topicTaxonomy, regions, languages } = healthInformationTaxonomy;

const key = 'health-information-default';
const version = 1;

const meetingFormats: ChoiceOption[] = [
  { value: 'online', label: 'Online', help: 'By video call or phone.' },
  { value: 'in_person', label: 'In person', help: 'We will only suggest someone in your region.' },
  { value: 'either', label: 'Either is fine' },
];

const hoursPerMonth: ChoiceOption[] = [
  { value: 'about-1', label: 'About an hour', number: 1 },
  { value: 'about-2', label: 'About 2 hours', number: 2 },
  { value: 'three-to-four', label: '3 to 4 hours', number: 4 },
  { value: 'more-than-4', label: 'More than 4 hours', number: 6 },
];

// ── questions both roles answer (same ids, so a person's answers read alike across roles) ───

const organisation: Question = {
  type: 'short_text',
  id: 'organisation',
  label: 'Which organisation do you work for?',
  help: 'Please give its full name, for example “Leeds Teaching Hospitals NHS Trust” rather than “NHS”. If you work for yourself, give your business name or your own name. We use this only to make sure we never pair you with someone from your own organisation.',
  required: true,
  maps: 'organisation',
  maxLength: 200,
};

const sector: Question = {
  type: 'single_choice',
  id: 'sector',
  label: 'Which sector do you work in?',
  help: 'If you work across more than one, choose the one where you spend most of your time.',
  required: true,
  maps: 'sector',
  options: sectors,
};

const careerStage: Question = {
  type: 'single_choice',
  id: 'career-stage',
  label: 'Which best describes where you are in your career?',
  help: 'There is no right answer: choose what fits you today. If you lead a team or a service, one of the last two options may suit you better than years in post.',
  required: true,
  maps: 'careerStage',
  options: careerStages,
};

const meetingFormat = (help: string): Question => ({
  type: 'single_choice',
  id: 'meeting-format',
  label: 'How would you like to meet?',
  help,
  required: true,
  maps: 'meetingFormats',
  options: meetingFormats,
});

const region: Question = {
  type: 'region',
  id: 'region',
  label: 'Where are you based?',
  help: 'We use this to suggest people near you if you would like to meet in person.',
  required: true,
  maps: 'region',
  options: regions,
};

const timeZone: Question = {
  type: 'time_zone',
  id: 'time-zone',
  label: 'Which time zone are you usually in?',
  help: 'So that your working hours overlap. Most people in the UK choose Europe/London.',
  required: true,
  maps: 'timeZone',
};

const languagesQuestion: Question = {
  type: 'languages',
  id: 'languages',
  label: 'Which languages would you be comfortable having mentoring conversations in?',
  help: 'Choose up to 6.',
  required: true,
  maps: 'languages',
  options: languages,
  maxPicks: 6,
};

const hours = (label: string, help: string): Question => ({
  type: 'single_choice',
  id: 'hours-per-month',
  label,
  help,
  required: true,
  maps: 'hoursPerMonth',
  options: hoursPerMonth,
});

const peopleToAvoid: Question = {
  type: 'people',
  id: 'people-to-avoid',
  label: 'Is there anyone you must not be matched with?',
  help: 'For example your line manager, a close colleague, or anyone you would rather not work with. Give their email address if you know it, or their full name. You do not need to give a reason, and they will never be told.',
  required: false,
  maps: 'exclusions',
  maxItems: 20,
};

const consent = (statement: string): Question => ({
  type: 'consent',
  id: 'consent',
  label: 'Using your answers to find a match',
  help: 'You can change your mind at any time: use the link at the foot of any email from us, or contact your programme coordinator.',
  required: true,
  maps: null,
  statement,
});

// ── mentees ────────────────────────────────────────────────────────────────────────────────

/** Published versions are immutable; freezing also protects the questions both roles share. */
function published(questionnaire: Questionnaire): Questionnaire {
  const freeze = (value: unknown): void => {
    if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
    for (const child of Object.values(value)) freeze(child);
    Object.freeze(value);
  };
  freeze(questionnaire);
  return questionnaire;
}

/** The same optional section for both roles. */
const anyoneToAvoid = {
  id: 'anyone-to-avoid',
  title: 'Anyone to avoid',
  description:
    'Optional. We already make sure you are never matched with someone from your own organisation.',
  questions: [peopleToAvoid],
};

export const healthInformationMentee: Questionnaire = published({
  key,
  version,
  role: 'mentee',
  title: 'Find a mentor',
  intro:
    'Many of us in health information work on our own, as the only librarian, evidence specialist or knowledge manager in our organisation. A mentor can be someone to think things through with, who has been where you are. These questions help us suggest a mentor who suits what you would like to grow in, how you like to meet and how much time you have. They take about ten minutes.',
  sections: [
    {
      id: 'about-you',
      title: 'About you and your work',
      questions: [organisation, sector, careerStage],
    },
    {
      id: 'your-goals',
      title: 'What you would like from mentoring',
      description: 'This is the part that matters most when we look for your mentor.',
      questions: [
        {
          type: 'topics',
          id: 'growth-areas',
          label: 'What would you like to grow in?',
          help: 'Choose up to 3, with the most important first.',
          required: true,
          maps: 'topics',
          taxonomy: topicTaxonomy,
          options: topics,
          maxPicks: 3,
          ranked: true,
        },
        {
          type: 'long_text',
          id: 'hopes',
          label: 'What do you want from mentoring?',
          help: 'A few sentences is plenty. You might mention a challenge you are facing, something you would like to try, or where you would like to be in a year or two. We use it to find a mentor whose experience fits, and share it with your mentor once you have both accepted the match.',
          required: true,
          maps: 'text',
          maxLength: 2000,
        },
      ],
    },
    {
      id: 'meeting',
      title: 'How and when you would like to meet',
      questions: [
        meetingFormat(
          'Most mentoring in this network happens online, which widens the choice of mentors. In person means we look for a mentor in your region.',
        ),
        region,
        timeZone,
        languagesQuestion,
        hours(
          'How much time could you give to mentoring each month?',
          'Including meetings and a little time to prepare or reflect. About an hour a month is typical.',
        ),
      ],
    },
    anyoneToAvoid,
    {
      id: 'consent',
      title: 'Your consent',
      questions: [
        consent(
          'I agree that the programme may use my answers to suggest a mentor for me. When a match is suggested, we will both be told why we might suit each other. My contact details and what I have written are shared with my mentor only after we have both accepted the match. I can withdraw at any time, and my answers will then be deleted.',
        ),
      ],
    },
  ],
});

// ── mentors ────────────────────────────────────────────────────────────────────────────────

export const healthInformationMentor: Questionnaire = published({
  key,
  version,
  role: 'mentor',
  title: 'Become a mentor',
  intro:
    'Thank you for offering your time. Many people in health information are the only information professional in their organisation, and a mentor who has been there can make a real difference. These questions help us suggest mentees you are well placed to support, at a pace that works for you. They take about ten minutes.',
  sections: [
    {
      id: 'about-you',
      title: 'About you and your work',
      questions: [organisation, sector, careerStage],
    },
    {
      id: 'what-you-offer',
      title: 'What you can offer',
      questions: [
        {
          type: 'topics',
          id: 'expertise',
          label: 'Where can you help?',
          help: 'Choose up to 5, with your strongest first. You do not need to be an expert: experience you are happy to share is enough.',
          required: true,
          maps: 'topics',
          taxonomy: topicTaxonomy,
          options: topics,
          maxPicks: 5,
          ranked: true,
        },
        {
          type: 'long_text',
          id: 'introduction',
          label: 'About you and what you can offer',
          help: 'A short introduction for a future mentee: your work, your path so far, and the kind of support you enjoy giving. We use it to suggest mentees whose hopes fit, and share it with your mentee once you have both accepted the match.',
          required: true,
          maps: 'text',
          maxLength: 2000,
        },
      ],
    },
    {
      id: 'meeting',
      title: 'How and when you can meet',
      questions: [
        meetingFormat('Offering online mentoring lets you support people anywhere in the network.'),
        region,
        timeZone,
        languagesQuestion,
        hours(
          'How much time could you give each mentee a month?',
          'Including meetings and a little time to prepare. About an hour a month per mentee is typical.',
        ),
        {
          type: 'scale',
          id: 'capacity',
          label: 'How many mentees could you support at once?',
          help: 'Most mentors start with one. You can pause at any time if things get busy.',
          required: true,
          maps: 'capacity',
          min: 1,
          max: 5,
          minLabel: 'One',
          maxLabel: 'Five',
        },
      ],
    },
    anyoneToAvoid,
    {
      id: 'consent',
      title: 'Your consent',
      questions: [
        consent(
          'I agree that the programme may use my answers to suggest mentees for me. When a match is suggested, we will both be told why we might suit each other; if my programme lets mentees choose from suggested mentors, they may also see my career stage, topics and introduction, but never my contact details. My contact details are shared with a mentee only after we have both accepted the match. I can withdraw at any time, and my answers will then be deleted.',
        ),
      ],
    },
  ],
});
