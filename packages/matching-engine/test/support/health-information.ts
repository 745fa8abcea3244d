// Taxonomy ids and labels of the health-information questionnaire
// (services/profile/src/questionnaires/health-information.ts), copied for readable test data and
// the benchmark's synthetic programmes. The engine itself takes labels as input.
import type { Labels } from '../../src/index.ts';

export const sectors = {
  'nhs-acute': 'NHS acute trust or hospital',
  'primary-care': 'Primary care',
  'mental-health': 'Mental health',
  'community-health': 'Community health',
  'public-health': 'Public health',
  'higher-education': 'Higher education',
  'research-institute': 'Research institute',
  industry: 'Pharmaceutical or industry',
  charity: 'Charity or third sector',
  government: 'Government or arm’s-length body',
  independent: 'Independent or freelance',
} as const;

export const topics = {
  'literature-searching': 'Literature searching',
  'evidence-synthesis': 'Systematic reviews and evidence synthesis',
  'critical-appraisal': 'Critical appraisal',
  'clinical-librarianship': 'Clinical and outreach librarianship',
  'knowledge-management': 'Knowledge management',
  'research-data-management': 'Research data management',
  'teaching-information-literacy': 'Teaching and information literacy',
  'professional-development': 'Chartership, revalidation and CPD portfolios',
  'leadership-management': 'Leadership and management',
  'service-development': 'Service development and advocacy',
  'digital-ai-tools': 'Digital and AI tools',
  'copyright-licensing': 'Copyright and licensing',
} as const;

export const regions = {
  'north-east': 'North East England',
  'north-west': 'North West England',
  'yorkshire-humber': 'Yorkshire and the Humber',
  'east-midlands': 'East Midlands',
  'west-midlands': 'West Midlands',
  'east-of-england': 'East of England',
  london: 'London',
  'south-east': 'South East England',
  'south-west': 'South West England',
  scotland: 'Scotland',
  wales: 'Wales',
  'northern-ireland': 'Northern Ireland',
  'outside-uk': 'Outside the UK',
} as const;

export const languages = {
  en: 'English',
  cy: 'Welsh (Cymraeg)',
  gd: 'Scottish Gaelic (Gàidhlig)',
  ga: 'Irish (Gaeilge)',
  bfi: 'British Sign Language',
  fr: 'French (français)',
  es: 'Spanish (español)',
  pt: 'Portuguese (português)',
  it: 'Italian (italiano)',
  de: 'German (Deutsch)',
  pl: 'Polish (polski)',
  ro: 'Romanian (română)',
  ur: 'Urdu (اردو)',
  pa: 'Punjabi (ਪੰਜਾਬੀ / پنجابی)',
  hi: 'Hindi (हिन्दी)',
  gu: 'Gujarati (ગુજરાતી)',
  bn: 'Bengali (বাংলা)',
  ta: 'Tamil (தமிழ்)',
  ar: 'Arabic (العربية)',
  so: 'Somali (Soomaali)',
  tr: 'Turkish (Türkçe)',
  zh: 'Chinese (中文)',
} as const;

/** The answers' hours-per-month values (About an hour, About 2 hours, 3 to 4 hours, More than 4). */
export const hoursPerMonth = [1, 2, 4, 6] as const;

export type SectorId = keyof typeof sectors;
export type TopicId = keyof typeof topics;
export type RegionId = keyof typeof regions;
export type LanguageId = keyof typeof languages;

export const labels: Labels = { sectors, topics, regions, languages };
