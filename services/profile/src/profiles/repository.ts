// Profiles are aggregates in the `profiles` collection, written only through the kit's aggregate
// store (Redis lease + compare-and-set, events in the same document: ADR 0003). One person takes
// part once per programme and role: a unique index on `state.uniqueKey` makes the second sign-up
// fail atomically (a unique insert is atomic on FerretDB too).
import { randomBytes } from 'node:crypto';
import type { Role } from '@belong/contracts';
import { AggregateExistsError, type AggregateStore, type EventInput, type KitApp } from '@belong/kit';
import type { LiveRecord, ProfileRecord } from './domain.ts';
import type { ProfileStatus } from './schemas.ts';

export const PROFILES_COLLECTION = 'profiles';

/** `pfl_` + 12 url-safe characters (72 random bits). */
export function newProfileId(): string {
  return `pfl_${randomBytes(9).toString('base64url')}`;
}

/** Another profile has this programme, role and email. */
export class DuplicateProfileError extends Error {
  override name = 'DuplicateProfileError';
}

export interface SearchOptions {
  programmeId: string;
  limit: number;
  after?: string | undefined;
  role?: Role | undefined;
  status?: ProfileStatus | undefined;
  topic?: string | undefined;
  sector?: string | undefined;
  region?: string | undefined;
  q?: string | undefined;
}

export interface ProfileRepository {
  readonly store: AggregateStore<ProfileRecord>;
  ensureIndexes(): Promise<void>;
  /**
   * Inserts a new profile with its events. DuplicateProfileError when the person is signed up
   * already; AggregateExistsError when this id exists with the same unique key (an idempotent retry).
   */
  create(record: LiveRecord, events: EventInput[]): Promise<void>;
  get(id: string): Promise<ProfileRecord | null>;
  findLive(programmeId: string, role: Role, emailKey: string): Promise<LiveRecord | null>;
  search(options: SearchOptions): Promise<LiveRecord[]>;
}

function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number })?.code === 11000;
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function createProfileRepository(app: KitApp): ProfileRepository {
  const store = app.events.store<ProfileRecord>(PROFILES_COLLECTION);
  const collection = store.collection;

  async function get(id: string): Promise<ProfileRecord | null> {
    return (await store.get(id))?.state ?? null;
  }

  return {
    store,

    async ensureIndexes() {
      await collection.createIndex({ 'state.uniqueKey': 1 }, { name: 'state_unique_key', unique: true });
      await collection.createIndex({ 'state.programmeId': 1, _id: 1 }, { name: 'state_programme_id' });
    },

    async create(record, events) {
      try {
        await store.create(record.id, record, events);
      } catch (error) {
        // The store reports every E11000 as AggregateExistsError, whichever index refused it.
        if (!(error instanceof AggregateExistsError) && !isDuplicateKey(error)) throw error;
        const existing = await get(record.id);
        if (existing && existing.uniqueKey === record.uniqueKey) throw error;
        if (existing) throw new AggregateExistsError(PROFILES_COLLECTION, record.id);
        throw new DuplicateProfileError(`${record.role} ${record.emailKey} in ${record.programmeId}`);
      }
    },

    get,

    async findLive(programmeId, role, emailKey) {
      const doc = await collection.findOne(
        { 'state.uniqueKey': `${programmeId}:${role}:${emailKey}` } as never,
        { projection: { state: 1 } },
      );
      return (doc?.state as LiveRecord | undefined) ?? null;
    },

    async search({ programmeId, limit, after, role, status, topic, sector, region, q }) {
      const filter: Record<string, unknown> = {
        'state.programmeId': programmeId,
        'state.status': status ?? { $ne: 'erased' },
      };
      if (after !== undefined) filter._id = { $gt: after };
      if (role !== undefined) filter['state.role'] = role;
      if (topic !== undefined) filter['state.attributes.topics'] = topic;
      if (sector !== undefined) filter['state.attributes.sector'] = sector;
      if (region !== undefined) filter['state.attributes.region'] = region;
      if (q !== undefined) {
        const pattern = { $regex: escapeRegex(q), $options: 'i' };
        filter.$or = [{ 'state.displayName': pattern }, { 'state.email': pattern }];
      }
      const docs = await collection
        .find(filter as never, { projection: { state: 1 } })
        .sort({ _id: 1 })
        .limit(limit)
        .toArray();
      return docs.map((doc) => doc.state as LiveRecord);
    },
  };
}
