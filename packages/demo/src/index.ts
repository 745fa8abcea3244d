// Seeds the demo once, through the public API with the typed client, as an integrator would:
// a programme for health and medical information professionals, opened, and its mentors signed
// up and confirmed. Confirmation uses a link token signed with the development SIGNING_SECRET
// (what the mentor would click in the email); the emails themselves still go to the dev mailbox.
// A second run finds the programme by its slug and changes nothing.
import { createBelongClient } from '@belong/api-client';
import { issueToken } from '@belong/kit';
import { demoMentors } from './mentors.ts';

export const DEMO_SLUG = 'health-libraries-demo';

export interface SeedOptions {
  profileUrl: string;
  matchingUrl: string;
  notificationUrl: string;
  adminApiKey: string;
  signingSecret: string;
  /** Domain of the mentors' addresses (default: an example domain). */
  mentorEmailDomain?: string;
  log?: (line: string) => void;
}

export interface SeedResult {
  programmeId: string;
  slug: string;
  created: boolean;
  mentors: number;
}

function fail(what: string, error: unknown): never {
  throw new Error(`demo seed: ${what}: ${JSON.stringify(error)}`);
}

export async function seedDemo(options: SeedOptions): Promise<SeedResult> {
  const log = options.log ?? (() => undefined);
  const belong = createBelongClient({ ...options, apiKey: options.adminApiKey });

  const existing = await belong.profile.GET('/programmes/by-slug/{slug}', {
    params: { path: { slug: DEMO_SLUG } },
  });
  if (existing.data) {
    return { programmeId: existing.data.id, slug: DEMO_SLUG, created: false, mentors: demoMentors().length };
  }

  const created = await belong.profile.POST('/programmes', {
    params: { header: { 'idempotency-key': 'demo-seed-programme' } },
    body: {
      slug: DEMO_SLUG,
      name: 'Health Libraries Mentoring (demo)',
      description:
        'Mentoring for library, knowledge and evidence staff in health and care, many of whom are the only information professional where they work.',
      coordinator: { name: 'Amina Yusuf', email: 'mentoring@belong-demo.example' },
      matchingMode: 'instant',
    },
  });
  if (!created.data) fail('create the programme', created.error);
  const programmeId = created.data.id;
  const opened = await belong.profile.PATCH('/programmes/{programmeId}', {
    params: { path: { programmeId } },
    body: { status: 'open' },
  });
  if (!opened.data) fail('open the programme', opened.error);

  const mentors = demoMentors(options.mentorEmailDomain);
  let done = 0;
  for (const [i, mentor] of mentors.entries()) {
    const submitted = await belong.profile.POST('/programmes/{programmeId}/profiles', {
      params: { path: { programmeId }, header: { 'idempotency-key': `demo-mentor-${i}` } },
      body: {
        role: 'mentor',
        displayName: mentor.displayName,
        email: mentor.email,
        answers: mentor.answers as never,
      },
    });
    if (!submitted.data) fail(`sign up ${mentor.displayName}`, submitted.error);
    const token = issueToken(
      { profileId: submitted.data.id, action: 'verify-email', ttlSeconds: 3600 },
      { signingSecret: options.signingSecret },
    );
    // The link token travels as a bearer token (the document lists `?token=` as a security scheme).
    const verified = await belong.profile.POST('/profiles/verify', {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!verified.data) fail(`confirm ${mentor.displayName}`, verified.error);
    done++;
    if (done % 12 === 0) log(`  demo: ${done} of ${mentors.length} mentors signed up and confirmed`);
  }
  return { programmeId, slug: DEMO_SLUG, created: true, mentors: mentors.length };
}
