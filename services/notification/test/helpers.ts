// Shared by the notification service's integration tests: the app on a test namespace, a
// publisher that plays the other services (events on the namespace's topics), the mailbox API,
// and bounded polls.
import { randomBytes } from 'node:crypto';
import { createEvent, type EventData, type EventType } from '@belong/contracts';
import { generateApiKey, type KitApp, loadConfig, publishApiKey, type Scope } from '@belong/kit';
import type { TestNamespace } from '@belong/testing';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { buildNotificationApp } from '../src/app.ts';
import { NotificationConfigSchema } from '../src/config.ts';

export const SIGNING_SECRET = 'notification-tests-signing-secret-0123456789';
export const auth = (key: string) => ({ authorization: `Bearer ${key}` });

export function buildTestApp(ns: TestNamespace, env: Record<string, string> = {}): KitApp {
  const config = loadConfig(NotificationConfigSchema, {
    PORT: '0',
    MONGO_URL: ns.mongoUrl,
    REDIS_URL: ns.servers.redisUrl,
    REDIS_KEY_PREFIX: ns.redisPrefix,
    KAFKA_BROKERS: ns.servers.kafkaBrokers.join(','),
    SIGNING_SECRET,
    ADMIN_API_KEY: `admin-${'n'.repeat(40)}`,
    PUBLIC_URL: 'http://notify.belong.test',
    MATCHING_PUBLIC_URL: 'http://matching.belong.test',
    PROFILE_PUBLIC_URL: 'http://profile.belong.test',
    MAIL_FROM: 'Belong <belong@belong.test>',
    SMTP_URL: ns.servers.smtpUrl,
    SENDER_POLL_MS: '100',
    SEND_BACKOFF_INITIAL_MS: '100',
    SEND_BACKOFF_MAX_MS: '800',
    EVENT_RETRY_ATTEMPTS: '40',
    EVENT_RETRY_INITIAL_MS: '50',
    EVENT_RETRY_MAX_MS: '400',
    REMINDER_SWEEP_MS: '150',
    WEBHOOK_ALLOW_HTTP: 'true',
    // The test receivers listen on 127.0.0.1, which production refuses (SSRF guard).
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    WEBHOOK_POLL_MS: '100',
    WEBHOOK_BACKOFF_INITIAL_MS: '100',
    WEBHOOK_BACKOFF_MAX_MS: '400',
    WEBHOOK_TIMEOUT_MS: '2000',
    ...env,
  });
  return buildNotificationApp(config, {
    logger: false,
    events: { topicName: (t) => ns.topic(t), groupName: (g) => ns.groupId(g) },
  });
}

export const ADMIN_KEY = `admin-${'n'.repeat(40)}`;

/** An API key in the shared registry (the profile service issues them in production). */
export async function createKey(app: KitApp, scopes: Scope[], programmeId: string | null): Promise<string> {
  const generated = generateApiKey();
  await publishApiKey(
    app.redis,
    {
      _id: generated.keyId,
      name: 'test key',
      secretHash: generated.secretHash,
      scopes,
      programmeId,
      createdAt: new Date(),
      createdBy: 'test',
    } as never,
    { keyPrefix: app.kit.config.REDIS_KEY_PREFIX },
  );
  return generated.key;
}

/** Plays the profile and matching services: publishes contract events to the namespace's topics. */
export class Publisher {
  private producer: Producer | undefined;
  private readonly ns: TestNamespace;
  constructor(ns: TestNamespace) {
    this.ns = ns;
  }

  async start(): Promise<void> {
    this.producer = new Kafka({
      clientId: 'notification-test-publisher',
      brokers: this.ns.servers.kafkaBrokers,
      logLevel: logLevel.NOTHING,
    }).producer();
    await this.producer.connect();
  }

  /** Publishes one event (validated like a real producer's); answers its envelope. */
  async publish<T extends EventType>(type: T, data: EventData<T>, id?: string) {
    const event = createEvent(type, data, { source: '/belong/test', ...(id ? { id } : {}) });
    await this.producer?.send({
      topic: this.ns.topic(event.topic),
      messages: [{ key: event.key, value: JSON.stringify(event.envelope) }],
    });
    return event.envelope;
  }

  /** The same envelope again, byte for byte (a redelivery). */
  async republish(envelope: { id: string; subject: string; type: string }, topic: string): Promise<void> {
    await this.producer?.send({
      topic: this.ns.topic(topic),
      messages: [{ key: envelope.subject, value: JSON.stringify(envelope) }],
    });
  }

  async stop(): Promise<void> {
    await this.producer?.disconnect();
  }
}

export const uid = (prefix: string) =>
  `${prefix}_${randomBytes(6)
    .toString('base64url')
    .replace(/[^A-Za-z0-9]/g, 'x')}`;

export function programmeData(
  programmeId: string,
  overrides: Partial<EventData<'belong.programme.changed.v1'>> = {},
) {
  return {
    programmeId,
    slug: `prog-${programmeId.toLowerCase().replace(/[^a-z0-9]/g, '')}`.slice(0, 60),
    name: 'Health Libraries Group mentoring 2026',
    description: 'Six months of mentoring for health library and knowledge staff.',
    coordinator: { name: 'Amina Yusuf', email: 'amina.coordinator@belong.test' },
    matchingMode: 'instant' as const,
    policy: { weights: { topics: 30 }, hardRules: [], suggestions: 3, proposalTtlDays: 7 },
    status: 'open' as const,
    changedAt: new Date().toISOString(),
    ...overrides,
  };
}

export function submittedData(
  profileId: string,
  programmeId: string,
  person: { role: 'mentee' | 'mentor'; displayName: string; email: string },
  verifyUrl = `http://profile.belong.test/verify?token=verify-${profileId}`,
) {
  return {
    profileId,
    programmeId,
    role: person.role,
    displayName: person.displayName,
    email: person.email,
    submittedAt: new Date().toISOString(),
    verification: { url: verifyUrl, expiresAt: new Date(Date.now() + 72 * 3600_000).toISOString() },
  };
}

const attributes = {
  organisation: 'leeds teaching hospitals nhs trust',
  sector: 'nhs_acute',
  specialisms: [],
  careerStage: 2,
  region: 'yorkshire_humber',
  meetingFormats: ['online' as const],
  timeZone: 'Europe/London',
  languages: ['en'],
  hoursPerMonth: 2,
  topics: ['systematic_reviews'],
  text: 'I would like to grow into evidence synthesis.',
  exclusions: [],
};

export function verifiedData(
  profileId: string,
  programmeId: string,
  person: { role: 'mentee' | 'mentor'; displayName: string; email: string },
) {
  const { role, displayName, email } = person;
  return {
    profileId,
    programmeId,
    role,
    displayName,
    email,
    verifiedAt: new Date().toISOString(),
    attributes,
  };
}

export function proposedData(
  matchId: string,
  programmeId: string,
  menteeId: string,
  mentorId: string,
  overrides: Partial<EventData<'belong.match.proposed.v1'>> = {},
) {
  const proposedAt = new Date();
  return {
    matchId,
    programmeId,
    menteeId,
    mentorId,
    mode: 'instant' as const,
    roundId: null,
    score: 82.5,
    explanation: {
      summary: 'Strong on goals: systematic review searching is her main expertise and your first goal.',
      criteria: [
        {
          criterion: 'topics',
          label: 'Goals and expertise',
          weight: 40,
          similarity: 0.9,
          contribution: 36,
          forMentee: 'Systematic review searching is her main expertise and your first goal.',
          forMentor: 'Systematic review searching, your main expertise, is his first goal.',
        },
        {
          criterion: 'sector',
          label: 'Sector',
          weight: 15,
          similarity: 1,
          contribution: 15,
          forMentee: 'You both work in NHS acute trusts <and> love it.',
          forMentor: 'You both work in NHS acute trusts.',
        },
      ],
    },
    proposedAt: proposedAt.toISOString(),
    expiresAt: new Date(proposedAt.getTime() + 7 * 24 * 3600_000).toISOString(),
    ...overrides,
  };
}

// ── the mailbox ──
export interface Mail {
  id: string;
  envelope: { from: string | null; to: string[] };
  from: { name: string; address: string } | null;
  to: { name: string; address: string }[];
  subject: string;
  messageId: string | null;
  text: string | null;
  html: string | null;
  headers: Record<string, string | string[]>;
}

/** Waits (long poll, bounded) until `count` messages to `to` (and about `subject`) are there. */
export async function waitForMail(
  mailboxUrl: string,
  to: string,
  count = 1,
  subject?: string,
  timeoutMs = 20_000,
): Promise<Mail[]> {
  const query = new URLSearchParams({ to, count: String(count), timeout: String(timeoutMs) });
  if (subject) query.set('subject', subject);
  const response = await fetch(`${mailboxUrl}/api/wait?${query}`);
  if (!response.ok)
    throw new Error(
      `no ${count} mail(s) to ${to}${subject ? ` about "${subject}"` : ''}: ${response.status} ${await response.text()}`,
    );
  return ((await response.json()) as { items: Mail[] }).items;
}

export async function mailTo(mailboxUrl: string, to: string): Promise<Mail[]> {
  const list = (await (await fetch(`${mailboxUrl}/api/messages?to=${encodeURIComponent(to)}`)).json()) as {
    items: { id: string }[];
  };
  return Promise.all(
    list.items.map(async (m) => (await (await fetch(`${mailboxUrl}/api/messages/${m.id}`)).json()) as Mail),
  );
}

/** Polls `check` until it returns a value (not undefined/false), at most `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The links of an HTML part (href values, entities decoded). */
export function hrefs(html: string): string[] {
  return [...html.matchAll(/href="([^"]+)"/g)].map((m) =>
    (m[1] ?? '')
      .replace(/&#x3D;/g, '=')
      .replace(/&amp;/g, '&')
      .replace(/&#x27;/g, "'")
      .replace(/&quot;/g, '"'),
  );
}

export function tokenOf(url: string): string {
  const token = new URL(url).searchParams.get('token');
  if (!token) throw new Error(`no token in ${url}`);
  return token;
}
