// The demo's mentors: invented people, varied the way a real health-information network is
// (sectors, regions, career stages, expertise, meeting formats, capacity). Deterministic, so two
// runs seed the same people. Every answer is a valid answer to the default mentor questionnaire.

const people = [
  ['Gareth Evans', 'Cardiff and Vale University Health Board', 'nhs-acute', 'wales'],
  ['Siobhan Murphy', 'Belfast Health and Social Care Trust', 'nhs-acute', 'northern-ireland'],
  ['Ruth Adeyemi', 'University of Manchester', 'higher-education', 'north-west'],
  ['Tom Hughes', 'NICE', 'government', 'north-west'],
  ['Aisha Rahman', 'Barts Health NHS Trust', 'nhs-acute', 'london'],
  ['Fiona MacLeod', 'NHS Education for Scotland', 'government', 'scotland'],
  ['Daniel Okoro', 'Leeds and York Partnership NHS Foundation Trust', 'mental-health', 'yorkshire-humber'],
  ['Helen Clarke', 'Cochrane', 'charity', 'london'],
  ['Priyanka Desai', 'AstraZeneca', 'industry', 'east-of-england'],
  ['Mark Pritchard', 'Sheffield Teaching Hospitals NHS Foundation Trust', 'nhs-acute', 'yorkshire-humber'],
  ['Joanne Whitfield', 'UK Health Security Agency', 'public-health', 'south-west'],
  ['Kwame Mensah', 'University of Birmingham', 'higher-education', 'west-midlands'],
  ['Laura Bennett', 'Royal College of Nursing', 'charity', 'london'],
  ['Ewan Fraser', 'NHS Highland', 'nhs-acute', 'scotland'],
  ['Catherine Doyle', 'Newcastle upon Tyne Hospitals NHS Foundation Trust', 'nhs-acute', 'north-east'],
  ['Imran Qureshi', 'Bradford District Care NHS Foundation Trust', 'community-health', 'yorkshire-humber'],
  ['Sarah Lloyd', 'Swansea University', 'higher-education', 'wales'],
  ['Peter Nolan', 'Nottinghamshire Healthcare NHS Foundation Trust', 'mental-health', 'east-midlands'],
  ['Grace Achterberg', 'Wellcome Sanger Institute', 'research-institute', 'east-of-england'],
  ['Rachel Green', 'Kent County Council Public Health', 'public-health', 'south-east'],
  ['Oliver Shaw', 'Independent information specialist', 'independent', 'south-west'],
  ['Nadia Haddad', 'Guy’s and St Thomas’ NHS Foundation Trust', 'nhs-acute', 'london'],
  ['Stuart Kerr', 'University of Glasgow', 'higher-education', 'scotland'],
  ['Megan Price', 'Aneurin Bevan University Health Board', 'community-health', 'wales'],
  ['Chidi Eze', 'Lancashire Teaching Hospitals NHS Foundation Trust', 'nhs-acute', 'north-west'],
  ['Anna Kowalska', 'Oxford University Hospitals NHS Foundation Trust', 'nhs-acute', 'south-east'],
  ['Ben Thornton', 'Primary Care Knowledge Service, Devon', 'primary-care', 'south-west'],
  ['Zara Ahmed', 'Macmillan Cancer Support', 'charity', 'london'],
  ['Hugh Bell', 'Medical Research Council', 'research-institute', 'london'],
  ['Lucy Fenwick', 'Northumbria Healthcare NHS Foundation Trust', 'nhs-acute', 'north-east'],
  ['Rhys Morgan', 'Public Health Wales', 'public-health', 'wales'],
  ['Emma Walsh', 'University College Dublin', 'higher-education', 'outside-uk'],
  ['Samuel Idowu', 'University Hospitals of Leicester NHS Trust', 'nhs-acute', 'east-midlands'],
  ['Jenny Cartwright', 'Primary care network, Norfolk', 'primary-care', 'east-of-england'],
  ['Tariq Mahmood', 'Birmingham Women’s and Children’s NHS Foundation Trust', 'nhs-acute', 'west-midlands'],
  ['Ellen Sørensen', 'Evidence Synthesis Ireland', 'research-institute', 'outside-uk'],
] as const;

const expertise = [
  ['evidence-synthesis', 'literature-searching', 'critical-appraisal'],
  ['clinical-librarianship', 'literature-searching', 'teaching-information-literacy'],
  ['knowledge-management', 'service-development', 'leadership-management'],
  ['research-data-management', 'digital-ai-tools', 'copyright-licensing'],
  ['professional-development', 'teaching-information-literacy', 'leadership-management'],
  ['digital-ai-tools', 'evidence-synthesis', 'knowledge-management'],
  ['critical-appraisal', 'clinical-librarianship', 'professional-development'],
  ['service-development', 'copyright-licensing', 'knowledge-management'],
  ['leadership-management', 'service-development', 'professional-development'],
] as const;

const labels: Record<string, string> = {
  'evidence-synthesis': 'systematic reviews',
  'literature-searching': 'literature searching',
  'critical-appraisal': 'critical appraisal',
  'clinical-librarianship': 'clinical librarianship',
  'knowledge-management': 'knowledge management',
  'research-data-management': 'research data management',
  'teaching-information-literacy': 'teaching information skills',
  'professional-development': 'chartership and CPD portfolios',
  'leadership-management': 'leading a team',
  'service-development': 'making the case for a library service',
  'digital-ai-tools': 'AI and automation in evidence work',
  'copyright-licensing': 'copyright and licensing',
};

const stages = ['established', 'experienced', 'service-lead', 'head-of-service'] as const;
const formats = ['online', 'either', 'online', 'in_person'] as const;
const hours = ['about-1', 'about-2', 'three-to-four', 'about-2'] as const;

export interface DemoMentor {
  displayName: string;
  email: string;
  answers: Record<string, unknown>;
}

/** `domain`: where their (invented) addresses are; tests give each run its own. */
export function demoMentors(domain = 'mentors.belong-demo.example'): DemoMentor[] {
  return people.map(([name, organisation, sector, region], i) => {
    const topics = expertise[i % expertise.length] ?? expertise[0];
    const first = name.split(' ')[0] ?? name;
    const words = topics.map((t) => labels[t] ?? t);
    return {
      displayName: name,
      email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@${domain}`,
      answers: {
        organisation,
        sector,
        'career-stage': stages[i % stages.length],
        expertise: [...topics],
        introduction: `I'm ${first}. Most of my week goes on ${words[0]}, and I have spent years on ${words[1]} and ${words[2]}. I enjoy helping people who are the only information professional in their organisation find their feet.`,
        'meeting-format': formats[i % formats.length],
        region,
        'time-zone': region === 'outside-uk' ? 'Europe/Dublin' : 'Europe/London',
        languages: region === 'wales' && i % 2 === 0 ? ['en', 'cy'] : ['en'],
        'hours-per-month': hours[i % hours.length],
        capacity: (i % 3) + 1,
        consent: true,
      },
    };
  });
}
