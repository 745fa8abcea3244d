// The coordinator's pages: sign in with an API key, a programme's overview, a cohort round's
// quality report with charts, publishing with progress, and the matches as CSV. Server-rendered,
// no JavaScript. Sign-in and CSRF: see session.ts. A key bound to one programme sees nothing of
// another (404, as the API does).
import { acceptForms, authorize, type HttpError, type KitApp, sendPage } from '@belong/kit';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { matchesCsv, matchesCsvFilename } from '../matches/routes.ts';
import type { MatchService } from '../matches/service.ts';
import type { ProgrammeCopy } from '../pool/store.ts';
import { PEOPLE_COLLECTION, PROGRAMMES_COLLECTION } from '../pool/store.ts';
import type { Round, RoundService } from '../rounds/service.ts';
import { loadChart, scoreHistogram } from './charts.ts';
import { type CoordinatorSession, createSessions, may, sees } from './session.ts';
import {
  coordinatorMessagePage,
  type NavView,
  overviewPage,
  programmesPage,
  roundPage,
  signInPage,
} from './templates.ts';

const site = 'Belong · coordinator';
const page = { hide: true } as const;
const ProgrammeParams = Type.Object({ programmeId: Type.String({ maxLength: 64 }) });
const RoundParams = Type.Object({ roundId: Type.String({ maxLength: 64 }) });

const modeWords: Record<string, string> = {
  instant: 'instant matching (each mentee as they join)',
  mentee_choice: 'mentee choice (mentees choose from suggested mentors)',
  cohort_round: 'cohort rounds (everyone at once)',
};
const programmeStatusWords: Record<string, string> = {
  draft: 'a draft',
  open: 'open for sign-ups',
  closed: 'closed to new sign-ups',
};
const roundStatusWords: Record<Round['status'], string> = {
  preview: 'a preview: nothing has been sent yet',
  publishing: 'being published',
  published: 'published',
};
const methodWords: Record<Round['method'], string> = {
  optimal: 'the highest total score',
  optimal_max_matched: 'as many mentees matched as possible, then the highest total score',
  stable: 'stable (no mentee and mentor would both rather have each other)',
};
const matchStatusWords: Record<string, string> = {
  proposed: 'waiting for both to answer',
  awaiting_mentee: 'waiting for the mentee',
  awaiting_mentor: 'waiting for the mentor',
  active: 'active',
  declined: 'declined',
  expired: 'expired (no answer in time)',
  ended: 'ended',
};

const when = (iso: string) =>
  new Date(iso).toLocaleString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/London',
  });
const percent = (n: number) => `${Math.round(n * 10) / 10}%`;
const number = (n: number) => String(Math.round(n * 10) / 10);
const str = (body: unknown, name: string): string | undefined => {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string'
    ? value
    : Array.isArray(value) && typeof value[0] === 'string'
      ? value[0]
      : undefined;
};

export function coordinatorPages(
  matches: MatchService,
  rounds: RoundService,
  options: { keyPrefix: string },
) {
  return async function pages(instance: KitApp): Promise<void> {
    const app = instance;
    await acceptForms(app);
    const sessions = createSessions(app, options.keyPrefix);
    const programmes = app.mongo.collection<ProgrammeCopy & { _id: string }>(PROGRAMMES_COLLECTION);
    const people = app.mongo.collection<{ _id: string; displayName: string }>(PEOPLE_COLLECTION);

    const navOf = (session: CoordinatorSession, programmeId?: string): NavView => ({
      csrf: session.csrf,
      programmes: session.programmeId === null,
      programmeId,
    });

    function message(reply: FastifyReply, status: number, heading: string, text: string, nav?: NavView) {
      return sendPage(
        reply,
        coordinatorMessagePage({ title: heading, site, heading, message: text, nav }),
        status,
      );
    }

    const notFound = (reply: FastifyReply, session: CoordinatorSession) =>
      message(
        reply,
        404,
        'We cannot find that',
        'There is no such programme or round, or your key is for another programme.',
        navOf(session),
      );

    /** The signed-in session, or a redirect to the sign-in page (GET) / a 403 page (POST). */
    async function signedIn(
      request: FastifyRequest,
      reply: FastifyReply,
    ): Promise<CoordinatorSession | null> {
      const session = await sessions.read(request);
      if (session) return session;
      if (request.method === 'GET') reply.code(303).header('location', '/coordinator').send();
      else
        message(
          reply,
          403,
          'Please sign in again',
          'Your session has ended. Please sign in again and repeat what you were doing.',
        );
      return null;
    }

    /** A state-changing form must carry the session's CSRF token. */
    function csrfOk(request: FastifyRequest, reply: FastifyReply, session: CoordinatorSession): boolean {
      if (sessions.csrfMatches(session, str(request.body, 'csrf'))) return true;
      request.log.warn({ keyId: session.keyId }, 'coordinator form without a valid CSRF token');
      message(
        reply,
        403,
        'This form has expired',
        'For your security we could not accept it. Please go back, reload the page and try again.',
        navOf(session),
      );
      return false;
    }

    async function namesOf(ids: readonly string[]): Promise<Map<string, string>> {
      const unique = [...new Set(ids)];
      if (unique.length === 0) return new Map();
      const docs = await people
        .find({ _id: { $in: unique } } as never, { projection: { displayName: 1 } })
        .toArray();
      return new Map(docs.map((d) => [String(d._id), d.displayName]));
    }
    const nameIn = (names: Map<string, string>, id: string) => names.get(id) ?? 'someone who has since left';

    async function visibleProgramme(session: CoordinatorSession, programmeId: string) {
      if (!sees(session, programmeId)) return null;
      return matches.pool.programme(programmeId);
    }

    // ── sign in and out ──────────────────────────────────────────────────────────────────────

    app.get('/coordinator', { schema: page }, async (request, reply) => {
      const session = await sessions.read(request);
      if (!session) return sendPage(reply, signInPage({ title: 'Sign in', site }));
      if (session.programmeId !== null) {
        return reply.code(303).header('location', `/coordinator/programmes/${session.programmeId}`).send();
      }
      const docs = await programmes.find({}).sort({ name: 1 }).limit(500).toArray();
      return sendPage(
        reply,
        programmesPage({
          title: 'Your programmes',
          site,
          wide: true,
          nav: navOf(session),
          programmes: docs.map((p) => ({
            id: p.programmeId,
            name: p.name,
            mode: modeWords[p.matchingMode] ?? p.matchingMode,
            status: programmeStatusWords[p.status] ?? p.status,
          })),
        }),
      );
    });

    app.post('/coordinator/sign-in', { schema: page }, async (request, reply) => {
      const raw = (str(request.body, 'key') ?? '').trim();
      const refuse = (status: number, error: string) =>
        sendPage(reply, signInPage({ title: 'Sign in', site, errorCount: 1, error }), status);
      if (raw === '') return refuse(400, 'Please paste your API key.');
      let principal: Awaited<ReturnType<typeof app.apiKeys.verify>>;
      try {
        principal = await app.apiKeys.verify(raw);
      } catch (error) {
        if ((error as HttpError).code !== 'AUTH_INVALID_KEY') throw error;
        return refuse(
          401,
          'That key was not accepted. Please check you copied all of it, or ask for a new one.',
        );
      }
      try {
        authorize(principal, 'matches:read');
      } catch {
        return refuse(403, 'This key cannot read matches. It needs the matches:read permission.');
      }
      await sessions.start(request, reply, principal);
      request.log.info({ keyId: principal.keyId }, 'coordinator signed in');
      return reply.code(303).header('location', '/coordinator').send();
    });

    app.post('/coordinator/sign-out', { schema: page }, async (request, reply) => {
      const session = await signedIn(request, reply);
      if (!session) return reply;
      if (!csrfOk(request, reply, session)) return reply;
      await sessions.end(request, reply);
      return reply.code(303).header('location', '/coordinator').send();
    });

    // ── a programme ──────────────────────────────────────────────────────────────────────────

    async function renderOverview(
      reply: FastifyReply,
      session: CoordinatorSession,
      programme: ProgrammeCopy,
      error?: string,
      status = 200,
    ) {
      const programmeId = programme.programmeId;
      const count = (role: string, state: string) =>
        people.countDocuments({ programmeId, role, status: state } as never);
      const [menteesActive, menteesPaused, mentorsActive, mentorsPaused] = await Promise.all([
        count('mentee', 'active'),
        count('mentee', 'paused'),
        count('mentor', 'active'),
        count('mentor', 'paused'),
      ]);
      const activeMentees = await matches.pool.active(programmeId, 'mentee');
      const busy = await matches.places.menteesWithOpenMatch(activeMentees.map((m) => m.id));
      const matchCount = (statuses: string[]) =>
        matches.store.collection.countDocuments({
          'state.programmeId': programmeId,
          'state.status': { $in: statuses },
        } as never);
      const [open, active, declined, expired, ended] = await Promise.all([
        matchCount(['proposed', 'awaiting_mentee', 'awaiting_mentor']),
        matchCount(['active']),
        matchCount(['declined']),
        matchCount(['expired']),
        matchCount(['ended']),
      ]);
      const recentRounds = (
        await rounds.store.collection
          .find({ 'state.programmeId': programmeId } as never, { projection: { state: 1 } })
          .sort({ 'state.createdAt': -1 })
          .limit(10)
          .toArray()
      ).map((doc) => doc.state as Round);
      const latest = (
        await matches.store.collection
          .find({ 'state.programmeId': programmeId } as never, { projection: { state: 1 } })
          .sort({ 'state.proposedAt': -1 })
          .limit(10)
          .toArray()
      ).map(
        (doc) =>
          doc.state as {
            menteeId: string;
            mentorId: string;
            status: string;
            score: number;
            proposedAt: string;
          },
      );
      const names = await namesOf(latest.flatMap((m) => [m.menteeId, m.mentorId]));
      return sendPage(
        reply,
        overviewPage({
          title: programme.name,
          site,
          wide: true,
          nav: navOf(session),
          programmeId,
          name: programme.name,
          mode: modeWords[programme.matchingMode] ?? programme.matchingMode,
          status: programmeStatusWords[programme.status] ?? programme.status,
          cohort: programme.matchingMode === 'cohort_round',
          people: [
            { label: 'mentees', active: menteesActive, paused: menteesPaused },
            { label: 'mentors', active: mentorsActive, paused: mentorsPaused },
          ],
          waiting: activeMentees.length - busy.size,
          matchCounts: [
            { label: 'Proposed, waiting for answers', value: open },
            { label: 'Active (both said yes)', value: active },
            { label: 'Declined', value: declined },
            { label: 'Expired (no answer in time)', value: expired },
            { label: 'Ended', value: ended },
          ],
          canWrite: may(session, 'matches:write'),
          csrf: session.csrf,
          rounds: recentRounds.map((r) => ({
            id: r.id,
            created: when(r.createdAt),
            status: roundStatusWords[r.status],
            matched: `${r.report.menteesMatched} of ${r.report.mentees}`,
          })),
          latest: latest.map((m) => ({
            mentee: nameIn(names, m.menteeId),
            mentor: nameIn(names, m.mentorId),
            status: matchStatusWords[m.status] ?? m.status,
            score: number(m.score),
            proposed: when(m.proposedAt),
          })),
          error,
        }),
        status,
      );
    }

    app.get(
      '/coordinator/programmes/:programmeId',
      { schema: { ...page, params: ProgrammeParams } },
      async (request, reply) => {
        const session = await signedIn(request, reply);
        if (!session) return reply;
        const programme = await visibleProgramme(session, request.params.programmeId);
        if (!programme) return notFound(reply, session);
        return renderOverview(reply, session, programme);
      },
    );

    app.get(
      '/coordinator/programmes/:programmeId/matches.csv',
      { schema: { ...page, params: ProgrammeParams } },
      async (request, reply) => {
        const session = await signedIn(request, reply);
        if (!session) return reply;
        const { programmeId } = request.params;
        if (!(await visibleProgramme(session, programmeId))) return notFound(reply, session);
        const csv = await matchesCsv(matches, programmeId);
        request.log.info({ programmeId, keyId: session.keyId }, 'matches exported (coordinator page)');
        return reply
          .type('text/csv; charset=utf-8')
          .header('cache-control', 'no-store')
          .header('content-disposition', `attachment; filename="${matchesCsvFilename(programmeId)}"`)
          .send(csv);
      },
    );

    app.post(
      '/coordinator/programmes/:programmeId/rounds',
      { schema: { ...page, params: ProgrammeParams } },
      async (request, reply) => {
        const session = await signedIn(request, reply);
        if (!session) return reply;
        const programme = await visibleProgramme(session, request.params.programmeId);
        if (!programme) return notFound(reply, session);
        if (!csrfOk(request, reply, session)) return reply;
        if (!may(session, 'matches:write')) {
          return renderOverview(
            reply,
            session,
            programme,
            'Your key cannot run rounds: it needs matches:write.',
            403,
          );
        }
        try {
          const round = await rounds.preview(programme.programmeId, {
            maximiseMatched: str(request.body, 'maximiseMatched') === 'yes',
            stable: str(request.body, 'stable') === 'yes',
          });
          return reply.code(303).header('location', `/coordinator/rounds/${round.id}`).send();
        } catch (error) {
          if ((error as HttpError).code === 'MATCH_ROUND_IN_PROGRESS') {
            return renderOverview(
              reply,
              session,
              programme,
              'Another round of this programme is being worked out or published. Please try again in a minute.',
              409,
            );
          }
          throw error;
        }
      },
    );

    // ── a round ──────────────────────────────────────────────────────────────────────────────

    async function visibleRound(session: CoordinatorSession, roundId: string): Promise<Round | null> {
      try {
        const round = await rounds.get(roundId);
        return sees(session, round.programmeId) ? round : null;
      } catch (error) {
        if ((error as HttpError).code === 'MATCH_ROUND_NOT_FOUND') return null;
        throw error;
      }
    }

    async function renderRound(
      reply: FastifyReply,
      session: CoordinatorSession,
      round: Round,
      error?: string,
      status = 200,
    ) {
      const programme = await matches.pool.programme(round.programmeId);
      const names = await namesOf([
        ...round.proposals.flatMap((p) => [p.menteeId, p.mentorId]),
        ...round.report.unmatched.map((u) => u.menteeId),
        ...(round.progress?.skipped ?? []).map((s) => s.menteeId),
      ]);
      const { report } = round;
      const progress = round.progress
        ? {
            ...round.progress,
            percent:
              round.progress.total === 0
                ? 100
                : Math.round((round.progress.done / round.progress.total) * 100),
          }
        : undefined;
      return sendPage(
        reply,
        roundPage({
          title: `Round of ${when(round.createdAt)}`,
          site,
          programme: programme?.name,
          wide: true,
          refreshSeconds: round.status === 'publishing' ? 2 : undefined,
          nav: navOf(session, round.programmeId),
          roundId: round.id,
          programmeId: round.programmeId,
          created: when(round.createdAt),
          status: roundStatusWords[round.status],
          preview: round.status === 'preview',
          publishing: round.status === 'publishing',
          published: round.status === 'published',
          publishedOn: round.publishedAt ? when(round.publishedAt) : undefined,
          method: methodWords[round.method],
          canWrite: may(session, 'matches:write'),
          csrf: session.csrf,
          stats: [
            {
              value: percent(round.rates.matchedPercent),
              label: `of mentees matched (${report.menteesMatched} of ${report.mentees})`,
            },
            {
              value: percent(round.rates.mentorsUsedPercent),
              label: `of mentors with room used (${report.mentorsUsed} of ${report.mentors})`,
            },
            { value: number(report.score.min), label: 'lowest score (out of 100)' },
            { value: number(report.score.median), label: 'median score' },
            { value: number(report.score.mean), label: 'mean score' },
            {
              value: `${report.load.min}–${report.load.max}`,
              label: `mentees per mentor used (mean ${number(report.load.mean)}, spread ${number(report.load.stdev)})`,
            },
            {
              value: String(report.blockingPairs),
              label: `blocking pair${report.blockingPairs === 1 ? '' : 's'} (a mentee and mentor who would both rather have each other)`,
            },
          ],
          scoreChart: scoreHistogram(round.proposals.map((p) => p.score)),
          loadChart: loadChart(round.proposals, report.mentors),
          unmatched: report.unmatched.map((u) => ({ name: nameIn(names, u.menteeId), reason: u.reason })),
          pairs: [...round.proposals]
            .sort((a, b) => b.score - a.score)
            .map((p) => ({
              mentee: nameIn(names, p.menteeId),
              mentor: nameIn(names, p.mentorId),
              score: number(p.score),
            })),
          progress,
          skipped: (round.progress?.skipped ?? []).map((s) => ({
            name: nameIn(names, s.menteeId),
            reason: s.reason,
          })),
          error,
        }),
        status,
      );
    }

    app.get(
      '/coordinator/rounds/:roundId',
      { schema: { ...page, params: RoundParams } },
      async (request, reply) => {
        const session = await signedIn(request, reply);
        if (!session) return reply;
        const round = await visibleRound(session, request.params.roundId);
        if (!round) return notFound(reply, session);
        return renderRound(reply, session, round);
      },
    );

    app.post(
      '/coordinator/rounds/:roundId/publish',
      { schema: { ...page, params: RoundParams } },
      async (request, reply) => {
        const session = await signedIn(request, reply);
        if (!session) return reply;
        const round = await visibleRound(session, request.params.roundId);
        if (!round) return notFound(reply, session);
        if (!csrfOk(request, reply, session)) return reply;
        if (!may(session, 'matches:write')) {
          return renderRound(
            reply,
            session,
            round,
            'Your key cannot publish rounds: it needs matches:write.',
            403,
          );
        }
        if (round.status !== 'preview') {
          return reply.code(303).header('location', `/coordinator/rounds/${round.id}`).send();
        }
        // Publishing a large round takes a while: it runs on, and the round page shows its progress.
        let settled = false;
        let failure: unknown = null;
        const log = app.log.child({ roundId: round.id, keyId: session.keyId });
        void rounds
          .publish(round.id, (done, total) =>
            log.info({ done, total }, `publishing round: ${done} of ${total} pairs`),
          )
          .then(
            () => {
              settled = true;
            },
            (error: unknown) => {
              settled = true;
              failure = error;
              if (!(error as HttpError).code) log.error({ err: error }, 'publishing a round failed');
            },
          );
        // Wait (briefly) until it has started, so the page we send them to shows the progress.
        for (let i = 0; i < 60 && !settled; i++) {
          if ((await rounds.get(round.id)).status !== 'preview') break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        const code = (failure as HttpError | null)?.code;
        if (code === 'MATCH_ROUND_IN_PROGRESS' || code === 'MATCH_ROUND_NOT_PREVIEW') {
          return renderRound(
            reply,
            session,
            await rounds.get(round.id),
            'Another round of this programme is being worked out or published, or this one was published already. Please try again in a minute.',
            409,
          );
        }
        if (failure) {
          return renderRound(
            reply,
            session,
            await rounds.get(round.id),
            'Publishing stopped with an error. It has been logged; please try again, or ask for help.',
            500,
          );
        }
        request.log.info({ roundId: round.id }, 'round publishing started (coordinator page)');
        return reply.code(303).header('location', `/coordinator/rounds/${round.id}`).send();
      },
    );
  };
}
