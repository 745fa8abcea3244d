// What the notification service does with other services' events: keep its read models (people,
// programmes, matches) current and turn events into notification records. Handlers are
// idempotent (a record's deterministic id absorbs a second run); the kit adds dedupe, retries and
// the dead-letter topic. An event about a person or programme not known yet (another topic lags)
// throws NotKnownYetError and is retried with backoff, not dead-lettered at once.
import { ConsumerGroups, type EventData, Topics } from '@belong/contracts';
import type { KitApp } from '@belong/kit';
import type { NotificationConfig } from './config.ts';
import type { Composer } from './notifications/compose.ts';
import { erased as erasedNotification, isLive } from './notifications/domain.ts';
import type { NotificationRepository } from './notifications/repository.ts';
import type { PreferencesRepository } from './preferences/repository.ts';
import {
  type ErasedPerson,
  isLivePerson,
  type LivePerson,
  livePerson,
  type MatchStatus,
  type MatchView,
  type Programme,
  type ReadModels,
  reminderTime,
} from './readmodels/models.ts';
import { oneLine } from './text.ts';

export interface ConsumerDeps {
  config: NotificationConfig;
  readModels: ReadModels;
  composer: Composer;
  notifications: NotificationRepository;
  preferences: PreferencesRepository;
  /** Erasure also scrubs webhook deliveries about the person. */
  onErased?: (profileId: string) => Promise<void>;
}

export function registerConsumers(app: KitApp, deps: ConsumerDeps): void {
  const { config, readModels, composer, notifications, preferences } = deps;
  const retry = {
    attempts: config.EVENT_RETRY_ATTEMPTS,
    initialMs: config.EVENT_RETRY_INITIAL_MS,
    maxMs: config.EVENT_RETRY_MAX_MS,
  };
  const leadMs = config.REMINDER_LEAD_HOURS * 3600_000;

  // ── programmes ──
  app.events.consume({
    groupId: ConsumerGroups.notificationProgrammes,
    topics: [Topics.programme],
    retry,
    handlers: {
      'belong.programme.changed.v1': async (event) => {
        const d = event.data;
        await readModels.programmes.mutate(d.programmeId, (current) => {
          if (current && current.state.changedAt > d.changedAt) return null; // an older version
          const state: Programme = {
            id: d.programmeId,
            name: oneLine(d.name, 200),
            slug: d.slug,
            coordinator: { name: oneLine(d.coordinator.name, 200), email: d.coordinator.email },
            status: d.status,
            changedAt: d.changedAt,
          };
          return { state };
        });
      },
    },
  });

  // ── people ──
  /** Upserts a live person; an erased one stays erased. Returns the person as stored. */
  async function upsertPerson(next: (current: LivePerson | null) => LivePerson | null, id: string) {
    const written = await readModels.people.mutate(id, (current) => {
      if (current && !isLivePerson(current.state)) return null;
      const state = next(current ? (current.state as LivePerson) : null);
      return state ? { state } : null;
    });
    return written?.state ?? null;
  }

  type ProfileData = EventData<'belong.profile.verified.v1'> | EventData<'belong.profile.updated.v1'>;
  const withZone = (person: LivePerson, d: ProfileData): LivePerson => ({
    ...person,
    timeZone: d.attributes.timeZone,
  });

  app.events.consume({
    groupId: ConsumerGroups.notificationProfiles,
    topics: [Topics.profile],
    retry,
    handlers: {
      'belong.profile.submitted.v1': async (event) => {
        const d = event.data;
        const person = await upsertPerson(
          (current) => ({
            ...livePerson(d, current?.status ?? 'pending', event.time),
            ...(current?.timeZone ? { timeZone: current.timeZone } : {}),
          }),
          d.profileId,
        );
        if (!isLivePerson(person)) return; // erased meanwhile: nothing to send
        // The address to confirm is the one in this event (a new link may follow a change).
        await composer.verification(event, {
          ...person,
          email: d.email.trim(),
          displayName: oneLine(d.displayName),
        });
      },
      'belong.profile.verified.v1': async (event) => {
        const d = event.data;
        await upsertPerson(() => withZone(livePerson(d, 'active', event.time), d), d.profileId);
      },
      'belong.profile.updated.v1': async (event) => {
        const d = event.data;
        await upsertPerson(() => withZone(livePerson(d, d.status, event.time), d), d.profileId);
      },
      'belong.profile.withdrawn.v1': async (event) => {
        const d = event.data;
        const person = await readModels.person(d.profileId);
        if (!isLivePerson(person)) return; // never known, or erased
        await composer.withdrawn(event, person);
        await upsertPerson(
          (current) => (current ? { ...current, status: 'withdrawn', updatedAt: event.time } : null),
          d.profileId,
        );
      },
      'belong.profile.erased.v1': async (event) => {
        const d = event.data;
        const person = await readModels.person(d.profileId);
        // 1. The confirmation (rendered now, while the address is still known; emptied once sent).
        let keep: string | null = null;
        if (isLivePerson(person)) keep = await composer.erased(event, person);
        // 2. The person becomes a tombstone: enough to suppress further mail, nothing personal.
        await readModels.people.mutate(d.profileId, (current) => {
          if (current?.state.status === 'erased') return null;
          const state: ErasedPerson = {
            id: d.profileId,
            programmeId: d.programmeId,
            status: 'erased',
            emailHash: d.emailHash,
            erasedAt: d.erasedAt,
          };
          return { state };
        });
        // 3. Every other notification of the person loses its content (pending ones are never sent).
        const at = new Date().toISOString();
        for (const id of await notifications.idsOfRecipient(d.profileId)) {
          if (id === keep) continue;
          await notifications.store.mutate(id, (current) =>
            current && isLive(current.state) ? { state: erasedNotification(current.state, at) } : null,
          );
        }
        // 4. Preferences, and what webhooks kept about them.
        await preferences.erase(d.profileId);
        await deps.onErased?.(d.profileId);
      },
    },
  });

  // ── matches ──
  /** Applies a status change to the match view; returns it (null when never seen) and what it was. */
  async function setMatchStatus(matchId: string, status: MatchStatus, extra: Partial<MatchView> = {}) {
    let before: MatchView | null = null;
    const written = await readModels.matches.mutate(matchId, (current) => {
      if (!current) return null;
      before = current.state;
      return { state: { ...current.state, status, ...extra, updatedAt: new Date().toISOString() } };
    });
    return { view: written?.state ?? null, before: before as MatchView | null };
  }

  app.events.consume({
    groupId: ConsumerGroups.notificationMatches,
    topics: [Topics.match],
    retry,
    handlers: {
      'belong.match.proposed.v1': async (event) => {
        const d = event.data;
        const written = await readModels.matches.mutate(d.matchId, (current) => {
          if (current) return null; // a redelivery: keep the view (its status may have moved on)
          const state: MatchView = {
            id: d.matchId,
            programmeId: d.programmeId,
            menteeId: d.menteeId,
            mentorId: d.mentorId,
            mode: d.mode,
            score: d.score,
            explanation: d.explanation,
            status: 'proposed',
            proposedAt: d.proposedAt,
            expiresAt: d.expiresAt,
            reminderAt: reminderTime(d.proposedAt, d.expiresAt, leadMs),
            remindedAt: null,
            // In mentee_choice the mentee picks first; the mentor hears once chosen.
            mentorNotified: d.mode !== 'mentee_choice',
            updatedAt: new Date().toISOString(),
          };
          return { state };
        });
        if (!written) return;
        await composer.matchProposed(event, written.state);
      },
      'belong.match.accepted.v1': async (event) => {
        const d = event.data;
        const { view, before } = await setMatchStatus(d.matchId, d.status, { mentorNotified: true });
        await composer.matchAccepted(event, view, before?.mentorNotified ?? true);
      },
      'belong.match.declined.v1': async (event) => {
        const { before } = await setMatchStatus(event.data.matchId, 'declined');
        await composer.matchClosed(event, before?.mentorNotified ?? true);
      },
      'belong.match.expired.v1': async (event) => {
        const { before } = await setMatchStatus(event.data.matchId, 'expired');
        await composer.matchClosed(event, before?.mentorNotified ?? true);
      },
      'belong.match.ended.v1': async (event) => {
        const { before } = await setMatchStatus(event.data.matchId, 'ended');
        await composer.matchClosed(event, before?.mentorNotified ?? true);
      },
      'belong.round.completed.v1': async (event) => {
        await composer.roundSummary(event);
      },
    },
  });
}
