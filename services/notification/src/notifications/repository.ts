// Notifications in the `notifications` collection, written only through the kit store.
// Exactly one per (event, recipient, template): the deterministic _id is the durable guard (a
// unique insert, atomic on FerretDB too); a Redis marker set after the insert is the fast path
// that lets a redelivered event skip rendering and the database round trip.
import { AggregateExistsError, type AggregateStore, type KitApp } from '@belong/kit';
import { beforeCursor, type CursorPosition } from '../pagination.ts';
import {
  type LiveNotification,
  NOTIFICATIONS_COLLECTION,
  type NotificationRecord,
  type NotificationStatus,
} from './domain.ts';

/** The Redis marker lives longer than Kafka's retention (7 days), like the kit's dedupe records. */
const MARKER_TTL_SECONDS = 8 * 24 * 3600;

export interface ListOptions {
  limit: number;
  before?: CursorPosition | undefined;
  programmeId?: string | undefined;
  recipientId?: string | undefined;
  eventId?: string | undefined;
  status?: NotificationStatus | undefined;
  template?: string | undefined;
}

export interface NotificationRepository {
  readonly store: AggregateStore<NotificationRecord>;
  ensureIndexes(): Promise<void>;
  /** True when this id was stored before (Redis fast path; false when unsure). */
  seen(id: string): Promise<boolean>;
  /** Inserts the record once; false when it already existed (a duplicate event). */
  createOnce(record: LiveNotification): Promise<boolean>;
  get(id: string): Promise<NotificationRecord | null>;
  /** Pending and due at `now`, oldest first. */
  due(now: string, limit: number): Promise<LiveNotification[]>;
  /** The earliest nextAttemptAt of a pending record, or null. */
  nextDue(): Promise<string | null>;
  list(options: ListOptions): Promise<NotificationRecord[]>;
  /** Ids of every record of a person (for erasure). */
  idsOfRecipient(profileId: string): Promise<string[]>;
}

export function createNotificationRepository(app: KitApp, redisPrefix: string): NotificationRepository {
  const store = app.events.store<NotificationRecord>(NOTIFICATIONS_COLLECTION);
  const collection = store.collection;
  const marker = (id: string) => `${redisPrefix}notif:stored:${id}`;

  return {
    store,

    async ensureIndexes() {
      await collection.createIndex({ 'state.status': 1, 'state.nextAttemptAt': 1 }, { name: 'state_due' });
      await collection.createIndex({ 'state.createdAt': -1, _id: -1 }, { name: 'state_created_at' });
      await collection.createIndex({ 'state.recipient.profileId': 1 }, { name: 'state_recipient' });
      await collection.createIndex({ 'state.eventId': 1 }, { name: 'state_event' });
    },

    async seen(id) {
      try {
        return (await app.redis.exists(marker(id))) === 1;
      } catch {
        return false; // Redis down: the unique insert still guards
      }
    },

    async createOnce(record) {
      try {
        await store.create(record.id, record);
      } catch (error) {
        if (!(error instanceof AggregateExistsError)) throw error;
        await app.redis.set(marker(record.id), '1', 'EX', MARKER_TTL_SECONDS).catch(() => undefined);
        return false;
      }
      await app.redis.set(marker(record.id), '1', 'EX', MARKER_TTL_SECONDS).catch(() => undefined);
      return true;
    },

    async get(id) {
      return (await store.get(id))?.state ?? null;
    },

    async due(now, limit) {
      const docs = await collection
        .find({ 'state.status': 'pending', 'state.nextAttemptAt': { $lte: now } } as never, {
          projection: { state: 1 },
        })
        .sort({ 'state.nextAttemptAt': 1 })
        .limit(limit)
        .toArray();
      return docs.map((doc) => doc.state as LiveNotification);
    },

    async nextDue() {
      const doc = await collection
        .find({ 'state.status': 'pending' } as never, { projection: { 'state.nextAttemptAt': 1 } })
        .sort({ 'state.nextAttemptAt': 1 })
        .limit(1)
        .next();
      return (doc?.state as { nextAttemptAt?: string } | undefined)?.nextAttemptAt ?? null;
    },

    async list({ limit, before, programmeId, recipientId, eventId, status, template }) {
      const filter: Record<string, unknown> = { ...beforeCursor(before) };
      if (programmeId !== undefined) filter['state.programmeId'] = programmeId;
      if (recipientId !== undefined) filter['state.recipient.profileId'] = recipientId;
      if (eventId !== undefined) filter['state.eventId'] = eventId;
      if (status !== undefined) filter['state.status'] = status;
      if (template !== undefined) filter['state.template'] = template;
      const docs = await collection
        .find(filter as never, { projection: { state: 1 } })
        .sort({ 'state.createdAt': -1, _id: -1 })
        .limit(limit)
        .toArray();
      return docs.map((doc) => doc.state as NotificationRecord);
    },

    async idsOfRecipient(profileId) {
      const docs = await collection
        .find({ 'state.recipient.profileId': profileId } as never, { projection: { _id: 1 } })
        .toArray();
      return docs.map((doc) => String(doc._id));
    },
  };
}
