// Making and changing matches: the engine decides who (pure), this module takes the places
// (unique inserts), writes the match with its event (aggregate store), and frees the places when
// a match closes. Every path that could run twice at once — two instances, a redelivered event —
// is made safe by the places, never by timing.
import { randomBytes } from 'node:crypto';
import { type KitApp, LeaseTimeoutError } from '@belong/kit';
import { createEngine, type Person } from '@belong/matching-engine';
import { defaultLabels } from '../labels.ts';
import {
  createPoolStore,
  enginePolicy,
  type PoolPerson,
  type ProgrammeCopy,
  toPerson,
} from '../pool/store.ts';
import {
  type Actor,
  accept,
  decline,
  end,
  expire,
  isClosed,
  isOpen,
  type MatchRecord,
  matchErrors,
  proposedEvent,
  redact,
  type Side,
  type Transition,
} from './domain.ts';
import { createPlaces } from './places.ts';
import type { MatchMode, MatchStatus } from './schemas.ts';

export const MATCHES_COLLECTION = 'matches';
/** A mentee slot whose match was never written (crash) is taken over after this long. */
const ABANDONED_SLOT_MS = 60_000;
const DAY_MS = 24 * 60 * 60 * 1000;

export const newMatchId = () => `mtc_${randomBytes(9).toString('base64url')}`;

export interface ProposeOptions {
  mode: MatchMode;
  roundId?: string | null;
  /** Mentee choice: the mentee accepted by choosing. */
  menteeAccepted?: boolean;
  now?: Date;
}

export type MatchService = ReturnType<typeof createMatchService>;

export function createMatchService(app: KitApp, options: { now?: () => Date; keyPrefix?: string } = {}) {
  const store = app.events.store<MatchRecord>(MATCHES_COLLECTION);
  const pool = createPoolStore(app.mongo, {
    redis: app.redis,
    keyPrefix: options.keyPrefix ?? 'belong:',
    onError: (error) =>
      app.log.warn({ err: error }, 'roster cache: Redis unavailable; reading the pool directly'),
  });
  const places = createPlaces(app.mongo);
  const now = options.now ?? (() => new Date());
  const log = app.log;

  async function ensureIndexes() {
    await pool.ensureIndexes();
    await places.ensureIndexes();
    const c = store.collection;
    await c.createIndex({ 'state.programmeId': 1, _id: 1 }, { name: 'programme_id' });
    await c.createIndex({ 'state.menteeId': 1 }, { name: 'mentee' });
    await c.createIndex({ 'state.mentorId': 1 }, { name: 'mentor' });
    await c.createIndex({ 'state.status': 1, 'state.expiresAt': 1 }, { name: 'status_expires' });
  }

  /** The engine's view of a programme: everyone active, places taken, pairs declined. */
  async function engineFor(programme: ProgrammeCopy, mentees: PoolPerson[]) {
    const mentors = await pool.active(programme.programmeId, 'mentor');
    const [openLoad, declinedPairs] = await Promise.all([
      places.load(mentors.map((m) => m.id)),
      places.declinedFor(mentees.map((m) => m.id)),
    ]);
    const engine = createEngine({
      mentees: mentees.map(toPerson),
      mentors: mentors.map(toPerson),
      policy: enginePolicy(programme),
      labels: defaultLabels,
    });
    const mentorById = new Map(mentors.map((mentor) => [mentor.id, toPerson(mentor)]));
    return { engine, mentors, mentorById, context: { openLoad, declinedPairs } };
  }

  /** Frees the places a closed match holds (idempotent). */
  async function freePlaces(match: MatchRecord): Promise<void> {
    await places.releaseSeat(match.seatId, match.id);
    await places.releaseMentee(match.menteeId, match.id);
  }

  /**
   * Claims the mentee's slot for `matchId`. A slot held by a match that was never written (its
   * writer crashed) is taken over once it is old enough.
   */
  async function claimMentee(menteeId: string, matchId: string): Promise<boolean> {
    if (await places.claimMentee(menteeId, matchId)) return true;
    const slot = await places.menteeSlot(menteeId);
    if (!slot || now().getTime() - slot.takenAt.getTime() < ABANDONED_SLOT_MS) return false;
    if (await store.get(slot.matchId)) return false;
    await places.releaseMentee(menteeId, slot.matchId);
    return places.claimMentee(menteeId, matchId);
  }

  /**
   * Writes a proposed match for a pair the caller chose, taking the mentee's slot and a mentor's
   * seat first. Null when the mentee has an open match already or the mentor has no free seat.
   */
  async function createProposal(
    programme: ProgrammeCopy,
    mentee: Person,
    mentor: Person,
    scored: { score: number; explanation: MatchRecord['explanation'] },
    opts: ProposeOptions,
  ): Promise<MatchRecord | 'mentee-busy' | 'mentor-full'> {
    const id = newMatchId();
    if (!(await claimMentee(mentee.id, id))) return 'mentee-busy';
    let seatId: string | null = null;
    try {
      seatId = await places.reserveSeat(mentor.id, mentor.attributes.capacity ?? 1, id);
      if (!seatId) {
        await places.releaseMentee(mentee.id, id);
        return 'mentor-full';
      }
      const at = opts.now ?? now();
      const record: MatchRecord = {
        id,
        programmeId: programme.programmeId,
        menteeId: mentee.id,
        mentorId: mentor.id,
        mode: opts.mode,
        roundId: opts.roundId ?? null,
        status: opts.menteeAccepted ? 'awaiting_mentor' : 'proposed',
        score: scored.score,
        explanation: scored.explanation,
        menteeAcceptedAt: opts.menteeAccepted ? at.toISOString() : null,
        mentorAcceptedAt: null,
        proposedAt: at.toISOString(),
        expiresAt: new Date(at.getTime() + programme.policy.proposalTtlDays * DAY_MS).toISOString(),
        closedAt: null,
        closedBy: null,
        closeReason: null,
        seatId,
      };
      await store.create(id, record, [proposedEvent(record)]);
      return record;
    } catch (error) {
      if (seatId) await places.releaseSeat(seatId, id).catch(() => undefined);
      await places.releaseMentee(mentee.id, id).catch(() => undefined);
      throw error;
    }
  }

  /**
   * Instant mode: the best eligible mentor with a free place. A seat lost to a concurrent
   * proposal marks that mentor full and asks the engine again. Returns the match, or why not.
   */
  async function proposeInstant(menteeId: string): Promise<MatchRecord | { unmatched: string }> {
    const mentee = await pool.person(menteeId);
    if (mentee?.role !== 'mentee' || mentee.status !== 'active') {
      return { unmatched: 'not an active mentee' };
    }
    const programme = await pool.programme(mentee.programmeId);
    if (!programme) throw new Error(`programme ${mentee.programmeId} not known yet`);
    if (programme.matchingMode !== 'instant' || programme.status !== 'open') {
      return { unmatched: `programme is ${programme.status}, ${programme.matchingMode}` };
    }
    if (await places.menteeSlot(menteeId)) return { unmatched: 'already has an open match' };
    const prepared = await engineFor(programme, [mentee]);
    return proposeWith(programme, prepared, mentee, new Map(prepared.context.openLoad));
  }

  /**
   * The best eligible mentor with a free place for one mentee, from a prepared engine. `load` is
   * the places taken as this process knows them; it is updated as proposals are made, so several
   * mentees can be served from one engine. A seat lost to a concurrent proposal marks that
   * mentor full and asks the engine again.
   */
  async function proposeWith(
    programme: ProgrammeCopy,
    { engine, mentorById, context }: Awaited<ReturnType<typeof engineFor>>,
    mentee: PoolPerson,
    load: Map<string, number>,
  ): Promise<MatchRecord | { unmatched: string }> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const result = engine.instant(mentee.id, { ...context, openLoad: load });
      if (result.mentorId === null) return { unmatched: result.reason };
      const mentor = mentorById.get(result.mentorId);
      if (!mentor) throw new Error(`engine chose unknown mentor ${result.mentorId}`);
      const made = await createProposal(programme, toPerson(mentee), mentor, result.proposal, {
        mode: 'instant',
      });
      if (made === 'mentee-busy') return { unmatched: 'already has an open match' };
      if (made === 'mentor-full') {
        load.set(mentor.id, mentor.attributes.capacity ?? 1);
        continue;
      }
      load.set(mentor.id, (load.get(mentor.id) ?? 0) + 1);
      log.info(
        { matchId: made.id, menteeId: mentee.id, mentorId: mentor.id, score: made.score },
        'match proposed',
      );
      return made;
    }
    return { unmatched: 'every suitable mentor filled up while we looked; we will try again' };
  }

  /** Applies a transition to a match under its lease; frees places when it closes. */
  async function transition(
    matchId: string,
    step: (m: MatchRecord) => Transition | null,
  ): Promise<{ match: MatchRecord; changed: boolean }> {
    let changed = false;
    const written = await store.mutate(matchId, (current) => {
      if (!current) throw matchErrors.MATCH_NOT_FOUND(`No match ${matchId}`);
      const next = step(current.state);
      changed = next !== null;
      return next;
    });
    if (!written) throw matchErrors.MATCH_NOT_FOUND(`No match ${matchId}`);
    const match = written.state;
    if (isClosed(match.status)) await freePlaces(match);
    return { match, changed };
  }

  /**
   * Instant mode, when a place may have opened (a mentor joined or came back, a match closed):
   * mentees still waiting, longest-waiting first, get a proposal until no mentor has room.
   */
  async function matchWaiting(programmeId: string, limit = 50): Promise<number> {
    const programme = await pool.programme(programmeId);
    if (programme?.matchingMode !== 'instant' || programme.status !== 'open') return 0;
    const mentees = await pool.active(programmeId, 'mentee');
    const busy = await places.menteesWithOpenMatch(mentees.map((m) => m.id));
    const waiting = mentees
      .filter((m) => !busy.has(m.id))
      .sort((a, b) => (a.verifiedAt < b.verifiedAt ? -1 : a.verifiedAt > b.verifiedAt ? 1 : 0))
      .slice(0, limit);
    if (waiting.length === 0) return 0;
    // One engine for everyone waiting (scoring is prepared once), one load map as places go.
    const prepared = await engineFor(programme, waiting);
    const load = new Map(prepared.context.openLoad);
    let proposed = 0;
    for (const mentee of waiting) {
      const result = await proposeWith(programme, prepared, mentee, load);
      if (!('unmatched' in result)) proposed++;
    }
    if (proposed > 0) log.info({ programmeId, proposed }, 'matched mentees who were waiting');
    return proposed;
  }

  /** After a decline or expiry in instant mode, look again for the mentee (that pair excluded). */
  async function rematch(match: MatchRecord): Promise<void> {
    const programme = await pool.programme(match.programmeId);
    if (programme?.matchingMode !== 'instant') return;
    const result = await proposeInstant(match.menteeId);
    if ('unmatched' in result)
      log.info({ menteeId: match.menteeId, reason: result.unmatched }, 'no new match');
    // The mentor's place is free again: someone else may be waiting for it.
    await matchWaiting(match.programmeId);
  }

  return {
    store,
    pool,
    places,
    ensureIndexes,
    proposeInstant,
    matchWaiting,
    createProposal,
    engineFor,

    async get(matchId: string): Promise<MatchRecord> {
      const found = await store.get(matchId);
      if (!found) throw matchErrors.MATCH_NOT_FOUND(`No match ${matchId}`);
      return found.state;
    },

    /** The side `profileId` is on in the match, or a 403. */
    sideOf(match: MatchRecord, profileId: string): Side {
      if (profileId === match.menteeId) return 'mentee';
      if (profileId === match.mentorId) return 'mentor';
      throw matchErrors.NOT_PARTICIPANT('This link is for someone else’s match');
    },

    async accept(matchId: string, by: Side) {
      return (await transition(matchId, (m) => accept(m, by, now()))).match;
    },

    async decline(matchId: string, by: Actor, reason: string | null) {
      const { match, changed } = await transition(matchId, (m) => decline(m, by, reason, now()));
      if (changed) {
        await places.recordDeclined(match.menteeId, match.mentorId);
        await rematch(match);
      }
      return match;
    },

    async end(matchId: string, by: Actor, reason: string) {
      const { match, changed } = await transition(matchId, (m) => end(m, by, reason, now()));
      if (changed) await matchWaiting(match.programmeId);
      return match;
    },

    /** Expires every open match past its time; re-matches in instant mode. Returns how many. */
    async expireDue(limit = 100): Promise<number> {
      const due = await store.collection
        .find(
          {
            'state.status': { $in: ['proposed', 'awaiting_mentee', 'awaiting_mentor'] },
            'state.expiresAt': { $lte: now().toISOString() },
          } as never,
          { projection: { _id: 1 } },
        )
        .limit(limit)
        .toArray();
      let expired = 0;
      for (const { _id } of due) {
        try {
          const { match, changed } = await transition(String(_id), (m) => expire(m, now()));
          if (changed) {
            expired++;
            // Nobody answered in time: look for someone else rather than propose the same pair again.
            await places.recordDeclined(match.menteeId, match.mentorId);
            await rematch(match);
          }
        } catch (error) {
          if (!(error instanceof LeaseTimeoutError)) throw error;
        }
      }
      return expired;
    },

    /**
     * Frees places whose match is closed, or was never written and is old (crash windows), then
     * looks again for the mentees waiting in those programmes: a mentee whose proposal died with
     * its writer was told "already has an open match" when the event came again, and nothing
     * else would ever look for them.
     */
    async reconcilePlaces(): Promise<number> {
      const { seats, slots } = await places.heldBy();
      let freed = 0;
      const cutoff = now().getTime() - ABANDONED_SLOT_MS;
      const programmes = new Set<string>();
      for (const holder of [
        ...seats.map((s) => ({ ...s, person: s.mentorId, kind: 'seat' as const })),
        ...slots.map((s) => ({ ...s, person: s._id, kind: 'slot' as const })),
      ]) {
        const match = (await store.get(holder.matchId))?.state;
        const stale = match ? isClosed(match.status) : holder.takenAt.getTime() < cutoff;
        if (!stale) continue;
        if (holder.kind === 'seat') await places.releaseSeat(holder._id, holder.matchId);
        else await places.releaseMentee(holder._id, holder.matchId);
        freed++;
        const programmeId = match?.programmeId ?? (await pool.person(holder.person))?.programmeId;
        if (programmeId) programmes.add(programmeId);
      }
      for (const programmeId of programmes) await matchWaiting(programmeId);
      return freed;
    },

    /** A person left (withdrawn, erased): their open and active matches end. */
    async endAllFor(personId: string, reason: string, options: { redact?: boolean } = {}): Promise<number> {
      const docs = await store.collection
        .find({ $or: [{ 'state.menteeId': personId }, { 'state.mentorId': personId }] } as never, {
          projection: { _id: 1 },
        })
        .toArray();
      let ended = 0;
      const freed = new Set<string>();
      for (const { _id } of docs) {
        let closing: Transition | null = null;
        const { match } = await transition(String(_id), (m) => {
          closing = end(m, 'system', reason, now());
          if (!options.redact) return closing;
          return { state: redact(closing?.state ?? m), events: closing?.events ?? [] };
        });
        if (closing) {
          ended++;
          freed.add(match.programmeId);
        }
      }
      // The places they held may go to mentees who are waiting.
      for (const programmeId of freed) await matchWaiting(programmeId);
      return ended;
    },

    async list(filter: {
      programmeId: string;
      status?: MatchStatus | undefined;
      menteeId?: string | undefined;
      mentorId?: string | undefined;
      roundId?: string | undefined;
      after?: string | undefined;
      limit: number;
    }): Promise<MatchRecord[]> {
      const query: Record<string, unknown> = { 'state.programmeId': filter.programmeId };
      if (filter.status) query['state.status'] = filter.status;
      if (filter.menteeId) query['state.menteeId'] = filter.menteeId;
      if (filter.mentorId) query['state.mentorId'] = filter.mentorId;
      if (filter.roundId) query['state.roundId'] = filter.roundId;
      if (filter.after) query._id = { $gt: filter.after };
      const docs = await store.collection
        .find(query as never, { projection: { state: 1 } })
        .sort({ _id: 1 })
        .limit(filter.limit)
        .toArray();
      return docs.map((doc) => doc.state as MatchRecord);
    },

    isOpen,
  };
}
