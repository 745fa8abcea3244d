// API fuzzing with schemathesis (docs/fuzzing.md): the three services on real ports and the real
// servers, the demo seeded plus one object of every kind a path names, then `schemathesis run`
// against each service's live OpenAPI document with every check on. Prints a summary per service
// and exits 1 on any failure.
//
//   node packages/proof/src/fuzz.ts [--short] [--service profile|matching|notification]
//                                   [--max-examples N] [--seed N]
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { seedDemo } from '@belong/demo';
import { demoMentors } from '@belong/demo/mentors';
import { type System, startSystem } from '@belong/e2e/src/system.ts';
import { connectionEnv, loadInfraConfig, repoRoot } from '@belong/infra';
import { encodeIdCursor, issueToken } from '@belong/kit';
import { type Mailbox, startMailbox } from '../../../infra/src/mailbox/mailbox.ts';

export const SCHEMATHESIS_VERSION = '4.32.5';
const SERVICES = ['profile', 'matching', 'notification'] as const;
type ServiceName = (typeof SERVICES)[number];

/** Short mode (CI): few examples, a fixed seed. Full mode: more examples, a fresh seed each run. */
const SHORT = { maxExamples: 10, seed: 20240611 };
const FULL = { maxExamples: 100 };

class FuzzError extends Error {}

function fail(message: string): never {
  throw new FuzzError(message);
}

export interface Options {
  short: boolean;
  services: ServiceName[];
  maxExamples: number;
  seed: number;
}

const USAGE =
  'usage: node packages/proof/src/fuzz.ts [--short] [--service profile|matching|notification]… [--max-examples N] [--seed N]';

function parseOptions(argv: string[]): Options {
  let values: { short?: boolean; service?: string[]; 'max-examples'?: string; seed?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        short: { type: 'boolean', default: false },
        service: { type: 'string', multiple: true },
        'max-examples': { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const services = (values.service ?? [...SERVICES]).map((name) => {
    if (!(SERVICES as readonly string[]).includes(name)) {
      fail(`unknown service "${name}" (one of ${SERVICES.join(', ')})`);
    }
    return name as ServiceName;
  });
  const integer = (name: string, raw: string | undefined, fallback: number, min: number): number => {
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min) fail(`--${name} must be an integer ≥ ${min}, got "${raw}"`);
    return Number(raw);
  };
  const short = values.short ?? false;
  return {
    short,
    services,
    maxExamples: integer(
      'max-examples',
      values['max-examples'],
      short ? SHORT.maxExamples : FULL.maxExamples,
      1,
    ),
    seed: integer('seed', values.seed, short ? SHORT.seed : Math.floor(Math.random() * 2 ** 31), 0),
  };
}

// ---------------------------------------------------------------------------------------------
// schemathesis in a venv under the Belong cache dir

function ensureSchemathesis(cacheDir: string): string {
  const venv = join(cacheDir, `schemathesis-${SCHEMATHESIS_VERSION}`);
  const bin = join(venv, 'bin', 'schemathesis');
  const installed = () =>
    existsSync(bin) &&
    (spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout ?? '').includes(SCHEMATHESIS_VERSION);
  if (installed()) return bin;

  const python = process.env.PYTHON ?? 'python3';
  const probe = spawnSync(python, ['-c', 'import sys, venv, ensurepip; print(sys.version_info >= (3, 9))'], {
    encoding: 'utf8',
  });
  if (probe.error || probe.status !== 0) {
    fail(
      `${python} with venv and pip is needed to install schemathesis (Debian: apt-get install python3-venv)`,
    );
  }
  if (probe.stdout.trim() !== 'True')
    fail(`schemathesis ${SCHEMATHESIS_VERSION} needs Python ≥ 3.9 (${python})`);

  console.log(`Installing schemathesis ${SCHEMATHESIS_VERSION} from PyPI into ${venv} (once, about 10 s)…`);
  mkdirSync(cacheDir, { recursive: true });
  const log = join(cacheDir, `schemathesis-${SCHEMATHESIS_VERSION}-install.log`);
  writeFileSync(log, '');
  const run = (command: string, args: string[]): boolean => {
    const result = spawnSync(command, args, { encoding: 'utf8' });
    const output = `$ ${command} ${args.join(' ')}\n${result.stdout ?? ''}${result.stderr ?? ''}${result.error ?? ''}\n`;
    writeFileSync(log, output, { flag: 'a' });
    return !result.error && result.status === 0;
  };
  // A venv's scripts name its own path, so it is built where it stays; a half-built one is removed.
  rmSync(venv, { recursive: true, force: true });
  if (!run(python, ['-m', 'venv', venv])) {
    rmSync(venv, { recursive: true, force: true });
    fail(`could not create a Python venv in ${venv} (Debian: apt-get install python3-venv); see ${log}`);
  }
  const pip = join(venv, 'bin', 'pip');
  if (
    !run(pip, ['install', '--disable-pip-version-check', '--quiet', `schemathesis==${SCHEMATHESIS_VERSION}`])
  ) {
    rmSync(venv, { recursive: true, force: true });
    fail(`pip install schemathesis==${SCHEMATHESIS_VERSION} failed (is PyPI reachable?); see ${log}`);
  }
  if (!installed()) fail(`schemathesis ${SCHEMATHESIS_VERSION} was installed but does not run; see ${log}`);
  return bin;
}

// ---------------------------------------------------------------------------------------------
// The system under test, and one real object of every kind a path names

export interface Fixtures {
  programmeId: string;
  slug: string;
  menteeId: string;
  mentorId: string;
  matchId: string;
  roundId: string;
  notificationId: string;
  webhookId: string;
  /** A mentee-choice programme and a mentee of it: suggestions and choosing exist there only. */
  choiceProgrammeId: string;
  choiceMenteeId: string;
  choiceMentorId: string;
  /** A mentee and a mentor of the mentee-choice programme for a manual match. */
  manualMenteeId: string;
  manualMentorId: string;
  /** Matches of their own for declining and ending (either closes the match it is given). */
  declineMatchId: string;
  endMatchId: string;
  /** A mentor to pause and resume (the mentee has an open match, which pausing refuses). */
  pauseProfileId: string;
  /** Targets of the operations that destroy or close what they touch: each gets its own object. */
  patchProgrammeId: string;
  eraseProfileId: string;
  withdrawProfileId: string;
  deleteApiKeyId: string;
  deleteWebhookId: string;
  /**
   * Link tokens for the operations open to a link token only (the rest take the admin key): a
   * person's email confirmation (single use) and their unsubscribe link.
   */
  linkTokens: Partial<Record<ServiceName, string>>;
  /** Cursors as each service's lists hand them out; the API keys' list has its own. */
  cursors: Record<ServiceName | 'apiKeys', string[]>;
}

async function call(
  base: string,
  method: string,
  path: string,
  options: { body?: unknown; key?: string; bearer?: string; expect?: number } = {},
): Promise<Record<string, unknown>> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const bearer = options.bearer ?? options.key;
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  if (response.status !== (options.expect ?? response.status) || response.status >= 300) {
    fail(`seeding: ${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
  }
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** Polls `probe` until it returns a value (the services talk through Kafka, so some things lag). */
async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) fail(`seeding: ${what} did not happen within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const firstId = (page: Record<string, unknown>): string | undefined =>
  (page.items as { id: string }[] | undefined)?.[0]?.id;

const MENTEE_ANSWERS = {
  organisation: 'Leeds Teaching Hospitals NHS Trust',
  sector: 'nhs-acute',
  'career-stage': 'early-career',
  'growth-areas': ['evidence-synthesis', 'literature-searching'],
  hopes: 'I would like to get confident with systematic review searching for our research team.',
  'meeting-format': 'online',
  region: 'yorkshire-humber',
  'time-zone': 'Europe/London',
  languages: ['en'],
  'hours-per-month': 'about-2',
  consent: true,
};

/** The string at `key` of an answer; the seeding stops with a clear line when it is not there. */
function field(answer: Record<string, unknown>, key: string, what: string): string {
  const value = key.split('.').reduce<unknown>((at, part) => (at as Record<string, unknown>)?.[part], answer);
  if (typeof value !== 'string')
    fail(`seeding: ${what} has no ${key}: ${JSON.stringify(answer).slice(0, 300)}`);
  return value;
}

async function seed(system: System): Promise<Fixtures> {
  const { urls, adminApiKey: key, signingSecret } = system;
  const demo = await seedDemo({
    profileUrl: urls.profile,
    matchingUrl: urls.matching,
    notificationUrl: urls.notification,
    adminApiKey: key,
    signingSecret,
    mentorEmailDomain: system.ns.emailDomain,
  });
  const { programmeId } = demo;
  const linkToken = (profileId: string, action: 'verify-email' | 'unsubscribe', resourceId?: string) =>
    issueToken({ profileId, action, resourceId, ttlSeconds: 3600 }, { signingSecret });
  const newProgramme = async (slug: string, matchingMode: string, open: boolean) => {
    const created = await call(urls.profile, 'POST', '/programmes', {
      key,
      body: {
        slug,
        name: `Fuzzing: ${slug}`,
        coordinator: { name: 'Fuzz Coordinator', email: system.ns.email(`coordinator.${slug}`) },
        matchingMode,
      },
      expect: 201,
    });
    const id = field(created, 'id', 'a new programme');
    if (open)
      await call(urls.profile, 'PATCH', `/programmes/${id}`, { key, body: { status: 'open' }, expect: 200 });
    return id;
  };
  const signUp = async (inProgramme: string, role: 'mentee' | 'mentor', name: string, verify: boolean) => {
    const created = await call(urls.profile, 'POST', `/programmes/${inProgramme}/profiles`, {
      key,
      body: {
        role,
        displayName: name,
        email: system.ns.email(name.toLowerCase().replace(/\W+/g, '.')),
        answers: role === 'mentee' ? MENTEE_ANSWERS : demoMentors()[0]?.answers,
      },
      expect: 201,
    });
    const id = field(created, 'id', `${name}’s sign-up`);
    if (verify) {
      const bearer = linkToken(id, 'verify-email');
      await call(urls.profile, 'POST', '/profiles/verify', { bearer, expect: 200 });
    }
    return id;
  };

  const menteeId = await signUp(programmeId, 'mentee', 'Fuzz Mentee', true);
  const declineMenteeId = await signUp(programmeId, 'mentee', 'Fuzz Declining Mentee', true);
  const endMenteeId = await signUp(programmeId, 'mentee', 'Fuzz Ended Mentee', true);
  const mentorId = await signUp(programmeId, 'mentor', 'Fuzz Mentor', true);
  const pauseProfileId = await signUp(programmeId, 'mentor', 'Fuzz Paused', true);
  const eraseProfileId = await signUp(programmeId, 'mentor', 'Fuzz Erased', false);
  const withdrawProfileId = await signUp(programmeId, 'mentor', 'Fuzz Withdrawn', true);
  const unverifiedId = await signUp(programmeId, 'mentor', 'Fuzz Unverified', false);
  const patchProgrammeId = await newProgramme('fuzz-patched', 'instant', false);
  // Suggestions and choosing exist in mentee-choice programmes only.
  const choiceProgrammeId = await newProgramme('fuzz-choice', 'mentee_choice', true);
  const choiceMentorId = await signUp(choiceProgrammeId, 'mentor', 'Fuzz Choice Mentor', true);
  const choiceMenteeId = await signUp(choiceProgrammeId, 'mentee', 'Fuzz Choice Mentee', true);
  // A pair for a coordinator's manual match.
  const manualMentorId = await signUp(choiceProgrammeId, 'mentor', 'Fuzz Manual Mentor', true);
  const manualMenteeId = await signUp(choiceProgrammeId, 'mentee', 'Fuzz Manual Mentee', true);

  const newKey = async (name: string) => {
    const body = { name, scopes: ['profiles:read'], programmeId };
    return field(
      await call(urls.profile, 'POST', '/api-keys', { key, body, expect: 201 }),
      'id',
      'a new key',
    );
  };
  const deleteApiKeyId = await newKey('fuzz: revoked by the fuzzer');
  await newKey('fuzz: one more, so the list has a second page');

  const matchOf = (mentee: string) =>
    eventually('an instant match', async () =>
      firstId(
        await call(urls.matching, 'GET', `/programmes/${programmeId}/matches?menteeId=${mentee}`, { key }),
      ),
    );
  const matchId = await matchOf(menteeId);
  const declineMatchId = await matchOf(declineMenteeId);
  const endMatchId = await matchOf(endMenteeId);
  await eventually('the suggestions of the mentee-choice programme', async () => {
    const path = `/programmes/${choiceProgrammeId}/mentees/${choiceMenteeId}/suggestions`;
    const response = await fetch(`${urls.matching}${path}`, { headers: { authorization: `Bearer ${key}` } });
    return response.ok ? true : undefined;
  });
  const round = await call(urls.matching, 'POST', `/programmes/${programmeId}/rounds`, {
    key,
    body: {},
    expect: 201,
  });
  const webhook = async (url: string) => {
    const body = { url, eventTypes: ['belong.match.proposed.v1'] };
    const created = await call(urls.notification, 'POST', `/programmes/${programmeId}/webhooks`, {
      key,
      body,
      expect: 201,
    });
    return field(created, 'endpoint.id', 'a new webhook');
  };
  const webhookId = await webhook('https://hooks.example.com/belong/fuzz');
  const deleteWebhookId = await webhook('https://hooks.example.com/belong/fuzz-deleted');
  const notificationId = await eventually('an email in the delivery log', async () =>
    firstId(
      await call(urls.notification, 'GET', `/notifications?programmeId=${programmeId}&limit=1`, { key }),
    ),
  );
  const nextCursor = async (base: string, path: string) =>
    field(await call(base, 'GET', path, { key }), 'nextCursor', `GET ${path}`);
  const cursors = {
    profile: [
      await nextCursor(urls.profile, '/programmes?limit=1'),
      await nextCursor(urls.profile, `/programmes/${programmeId}/profiles?limit=1`),
    ],
    apiKeys: [await nextCursor(urls.profile, '/api-keys?limit=1')],
    // The one match is the whole list: its id is the cursor a one-item page hands out.
    matching: [encodeIdCursor(matchId)],
    notification: [await nextCursor(urls.notification, `/notifications?programmeId=${programmeId}&limit=1`)],
  };
  return {
    programmeId,
    slug: demo.slug,
    menteeId,
    mentorId,
    matchId,
    roundId: field(round, 'id', 'the round'),
    notificationId,
    webhookId,
    choiceProgrammeId,
    choiceMenteeId,
    choiceMentorId,
    manualMenteeId,
    manualMentorId,
    declineMatchId,
    endMatchId,
    pauseProfileId,
    patchProgrammeId,
    eraseProfileId,
    withdrawProfileId,
    deleteApiKeyId,
    deleteWebhookId,
    linkTokens: {
      profile: linkToken(unverifiedId, 'verify-email'),
      notification: linkToken(menteeId, 'unsubscribe', programmeId),
    },
    cursors,
  };
}

// ---------------------------------------------------------------------------------------------
// One schemathesis.toml per service. Everything that departs from schemathesis's defaults is
// here, and docs/fuzzing.md gives the reason for each.

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** Path and query parameters that name objects → real ones (used in positive cases only). */
function dictionaries(service: ServiceName, f: Fixtures): Record<string, string[]> {
  return {
    programmeId: [f.programmeId],
    slug: [f.slug],
    profileId: [f.menteeId, f.mentorId],
    menteeId: [f.menteeId],
    mentorId: [f.mentorId],
    recipientId: [f.menteeId, f.mentorId],
    matchId: [f.matchId],
    roundId: [f.roundId],
    notificationId: [f.notificationId],
    webhookId: [f.webhookId],
    cursor: f.cursors[service],
    apiKeyCursor: f.cursors.apiKeys,
    choiceProgrammeId: [f.choiceProgrammeId],
    choiceMenteeId: [f.choiceMenteeId],
    declineMatchId: [f.declineMatchId],
    endMatchId: [f.endMatchId],
    pauseProfileId: [f.pauseProfileId],
    patchProgrammeId: [f.patchProgrammeId],
    eraseProfileId: [f.eraseProfileId],
    withdrawProfileId: [f.withdrawProfileId],
    deleteApiKeyId: [f.deleteApiKeyId],
    deleteWebhookId: [f.deleteWebhookId],
  };
}

/** How often a positive test case uses a real object rather than a generated (unknown) id. */
const REAL_OBJECT_PROBABILITY = 0.8;
/** Parameters bound to the real objects of the same name, in every operation that has them. */
const REAL_OBJECTS = [
  'programmeId',
  'slug',
  'profileId',
  'menteeId',
  'mentorId',
  'recipientId',
  'matchId',
  'roundId',
  'notificationId',
  'webhookId',
];

interface OperationSettings {
  /** `name = value` lines of the operation's `parameters` table. */
  parameters: string[];
  /** Statuses positive_data_acceptance also takes, with the reason; `coverage` for that phase only. */
  alsoAccepted?: { statuses: number[]; reason: string; coverageOnly?: boolean };
}

const bind = (dictionary: string, probability = REAL_OBJECT_PROBABILITY) =>
  `{ dictionary = ${JSON.stringify(dictionary)}, probability = ${probability} }`;

/** An API key must say which side answers (`as`); a link token says it by itself. */
const answerAsMentee: OperationSettings = {
  parameters: ['"body.as" = "mentee"'],
  alsoAccepted: {
    statuses: [400],
    reason: 'with an API key `as` is required, which the schema cannot say (the fuzzer adds it where it can)',
  },
};
const inChoiceProgramme: OperationSettings = {
  parameters: [`programmeId = ${bind('choiceProgrammeId')}`, `menteeId = ${bind('choiceMenteeId')}`],
};

/** Settings of single operations, by service and `METHOD path`. */
const operations = (f: Fixtures): Record<ServiceName, Record<string, OperationSettings>> => ({
  profile: {
    // Operations that destroy or close their object get one of their own, so the rest keep theirs.
    'PATCH /programmes/{programmeId}': { parameters: [`programmeId = ${bind('patchProgrammeId')}`] },
    'DELETE /profiles/{profileId}': { parameters: [`profileId = ${bind('eraseProfileId')}`] },
    'POST /profiles/{profileId}/withdraw': { parameters: [`profileId = ${bind('withdrawProfileId')}`] },
    'POST /profiles/{profileId}/pause': { parameters: [`profileId = ${bind('pauseProfileId')}`] },
    'POST /profiles/{profileId}/resume': { parameters: [`profileId = ${bind('pauseProfileId')}`] },
    'DELETE /api-keys/{id}': { parameters: [`id = ${bind('deleteApiKeyId')}`] },
    'GET /api-keys': { parameters: [`cursor = ${bind('apiKeyCursor', 1)}`] },
    'POST /programmes/{programmeId}/profiles': {
      parameters: [],
      alsoAccepted: { statuses: [400], reason: 'answers are checked against the programme’s questionnaire' },
    },
    'PATCH /profiles/{profileId}': {
      parameters: [],
      alsoAccepted: {
        statuses: [400],
        reason: 'answers and questionnaireVersion are checked against the programme’s questionnaire',
      },
    },
    'POST /programmes/{programmeId}/questionnaires/{role}/versions': {
      parameters: [],
      alsoAccepted: {
        statuses: [400],
        reason: 'a questionnaire must hang together: a consent question, the fields matching needs',
      },
    },
  },
  matching: {
    'POST /matches/{matchId}/accept': answerAsMentee,
    'POST /matches/{matchId}/decline': {
      ...answerAsMentee,
      parameters: [...answerAsMentee.parameters, `matchId = ${bind('declineMatchId')}`],
    },
    'POST /matches/{matchId}/end': { parameters: [`matchId = ${bind('endMatchId')}`] },
    'GET /programmes/{programmeId}/mentees/{menteeId}/suggestions': inChoiceProgramme,
    'POST /programmes/{programmeId}/mentees/{menteeId}/choose': {
      parameters: [...inChoiceProgramme.parameters, `"body.mentorId" = ${JSON.stringify(f.choiceMentorId)}`],
    },
    'POST /programmes/{programmeId}/matches': {
      parameters: [
        `programmeId = ${bind('choiceProgrammeId')}`,
        `"body.menteeId" = ${JSON.stringify(f.manualMenteeId)}`,
        `"body.mentorId" = ${JSON.stringify(f.manualMentorId)}`,
      ],
    },
  },
  notification: {
    'DELETE /programmes/{programmeId}/webhooks/{webhookId}': {
      parameters: [`webhookId = ${bind('deleteWebhookId')}`],
    },
    'POST /programmes/{programmeId}/webhooks': {
      parameters: [],
      alsoAccepted: { statuses: [400], reason: 'the URL must parse and must not point at a private address' },
    },
    'PATCH /programmes/{programmeId}/webhooks/{webhookId}': {
      parameters: [],
      alsoAccepted: { statuses: [400], reason: 'the URL must parse and must not point at a private address' },
    },
  },
});

const POSITIVE_DEFAULT = ['2xx', '3xx', '401', '403', '404', '409', '429', '5xx'];
const NEGATIVE_DEFAULT = ['400', '401', '403', '404', '405', '406', '409', '415', '422', '428', '429', '5xx'];

export interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
}

export function schemathesisConfig(
  service: ServiceName,
  options: Options,
  fixtures: Fixtures,
  document: OpenApiDocument,
  adminApiKey: string,
  reportDir: string,
): string {
  const toml = (value: unknown) => JSON.stringify(value);
  const lines = [
    `# Written by packages/proof/src/fuzz.ts for one run of the ${service} service; docs/fuzzing.md gives the reasons.`,
    `seed = ${options.seed}`,
    'workers = 1',
    'request-timeout = 10',
    'continue-on-failure = true',
    'color = false',
    '',
    '[generation]',
    `max-examples = ${options.maxExamples}`,
    '# Reproducible from the seed alone: no example database, no replay of earlier failures.',
    'database = "none"',
    '[cache]',
    'enabled = false',
    '',
    '# A body over BODY_LIMIT_BYTES is refused with 413 before it is validated.',
    '[checks.negative_data_rejection]',
    `expected-statuses = ${toml([...NEGATIVE_DEFAULT, '413'])}`,
    '',
    '# Failures quote bodies up to 2 kB (the fuzzer sends bodies of hundreds of kB); the reports keep them whole.',
    '[output.truncation]',
    'max-payload-size = 2000',
    '',
    '[reports]',
    `directory = ${toml(reportDir)}`,
    '[reports.junit]',
    'enabled = true',
    '[reports.json]',
    'enabled = true',
    '',
    '# The bootstrap admin key of this throwaway system (packages/e2e/src/system.ts).',
    '[auth.openapi.apiKey]',
    `bearer = ${toml(adminApiKey)}`,
  ];
  if (service === 'profile') {
    lines.push(
      '# POST /profiles/verify answers with the person’s manage-profile token; the stateful phase',
      '# passes it on as ?token= to the next call, a valid link that ignored_auth counts as made up.',
      '[phases.stateful.checks.ignored_auth]',
      'enabled = false',
    );
  }
  const linkToken = fixtures.linkTokens[service];
  if (linkToken) {
    lines.push(
      '# Operations open to a link token only (the others list the API key first, and take it).',
      '[auth.openapi.linkToken]',
      `api_key = ${toml(linkToken)}`,
    );
  }
  lines.push('');
  for (const [name, values] of Object.entries(dictionaries(service, fixtures))) {
    lines.push(`[dictionaries.${name}]`, `values = ${toml(values)}`);
  }
  lines.push(
    '',
    '# Real objects in most positive cases; a real cursor whenever one is sent.',
    '[parameters]',
  );
  for (const name of REAL_OBJECTS) lines.push(`${name} = ${bind(name)}`);
  lines.push(`cursor = ${bind('cursor', 1)}`);

  // A cursor is opaque: only one this API handed out is valid. The coverage phase sends boundary
  // values of its own (no dictionary there), which are rightly refused.
  const settings = new Map<string, OperationSettings>(Object.entries(operations(fixtures)[service]));
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!operation.parameters?.some((p) => p.in === 'query' && p.name === 'cursor')) continue;
      const key = `${method.toUpperCase()} ${path}`;
      settings.set(key, {
        parameters: settings.get(key)?.parameters ?? [],
        alsoAccepted: { statuses: [400], reason: 'a cursor this API did not hand out', coverageOnly: true },
      });
    }
  }
  for (const [key, op] of settings) {
    const [method, path] = key.split(' ') as [Method, string];
    if (!document.paths[path]?.[method.toLowerCase()]) continue;
    // One filter naming the operation: separate include-method and include-path filters would
    // each match on their own (every POST, every operation of the path).
    lines.push('', '[[operations]]', `include-name = ${toml(key)}`);
    if (op.parameters.length > 0) lines.push(`parameters = { ${op.parameters.join(', ')} }`);
    if (op.alsoAccepted) {
      const { statuses, reason, coverageOnly } = op.alsoAccepted;
      lines.push(
        `# Also accepted in positive cases: ${reason}.`,
        `[operations${coverageOnly ? '.phases.coverage' : ''}.checks.positive_data_acceptance]`,
        `expected-statuses = ${toml([...POSITIVE_DEFAULT, ...statuses.map(String)])}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Running schemathesis processes, stopped on Ctrl-C. */
const children = new Set<ChildProcess>();

async function runSchemathesis(bin: string, args: string[], dir: string): Promise<number> {
  const log = createWriteStream(join(dir, 'schemathesis.log'));
  const child = spawn(bin, args, {
    // Hypothesis keeps caches in `.hypothesis/` of the working directory: the run's, not the repository.
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  children.add(child);
  child.on('close', () => children.delete(child));
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  await new Promise((resolve) => log.end(resolve));
  return code;
}

// ---------------------------------------------------------------------------------------------
// The summary, from schemathesis's JSON report

interface JsonReport {
  running_time: number;
  operations: { total: number; selected: number; tested: number; errored: number };
  test_cases: { generated: number; with_failures: number; unique_failures: number };
  failures: { code: string; title: string; count: number; operations: string[] }[];
  errors: unknown[];
  warnings: Record<string, unknown[]>;
}

interface ServiceResult {
  service: ServiceName;
  exitCode: number;
  seconds: number;
  report: JsonReport | undefined;
}

function readReport(dir: string): JsonReport | undefined {
  const file = readdirSync(dir).find((name) => name.startsWith('json-') && name.endsWith('.json'));
  return file ? (JSON.parse(readFileSync(join(dir, file), 'utf8')) as JsonReport) : undefined;
}

function summarise(results: ServiceResult[], options: Options, total: number): boolean {
  const mode = options.short ? 'short' : 'full';
  console.log(
    `\nFuzzing summary (${mode}: --max-examples ${options.maxExamples}, --seed ${options.seed}, every check)`,
  );
  const rows = [['service', 'operations', 'test cases', 'failures', 'time']];
  let ok = true;
  for (const { service, exitCode, seconds, report } of results) {
    const failures = report
      ? report.failures.reduce((sum, f) => sum + f.count, 0) + report.errors.length
      : NaN;
    if (exitCode !== 0 || !report || failures > 0) ok = false;
    rows.push([
      service,
      report ? `${report.operations.tested}/${report.operations.total}` : '?',
      report ? String(report.test_cases.generated) : '?',
      report ? String(failures) : `exit ${exitCode}, no report`,
      `${seconds.toFixed(1)} s`,
    ]);
  }
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0))) ?? [];
  for (const row of rows) console.log(`  ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ')}`);
  for (const { service, report } of results) {
    for (const failure of report?.failures ?? []) {
      console.log(
        `  ${service}: ${failure.code} ${failure.title} ×${failure.count}: ${failure.operations.join(', ')}`,
      );
    }
    if (report && report.errors.length > 0)
      console.log(`  ${service}: ${report.errors.length} errors (see the log)`);
    const warnings = Object.entries(report?.warnings ?? {}).filter(([, list]) => list.length > 0);
    for (const [name, list] of warnings)
      console.log(`  ${service}: warning ${name} (${list.length} operations)`);
  }
  console.log(
    `  ${ok ? 'No failures' : 'FAILED'} in ${total.toFixed(1)} s (services up and seeded included)`,
  );
  return ok;
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const infra = loadInfraConfig();
  const bin = ensureSchemathesis(infra.cacheDir);
  for (const [name, value] of Object.entries(connectionEnv(infra))) process.env[name] ??= value;
  const artifacts = join(infra.stateDir, 'artifacts', 'fuzz');
  rmSync(artifacts, { recursive: true, force: true });
  mkdirSync(artifacts, { recursive: true });

  // A mailbox of its own: the fuzzer signs up hundreds of made-up people, whose emails would
  // otherwise fill the dev mailbox.
  const mailbox: Mailbox = await startMailbox({ smtpPort: 0, httpPort: 0, dir: join(artifacts, 'mailbox') });
  process.env.SMTP_URL = `smtp://127.0.0.1:${mailbox.smtpPort}`;
  process.env.MAILBOX_URL = `http://127.0.0.1:${mailbox.httpPort}`;

  const started = Date.now();
  let system: System;
  try {
    system = await startSystem('fuzz', {
      env: {
        // Well above what the fuzzer sends: a 429 counts as a rejection and would hide what it tests.
        RATE_LIMIT_PER_MINUTE: '1000000',
        // Deliveries to the made-up URLs the fuzzer registers wait a minute, i.e. beyond the run.
        WEBHOOK_POLL_MS: '60000',
      },
      logger: (service) => ({ level: 'warn', stream: createWriteStream(join(artifacts, `${service}.log`)) }),
    });
  } catch (error) {
    await mailbox.close();
    fail(`could not start the services (are the servers up? ./belong infra up): ${(error as Error).message}`);
  }
  const results: ServiceResult[] = [];
  // Ctrl-C: schemathesis stops (it gets the signal too), then the namespace is dropped as usual.
  let interrupted = false;
  process.on('SIGINT', () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    console.log('fuzz: stopping and cleaning up (Ctrl-C again to quit at once)…');
    for (const child of children) child.kill('SIGINT');
  });
  try {
    const fixtures = await seed(system);
    writeFileSync(join(artifacts, 'fixtures.json'), `${JSON.stringify(fixtures, null, 2)}\n`);
    console.log(`System up and seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (interrupted) fail('interrupted');
    const fuzz = async (service: ServiceName): Promise<ServiceResult> => {
      const dir = join(artifacts, service);
      mkdirSync(dir, { recursive: true });
      const config = join(dir, 'schemathesis.toml');
      const document = (await (await fetch(`${system.urls[service]}/docs/json`)).json()) as OpenApiDocument;
      writeFileSync(
        config,
        schemathesisConfig(service, options, fixtures, document, system.adminApiKey, dir),
      );
      const args = ['--config-file', config, 'run', `${system.urls[service]}/docs/json`, '--checks', 'all'];
      console.log(`${service}: schemathesis run, log in ${relative(repoRoot, dir)}/schemathesis.log`);
      const t0 = Date.now();
      const exitCode = await runSchemathesis(bin, args, dir);
      const seconds = (Date.now() - t0) / 1000;
      console.log(`${service}: done in ${seconds.toFixed(1)} s`);
      return { service, exitCode, seconds, report: readReport(dir) };
    };
    // The three at once: each service's own data, and the machine's cores, are not shared.
    results.push(...(await Promise.all(options.services.map(fuzz))));
  } finally {
    await system.stop();
    await mailbox.close();
    rmSync(join(artifacts, 'mailbox'), { recursive: true, force: true });
  }
  if (interrupted) fail('interrupted');
  const ok = summarise(results, options, (Date.now() - started) / 1000);
  console.log(`  Reports (JUnit, JSON, log, config) in ${relative(repoRoot, artifacts)}/<service>/`);
  return ok ? 0 : 1;
}

if (import.meta.main) {
  try {
    process.exitCode = await main();
  } catch (error) {
    if (error instanceof FuzzError) {
      console.error(`fuzz: ${error.message}`);
      process.exitCode = 1;
    } else {
      throw error;
    }
  }
}
