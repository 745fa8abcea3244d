import {
  AggregateExistsError,
  apiKeySecurity,
  authErrorCodes,
  defineErrors,
  HttpError,
  type KitApp,
  problemResponses,
} from '@belong/kit';
import type { FastifyRequest } from 'fastify';
import { createIdempotencyStore, requestHash } from '../idempotency.ts';
import { decodeCursor, toPage } from '../pagination.ts';
import { createQuestionnaireStore } from '../questionnaires/store.ts';
import { createProgrammeRepository, newProgrammeId, programmeChanged, SlugTakenError } from './repository.ts';
import {
  type CreateProgrammeBody,
  CreateProgrammeBodySchema,
  completePolicy,
  IdempotencyHeadersSchema,
  ListProgrammesQuerySchema,
  type Programme,
  ProgrammePageSchema,
  ProgrammeParamsSchema,
  ProgrammeSchema,
  type ProgrammeStatus,
  SlugParamsSchema,
  type UpdateProgrammeBody,
  UpdateProgrammeBodySchema,
} from './schemas.ts';

export const programmeErrors = defineErrors('PROFILE', {
  PROGRAMME_NOT_FOUND: { status: 404, title: 'Programme not found' },
  SLUG_TAKEN: { status: 409, title: 'Slug taken' },
  INVALID_TRANSITION: { status: 409, title: 'Invalid status transition' },
  IDEMPOTENCY_MISMATCH: { status: 409, title: 'Idempotency key reused with a different request' },
  IDEMPOTENCY_IN_PROGRESS: { status: 409, title: 'Request with this idempotency key in progress' },
});

/** Allowed status changes; staying in the same status is a no-op. */
const transitions: Record<ProgrammeStatus, readonly ProgrammeStatus[]> = {
  draft: ['open'],
  open: ['closed'],
  closed: ['open'],
};

const security = apiKeySecurity;
const tags = ['programmes'];

function principalOf(request: FastifyRequest) {
  const principal = request.principal;
  // requireScope ran in onRequest, so this is always an API key.
  if (principal?.kind !== 'api-key') throw new Error('programme routes need an API-key principal');
  return principal;
}

function forbiddenProgramme(detail: string): HttpError {
  return new HttpError(403, authErrorCodes.forbiddenProgramme, detail, { title: 'Wrong programme' });
}

function notFound(what: string): HttpError {
  return programmeErrors.PROGRAMME_NOT_FOUND(`No programme ${what}`);
}

function transitionError(from: ProgrammeStatus, to: ProgrammeStatus): HttpError {
  const allowed = transitions[from];
  const back = to === 'draft' ? ': a programme never returns to draft' : '';
  return programmeErrors.INVALID_TRANSITION(
    `A programme cannot go from ${from} to ${to}${back}. From ${from} it can go to: ${allowed.join(', ')}.`,
  );
}

/** The programme with the patch applied; throws on a forbidden status change. */
export function applyPatch(current: Programme, patch: UpdateProgrammeBody, now: Date): Programme | null {
  if (patch.status !== undefined && patch.status !== current.status) {
    if (!transitions[current.status].includes(patch.status))
      throw transitionError(current.status, patch.status);
  }
  const base = completePolicy(current.policy);
  const next: Programme = {
    ...current,
    name: patch.name ?? current.name,
    description: patch.description ?? current.description,
    coordinator: { ...current.coordinator, ...(patch.coordinator ?? {}) },
    matchingMode: patch.matchingMode ?? current.matchingMode,
    policy: {
      weights: { ...base.weights, ...(patch.policy?.weights ?? {}) },
      hardRules: patch.policy?.hardRules ? [...patch.policy.hardRules] : base.hardRules,
      suggestions: patch.policy?.suggestions ?? base.suggestions,
      proposalTtlDays: patch.policy?.proposalTtlDays ?? base.proposalTtlDays,
    },
    status: patch.status ?? current.status,
  };
  if (JSON.stringify({ ...next, updatedAt: '' }) === JSON.stringify({ ...current, updatedAt: '' }))
    return null;
  return { ...next, updatedAt: now.toISOString() };
}

/**
 * The programmes API: create (admin keys), read by id or slug, change, list. Programme-bound keys
 * see and change only their own programme. Every create and change publishes `programme.changed`
 * with the whole programme.
 */
export async function programmeRoutes(instance: KitApp): Promise<void> {
  const app = instance;
  const repo = createProgrammeRepository(app);
  const idempotency = createIdempotencyStore(app.mongo);
  const questionnaires = createQuestionnaireStore(app.mongo);
  if (app.kit.connect) {
    app.addHook('onReady', async () => {
      await repo.ensureIndexes();
      await idempotency.ensureIndexes();
    });
  }
  const ownProgramme = {
    programme: (request: FastifyRequest) => (request.params as { programmeId?: string }).programmeId,
  };

  async function createProgramme(
    body: CreateProgrammeBody,
    id: string,
    claimedId: boolean,
  ): Promise<Programme> {
    let programmeId = id;
    for (let attempt = 0; attempt < 3; attempt++) {
      const now = new Date().toISOString();
      const programme: Programme = {
        id: programmeId,
        slug: body.slug,
        name: body.name,
        description: body.description ?? '',
        coordinator: { name: body.coordinator.name, email: body.coordinator.email },
        matchingMode: body.matchingMode,
        policy: completePolicy(body.policy),
        status: 'draft',
        createdAt: now,
        updatedAt: now,
      };
      try {
        const created = await repo.create(programme, [programmeChanged(programme)]);
        // Version 1 of both questionnaires; were this to fail, the first read seeds them instead.
        await questionnaires.seed(created.id).catch((error: unknown) => {
          app.log.warn({ err: error, programmeId: created.id }, 'could not seed questionnaires yet');
        });
        return created;
      } catch (error) {
        if (error instanceof SlugTakenError) {
          throw programmeErrors.SLUG_TAKEN(`The slug "${body.slug}" is already used by another programme`);
        }
        if (!(error instanceof AggregateExistsError)) throw error;
        const existing = await repo.get(programmeId);
        // The id came from an idempotency claim an earlier attempt of this request held: that
        // attempt created it, so this is its result.
        if (claimedId && existing && existing.slug === body.slug) return existing;
        programmeId = newProgrammeId(); // a random id collided: try another
      }
    }
    throw new Error('could not find a free programme id');
  }

  app.post(
    '/programmes',
    {
      onRequest: app.requireScope('programmes:write'),
      schema: {
        tags,
        security,
        summary: 'Create a programme',
        description:
          'Creates a programme in status `draft`, with the policy defaults filled in for whatever is left ' +
          'out, and publishes `programme.changed`. Needs `programmes:write` on a key bound to no programme (an admin key): a key bound to a ' +
          'programme cannot create programmes. The slug must be unique (409 `PROFILE_SLUG_TAKEN`). ' +
          '`id`, `status`, `createdAt` and `updatedAt` are the server’s: sending them is a 400. ' +
          'Send `Idempotency-Key` to retry safely: within 24 hours the same key and body replay the first ' +
          'response, the same key with another body is a 409 `PROFILE_IDEMPOTENCY_MISMATCH`.',
        headers: IdempotencyHeadersSchema,
        body: CreateProgrammeBodySchema,
        response: { 201: ProgrammeSchema, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      if (principal.programmeId !== null) {
        throw forbiddenProgramme('A key bound to a programme cannot create programmes: use an admin key');
      }
      const key = request.headers['idempotency-key'];
      if (key === undefined) {
        const programme = await createProgramme(request.body, newProgrammeId(), false);
        request.log.info({ programmeId: programme.id, slug: programme.slug }, 'programme created');
        return reply.code(201).send(programme);
      }

      const claim = await idempotency.claim(
        `${principal.keyId}:${key}`,
        requestHash('POST', '/programmes', request.body),
        newProgrammeId(),
      );
      if (claim.kind === 'mismatch') {
        throw programmeErrors.IDEMPOTENCY_MISMATCH(
          'This Idempotency-Key was used with a different request body in the last 24 hours: use a new key',
        );
      }
      if (claim.kind === 'in-progress') {
        throw programmeErrors.IDEMPOTENCY_IN_PROGRESS(
          'A request with this Idempotency-Key is still running: retry in a few seconds',
          { headers: { 'retry-after': '2' } },
        );
      }
      if (claim.kind === 'replay') {
        return reply
          .code(claim.statusCode as 201)
          .header('idempotent-replayed', 'true')
          .send(claim.response as Programme);
      }
      let programme: Programme;
      try {
        programme = await createProgramme(request.body, claim.record.resourceId, true);
      } catch (error) {
        // Nothing was created: let the client retry with the same key.
        await idempotency.release(claim.record).catch(() => undefined);
        throw error;
      }
      await idempotency.complete(claim.record, 201, programme);
      request.log.info({ programmeId: programme.id, slug: programme.slug }, 'programme created');
      return reply.code(201).send(programme);
    },
  );

  app.get(
    '/programmes/:programmeId',
    {
      onRequest: app.requireScope('programmes:read', ownProgramme),
      schema: {
        tags,
        security,
        summary: 'Read a programme',
        description:
          'Needs `programmes:read`; a key bound to a programme reads only that one (403 otherwise).',
        params: ProgrammeParamsSchema,
        response: { 200: ProgrammeSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { programmeId } = request.params;
      const programme = await repo.get(programmeId);
      if (!programme) throw notFound(programmeId);
      return programme;
    },
  );

  app.get(
    '/programmes/by-slug/:slug',
    {
      onRequest: app.requireScope('programmes:read'),
      schema: {
        tags,
        security,
        summary: 'Read a programme by its slug',
        description:
          'Needs `programmes:read`; a key bound to a programme reads only that one (403 for any other ' +
          'slug, known or not, so a bound key cannot probe which slugs exist).',
        params: SlugParamsSchema,
        response: { 200: ProgrammeSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { slug } = request.params;
      const principal = principalOf(request);
      const programme = await repo.getBySlug(slug);
      if (principal.programmeId !== null && programme?.id !== principal.programmeId) {
        throw forbiddenProgramme('This API key is not bound to this programme');
      }
      if (!programme) throw notFound(`with slug ${slug}`);
      return programme;
    },
  );

  app.patch(
    '/programmes/:programmeId',
    {
      onRequest: app.requireScope('programmes:write', ownProgramme),
      schema: {
        tags,
        security,
        summary: 'Change a programme',
        description:
          'Changes the fields sent and leaves the rest: `coordinator` and `policy` are merged field by ' +
          'field (`policy.weights` criterion by criterion; `policy.hardRules` is replaced as a whole). ' +
          '`status` moves draft → open, open → closed or closed → open; anything else (e.g. back to ' +
          'draft) is a 409 `PROFILE_INVALID_TRANSITION`. The slug cannot change. A change publishes ' +
          '`programme.changed` with the whole programme. Needs ' +
          '`programmes:write`; a key bound to a programme changes only that one.',
        params: ProgrammeParamsSchema,
        body: UpdateProgrammeBodySchema,
        response: { 200: ProgrammeSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { programmeId } = request.params;
      const patch = request.body;
      const written = await repo.store.mutate(programmeId, (current) => {
        if (!current) throw notFound(programmeId);
        const next = applyPatch(current.state, patch, new Date());
        return next ? { state: next, events: [programmeChanged(next)] } : null;
      });
      if (!written) throw notFound(programmeId);
      if (patch.status !== undefined) {
        request.log.info({ programmeId, status: written.state.status }, 'programme status set');
      }
      return written.state;
    },
  );

  app.get(
    '/programmes',
    {
      onRequest: app.requireScope('programmes:read'),
      schema: {
        tags,
        security,
        summary: 'List programmes',
        description:
          'Programmes in id order, optionally only those in one `status`. Admin keys see every programme; ' +
          'a key bound to a programme sees only that one. Pass `nextCursor` as `cursor` for the next page.',
        querystring: ListProgrammesQuerySchema,
        response: { 200: ProgrammePageSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { cursor, status } = request.query;
      // ajv applies the schema default, so limit is set; the type cannot know that.
      const limit = request.query.limit ?? 50;
      const after = decodeCursor(cursor);
      const found = await repo.list({
        limit: limit + 1,
        after,
        status,
        onlyId: principal.programmeId ?? undefined,
      });
      return toPage(found, limit, (programme) => programme.id);
    },
  );
}
