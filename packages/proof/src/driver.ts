// The load a suite puts on Belong: a programme in instant mode, its mentors, then a steady stream
// of mentees who sign up and confirm, through the public API, as an integrator would. Requests
// go round-robin over the profile instances (a load balancer), and a failed request is retried
// on the next instance with the same Idempotency-Key, as a careful client does while a service
// restarts. Confirmation uses a link token signed with the suite's SIGNING_SECRET, which is
// what the person would click in the email; when a confirmation fails half-way, a new link is
// used, as after "send me a new link".

import { demoMentors } from '@belong/demo/mentors';
import { issueToken } from '@belong/kit';

export interface MenteeRecord {
  n: number;
  id: string;
  email: string;
  /** Epoch ms when the sign-up was accepted (201) and when the confirmation answered 200. */
  submittedAt: number;
  verifiedAt: number;
  /** Requests that failed and were sent again (any reason). */
  retries: number;
}

export interface MentorRecord {
  id: string;
  email: string;
  capacity: number;
}

export interface DriverOptions {
  profileUrls: string[];
  adminApiKey: string;
  signingSecret: string;
  /** Mail domain of this run's people. */
  domain: string;
  log: (line: string) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Give up on one request after this long: a suite that cannot sign someone up has failed. */
const REQUEST_DEADLINE_MS = 120_000;

const growthSets = [
  ['evidence-synthesis', 'literature-searching'],
  ['clinical-librarianship', 'critical-appraisal'],
  ['knowledge-management', 'service-development'],
  ['research-data-management', 'digital-ai-tools'],
  ['professional-development', 'leadership-management'],
  ['teaching-information-literacy', 'copyright-licensing'],
];
const regions = [
  'london',
  'north-west',
  'yorkshire-humber',
  'scotland',
  'wales',
  'south-west',
  'east-midlands',
];
const sectors = [
  'nhs-acute',
  'higher-education',
  'public-health',
  'charity',
  'primary-care',
  'mental-health',
];

export function menteeAnswers(n: number): Record<string, unknown> {
  return {
    organisation: `Proof Trust ${n % 50}`,
    sector: sectors[n % sectors.length],
    'career-stage': n % 3 === 0 ? 'new-to-profession' : 'early-career',
    'growth-areas': growthSets[n % growthSets.length],
    hopes: 'I am the only librarian in my trust and would like help with literature searching for reviews.',
    'meeting-format': n % 4 === 0 ? 'either' : 'online',
    region: regions[n % regions.length],
    'time-zone': 'Europe/London',
    languages: ['en'],
    'hours-per-month': 'about-2',
    consent: true,
  };
}

export class Driver {
  private next = 0;
  readonly errors = new Map<string, number>();
  private readonly options: DriverOptions;
  constructor(options: DriverOptions) {
    this.options = options;
  }

  /** Sends one request, retrying on the next instance until it gets an expected answer. */
  async request(
    method: string,
    path: string,
    init: { body?: unknown; headers?: Record<string, string>; ok: (status: number) => boolean },
  ): Promise<{ status: number; body: unknown; retries: number }> {
    const started = Date.now();
    let retries = 0;
    for (;;) {
      const urls = this.options.profileUrls;
      const base = urls[this.next++ % urls.length];
      let outcome: string;
      try {
        const res = await fetch(`${base}${path}`, {
          method,
          headers: {
            ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
            ...init.headers,
          },
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
          signal: AbortSignal.timeout(15_000),
        });
        const text = await res.text();
        const body = text ? JSON.parse(text) : undefined;
        if (init.ok(res.status)) return { status: res.status, body, retries };
        outcome = `${res.status} ${(body as { code?: string })?.code ?? ''}`.trim();
      } catch (error) {
        outcome = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
      }
      this.errors.set(outcome, (this.errors.get(outcome) ?? 0) + 1);
      if (Date.now() - started > REQUEST_DEADLINE_MS) {
        throw new Error(
          `${method} ${path}: still failing after ${REQUEST_DEADLINE_MS / 1000} s (last: ${outcome})`,
        );
      }
      retries++;
      await sleep(Math.min(200 * retries, 2000));
    }
  }

  private get admin() {
    return { authorization: `Bearer ${this.options.adminApiKey}` };
  }

  async createProgramme(slug: string): Promise<string> {
    const created = await this.request('POST', '/programmes', {
      headers: { ...this.admin, 'idempotency-key': `programme-${slug}` },
      body: {
        slug,
        name: 'Proof Mentoring',
        description: 'The programme the reliability suite signs people up to.',
        coordinator: { name: 'Proof Coordinator', email: `coordinator@${this.options.domain}` },
        matchingMode: 'instant',
      },
      ok: (s) => s === 201 || s === 200,
    });
    const id = (created.body as { id: string }).id;
    await this.request('PATCH', `/programmes/${id}`, {
      headers: this.admin,
      body: { status: 'open' },
      ok: (s) => s === 200,
    });
    return id;
  }

  private async confirm(profileId: string): Promise<number> {
    let retries = 0;
    for (;;) {
      const token = issueToken(
        { profileId, action: 'verify-email', ttlSeconds: 3600 },
        { signingSecret: this.options.signingSecret },
      );
      // 409: this link was used by an attempt whose answer was lost; a new link is sent.
      const res = await this.request('POST', '/profiles/verify', {
        headers: { authorization: `Bearer ${token}` },
        ok: (s) => s === 200 || s === 409,
      });
      retries += res.retries;
      if (res.status === 200) return retries;
      retries++;
    }
  }

  /**
   * Signs up and confirms the mentors: `copies` × the 36 demo mentors, each with `capacity`
   * places (default: the demo's 1–3).
   */
  async signUpMentors(programmeId: string, copies: number, capacity?: number): Promise<MentorRecord[]> {
    const mentors: MentorRecord[] = [];
    for (let k = 0; k < copies; k++) {
      const batch = demoMentors(`m${k}.${this.options.domain}`);
      await Promise.all(
        batch.map(async (mentor, i) => {
          const answers = capacity ? { ...mentor.answers, capacity } : mentor.answers;
          const submitted = await this.request('POST', `/programmes/${programmeId}/profiles`, {
            headers: { ...this.admin, 'idempotency-key': `mentor-${k}-${i}` },
            body: {
              role: 'mentor',
              displayName: mentor.displayName,
              email: mentor.email,
              answers,
            },
            ok: (s) => s === 201,
          });
          const id = (submitted.body as { id: string }).id;
          await this.confirm(id);
          mentors.push({ id, email: mentor.email, capacity: Number(answers.capacity) });
        }),
      );
    }
    return mentors;
  }

  /** One mentee: sign up, then confirm. */
  async mentee(programmeId: string, n: number): Promise<MenteeRecord> {
    const email = `mentee.${n}@${this.options.domain}`;
    const submitted = await this.request('POST', `/programmes/${programmeId}/profiles`, {
      headers: { 'idempotency-key': `mentee-${this.options.domain}-${n}` },
      body: { role: 'mentee', displayName: `Mentee ${n}`, email, answers: menteeAnswers(n) },
      ok: (s) => s === 201,
    });
    const submittedAt = Date.now();
    const id = (submitted.body as { id: string }).id;
    const confirmRetries = await this.confirm(id);
    return { n, id, email, submittedAt, verifiedAt: Date.now(), retries: submitted.retries + confirmRetries };
  }

  /**
   * Starts `perSecond` mentees a second until `stop()` is called; each runs on its own, so a
   * slow one does not hold the rate back. Resolves with every mentee once all have finished.
   */
  stream(
    programmeId: string,
    perSecond: number,
  ): { stop(): Promise<{ mentees: MenteeRecord[]; failed: string[] }>; started(): number } {
    const running: Promise<MenteeRecord | string>[] = [];
    let stopped = false;
    const interval = 1000 / perSecond;
    const t0 = Date.now();
    const loop = (async () => {
      let n = 0;
      while (!stopped) {
        // A mentee who could not sign up within the deadline is counted, not thrown: the run
        // still reports what everyone else saw.
        running.push(this.mentee(programmeId, n++).catch((error: unknown) => (error as Error).message));
        const due = t0 + n * interval;
        await sleep(Math.max(0, due - Date.now()));
      }
    })();
    return {
      started: () => running.length,
      stop: async () => {
        stopped = true;
        await loop;
        const all = await Promise.all(running);
        return {
          mentees: all.filter((m): m is MenteeRecord => typeof m !== 'string'),
          failed: all.filter((m): m is string => typeof m === 'string'),
        };
      },
    };
  }
}
