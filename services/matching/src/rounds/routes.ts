import { IdSchema } from '@belong/contracts';
import { apiKeySecurity, authorize, type KitApp, problemResponses, StrictObject } from '@belong/kit';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { ProgrammeParamsSchema } from '../matches/schemas.ts';
import { type Round, type RoundService, roundErrors } from './service.ts';

const tags = ['rounds'];

const Stats = (keys: string[]) => StrictObject(Object.fromEntries(keys.map((k) => [k, Type.Number()])));

export const RoundSchema = StrictObject(
  {
    id: Type.String(),
    programmeId: Type.String(),
    status: Type.Union([Type.Literal('preview'), Type.Literal('publishing'), Type.Literal('published')], {
      description:
        '`preview`: computed, nothing proposed; `publishing`: proposing (see `progress`); `published`',
    }),
    options: StrictObject({ maximiseMatched: Type.Boolean(), stable: Type.Boolean() }),
    method: Type.Union(
      [Type.Literal('optimal'), Type.Literal('optimal_max_matched'), Type.Literal('stable')],
      {
        description:
          '`optimal`: the highest total score (min-cost flow, provably optimal); `optimal_max_matched`: first the most mentees matched, then the highest total; `stable`: mentee-proposing deferred acceptance (no blocking pair)',
      },
    ),
    report: StrictObject(
      {
        mentees: Type.Integer(),
        menteesMatched: Type.Integer(),
        mentors: Type.Integer(),
        mentorsUsed: Type.Integer(),
        score: Stats(['min', 'median', 'mean']),
        load: Stats(['min', 'max', 'mean', 'stdev']),
        blockingPairs: Type.Integer({
          description: 'Pairs who would both rather have each other than what they got',
        }),
        unmatched: Type.Array(StrictObject({ menteeId: Type.String(), reason: Type.String() })),
      },
      {
        description:
          'The quality report: how many matched, mentor load, scores, and who is unmatched and why',
      },
    ),
    rates: StrictObject({ matchedPercent: Type.Number(), mentorsUsedPercent: Type.Number() }),
    totalScore: Type.Number(),
    proposals: Type.Array(
      StrictObject({ menteeId: Type.String(), mentorId: Type.String(), score: Type.Number() }),
    ),
    progress: Type.Union([
      StrictObject({
        done: Type.Integer(),
        total: Type.Integer(),
        proposed: Type.Integer(),
        skipped: Type.Array(StrictObject({ menteeId: Type.String(), reason: Type.String() })),
      }),
      Type.Null(),
    ]),
    createdAt: Type.String({ format: 'date-time' }),
    publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { title: 'Round', $id: 'Round' },
);
const RoundRef = Type.Unsafe<Round>({ $ref: 'Round#' });

const RoundParamsSchema = StrictObject({
  roundId: Type.String({ ...IdSchema, description: 'The round id (`rnd_…`)' }),
});
const CreateRoundBodySchema = StrictObject(
  {
    maximiseMatched: Type.Optional(
      Type.Boolean({
        default: false,
        description: 'First match as many mentees as possible, then the best total',
      }),
    ),
    stable: Type.Optional(
      Type.Boolean({
        default: false,
        description: 'A stable matching (no blocking pair) instead of the optimum',
      }),
    ),
  },
  { examples: [{}, { maximiseMatched: true }] },
);

/** Cohort rounds: preview (the optimum and its report), read, publish (proposals), list. */
export function roundRoutes(rounds: RoundService) {
  return async function routes(instance: KitApp): Promise<void> {
    const app = instance;
    const programmeIdOf = (request: FastifyRequest) =>
      (request.params as { programmeId?: string }).programmeId;

    async function visible(
      request: FastifyRequest,
      roundId: string,
      scope: 'matches:read' | 'matches:write',
    ) {
      const round = await rounds.get(roundId);
      const principal = request.principal;
      if (principal?.kind === 'api-key') {
        try {
          authorize(principal, scope, round.programmeId);
        } catch {
          throw roundErrors.ROUND_NOT_FOUND(`No round ${roundId}`);
        }
      }
      return round;
    }

    app.post(
      '/programmes/:programmeId/rounds',
      {
        onRequest: app.requireScope('matches:write', { programme: programmeIdOf }),
        schema: {
          tags,
          security: apiKeySecurity,
          summary: 'Run a cohort round (preview)',
          description:
            'Matches every active mentee without an open match at once: the provably optimal total score under mentor capacities (or the stable variant), with its quality report. Nothing is proposed until you publish. One round per programme at a time (409 `MATCH_ROUND_IN_PROGRESS`). Needs `matches:write`.',
          params: ProgrammeParamsSchema,
          body: CreateRoundBodySchema,
          response: { 201: RoundRef, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        const { programmeId } = request.params;
        const round = await rounds.preview(programmeId, {
          maximiseMatched: request.body.maximiseMatched ?? false,
          stable: request.body.stable ?? false,
        });
        return reply.code(201).send(round);
      },
    );

    app.get(
      '/rounds/:roundId',
      {
        onRequest: app.requireScope('matches:read'),
        schema: {
          tags,
          security: apiKeySecurity,
          summary: 'Read a round: report, proposals, publishing progress',
          params: RoundParamsSchema,
          response: { 200: RoundRef, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (request) => visible(request, request.params.roundId, 'matches:read'),
    );

    app.post(
      '/rounds/:roundId/publish',
      {
        onRequest: app.requireScope('matches:write'),
        schema: {
          tags,
          security: apiKeySecurity,
          summary: 'Publish a previewed round',
          description:
            'Proposes every pair of the preview (`match.proposed` each, then `round.completed` with `published: true`). A pair that can no longer be made is skipped with the reason (`progress.skipped`). Only a round in `preview` can be published (409). Needs `matches:write`.',
          params: RoundParamsSchema,
          response: { 200: RoundRef, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const { roundId } = request.params;
        await visible(request, roundId, 'matches:write');
        return rounds.publish(roundId, (done, total) => {
          request.log.info({ roundId, done, total }, `publishing round: ${done} of ${total} pairs`);
        });
      },
    );
  };
}
