// Reminders before a proposal expires. Matching publishes no reminder event, so the service
// schedules its own: each proposed match in the read model has a `reminderAt` (REMINDER_LEAD_HOURS
// before expiry, never in the first half of its life). One sweeper runs at a time (Redis lease);
// it finds open matches whose reminder time passed, creates a `match-reminder` for each side that
// has not answered (deterministic id: a second sweep finds it), then marks the match reminded.
// Reminders are optional: preferences and unsubscribe apply.
import type { KitApp } from '@belong/kit';
import { createLeaderLoop, type LeaderLoop } from '../leader.ts';
import { isLivePerson, type MatchView, OPEN_MATCH_STATUSES, type ReadModels } from '../readmodels/models.ts';
import type { Composer } from './compose.ts';

export function createReminderSweeper(
  app: KitApp,
  deps: { readModels: ReadModels; composer: Composer; redisPrefix: string; sweepMs: number },
): LeaderLoop {
  const { readModels, composer } = deps;
  const log = app.log.child({ job: 'reminders' });

  async function remind(view: MatchView): Promise<void> {
    const [mentee, mentor] = await Promise.all([
      readModels.person(view.menteeId),
      readModels.person(view.mentorId),
    ]);
    const live = (p: typeof mentee) => isLivePerson(p) && p.status !== 'withdrawn';
    if (live(mentee) && live(mentor) && isLivePerson(mentee) && isLivePerson(mentor)) {
      const menteeWaits = view.status === 'proposed' || view.status === 'awaiting_mentee';
      const mentorWaits =
        (view.status === 'proposed' && view.mentorNotified) || view.status === 'awaiting_mentor';
      if (menteeWaits) await composer.reminder(view, mentee, mentor);
      if (mentorWaits) await composer.reminder(view, mentor, mentee);
    }
    await readModels.matches.mutate(view.id, (current) =>
      current && current.state.remindedAt === null
        ? { state: { ...current.state, remindedAt: new Date().toISOString() } }
        : null,
    );
  }

  return createLeaderLoop({
    name: 'reminders',
    redis: app.redis,
    key: `${deps.redisPrefix}notif:reminders`,
    pollMs: deps.sweepMs,
    logger: app.log,
    async work() {
      const now = new Date().toISOString();
      const docs = await readModels.matches.collection
        .find(
          {
            'state.reminderAt': { $lte: now },
            'state.remindedAt': null,
            'state.status': { $in: OPEN_MATCH_STATUSES },
            'state.expiresAt': { $gt: now },
          } as never,
          { projection: { state: 1 } },
        )
        .limit(100)
        .toArray();
      for (const doc of docs) {
        await remind(doc.state as MatchView).catch((error: unknown) => {
          // e.g. the programme not known yet: the next sweep tries again
          log.warn({ err: error, matchId: doc._id }, 'could not create a reminder yet');
        });
      }
      return false;
    },
  });
}
