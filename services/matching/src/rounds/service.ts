// Cohort rounds: draft → preview (the optimum and its quality report, nothing proposed yet) →
// publish (every pair proposed). One round per programme at a time: a Redis lease with expiry
// (`round:<programmeId>`), kept alive while the round works and released at the end, so a
// crashed instance's lock lapses on its own.
import { randomBytes } from 'node:crypto';
import { defineErrors, type KitApp, type Lease, tryAcquireLease } from '@belong/kit';
import type { CohortOptions, RoundReport } from '@belong/matching-engine';
import type { MatchService } from '../matches/service.ts';

export const ROUNDS_COLLECTION = 'rounds';
const LOCK_TTL_MS = 30_000;

export const roundErrors = defineErrors('MATCH', {
  ROUND_NOT_FOUND: { status: 404, title: 'Round not found' },
  ROUND_IN_PROGRESS: { status: 409, title: 'A round is running for this programme' },
  ROUND_NOT_PREVIEW: { status: 409, title: 'Only a previewed round can be published' },
  PROGRAMME_NOT_FOUND: { status: 404, title: 'Programme not found' },
});

export interface RoundProposal {
  menteeId: string;
  mentorId: string;
  score: number;
}

export interface Round {
  id: string;
  programmeId: string;
  status: 'preview' | 'publishing' | 'published';
  options: { maximiseMatched: boolean; stable: boolean };
  method: 'optimal' | 'optimal_max_matched' | 'stable';
  report: RoundReport;
  rates: { matchedPercent: number; mentorsUsedPercent: number };
  totalScore: number;
  proposals: RoundProposal[];
  /** While publishing and after: how far it got, and pairs that could no longer be proposed. */
  progress: {
    done: number;
    total: number;
    proposed: number;
    skipped: { menteeId: string; reason: string }[];
  } | null;
  createdAt: string;
  publishedAt: string | null;
}

export const newRoundId = () => `rnd_${randomBytes(9).toString('base64url')}`;

export type RoundService = ReturnType<typeof createRoundService>;

export function createRoundService(app: KitApp, matches: MatchService, options: { keyPrefix: string }) {
  const store = app.events.store<Round>(ROUNDS_COLLECTION);

  /** Runs `work` holding the programme's round lock (kept alive), or 409 when another holds it. */
  async function locked<T>(programmeId: string, work: () => Promise<T>): Promise<T> {
    const lease: Lease | null = await tryAcquireLease(
      app.redis,
      `${options.keyPrefix}round:${programmeId}`,
      LOCK_TTL_MS,
    );
    if (!lease) {
      throw roundErrors.ROUND_IN_PROGRESS(
        'Another round of this programme is being computed or published: try again when it has finished',
        {
          headers: { 'retry-after': '5' },
        },
      );
    }
    const keepAlive = setInterval(() => void lease.extend().catch(() => undefined), LOCK_TTL_MS / 3);
    try {
      return await work();
    } finally {
      clearInterval(keepAlive);
      await lease.release().catch(() => undefined);
    }
  }

  function completedEvent(round: Round, published: boolean) {
    return {
      type: 'belong.round.completed.v1' as const,
      data: {
        roundId: round.id,
        programmeId: round.programmeId,
        published,
        report: round.report,
        completedAt: new Date().toISOString(),
      },
    };
  }

  return {
    store,

    async ensureIndexes() {
      await store.collection.createIndex({ 'state.programmeId': 1, _id: 1 }, { name: 'programme_id' });
    },

    async get(roundId: string): Promise<Round> {
      const found = await store.get(roundId);
      if (!found) throw roundErrors.ROUND_NOT_FOUND(`No round ${roundId}`);
      return found.state;
    },

    /** Computes the round over every active mentee without an open match; proposes nothing. */
    async preview(programmeId: string, opts: { maximiseMatched: boolean; stable: boolean }): Promise<Round> {
      return locked(programmeId, async () => {
        const programme = await matches.pool.programme(programmeId);
        if (!programme) throw roundErrors.PROGRAMME_NOT_FOUND(`No programme ${programmeId}`);
        const active = await matches.pool.active(programmeId, 'mentee');
        const busy = await matches.places.menteesWithOpenMatch(active.map((m) => m.id));
        const mentees = active.filter((m) => !busy.has(m.id));
        const { engine, context } = await matches.engineFor(programme, mentees);
        const cohort: CohortOptions = { maximiseMatched: opts.maximiseMatched, stable: opts.stable };
        const result = engine.cohortRound(context, cohort);
        const round: Round = {
          id: newRoundId(),
          programmeId,
          status: 'preview',
          options: opts,
          method: result.method,
          report: result.report,
          rates: result.rates,
          totalScore: result.totalScore,
          proposals: result.proposals.map((p) => ({
            menteeId: p.menteeId,
            mentorId: p.mentorId,
            score: p.score,
          })),
          progress: null,
          createdAt: new Date().toISOString(),
          publishedAt: null,
        };
        await store.create(round.id, round, [completedEvent(round, false)]);
        app.log.info(
          {
            roundId: round.id,
            programmeId,
            mentees: round.report.mentees,
            matched: round.report.menteesMatched,
          },
          'round previewed',
        );
        return round;
      });
    },

    /**
     * Proposes every pair of a previewed round. A pair that can no longer be made (someone was
     * matched, paused or filled up since the preview) is skipped with the reason; progress is
     * written as it goes so a coordinator can watch a long round.
     */
    async publish(roundId: string, onProgress?: (done: number, total: number) => void): Promise<Round> {
      const round = (await store.get(roundId))?.state;
      if (!round) throw roundErrors.ROUND_NOT_FOUND(`No round ${roundId}`);
      return locked(round.programmeId, async () => {
        const current = (await store.get(roundId))?.state;
        if (current?.status !== 'preview') {
          throw roundErrors.ROUND_NOT_PREVIEW(
            `This round is ${current?.status ?? 'gone'}: only a previewed round can be published`,
          );
        }
        const programme = await matches.pool.programme(current.programmeId);
        if (!programme) throw roundErrors.PROGRAMME_NOT_FOUND(`No programme ${current.programmeId}`);
        const total = current.proposals.length;
        const progress = {
          done: 0,
          total,
          proposed: 0,
          skipped: [] as { menteeId: string; reason: string }[],
        };
        await store.mutate(roundId, (snapshot) =>
          snapshot ? { state: { ...snapshot.state, status: 'publishing', progress: { ...progress } } } : null,
        );
        const people = await Promise.all(current.proposals.map((p) => matches.pool.person(p.menteeId)));
        const mentees = people.filter((p): p is NonNullable<typeof p> => p?.status === 'active');
        const { engine, mentorById } = await matches.engineFor(programme, mentees);
        const menteeById = new Map(mentees.map((m) => [m.id, m]));
        for (const pair of current.proposals) {
          const mentee = menteeById.get(pair.menteeId);
          const mentor = mentorById.get(pair.mentorId);
          if (!mentee || !mentor) {
            progress.skipped.push({
              menteeId: pair.menteeId,
              reason: 'mentee or mentor is no longer active',
            });
          } else {
            const made = await matches.createProposal(
              programme,
              { ...mentee },
              mentor,
              engine.scorePair(mentee.id, mentor.id),
              {
                mode: 'cohort_round',
                roundId,
              },
            );
            if (made === 'mentee-busy')
              progress.skipped.push({ menteeId: pair.menteeId, reason: 'already had an open match' });
            else if (made === 'mentor-full')
              progress.skipped.push({
                menteeId: pair.menteeId,
                reason: 'the mentor filled up since the preview',
              });
            else progress.proposed++;
          }
          progress.done++;
          if (progress.done % 50 === 0 || progress.done === total) {
            onProgress?.(progress.done, total);
            await store.mutate(roundId, (snapshot) =>
              snapshot
                ? { state: { ...snapshot.state, progress: { ...progress, skipped: [...progress.skipped] } } }
                : null,
            );
          }
        }
        const written = await store.mutate(roundId, (snapshot) => {
          if (!snapshot) return null;
          const state: Round = {
            ...snapshot.state,
            status: 'published',
            progress: { ...progress, skipped: [...progress.skipped] },
            publishedAt: new Date().toISOString(),
          };
          return { state, events: [completedEvent(state, true)] };
        });
        app.log.info(
          { roundId, proposed: progress.proposed, skipped: progress.skipped.length },
          'round published',
        );
        if (!written) throw roundErrors.ROUND_NOT_FOUND(`No round ${roundId}`);
        return written.state;
      });
    },

    async list(programmeId: string, limit: number, after?: string): Promise<Round[]> {
      const filter: Record<string, unknown> = { 'state.programmeId': programmeId };
      if (after) filter._id = { $gt: after };
      const docs = await store.collection
        .find(filter as never, { projection: { state: 1 } })
        .sort({ _id: 1 })
        .limit(limit)
        .toArray();
      return docs.map((doc) => doc.state as Round);
    },
  };
}
