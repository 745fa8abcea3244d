// The matching service's own copies of what the profile service owns, built from its events:
// programmes (mode, policy, status) and the candidate pool (people with their attributes).
// Each document is written only by the consumer of its key's partition, one event at a time, so
// a read-compare-replace is safe here; the event time guards against an older event replayed
// over a newer state (a redelivery after a later event was already applied).
import type { EventData, MatchingAttributes, Role } from '@belong/contracts';
import type { KitApp } from '@belong/kit';
import type { Policy as EnginePolicy, Person } from '@belong/matching-engine';
import { DEFAULT_WEIGHTS, hardRules } from '@belong/matching-engine';
import type { Collection, Connection } from 'mongoose';

export const PROGRAMMES_COLLECTION = 'programmes';
export const PEOPLE_COLLECTION = 'people';

export type ProgrammeCopy = EventData<'belong.programme.changed.v1'>;

interface ProgrammeDocument extends ProgrammeCopy {
  _id: string;
}

export type PoolStatus = 'active' | 'paused' | 'withdrawn';

/** A verified person as matching knows them. */
export interface PoolPerson {
  id: string;
  programmeId: string;
  role: Role;
  status: PoolStatus;
  displayName: string;
  /** Lower-case. */
  email: string;
  attributes: MatchingAttributes;
  verifiedAt: string;
  /** Time of the last event applied. */
  asOf: string;
}

interface PersonDocument extends PoolPerson {
  _id: string;
}

/** The programme's policy as the engine reads it (unknown names from a newer profile are ignored). */
export function enginePolicy(programme: ProgrammeCopy): EnginePolicy {
  const weights = { ...DEFAULT_WEIGHTS };
  for (const name of Object.keys(weights) as (keyof typeof weights)[]) {
    const value = programme.policy.weights[name];
    if (typeof value === 'number') weights[name] = value;
  }
  const rules = programme.policy.hardRules.filter((rule): rule is (typeof hardRules)[number] =>
    (hardRules as readonly string[]).includes(rule),
  );
  return { weights, hardRules: rules };
}

export function toPerson(person: PoolPerson): Person {
  return {
    id: person.id,
    programmeId: person.programmeId,
    role: person.role,
    status: person.status,
    displayName: person.displayName,
    email: person.email,
    attributes: person.attributes,
  };
}

export interface PoolStore {
  ensureIndexes(): Promise<void>;
  programme(id: string): Promise<ProgrammeCopy | null>;
  /** Applies a programme.changed unless an equal or newer one was applied. */
  applyProgramme(data: ProgrammeCopy): Promise<boolean>;
  person(id: string): Promise<PoolPerson | null>;
  /** Inserts or replaces a person unless a newer event was applied; returns the stored person. */
  upsertPerson(person: PoolPerson): Promise<PoolPerson>;
  setStatus(id: string, status: PoolStatus, asOf: string): Promise<PoolPerson | null>;
  deletePerson(id: string): Promise<void>;
  /** Active people of a role in a programme. */
  active(programmeId: string, role: Role): Promise<PoolPerson[]>;
}

export interface PoolCacheOptions {
  redis: Pick<KitApp['redis'], 'get' | 'incr'>;
  /** Redis key prefix, e.g. `belong:`. */
  keyPrefix: string;
  /** Longest a cached roster is used without its version being seen to change. Default 5 s. */
  maxAgeMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * The active people of a programme and role, kept in memory per instance and checked against a
 * version counter in Redis that every change to that roster increments. Proposing a match for a
 * newly confirmed mentee reads the programme's mentors: on FerretDB that query is a scan of every
 * person (250 ms at 1,900 people), so without this it set the pace of the whole system. The
 * version is read before the roster, so a roster read while a change lands is tagged with the
 * old version and read again next time. When Redis cannot be reached, nothing is cached; when an
 * increment is lost, another instance's copy is at most `maxAgeMs` old.
 */
function rosterCache(options: PoolCacheOptions) {
  const maxAgeMs = options.maxAgeMs ?? 5_000;
  const cached = new Map<string, { version: string; at: number; people: PoolPerson[] }>();
  const key = (programmeId: string, role: Role) =>
    `${options.keyPrefix}matching:roster:${programmeId}:${role}`;
  return {
    async read(programmeId: string, role: Role, load: () => Promise<PoolPerson[]>): Promise<PoolPerson[]> {
      let version: string;
      try {
        version = (await options.redis.get(key(programmeId, role))) ?? '0';
      } catch (error) {
        options.onError?.(error);
        return load();
      }
      const hit = cached.get(key(programmeId, role));
      if (hit && hit.version === version && Date.now() - hit.at < maxAgeMs) return [...hit.people];
      const people = await load();
      cached.set(key(programmeId, role), { version, at: Date.now(), people });
      return [...people];
    },
    async changed(programmeId: string, role: Role): Promise<void> {
      cached.delete(key(programmeId, role));
      await options.redis.incr(key(programmeId, role)).catch((error: unknown) => options.onError?.(error));
    },
  };
}

export function createPoolStore(connection: Connection, cacheOptions?: PoolCacheOptions): PoolStore {
  const programmes: Collection<ProgrammeDocument> = connection.collection(PROGRAMMES_COLLECTION);
  const people: Collection<PersonDocument> = connection.collection(PEOPLE_COLLECTION);
  const strip = <T extends { _id: string }>(doc: T): Omit<T, '_id'> => {
    const { _id, ...rest } = doc;
    return rest;
  };
  const roster = cacheOptions ? rosterCache(cacheOptions) : undefined;
  const changed = async (person: { programmeId: string; role: Role }) =>
    roster?.changed(person.programmeId, person.role);

  return {
    async ensureIndexes() {
      await people.createIndex({ programmeId: 1, role: 1, status: 1 }, { name: 'programme_role_status' });
    },

    async programme(id) {
      const doc = await programmes.findOne({ _id: id });
      return doc ? (strip(doc) as ProgrammeCopy) : null;
    },

    async applyProgramme(data) {
      const current = await programmes.findOne({ _id: data.programmeId });
      if (current && current.changedAt > data.changedAt) return false;
      await programmes.replaceOne({ _id: data.programmeId }, { ...data }, { upsert: true });
      return true;
    },

    async person(id) {
      const doc = await people.findOne({ _id: id });
      return doc ? (strip(doc) as PoolPerson) : null;
    },

    async upsertPerson(person) {
      const current = await people.findOne({ _id: person.id });
      if (current && current.asOf > person.asOf) return strip(current) as PoolPerson;
      await people.replaceOne({ _id: person.id }, { ...person }, { upsert: true });
      await changed(person);
      return person;
    },

    async setStatus(id, status, asOf) {
      const current = await people.findOne({ _id: id });
      if (!current) return null;
      if (current.asOf > asOf) return strip(current) as PoolPerson;
      const next = { ...(strip(current) as PoolPerson), status, asOf };
      await people.replaceOne({ _id: id }, next);
      await changed(next);
      return next;
    },

    async deletePerson(id) {
      const current = await people.findOne({ _id: id }, { projection: { programmeId: 1, role: 1 } });
      await people.deleteOne({ _id: id });
      if (current) await changed(current);
    },

    async active(programmeId, role) {
      const load = async () => {
        const docs = await people.find({ programmeId, role, status: 'active' }).sort({ _id: 1 }).toArray();
        return docs.map((doc) => strip(doc) as PoolPerson);
      };
      return roster ? roster.read(programmeId, role, load) : load();
    },
  };
}
