// The matching service's own copies of what the profile service owns, built from its events:
// programmes (mode, policy, status) and the candidate pool (people with their attributes).
// Each document is written only by the consumer of its key's partition, one event at a time, so
// a read-compare-replace is safe here; the event time guards against an older event replayed
// over a newer state (a redelivery after a later event was already applied).
import type { EventData, MatchingAttributes, Role } from '@belong/contracts';
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

export function createPoolStore(connection: Connection): PoolStore {
  const programmes: Collection<ProgrammeDocument> = connection.collection(PROGRAMMES_COLLECTION);
  const people: Collection<PersonDocument> = connection.collection(PEOPLE_COLLECTION);
  const strip = <T extends { _id: string }>(doc: T): Omit<T, '_id'> => {
    const { _id, ...rest } = doc;
    return rest;
  };

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
      return person;
    },

    async setStatus(id, status, asOf) {
      const current = await people.findOne({ _id: id });
      if (!current) return null;
      if (current.asOf > asOf) return strip(current) as PoolPerson;
      const next = { ...(strip(current) as PoolPerson), status, asOf };
      await people.replaceOne({ _id: id }, next);
      return next;
    },

    async deletePerson(id) {
      await people.deleteOne({ _id: id });
    },

    async active(programmeId, role) {
      const docs = await people.find({ programmeId, role, status: 'active' }).sort({ _id: 1 }).toArray();
      return docs.map((doc) => strip(doc) as PoolPerson);
    },
  };
}
