// Offsets from IANA names through Intl at fixed instants (see REFERENCE_INSTANTS): pure, no clock.
import { REFERENCE_INSTANTS, UNKNOWN_TIME_ZONE_OVERLAP, WORKING_DAY_HOURS } from './taxonomy.ts';

const offsetCache = new Map<string, readonly number[] | null>();

/** UTC offsets in minutes at each reference instant, or null for a name Intl does not know. */
export function timeZoneOffsets(timeZone: string): readonly number[] | null {
  const cached = offsetCache.get(timeZone);
  if (cached !== undefined) return cached;
  let offsets: number[] | null;
  try {
    const format = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'longOffset' });
    offsets = REFERENCE_INSTANTS.map((instant) => {
      const name = format.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
      const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
      if (!match) return 0;
      const minutes = Number(match[2]) * 60 + Number(match[3]);
      return match[1] === '-' ? -minutes : minutes;
    });
  } catch {
    offsets = null;
  }
  offsetCache.set(timeZone, offsets);
  return offsets;
}

/** Share (0..1) of a working day that two people's local working hours have in common. */
export function workingHoursOverlap(a: readonly number[] | null, b: readonly number[] | null): number {
  if (!a || !b) return UNKNOWN_TIME_ZONE_OVERLAP;
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const hours = Math.abs((a[i] as number) - (b[i] as number)) / 60;
    sum += Math.max(0, WORKING_DAY_HOURS - hours) / WORKING_DAY_HOURS;
  }
  return sum / a.length;
}

/** Hours a day the working days overlap (for sentences), rounded to the half hour. */
export function overlapHours(similarity: number): number {
  return Math.round(similarity * WORKING_DAY_HOURS * 2) / 2;
}
