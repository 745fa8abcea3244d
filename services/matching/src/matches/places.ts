// Places are what two instances of this service could fight over: a mentor's capacity and a
// mentee's one open match. Each place is a document claimed by a unique insert — the one write
// FerretDB makes atomic under concurrency (ADR 0003) — so two instances, or two events handled
// at once, can never overfill a mentor or give a mentee two open proposals.
//
//   seats         _id `<mentorId>#<n>` for n in 0..capacity-1, holding the matchId
//   mentee_slots  _id `<menteeId>`, holding the matchId of the mentee's open match
//
// A place is freed by deleting exactly the document that holds that match. A crash between
// ending a match and freeing its places leaves a place taken: the sweeper frees places whose
// match is closed or was never written (reconcile).
import { pairKey } from '@belong/matching-engine';
import type { Collection, Connection } from 'mongoose';

export const SEATS_COLLECTION = 'seats';
export const MENTEE_SLOTS_COLLECTION = 'mentee_slots';
export const DECLINED_PAIRS_COLLECTION = 'declined_pairs';

interface Seat {
  _id: string;
  mentorId: string;
  seat: number;
  matchId: string;
  takenAt: Date;
}

interface MenteeSlot {
  _id: string;
  matchId: string;
  takenAt: Date;
}

interface DeclinedPair {
  _id: string;
  menteeId: string;
  mentorId: string;
  at: Date;
}

function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number })?.code === 11000;
}

async function insertIfAbsent<T extends { _id: string }>(
  collection: Collection<T>,
  doc: T,
): Promise<boolean> {
  try {
    await collection.insertOne(doc as never);
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

export interface Places {
  ensureIndexes(): Promise<void>;
  /** Takes a free seat of the mentor for the match; null when all `capacity` seats are taken. */
  reserveSeat(mentorId: string, capacity: number, matchId: string): Promise<string | null>;
  releaseSeat(seatId: string, matchId: string): Promise<void>;
  /** Seats taken per mentor (mentors with none are absent). */
  load(mentorIds?: readonly string[]): Promise<Map<string, number>>;
  /** Claims the mentee's one open match; false when they have one already. */
  claimMentee(menteeId: string, matchId: string): Promise<boolean>;
  menteeSlot(menteeId: string): Promise<{ matchId: string; takenAt: Date } | null>;
  releaseMentee(menteeId: string, matchId: string): Promise<void>;
  /** Mentees (of these ids) that hold an open match. */
  menteesWithOpenMatch(menteeIds: readonly string[]): Promise<Set<string>>;
  recordDeclined(menteeId: string, mentorId: string): Promise<void>;
  /** The mentees' declined pairs, as the engine's `pairKey`s. */
  declinedFor(menteeIds: readonly string[]): Promise<Set<string>>;
  /** Every place held (for reconciliation). */
  heldBy(): Promise<{ seats: Seat[]; slots: MenteeSlot[] }>;
  forgetPerson(personId: string): Promise<void>;
}

/** `_id` of a declined pair. */
const declinedKey = (menteeId: string, mentorId: string) => `${menteeId}|${mentorId}`;

export function createPlaces(connection: Connection): Places {
  const seats: Collection<Seat> = connection.collection(SEATS_COLLECTION);
  const slots: Collection<MenteeSlot> = connection.collection(MENTEE_SLOTS_COLLECTION);
  const declined: Collection<DeclinedPair> = connection.collection(DECLINED_PAIRS_COLLECTION);

  return {
    async ensureIndexes() {
      await seats.createIndex({ mentorId: 1 }, { name: 'mentor' });
      await declined.createIndex({ menteeId: 1 }, { name: 'mentee' });
      await declined.createIndex({ mentorId: 1 }, { name: 'mentor' });
    },

    async reserveSeat(mentorId, capacity, matchId) {
      for (let seat = 0; seat < capacity; seat++) {
        const _id = `${mentorId}#${seat}`;
        if (await insertIfAbsent(seats, { _id, mentorId, seat, matchId, takenAt: new Date() })) return _id;
      }
      return null;
    },

    async releaseSeat(seatId, matchId) {
      await seats.deleteOne({ _id: seatId, matchId });
    },

    async load(mentorIds) {
      const filter = mentorIds ? { mentorId: { $in: [...mentorIds] } } : {};
      const taken = await seats.find(filter, { projection: { mentorId: 1 } }).toArray();
      const load = new Map<string, number>();
      for (const { mentorId } of taken) load.set(mentorId, (load.get(mentorId) ?? 0) + 1);
      return load;
    },

    async claimMentee(menteeId, matchId) {
      return insertIfAbsent(slots, { _id: menteeId, matchId, takenAt: new Date() });
    },

    async menteeSlot(menteeId) {
      const slot = await slots.findOne({ _id: menteeId });
      return slot ? { matchId: slot.matchId, takenAt: slot.takenAt } : null;
    },

    async releaseMentee(menteeId, matchId) {
      await slots.deleteOne({ _id: menteeId, matchId });
    },

    async menteesWithOpenMatch(menteeIds) {
      const found = await slots.find({ _id: { $in: [...menteeIds] } }, { projection: { _id: 1 } }).toArray();
      return new Set(found.map((slot) => slot._id));
    },

    async recordDeclined(menteeId, mentorId) {
      await insertIfAbsent(declined, {
        _id: declinedKey(menteeId, mentorId),
        menteeId,
        mentorId,
        at: new Date(),
      });
    },

    async declinedFor(menteeIds) {
      const found = await declined.find({ menteeId: { $in: [...menteeIds] } }).toArray();
      return new Set(found.map((pair) => pairKey(pair.menteeId, pair.mentorId)));
    },

    async heldBy() {
      return { seats: await seats.find({}).toArray(), slots: await slots.find({}).toArray() };
    },

    async forgetPerson(personId) {
      await declined.deleteMany({ $or: [{ menteeId: personId }, { mentorId: personId }] });
    },
  };
}
