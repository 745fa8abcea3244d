// The health and medical information taxonomy: the stable ids people's answers and matching
// attributes use, with the words people read. Shared by the profile service (the default
// questionnaire's options) and the matching service (the labels in match explanations).
// Never change an id: stored answers and attributes hold them. Labels are British English.
import type { ChoiceOption, LanguageOption } from '../questionnaire.ts';

export const sectors: ChoiceOption[] = [
  {
    value: 'nhs-acute',
    label: 'NHS acute trust or hospital',
    help: 'Including hospital services in NHS Scotland and NHS Wales health boards, and health and social care trusts in Northern Ireland.',
  },
  {
    value: 'primary-care',
    label: 'Primary care',
    help: 'GP practices, primary care networks and their support teams.',
  },
  { value: 'mental-health', label: 'Mental health' },
  { value: 'community-health', label: 'Community health' },
  { value: 'public-health', label: 'Public health', help: 'Including local authority public health teams.' },
  { value: 'higher-education', label: 'Higher education', help: 'A university, college or medical school.' },
  { value: 'research-institute', label: 'Research institute' },
  {
    value: 'industry',
    label: 'Pharmaceutical or industry',
    help: 'Including medical communications and health technology.',
  },
  {
    value: 'charity',
    label: 'Charity or third sector',
    help: 'Including hospices, patient organisations and royal colleges.',
  },
  {
    value: 'government',
    label: 'Government or arm’s-length body',
    help: 'For example NICE, UKHSA, a government department or a national NHS body.',
  },
  { value: 'independent', label: 'Independent or freelance' },
];

export const careerStages: ChoiceOption[] = [
  { value: 'new-to-profession', label: 'Student, or new to the profession', number: 1 },
  { value: 'early-career', label: 'Early career (up to 3 years)', number: 2 },
  { value: 'established', label: 'Established (4 to 10 years)', number: 3 },
  { value: 'experienced', label: 'Experienced (more than 10 years)', number: 4 },
  {
    value: 'service-lead',
    label: 'Service lead or manager',
    help: 'You lead a team or a service.',
    number: 5,
  },
  {
    value: 'head-of-service',
    label: 'Head of service or director',
    help: 'You are responsible for library, knowledge or information services across an organisation.',
    number: 6,
  },
];

export const topics: ChoiceOption[] = [
  { value: 'literature-searching', label: 'Literature searching' },
  { value: 'evidence-synthesis', label: 'Systematic reviews and evidence synthesis' },
  { value: 'critical-appraisal', label: 'Critical appraisal' },
  {
    value: 'clinical-librarianship',
    label: 'Clinical and outreach librarianship',
    help: 'Working alongside clinical teams, on wards or out in the community.',
  },
  { value: 'knowledge-management', label: 'Knowledge management' },
  { value: 'research-data-management', label: 'Research data management' },
  { value: 'teaching-information-literacy', label: 'Teaching and information literacy' },
  {
    value: 'professional-development',
    label: 'Chartership, revalidation and CPD portfolios',
    help: 'Professional registration and keeping a record of your development.',
  },
  { value: 'leadership-management', label: 'Leadership and management' },
  {
    value: 'service-development',
    label: 'Service development and advocacy',
    help: 'Growing a service, showing its value and making the case for it.',
  },
  {
    value: 'digital-ai-tools',
    label: 'Digital and AI tools',
    help: 'For example search tools, reference management, automation and AI in evidence work.',
  },
  { value: 'copyright-licensing', label: 'Copyright and licensing' },
];
export const topicTaxonomy = 'health-information-topics-1';

export const regions: ChoiceOption[] = [
  { value: 'north-east', label: 'North East England' },
  { value: 'north-west', label: 'North West England' },
  { value: 'yorkshire-humber', label: 'Yorkshire and the Humber' },
  { value: 'east-midlands', label: 'East Midlands' },
  { value: 'west-midlands', label: 'West Midlands' },
  { value: 'east-of-england', label: 'East of England' },
  { value: 'london', label: 'London' },
  { value: 'south-east', label: 'South East England' },
  { value: 'south-west', label: 'South West England' },
  { value: 'scotland', label: 'Scotland' },
  { value: 'wales', label: 'Wales' },
  { value: 'northern-ireland', label: 'Northern Ireland' },
  { value: 'outside-uk', label: 'Outside the UK' },
];

export const languages: LanguageOption[] = [
  { value: 'en', label: 'English' },
  { value: 'cy', label: 'Welsh (Cymraeg)' },
  { value: 'gd', label: 'Scottish Gaelic (Gàidhlig)' },
  { value: 'ga', label: 'Irish (Gaeilge)' },
  { value: 'bfi', label: 'British Sign Language' },
  { value: 'fr', label: 'French (français)' },
  { value: 'es', label: 'Spanish (español)' },
  { value: 'pt', label: 'Portuguese (português)' },
  { value: 'it', label: 'Italian (italiano)' },
  { value: 'de', label: 'German (Deutsch)' },
  { value: 'pl', label: 'Polish (polski)' },
  { value: 'ro', label: 'Romanian (română)' },
  { value: 'ur', label: 'Urdu (اردو)' },
  { value: 'pa', label: 'Punjabi (ਪੰਜਾਬੀ / پنجابی)' },
  { value: 'hi', label: 'Hindi (हिन्दी)' },
  { value: 'gu', label: 'Gujarati (ગુજરાતી)' },
  { value: 'bn', label: 'Bengali (বাংলা)' },
  { value: 'ta', label: 'Tamil (தமிழ்)' },
  { value: 'ar', label: 'Arabic (العربية)' },
  { value: 'so', label: 'Somali (Soomaali)' },
  { value: 'tr', label: 'Turkish (Türkçe)' },
  { value: 'zh', label: 'Chinese (中文)' },
];

/** id → label, for explanations. */
export function labelsOf(options: readonly { value: string; label: string }[]): Record<string, string> {
  return Object.fromEntries(options.map((option) => [option.value, option.label]));
}
