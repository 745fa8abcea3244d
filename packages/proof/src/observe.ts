// Reads what actually happened, from the source of each fact: the events on Kafka and each
// consumer group's committed offsets, the services' own databases (profiles, matches, seats,
// notification records, processed-event records, outboxes) and the mailbox that received the
// emails. The checks (checks.ts) compare these with each other and with what the driver did.
import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import { handledBy } from './checks.ts';

export interface KafkaEvent {
  topic: string;
  partition: number;
  offset: string;
  id: string;
  type: string;
}

export interface GroupLag {
  groupId: string;
  topic: string;
  /** Sum over partitions of (end offset − committed offset). */
  lag: number;
}

export interface MatchDoc {
  id: string;
  menteeId: string;
  mentorId: string;
  status: string;
}

export interface NotificationDoc {
  id: string;
  template: string;
  profileId: string | null;
  status: string;
  messageId: string;
  eventId: string;
}

export interface MailSummary {
  id: string;
  receivedAt: string;
  to: { name?: string; address: string }[];
  subject: string;
  messageId: string | null;
}

export interface Observation {
  events: KafkaEvent[];
  lags: GroupLag[];
  /** `<groupId>` → processed event ids. */
  processed: Map<string, Set<string>>;
  profiles: Map<string, { status: string; role: string }>;
  matches: MatchDoc[];
  seats: { mentorId: string; matchId: string }[];
  notifications: NotificationDoc[];
  mail: MailSummary[];
  /** Aggregates whose outbox still holds events, per `<db>.<collection>`. */
  outboxPending: Record<string, number>;
}

export interface ObserveOptions {
  kafkaBrokers: string;
  mongoUrl: string;
  mailboxUrl: string;
}

async function readKafka(brokers: string): Promise<{ events: KafkaEvent[]; lags: GroupLag[] }> {
  const kafka = new Kafka({
    clientId: 'belong-proof-observer',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith('belong.'));
    const ends = new Map<string, { partition: number; offset: string }[]>();
    for (const topic of topics) ends.set(topic, await admin.fetchTopicOffsets(topic));
    const lags: GroupLag[] = [];
    const groups = (await admin.listGroups()).groups
      .map((g) => g.groupId)
      .filter((g) => g.startsWith('belong.'));
    for (const groupId of groups) {
      for (const { topic, partitions } of await admin.fetchOffsets({ groupId, topics })) {
        const end = ends.get(topic) ?? [];
        // A group that never subscribed to a topic has -1 everywhere: not its topic.
        if (partitions.every((p) => p.offset === '-1')) continue;
        let lag = 0;
        for (const p of partitions) {
          const high = Number(end.find((e) => e.partition === p.partition)?.offset ?? 0);
          lag += high - Math.max(0, Number(p.offset));
        }
        lags.push({ groupId, topic, lag });
      }
    }
    const events: KafkaEvent[] = [];
    const total = [...ends.values()].flat().reduce((n, e) => n + Number(e.offset), 0);
    if (total > 0) {
      const consumer = kafka.consumer({ groupId: `belong-proof-observer-${Date.now()}` });
      await consumer.connect();
      await consumer.subscribe({ topics, fromBeginning: true });
      // Reads the topics from the beginning, without committing, until every partition's end.
      const wanted = new Map<string, number>();
      for (const [topic, parts] of ends)
        for (const p of parts) wanted.set(`${topic}:${p.partition}`, Number(p.offset));
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`read ${events.length} of ${total} events in 60 s`)),
          60_000,
        );
        let seen = 0;
        consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ topic, partition, message }) => {
              const end = wanted.get(`${topic}:${partition}`) ?? 0;
              if (Number(message.offset) >= end) return;
              let id = '';
              let type = '';
              try {
                const body = JSON.parse(message.value?.toString() ?? '{}') as { id?: string; type?: string };
                id = body.id ?? '';
                type = body.type ?? '';
              } catch {
                type = '(not JSON)';
              }
              events.push({ topic, partition, offset: message.offset, id, type });
              if (++seen >= total) {
                clearTimeout(timer);
                resolve();
              }
            },
          })
          .catch(reject);
      });
      await consumer.disconnect();
    }
    return { events, lags };
  } finally {
    await admin.disconnect();
  }
}

async function readMail(mailboxUrl: string): Promise<MailSummary[]> {
  const res = await fetch(`${mailboxUrl}/api/messages?limit=1000000`);
  if (!res.ok) throw new Error(`mailbox: ${res.status}`);
  const body = (await res.json()) as { items: MailSummary[] };
  return body.items;
}

export async function observe(options: ObserveOptions): Promise<Observation> {
  const { events, lags } = await readKafka(options.kafkaBrokers);
  const connection = await mongoose.createConnection(options.mongoUrl).asPromise();
  try {
    const db = (name: string) => connection.useDb(`belong_${name}`, { useCache: true });
    const processed = new Map<string, Set<string>>();
    for (const service of ['profile', 'matching', 'notification']) {
      const docs = await db(service)
        .collection<{ groupId: string; eventId: string }>('processed_events')
        .find({}, { projection: { groupId: 1, eventId: 1 } })
        .toArray();
      for (const d of docs) {
        if (!processed.has(d.groupId)) processed.set(d.groupId, new Set());
        processed.get(d.groupId)?.add(d.eventId);
      }
    }
    const profiles = new Map<string, { status: string; role: string }>();
    for (const d of await db('profile')
      .collection<{ _id: string; state: { status: string; role: string } }>('profiles')
      .find({}, { projection: { 'state.status': 1, 'state.role': 1 } })
      .toArray()) {
      profiles.set(String(d._id), { status: d.state.status, role: d.state.role });
    }
    const matches = (
      await db('matching')
        .collection<{ _id: string; state: MatchDoc }>('matches')
        .find({}, { projection: { state: 1 } })
        .toArray()
    ).map((d) => ({
      id: String(d._id),
      menteeId: d.state.menteeId,
      mentorId: d.state.mentorId,
      status: d.state.status,
    }));
    const seats = await db('matching')
      .collection<{ mentorId: string; matchId: string }>('seats')
      .find({}, { projection: { mentorId: 1, matchId: 1 } })
      .toArray();
    type N = {
      template: string;
      recipient: { profileId: string | null };
      status: string;
      messageId: string;
      eventId: string;
    };
    const notifications = (
      await db('notification')
        .collection<{ _id: string; state: N }>('notifications')
        .find({}, { projection: { state: 1 } })
        .toArray()
    ).map((d) => ({
      id: String(d._id),
      template: d.state.template,
      profileId: d.state.recipient.profileId,
      status: d.state.status,
      messageId: d.state.messageId,
      eventId: d.state.eventId,
    }));
    const outboxPending: Record<string, number> = {};
    for (const service of ['profile', 'matching', 'notification']) {
      for (const c of await db(service).listCollections()) {
        const n = await db(service)
          .collection(c.name)
          .countDocuments({ outboxSince: { $gte: new Date(0) }, 'outbox.0': { $exists: true } });
        if (n > 0) outboxPending[`${service}.${c.name}`] = n;
      }
    }
    const mail = await readMail(options.mailboxUrl);
    return {
      events,
      lags,
      processed,
      profiles,
      matches,
      seats: seats.map((s) => ({ mentorId: s.mentorId, matchId: s.matchId })),
      notifications,
      mail,
      outboxPending,
    };
  } finally {
    await connection.close();
  }
}

export interface Progress {
  /** Events not yet read by some consumer group, summed. */
  lag: number;
  /** Events on the topics so far: still while nothing is being published. */
  produced: number;
  /** Emails not yet sent (pending, incl. those waiting for a retry). */
  unsent: number;
  mail: number;
}

/**
 * A cheap look at how far behind the system is, polled while waiting for it to settle. Only
 * Kafka's offsets, one count of unsent emails and the mailbox's total: on FerretDB every other
 * count is a scan of a whole collection, and polling those would itself slow the system down.
 */
export async function progress(options: ObserveOptions, connection: mongoose.Connection): Promise<Progress> {
  const kafka = new Kafka({
    clientId: 'belong-proof-progress',
    brokers: options.kafkaBrokers.split(','),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  let lag = 0;
  let produced = 0;
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith('belong.'));
    const ends = new Map<string, { partition: number; offset: string }[]>();
    for (const topic of topics) ends.set(topic, await admin.fetchTopicOffsets(topic));
    for (const parts of ends.values()) for (const p of parts) produced += Number(p.offset);
    for (const [groupId, { topic }] of Object.entries(handledBy)) {
      if (!ends.has(topic)) continue;
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      for (const p of offsets?.partitions ?? []) {
        const high = Number(ends.get(topic)?.find((e) => e.partition === p.partition)?.offset ?? 0);
        lag += high - Math.max(0, Number(p.offset));
      }
    }
  } finally {
    await admin.disconnect();
  }
  const unsent = await connection
    .useDb('belong_notification', { useCache: true })
    .collection('notifications')
    .countDocuments({ 'state.status': 'pending' });
  const res = await fetch(`${options.mailboxUrl}/api/messages?limit=0`);
  const mail = ((await res.json()) as { total: number }).total;
  return { lag, produced, unsent, mail };
}

export interface Settled {
  settled: boolean;
  /** From the call until quiet began (or until giving up). */
  seconds: number;
  /** The last look, when there was one. */
  last?: Progress;
}

/**
 * Waits until nothing is in flight: no consumer lag, no unsent email, and no new event or email
 * for `quietMs`. Used by the fault suite after its stream and by the HTTP bench between rows.
 */
export async function waitUntilSettled(
  options: ObserveOptions,
  connection: mongoose.Connection,
  limits: { timeoutMs: number; quietMs: number; pollMs: number },
): Promise<Settled> {
  const started = Date.now();
  let quietSince = 0;
  let seen = '';
  let last: Progress | undefined;
  while (Date.now() - started < limits.timeoutMs) {
    try {
      const p = await progress(options, connection);
      last = p;
      const now = `${p.produced}/${p.mail}`;
      const quiet = p.lag === 0 && p.unsent === 0 && now === seen;
      seen = now;
      if (!quiet) quietSince = 0;
      else if (quietSince === 0) quietSince = Date.now();
      else if (Date.now() - quietSince >= limits.quietMs) {
        return { settled: true, seconds: (quietSince - started) / 1000, last };
      }
    } catch {
      quietSince = 0;
    }
    await new Promise((resolve) => setTimeout(resolve, limits.pollMs));
  }
  return { settled: false, seconds: (Date.now() - started) / 1000, last };
}
