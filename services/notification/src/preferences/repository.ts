// Which optional emails a person (or a coordinator) gets, per programme. Mandatory emails
// (verification, a match they are part of, confirmations) ignore this. Absent = everything on.
// Aggregates through the kit store: the unsubscribe page and the one-click POST may race.
import type { AggregateStore, KitApp } from '@belong/kit';
import type { Category } from '../mail/templates.ts';
import { hashId } from '../text.ts';

export const PREFERENCES_COLLECTION = 'preferences';

export interface Preferences {
  /** `<subjectId>:<programmeId>`. */
  id: string;
  /** A profile id, or `c_<hash>` for a coordinator's address. */
  subjectId: string;
  programmeId: string;
  reminders: boolean;
  summaries: boolean;
  /** How the last change was made. */
  changedBy: 'one-click' | 'page' | 'api';
  updatedAt: string;
  /** Set by erasure: the person's preferences are gone; no optional mail. */
  erased?: boolean;
}

export type PreferenceValues = Pick<Preferences, 'reminders' | 'summaries'>;

export const DEFAULT_PREFERENCES: PreferenceValues = { reminders: true, summaries: true };
export const NO_OPTIONAL_MAIL: PreferenceValues = { reminders: false, summaries: false };

/** The preference subject of a coordinator: their address, hashed (they have no profile id). */
export function coordinatorSubject(email: string): string {
  return hashId('c_', email.trim().toLowerCase());
}

export interface PreferencesRepository {
  readonly store: AggregateStore<Preferences>;
  get(subjectId: string, programmeId: string): Promise<PreferenceValues>;
  wants(subjectId: string, programmeId: string, category: Category): Promise<boolean>;
  set(
    subjectId: string,
    programmeId: string,
    values: Partial<PreferenceValues>,
    changedBy: Preferences['changedBy'],
  ): Promise<PreferenceValues>;
  /** Erasure: tombstones every preference record of the person. */
  erase(subjectId: string): Promise<void>;
}

export function createPreferencesRepository(app: KitApp): PreferencesRepository {
  const store = app.events.store<Preferences>(PREFERENCES_COLLECTION);
  const idOf = (subjectId: string, programmeId: string) => `${subjectId}:${programmeId}`;
  const values = (state: Preferences | undefined): PreferenceValues =>
    !state
      ? DEFAULT_PREFERENCES
      : state.erased
        ? NO_OPTIONAL_MAIL
        : { reminders: state.reminders, summaries: state.summaries };

  const get = async (subjectId: string, programmeId: string) =>
    values((await store.get(idOf(subjectId, programmeId)))?.state);

  return {
    store,
    get,
    async wants(subjectId, programmeId, category) {
      return (await get(subjectId, programmeId))[category];
    },
    async set(subjectId, programmeId, change, changedBy) {
      const written = await store.mutate(idOf(subjectId, programmeId), (current) => {
        const now = values(current?.state);
        if (current?.state.erased) return null;
        const next = { ...now, ...change };
        if (current && next.reminders === now.reminders && next.summaries === now.summaries) return null;
        return {
          state: {
            id: idOf(subjectId, programmeId),
            subjectId,
            programmeId,
            ...next,
            changedBy,
            updatedAt: new Date().toISOString(),
          },
        };
      });
      return values(written?.state);
    },
    async erase(subjectId) {
      const docs = await store.collection
        .find({ 'state.subjectId': subjectId } as never, { projection: { _id: 1 } })
        .toArray();
      for (const doc of docs) {
        await store.mutate(String(doc._id), (current) =>
          current && !current.state.erased
            ? {
                state: {
                  ...current.state,
                  ...NO_OPTIONAL_MAIL,
                  erased: true,
                  changedBy: 'api' as const,
                  updatedAt: new Date().toISOString(),
                },
              }
            : null,
        );
      }
    },
  };
}
