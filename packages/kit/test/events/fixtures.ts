// Valid catalog events for the tests.
import { createEvent, type EventData } from '@belong/contracts';
import type { EventInput } from '../../src/events/index.ts';

export const SOURCE = '/belong/profile';

export function withdrawnData(profileId: string, note: string): EventData<'belong.profile.withdrawn.v1'> {
  return {
    profileId,
    programmeId: 'programme-1',
    role: 'mentee',
    reason: note,
    withdrawnAt: new Date().toISOString(),
  };
}

/** profile.withdrawn with `reason` as a marker (sequence numbers, labels): keyed by profileId. */
export function withdrawn(profileId: string, note: string): EventInput {
  return { type: 'belong.profile.withdrawn.v1', data: withdrawnData(profileId, note) };
}

export function withdrawnEvent(profileId: string, note: string, id?: string) {
  return createEvent('belong.profile.withdrawn.v1', withdrawnData(profileId, note), { source: SOURCE, id });
}

export function erasedEvent(profileId: string) {
  return createEvent(
    'belong.profile.erased.v1',
    { profileId, programmeId: 'programme-1', emailHash: 'a'.repeat(64), erasedAt: new Date().toISOString() },
    { source: SOURCE },
  );
}
