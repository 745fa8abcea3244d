// A match's life, as pure functions: each takes the match and returns the next state with the
// events it causes, or null (nothing to do), or throws an HttpError saying why not.
//
//   proposed ──mentee accepts──► awaiting_mentor ──mentor accepts──► active ──► ended
//      │     ──mentor accepts──► awaiting_mentee ──mentee accepts──►   │
//      └──── any open state ──decline──► declined / ──expiry──► expired / ──end──► ended
import { defineErrors, type EventInput } from '@belong/kit';
import { type Match, type MatchStatus, openStatuses } from './schemas.ts';

export const matchErrors = defineErrors('MATCH', {
  MATCH_NOT_FOUND: { status: 404, title: 'Match not found' },
  NOT_OPEN: { status: 409, title: 'The match is no longer open' },
  NOT_PARTICIPANT: { status: 403, title: 'Not one of this match’s people' },
  SIDE_REQUIRED: { status: 400, title: 'Say which side answers' },
});

/** A match as stored: the resource plus the places it holds. */
export interface MatchRecord extends Match {
  /** The mentor's seat this match holds (`<mentorId>#<n>`). */
  seatId: string;
}

export type Side = 'mentee' | 'mentor';
export type Actor = Side | 'coordinator' | 'system';

export interface Transition {
  state: MatchRecord;
  events: EventInput[];
}

export const isOpen = (status: MatchStatus) => openStatuses.includes(status);
export const isClosed = (status: MatchStatus) => !isOpen(status) && status !== 'active';

const ref = (m: MatchRecord) => ({
  matchId: m.id,
  programmeId: m.programmeId,
  menteeId: m.menteeId,
  mentorId: m.mentorId,
});

export function toMatch(record: MatchRecord): Match {
  const { seatId, ...match } = record;
  return match;
}

export function proposedEvent(m: MatchRecord): EventInput {
  return {
    type: 'belong.match.proposed.v1',
    data: {
      ...ref(m),
      mode: m.mode,
      roundId: m.roundId,
      score: m.score,
      explanation: m.explanation,
      proposedAt: m.proposedAt,
      expiresAt: m.expiresAt,
    },
  };
}

function notOpen(m: MatchRecord, action: string): never {
  throw matchErrors.NOT_OPEN(`This match is ${m.status.replace('_', ' ')}: it can no longer be ${action}`);
}

export function accept(m: MatchRecord, by: Side, now: Date): Transition | null {
  const at = now.toISOString();
  const field = by === 'mentee' ? 'menteeAcceptedAt' : 'mentorAcceptedAt';
  if (m[field] !== null && (isOpen(m.status) || m.status === 'active')) return null; // said yes already
  if (!isOpen(m.status)) notOpen(m, 'accepted');
  const next: MatchRecord = { ...m, [field]: at };
  const both = next.menteeAcceptedAt !== null && next.mentorAcceptedAt !== null;
  next.status = both ? 'active' : by === 'mentee' ? 'awaiting_mentor' : 'awaiting_mentee';
  return {
    state: next,
    events: [
      {
        type: 'belong.match.accepted.v1',
        data: {
          ...ref(m),
          by,
          status: next.status as 'active' | 'awaiting_mentee' | 'awaiting_mentor',
          acceptedAt: at,
        },
      },
    ],
  };
}

export function decline(m: MatchRecord, by: Actor, reason: string | null, now: Date): Transition | null {
  if (m.status === 'declined') return null;
  if (!isOpen(m.status)) notOpen(m, 'declined');
  const at = now.toISOString();
  const next: MatchRecord = { ...m, status: 'declined', closedAt: at, closedBy: by, closeReason: reason };
  return {
    state: next,
    events: [{ type: 'belong.match.declined.v1', data: { ...ref(m), by, reason, declinedAt: at } }],
  };
}

export function expire(m: MatchRecord, now: Date): Transition | null {
  if (!isOpen(m.status) || Date.parse(m.expiresAt) > now.getTime()) return null;
  const at = now.toISOString();
  const next: MatchRecord = {
    ...m,
    status: 'expired',
    closedAt: at,
    closedBy: 'system',
    closeReason: 'expired',
  };
  return { state: next, events: [{ type: 'belong.match.expired.v1', data: { ...ref(m), expiredAt: at } }] };
}

export function end(m: MatchRecord, by: Actor, reason: string, now: Date): Transition | null {
  if (isClosed(m.status)) return null;
  const at = now.toISOString();
  const next: MatchRecord = { ...m, status: 'ended', closedAt: at, closedBy: by, closeReason: reason };
  return {
    state: next,
    events: [{ type: 'belong.match.ended.v1', data: { ...ref(m), by, reason, endedAt: at } }],
  };
}

/** Erasure: the explanation names the person; keep the numbers, drop the words. */
export function redact(m: MatchRecord): MatchRecord {
  return {
    ...m,
    explanation: {
      summary: 'Removed: one of the people asked for their data to be erased.',
      criteria: m.explanation.criteria.map((c) => ({ ...c, forMentee: '', forMentor: '' })),
    },
    closeReason: m.closeReason === null ? null : 'erased',
  };
}
