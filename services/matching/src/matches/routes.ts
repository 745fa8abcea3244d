import { randomUUID } from 'node:crypto';
import { PageQuerySchema } from '@belong/contracts';
import {
  apiKeyOrLinkTokenSecurity,
  apiKeySecurity,
  authorize,
  decodeIdCursor,
  HttpError,
  type KitApp,
  pageOf,
  problemResponses,
  type Scope,
} from '@belong/kit';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { type Actor, type MatchRecord, matchErrors, type Side, toMatch } from './domain.ts';
import {
  AuditPageSchema,
  ChooseBodySchema,
  EndBodySchema,
  ListMatchesQuerySchema,
  ManualMatchBodySchema,
  MatchPageSchema,
  MatchParamsSchema,
  MatchRef,
  ProgrammeParamsSchema,
  RespondBodySchema,
  SuggestionsParamsSchema,
  SuggestionsSchema,
  TokenQuerySchema,
} from './schemas.ts';
import type { MatchService } from './service.ts';

const tags = ['matches'];
export const AUDIT_COLLECTION = 'audit_log';

interface AuditEntry {
  _id: string;
  programmeId: string;
  action: 'create_match' | 'end_match';
  matchId: string;
  by: string;
  reason: string;
  at: string;
}

const decodeCursor = (cursor: string | undefined) => decodeIdCursor(cursor, 'MATCH_VALIDATION');

/** RFC 4180 field: quoted when needed; a leading =,+,-,@ is defused for spreadsheet apps. */
function csvField(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const matchesCsvFilename = (programmeId: string) => `belong-matches-${programmeId}.csv`;

/**
 * A programme's matches as CSV (RFC 4180, CRLF, header row first), read in pages of 500. The
 * API's `matches.csv` and the coordinator page's download both send exactly this.
 */
export async function matchesCsv(matches: MatchService, programmeId: string): Promise<string> {
  const header = [
    'match_id',
    'mentee_id',
    'mentor_id',
    'status',
    'mode',
    'round_id',
    'score',
    'summary',
    'proposed_at',
    'expires_at',
    'closed_at',
    'closed_by',
    'close_reason',
  ];
  const rows = [header.join(',')];
  let after: string | undefined;
  for (;;) {
    const page = await matches.list({ programmeId, after, limit: 500 });
    for (const m of page) {
      rows.push(
        [
          m.id,
          m.menteeId,
          m.mentorId,
          m.status,
          m.mode,
          m.roundId,
          m.score,
          m.explanation.summary,
          m.proposedAt,
          m.expiresAt,
          m.closedAt,
          m.closedBy,
          m.closeReason,
        ]
          .map(csvField)
          .join(','),
      );
    }
    if (page.length < 500) break;
    after = page[page.length - 1]?.id;
  }
  return `${rows.join('\r\n')}\r\n`;
}

/**
 * Matches: the coordinator's list and CSV, one match with its explanation, accept and decline
 * (the person's link from the email, or a key answering for a side), a coordinator's manual
 * match and ending with a reason (audit log), and mentee-choice suggestions.
 */
export function matchRoutes(matches: MatchService) {
  return async function routes(instance: KitApp): Promise<void> {
    const app = instance;
    const audit = app.mongo.collection<AuditEntry>(AUDIT_COLLECTION);
    const matchIdOf = (request: FastifyRequest) => (request.params as { matchId?: string }).matchId;
    const programmeIdOf = (request: FastifyRequest) =>
      (request.params as { programmeId?: string }).programmeId;
    const menteeIdOf = (request: FastifyRequest) => (request.params as { menteeId?: string }).menteeId;

    /** A key bound to another programme sees nothing: 404, as if the match did not exist. */
    function checkKey(request: FastifyRequest, match: MatchRecord, scope: Scope): void {
      const principal = request.principal;
      if (principal?.kind !== 'api-key') return;
      try {
        authorize(principal, scope, match.programmeId);
      } catch {
        throw matchErrors.MATCH_NOT_FOUND(`No match ${match.id}`);
      }
    }

    /** Who answers: the person behind the link, or the side a key names. */
    function answeringSide(request: FastifyRequest, match: MatchRecord, as: Side | undefined): Side {
      const principal = request.principal;
      if (principal?.kind === 'self-service') return matches.sideOf(match, principal.profileId);
      if (!as)
        throw matchErrors.SIDE_REQUIRED(
          'With an API key, say which side answers: `as: "mentee"` or `"mentor"`',
        );
      return as;
    }

    /**
     * The match as the caller may see it: through a person's link, without the reason the other
     * side gave for declining or ending (written for the coordinator only).
     */
    function shown(request: FastifyRequest, match: MatchRecord) {
      const principal = request.principal;
      if (principal?.kind !== 'self-service') return toMatch(match);
      const side = matches.sideOf(match, principal.profileId);
      const theirs = (match.closedBy === 'mentee' || match.closedBy === 'mentor') && match.closedBy !== side;
      return toMatch(theirs ? { ...match, closeReason: null } : match);
    }

    async function writeAudit(request: FastifyRequest, entry: Omit<AuditEntry, '_id' | 'by' | 'at'>) {
      const principal = request.principal;
      const at = new Date();
      await audit.insertOne({
        _id: `${at.getTime().toString(36).padStart(9, '0')}_${randomUUID().slice(0, 8)}`,
        ...entry,
        by: principal?.kind === 'api-key' ? principal.keyId : 'unknown',
        at: at.toISOString(),
      });
    }

    app.get(
      '/programmes/:programmeId/matches',
      {
        onRequest: app.requireScope('matches:read', { programme: programmeIdOf }),
        schema: {
          tags,
          security: apiKeySecurity,
          summary: 'List a programme’s matches',
          description:
            'In id order, filtered by status, mentee, mentor or round; `nextCursor` for the next page. Needs `matches:read`.',
          params: ProgrammeParamsSchema,
          querystring: ListMatchesQuerySchema,
          response: { 200: MatchPageSchema, ...problemResponses(400, 401, 403) },
        },
      },
      async (request) => {
        const { programmeId } = request.params;
        const { cursor, limit = 50, ...filters } = request.query;
        const found = await matches.list({
          programmeId,
          ...filters,
          after: decodeCursor(cursor),
          limit: limit + 1,
        });
        return pageOf(found.map(toMatch), limit, (match) => match.id);
      },
    );

    app.get(
      '/programmes/:programmeId/matches.csv',
      {
        onRequest: app.requireScope('matches:read', { programme: programmeIdOf }),
        schema: {
          tags,
          security: apiKeySecurity,
          summary: 'Export a programme’s matches as CSV',
          description:
            'One row per match: ids, status, mode, score, the summary of the explanation and the dates. ' +
            'Fields that a spreadsheet would run as a formula are defused. Needs `matches:read`.',
          params: ProgrammeParamsSchema,
          response: {
            200: {
              description: 'The matches as CSV, header row first',
              content: { 'text/csv': { schema: Type.String() } },
            },
            ...problemResponses(400, 401, 403),
          },
        },
      },
      async (request, reply) => {
        const { programmeId } = request.params;
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${matchesCsvFilename(programmeId)}"`)
          .send(await matchesCsv(matches, programmeId));
      },
    );

    app.get(
      '/matches/:matchId',
      {
        onRequest: app.requireScopeOrToken('matches:read', 'respond-match', { resource: matchIdOf }),
        schema: {
          tags,
          security: apiKeyOrLinkTokenSecurity,
          summary: 'Read a match with its explanation',
          description:
            'With the link from a match email (`respond-match`, for this match only) or a key with `matches:read` (a key of another programme gets a 404).',
          params: MatchParamsSchema,
          querystring: TokenQuerySchema,
          response: { 200: MatchRef, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const match = await matches.get(request.params.matchId);
        checkKey(request, match, 'matches:read');
        return shown(request, match);
      },
    );

    for (const action of ['accept', 'decline'] as const) {
      app.post(
        `/matches/:matchId/${action}`,
        {
          onRequest: app.requireScopeOrToken('matches:write', 'respond-match', { resource: matchIdOf }),
          schema: {
            tags,
            // From an email link there is nothing to say: no body reads as `{}`.
            'x-body-optional': true,
            security: apiKeyOrLinkTokenSecurity,
            summary: action === 'accept' ? 'Accept a proposed match' : 'Decline a proposed match',
            description:
              (action === 'accept'
                ? 'Records this side’s yes (`match.accepted`); when both sides have said yes the match is `active` and contact details may be shared. Saying yes twice changes nothing. '
                : 'Closes the match (`match.declined`); this pair is never proposed again, and in instant mode the mentee is matched again straight away. Declining twice changes nothing. ') +
              'With the link from the email (the side is the person’s) or a key with `matches:write` answering `as` a side. A closed match answers 409 `MATCH_NOT_OPEN`.',
            params: MatchParamsSchema,
            querystring: TokenQuerySchema,
            body: RespondBodySchema,
            response: { 200: MatchRef, ...problemResponses(400, 401, 403, 404, 409) },
          },
        },
        async (request) => {
          const { matchId } = request.params;
          const current = await matches.get(matchId);
          checkKey(request, current, 'matches:write');
          const side = answeringSide(request, current, request.body.as);
          const match =
            action === 'accept'
              ? await matches.accept(matchId, side)
              : await matches.decline(matchId, side, request.body.reason ?? null);
          request.log.info({ matchId, side, status: match.status }, `match ${action}`);
          return shown(request, match);
        },
      );
    }

    app.post(
      '/matches/:matchId/end',
      {
        onRequest: app.requireScope('matches:write'),
        schema: {
          tags,
          security: apiKeySecurity,
          summary: 'End a match (coordinator)',
          description:
            'Ends a proposed or active match with a reason (`match.ended`, by `coordinator`), frees the mentor’s place and writes the audit log. Ending an ended match changes nothing. Needs `matches:write`.',
          params: MatchParamsSchema,
          body: EndBodySchema,
          response: { 200: MatchRef, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const { matchId } = request.params;
        checkKey(request, await matches.get(matchId), 'matches:write');
        const match = await matches.end(matchId, 'coordinator' satisfies Actor, request.body.reason);
        await writeAudit(request, {
          programmeId: match.programmeId,
          action: 'end_match',
          matchId,
          reason: request.body.reason,
        });
        return toMatch(match);
      },
    );

    app.post(
      '/programmes/:programmeId/matches',
      {
        onRequest: app.requireScope('matches:write', { programme: programmeIdOf }),
        schema: {
          tags,
          security: apiKeySecurity,
          summary: 'Match two people by hand (coordinator)',
          description:
            'Proposes this pair (`mode: manual`, `match.proposed`) with its score and explanation, whatever the optional rules say. Still required: both active in this programme, the right roles, a free place with the mentor, no open match for the mentee (409 otherwise). The reason goes to the audit log. Needs `matches:write`.',
          params: ProgrammeParamsSchema,
          body: ManualMatchBodySchema,
          response: { 201: MatchRef, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        const { programmeId } = request.params;
        const { menteeId, mentorId, reason } = request.body;
        const programme = await matches.pool.programme(programmeId);
        const [mentee, mentor] = await Promise.all([
          matches.pool.person(menteeId),
          matches.pool.person(mentorId),
        ]);
        const fail = (pointer: string, message: string) =>
          new HttpError(409, 'MATCH_NOT_POSSIBLE', message, {
            title: 'This pair cannot be matched',
            errors: [{ in: 'body', pointer, message }],
          });
        if (!programme) throw new HttpError(404, 'MATCH_PROGRAMME_NOT_FOUND', `No programme ${programmeId}`);
        if (mentee?.programmeId !== programmeId || mentee.role !== 'mentee' || mentee.status !== 'active')
          throw fail('/menteeId', 'Not an active mentee of this programme');
        if (mentor?.programmeId !== programmeId || mentor.role !== 'mentor' || mentor.status !== 'active')
          throw fail('/mentorId', 'Not an active mentor of this programme');
        const { engine } = await matches.engineFor(programme, [mentee]);
        const scored = engine.scorePair(menteeId, mentorId);
        const made = await matches.createProposal(
          programme,
          { ...mentee, attributes: mentee.attributes },
          { ...mentor, attributes: mentor.attributes },
          scored,
          { mode: 'manual' },
        );
        if (made === 'mentee-busy')
          throw fail('/menteeId', 'This mentee already has an open match: end it first');
        if (made === 'mentor-full') throw fail('/mentorId', 'This mentor has no free place');
        await writeAudit(request, { programmeId, action: 'create_match', matchId: made.id, reason });
        return reply.code(201).send(toMatch(made));
      },
    );

    app.get(
      '/programmes/:programmeId/audit',
      {
        onRequest: app.requireScope('matches:read', { programme: programmeIdOf }),
        schema: {
          tags,
          security: apiKeySecurity,
          summary: 'The coordinators’ audit log',
          description: 'Every match made or ended by hand, newest first, with who (API key id) and why.',
          params: ProgrammeParamsSchema,
          querystring: PageQuerySchema,
          response: { 200: AuditPageSchema, ...problemResponses(400, 401, 403) },
        },
      },
      async (request) => {
        const { programmeId } = request.params;
        const { limit = 50, cursor } = request.query;
        const before = decodeCursor(cursor);
        const filter: Record<string, unknown> = { programmeId };
        if (before) filter._id = { $lt: before };
        // _id starts with the time, so id order is time order.
        const docs = await audit
          .find(filter)
          .sort({ _id: -1 })
          .limit(limit + 1)
          .toArray();
        return pageOf(
          docs.map(({ _id, ...entry }) => ({ id: _id, ...entry })),
          limit,
          (entry) => entry.id,
        );
      },
    );

    app.get(
      '/programmes/:programmeId/mentees/:menteeId/suggestions',
      {
        onRequest: app.requireScopeOrToken('matches:read', 'manage-profile', { profile: menteeIdOf }),
        schema: {
          tags,
          security: apiKeyOrLinkTokenSecurity,
          summary: 'Suggested mentors for a mentee (mentee choice)',
          description:
            'The programme’s `policy.suggestions` best eligible mentors with a free place, each with the reasons. With the mentee’s own link (`manage-profile`) or a key with `matches:read`.',
          params: SuggestionsParamsSchema,
          querystring: TokenQuerySchema,
          response: { 200: SuggestionsSchema, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const { programmeId, menteeId } = request.params;
        const principal = request.principal;
        if (principal?.kind === 'api-key') authorize(principal, 'matches:read', programmeId);
        const { programme, mentee } = await menteeIn(programmeId, menteeId);
        const { engine, mentorById, context } = await matches.engineFor(programme, [mentee]);
        const result = engine.suggestions(menteeId, programme.policy.suggestions, context);
        return {
          menteeId,
          suggestions: result.proposals.map((p) => ({
            mentorId: p.mentorId,
            displayName: mentorById.get(p.mentorId)?.displayName ?? '',
            score: p.score,
            explanation: p.explanation,
          })),
          reason: result.reason,
        };
      },
    );

    app.post(
      '/programmes/:programmeId/mentees/:menteeId/choose',
      {
        onRequest: app.requireScopeOrToken('matches:write', 'manage-profile', { profile: menteeIdOf }),
        schema: {
          tags,
          security: apiKeyOrLinkTokenSecurity,
          summary: 'Choose a suggested mentor (mentee choice)',
          description:
            'Proposes the chosen mentor (`mode: mentee_choice`): the mentee has said yes by choosing, so the match waits for the mentor. The mentor must be among the current suggestions (409 otherwise).',
          params: SuggestionsParamsSchema,
          querystring: TokenQuerySchema,
          body: ChooseBodySchema,
          response: { 201: MatchRef, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        const { programmeId, menteeId } = request.params;
        const principal = request.principal;
        if (principal?.kind === 'api-key') authorize(principal, 'matches:write', programmeId);
        const { programme, mentee } = await menteeIn(programmeId, menteeId);
        const { engine, mentorById, context } = await matches.engineFor(programme, [mentee]);
        const offered = engine.suggestions(menteeId, programme.policy.suggestions, context).proposals;
        const chosen = offered.find((p) => p.mentorId === request.body.mentorId);
        const mentor = mentorById.get(request.body.mentorId);
        const notOffered = new HttpError(
          409,
          'MATCH_NOT_SUGGESTED',
          'This mentor is not among your suggestions (any more)',
          {
            title: 'Not a current suggestion',
            errors: [{ in: 'body', pointer: '/mentorId', message: 'Not among the current suggestions' }],
          },
        );
        if (!chosen || !mentor) throw notOffered;
        const made = await matches.createProposal(programme, { ...mentee }, mentor, chosen, {
          mode: 'mentee_choice',
          menteeAccepted: true,
        });
        if (made === 'mentee-busy')
          throw new HttpError(409, 'MATCH_ALREADY_OPEN', 'You already have a match waiting for an answer', {
            title: 'A match is open',
          });
        if (made === 'mentor-full') throw notOffered;
        return reply.code(201).send(toMatch(made));
      },
    );

    async function menteeIn(programmeId: string, menteeId: string) {
      const programme = await matches.pool.programme(programmeId);
      const person = await matches.pool.person(menteeId);
      if (
        !programme ||
        person?.programmeId !== programmeId ||
        person.role !== 'mentee' ||
        person.status !== 'active'
      ) {
        throw new HttpError(
          404,
          'MATCH_MENTEE_NOT_FOUND',
          'No active mentee with this id in this programme',
          {
            title: 'Mentee not found',
          },
        );
      }
      return { programme, mentee: { ...person } };
    }
  };
}
