// Seeded synthetic programmes over the health-information taxonomy: skewed sectors, regions and
// topics, mentees earlier in their careers than mentors, organisations shared by several people
// (so some pairs are ruled out as the same organisation), a few named exclusions, declined pairs
// and places already taken. Same seed → same programme.
import type { MatchingAttributes } from '@belong/contracts';
import { type Context, type Person, pairKey } from '../src/index.ts';
import type { RegionId, SectorId, TopicId } from '../test/support/health-information.ts';

/** mulberry32: small, fast, good enough for test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Weighted<T> = readonly (readonly [T, number])[];

function picker<T>(random: () => number, table: Weighted<T>): () => T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  return () => {
    let x = random() * total;
    for (const [value, w] of table) {
      x -= w;
      if (x < 0) return value;
    }
    return (table[table.length - 1] as readonly [T, number])[0];
  };
}

const sectorWeights: Weighted<SectorId> = [
  ['nhs-acute', 35],
  ['primary-care', 6],
  ['mental-health', 8],
  ['community-health', 6],
  ['public-health', 7],
  ['higher-education', 15],
  ['research-institute', 5],
  ['industry', 5],
  ['charity', 5],
  ['government', 5],
  ['independent', 3],
];
const regionWeights: Weighted<RegionId> = [
  ['north-east', 5],
  ['north-west', 11],
  ['yorkshire-humber', 8],
  ['east-midlands', 7],
  ['west-midlands', 9],
  ['east-of-england', 8],
  ['london', 17],
  ['south-east', 13],
  ['south-west', 8],
  ['scotland', 7],
  ['wales', 4],
  ['northern-ireland', 2],
  ['outside-uk', 1],
];
const abroadZones: Weighted<string> = [
  ['Europe/Dublin', 3],
  ['Europe/Paris', 3],
  ['America/New_York', 2],
  ['Asia/Kolkata', 1],
  ['Australia/Sydney', 1],
  ['Africa/Lagos', 1],
];
const goalWeights: Weighted<TopicId> = [
  ['literature-searching', 14],
  ['evidence-synthesis', 14],
  ['critical-appraisal', 9],
  ['clinical-librarianship', 7],
  ['knowledge-management', 8],
  ['research-data-management', 4],
  ['teaching-information-literacy', 7],
  ['professional-development', 12],
  ['leadership-management', 11],
  ['service-development', 8],
  ['digital-ai-tools', 10],
  ['copyright-licensing', 3],
];
const expertiseWeights: Weighted<TopicId> = [
  ['literature-searching', 18],
  ['evidence-synthesis', 10],
  ['critical-appraisal', 10],
  ['clinical-librarianship', 8],
  ['knowledge-management', 9],
  ['research-data-management', 4],
  ['teaching-information-literacy', 10],
  ['professional-development', 10],
  ['leadership-management', 10],
  ['service-development', 7],
  ['digital-ai-tools', 4],
  ['copyright-licensing', 5],
];
const menteeStages: Weighted<number> = [
  [1, 20],
  [2, 32],
  [3, 28],
  [4, 14],
  [5, 6],
];
const mentorStages: Weighted<number> = [
  [2, 4],
  [3, 18],
  [4, 36],
  [5, 26],
  [6, 16],
];
const menteeFormats: Weighted<MatchingAttributes['meetingFormats']> = [
  [['online'], 60],
  [['online', 'in_person'], 30],
  [['in_person'], 10],
];
const mentorFormats: Weighted<MatchingAttributes['meetingFormats']> = [
  [['online'], 50],
  [['online', 'in_person'], 45],
  [['in_person'], 5],
];
const hours: Weighted<number> = [
  [1, 45],
  [2, 35],
  [4, 15],
  [6, 5],
];
const capacities: Weighted<number> = [
  [1, 30],
  [2, 30],
  [3, 20],
  [4, 12],
  [5, 8],
];
const secondLanguages: Weighted<string> = [
  ['fr', 4],
  ['es', 3],
  ['pl', 2],
  ['ur', 2],
  ['pa', 2],
  ['hi', 2],
  ['de', 2],
  ['ar', 1],
  ['zh', 1],
  ['bfi', 1],
];

/** What people write about each topic; texts are built from these and some general sentences. */
const topicPhrases: Record<TopicId, { mentee: string[]; mentor: string[] }> = {
  'literature-searching': {
    mentee: [
      'I want to get better at building complex search strategies across databases.',
      'I would like help structuring literature searches for clinical questions.',
    ],
    mentor: [
      'I have run literature searches for clinicians and guideline groups for many years.',
      'I enjoy teaching database searching and search strategy design.',
    ],
  },
  'evidence-synthesis': {
    mentee: [
      'I have been asked to support a systematic review and feel out of my depth.',
      'I would like to understand evidence synthesis and rapid reviews.',
    ],
    mentor: [
      'I have worked as the information specialist on systematic reviews and rapid evidence syntheses.',
      'I support review teams with protocols, searching and reporting.',
    ],
  },
  'critical-appraisal': {
    mentee: [
      'I want confidence in critical appraisal of research papers.',
      'I would like to run critical appraisal sessions for staff.',
    ],
    mentor: [
      'I teach critical appraisal to nurses, doctors and allied health professionals.',
      'I run journal clubs and appraisal workshops.',
    ],
  },
  'clinical-librarianship': {
    mentee: [
      'I would like to work more closely with clinical teams on the wards.',
      'I am starting an outreach role with clinical teams.',
    ],
    mentor: [
      'I built a clinical librarian service embedded in multidisciplinary teams.',
      'I have worked as an outreach librarian alongside clinical teams.',
    ],
  },
  'knowledge-management': {
    mentee: [
      'I want to develop knowledge management in my organisation.',
      'I would like ideas for capturing and sharing organisational knowledge.',
    ],
    mentor: [
      'I lead knowledge management work such as after action reviews and knowledge sharing.',
      'I have set up communities of practice and knowledge hubs.',
    ],
  },
  'research-data-management': {
    mentee: [
      'I need to learn about research data management plans.',
      'I support researchers with data and want to know more about repositories.',
    ],
    mentor: [
      'I advise researchers on data management plans, repositories and open data.',
      'I manage a research data service.',
    ],
  },
  'teaching-information-literacy': {
    mentee: [
      'I would like to improve my teaching and training sessions.',
      'I want to design better information literacy teaching for students.',
    ],
    mentor: [
      'I design information literacy teaching for students and staff.',
      'I train staff in finding and using evidence and enjoy teaching.',
    ],
  },
  'professional-development': {
    mentee: [
      'I am working towards chartership and need help with my portfolio.',
      'I want support with revalidation and planning my professional development.',
    ],
    mentor: [
      'I have mentored several colleagues through chartership and revalidation.',
      'I am an experienced chartership mentor and portfolio assessor.',
    ],
  },
  'leadership-management': {
    mentee: [
      'I have just become a team leader and want to grow as a manager.',
      'I would like to develop my leadership skills and manage change.',
    ],
    mentor: [
      'I have managed library and knowledge teams through restructures.',
      'I lead a service and enjoy developing new managers.',
    ],
  },
  'service-development': {
    mentee: [
      'I need to show the value and impact of our library service.',
      'I want to make the case for new posts and develop our service.',
    ],
    mentor: [
      'I have grown services by demonstrating impact and value to senior leaders.',
      'I have written business cases and advocated for knowledge services.',
    ],
  },
  'digital-ai-tools': {
    mentee: [
      'I want to understand how AI tools could support evidence searching.',
      'I would like to use reference management and automation tools well.',
    ],
    mentor: [
      'I evaluate AI and automation tools for evidence work.',
      'I have introduced reference management and digital tools across teams.',
    ],
  },
  'copyright-licensing': {
    mentee: [
      'I am unsure about copyright and licensing questions from staff.',
      'I would like to understand licences for electronic resources.',
    ],
    mentor: [
      'I advise on copyright, licensing and electronic resource contracts.',
      'I negotiate licences and answer copyright queries.',
    ],
  },
};
const menteeGeneral = [
  'I am the only librarian in my organisation and would value someone to talk things through with.',
  'I would like a mentor who has been in a similar role.',
  'I work part time and want to make the most of limited time.',
  'I am new to health libraries after working in a university.',
  'I would like to build my confidence and plan the next step in my career.',
];
const mentorGeneral = [
  'I enjoy supporting people who are new to health libraries.',
  'I have worked in NHS libraries for over fifteen years.',
  'I am happy to listen, share what has worked for me and help you plan.',
  'I moved from academic libraries into health and remember how that felt.',
  'I have supported solo librarians working without a team around them.',
];

const firstNames = [
  'Priya',
  'Sam',
  'Alex',
  'Jordan',
  'Morgan',
  'Aisha',
  'Tom',
  'Fatima',
  'Rhys',
  'Siobhan',
  'Kwame',
  'Ewa',
  'Hannah',
  'Imran',
  'Chloe',
  'Daniel',
  'Mei',
  'Niamh',
  'Oluwaseun',
  'Grace',
  'Ravi',
  'Eilidh',
  'Tomasz',
  'Zainab',
  'Owen',
  'Sofia',
  'Callum',
  'Amara',
  'Ffion',
  'Leon',
];
const lastNames = [
  'Shah',
  'Jones',
  'Williams',
  'Taylor',
  'Brown',
  'Khan',
  'Evans',
  'Murphy',
  'Okafor',
  'Nowak',
  'Patel',
  'Smith',
  'Campbell',
  'Hughes',
  'Chen',
  'Ahmed',
  'Davies',
  'MacLeod',
  'Singh',
  'Roberts',
];

export interface Programme {
  mentees: Person[];
  mentors: Person[];
  context: Context;
}

export function syntheticProgramme(menteeCount: number, mentorCount: number, seed: number): Programme {
  const random = prng(seed);
  const pick = <T>(table: Weighted<T>) => picker(random, table);
  const sector = pick(sectorWeights);
  const region = pick(regionWeights);
  const zoneAbroad = pick(abroadZones);
  const goal = pick(goalWeights);
  const expertise = pick(expertiseWeights);
  const menteeStage = pick(menteeStages);
  const mentorStage = pick(mentorStages);
  const menteeFormat = pick(menteeFormats);
  const mentorFormat = pick(mentorFormats);
  const hour = pick(hours);
  const capacity = pick(capacities);
  const second = pick(secondLanguages);
  const any = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;

  // About one organisation per 12 people, so colleagues meet in the pool; a few large employers.
  const organisationsPerSector = Math.max(
    3,
    Math.round((menteeCount + mentorCount) / 12 / sectorWeights.length),
  );
  const organisationOf = (s: SectorId) => {
    const rank = Math.floor(organisationsPerSector * random() ** 2);
    return `${s} organisation ${rank}`;
  };
  const programmeId = 'prg_benchmark01';

  const distinct = (next: () => TopicId, count: number) => {
    const out = new Set<TopicId>();
    for (let guard = 0; out.size < count && guard < 50; guard++) out.add(next());
    return [...out];
  };

  const person = (role: 'mentee' | 'mentor', index: number): Person => {
    const first = any(firstNames);
    const last = any(lastNames);
    const s = sector();
    const r = region();
    const ts =
      role === 'mentee'
        ? distinct(goal, 1 + Math.floor(random() * 3))
        : distinct(expertise, 2 + Math.floor(random() * 4));
    const sentences: string[] = [];
    for (const t of ts.slice(0, 2)) sentences.push(any(topicPhrases[t][role]));
    sentences.push(any(role === 'mentee' ? menteeGeneral : mentorGeneral));
    const langs = ['en'];
    if (r === 'wales' && random() < 0.25) langs.push('cy');
    if (random() < 0.1) langs.push(second());
    const status = role === 'mentor' && random() < 0.02 ? 'paused' : 'active';
    const id = `${role === 'mentee' ? 'mte' : 'mtr'}_${String(index).padStart(7, '0')}`;
    return {
      id,
      programmeId,
      role,
      status,
      displayName: `${first} ${last}`,
      email: `${first}.${last}.${index}@${role}.example`.toLowerCase(),
      attributes: {
        organisation: organisationOf(s),
        sector: s,
        specialisms: [],
        careerStage: role === 'mentee' ? menteeStage() : mentorStage(),
        region: r,
        meetingFormats: role === 'mentee' ? menteeFormat() : mentorFormat(),
        timeZone: r === 'outside-uk' ? zoneAbroad() : 'Europe/London',
        languages: langs,
        hoursPerMonth: hour(),
        topics: ts,
        text: sentences.join(' '),
        exclusions: [],
        ...(role === 'mentor' ? { capacity: capacity() } : {}),
      },
    };
  };

  const mentees = Array.from({ length: menteeCount }, (_, i) => person('mentee', i));
  const mentors = Array.from({ length: mentorCount }, (_, i) => person('mentor', i));
  // Named exclusions: 2% of mentees name a mentor (by email or by name), 1% of mentors a mentee.
  for (const m of mentees) {
    if (random() < 0.02) {
      const other = any(mentors);
      m.attributes.exclusions.push(random() < 0.5 ? other.email : other.displayName.toLowerCase());
    }
  }
  for (const m of mentors) {
    if (random() < 0.01) m.attributes.exclusions.push(any(mentees).email);
  }
  const declinedPairs = new Set<string>();
  for (let k = 0; k < Math.ceil(menteeCount / 50); k++)
    declinedPairs.add(pairKey(any(mentees).id, any(mentors).id));
  const openLoad = new Map<string, number>();
  for (const m of mentors) if (random() < 0.1) openLoad.set(m.id, 1);
  return { mentees, mentors, context: { declinedPairs, openLoad } };
}
