// The service's own read models, fed by events: match events carry ids only, so the names and
// addresses to write to, and the programme's name and coordinator, are kept here. Each is an
// aggregate written through the kit store (Redis lease + compare-and-set: ADR 0003), without
// events of its own. Erasure replaces a person by a tombstone without personal data.
import type { EventData, MatchExplanation, Role } from '@belong/contracts';
import type { AggregateStore, KitApp } from '@belong/kit';
import { emailHash, oneLine } from '../text.ts';

export const PEOPLE_COLLECTION = 'people';
export const PROGRAMMES_COLLECTION = 'programmes';
export const MATCHES_COLLECTION = 'matches';

export type PersonStatus = 'pending' | 'active' | 'paused' | 'withdrawn';

export interface LivePerson {
  id: string;
  programmeId: string;
  role: Role;
  displayName: string;
  email: string;
  emailHash: string;
  status: PersonStatus;
  /** IANA zone from the answers (verified/updated), for dates in emails; absent until verified. */
  timeZone?: string;
  updatedAt: string;
}

/** What is left after `profile.erased`: enough to suppress further mail, nothing personal. */
export interface ErasedPerson {
  id: string;
  programmeId: string;
  status: 'erased';
  emailHash: string;
  erasedAt: string;
}

export type Person = LivePerson | ErasedPerson;
export const isLivePerson = (person: Person | null | undefined): person is LivePerson =>
  person !== null && person !== undefined && person.status !== 'erased';

export interface Programme {
  id: string;
  name: string;
  slug: string;
  coordinator: { name: string; email: string };
  status: 'draft' | 'open' | 'closed';
  changedAt: string;
}

export type MatchStatus =
  | 'proposed'
  | 'awaiting_mentee'
  | 'awaiting_mentor'
  | 'active'
  | 'declined'
  | 'expired'
  | 'ended';

export interface MatchView {
  id: string;
  programmeId: string;
  menteeId: string;
  mentorId: string;
  mode: EventData<'belong.match.proposed.v1'>['mode'];
  score: number;
  explanation: MatchExplanation;
  status: MatchStatus;
  proposedAt: string;
  expiresAt: string;
  /** When the reminder is due (null: none, e.g. too short a proposal). */
  reminderAt: string | null;
  remindedAt: string | null;
  /** Whether the mentor was told of this proposal (mentee_choice tells them once chosen). */
  mentorNotified: boolean;
  updatedAt: string;
}

export const OPEN_MATCH_STATUSES: MatchStatus[] = ['proposed', 'awaiting_mentee', 'awaiting_mentor'];

export interface ReadModels {
  people: AggregateStore<Person>;
  programmes: AggregateStore<Programme>;
  matches: AggregateStore<MatchView>;
  person(id: string): Promise<Person | null>;
  programme(id: string): Promise<Programme | null>;
  match(id: string): Promise<MatchView | null>;
  ensureIndexes(): Promise<void>;
}

export function createReadModels(app: KitApp): ReadModels {
  const people = app.events.store<Person>(PEOPLE_COLLECTION);
  const programmes = app.events.store<Programme>(PROGRAMMES_COLLECTION);
  const matches = app.events.store<MatchView>(MATCHES_COLLECTION);
  return {
    people,
    programmes,
    matches,
    person: async (id) => (await people.get(id))?.state ?? null,
    programme: async (id) => (await programmes.get(id))?.state ?? null,
    match: async (id) => (await matches.get(id))?.state ?? null,
    async ensureIndexes() {
      await matches.collection.createIndex(
        { 'state.reminderAt': 1, 'state.status': 1 },
        { name: 'state_reminder_at' },
      );
      await people.collection.createIndex({ 'state.programmeId': 1 }, { name: 'state_programme_id' });
    },
  };
}

/** The person as a profile event describes them (names made one line; the address kept as given). */
export function livePerson(
  data: { profileId: string; programmeId: string; role: Role; displayName: string; email: string },
  status: PersonStatus,
  at: string,
): LivePerson {
  return {
    id: data.profileId,
    programmeId: data.programmeId,
    role: data.role,
    displayName: oneLine(data.displayName, 200),
    email: data.email.trim(),
    emailHash: emailHash(data.email),
    status,
    updatedAt: at,
  };
}

/** When the reminder of a proposal is due: `lead` before expiry, but never in its first half. */
export function reminderTime(proposedAt: string, expiresAt: string, leadMs: number): string | null {
  const start = Date.parse(proposedAt);
  const end = Date.parse(expiresAt);
  if (!(end > start)) return null;
  const at = Math.max(end - leadMs, start + (end - start) / 2);
  return new Date(at).toISOString();
}
