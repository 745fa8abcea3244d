import {
  checkQuestionnaire,
  type ProblemFieldError,
  type Questionnaire,
  QuestionnaireSchema,
  RoleSchema,
} from '@belong/contracts';
import {
  apiKeySecurity,
  defineErrors,
  type KitApp,
  problemResponses,
  readApiKey,
  StrictObject,
} from '@belong/kit';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createProgrammeRepository } from '../programmes/repository.ts';
import { ProgrammeParamsSchema } from '../programmes/schemas.ts';
import { createQuestionnaireStore } from './store.ts';

export const questionnaireErrors = defineErrors('PROFILE', {
  PROGRAMME_NOT_FOUND: { status: 404, title: 'Programme not found' },
  QUESTIONNAIRE_NOT_FOUND: { status: 404, title: 'Questionnaire version not found' },
  INVALID_QUESTIONNAIRE: { status: 400, title: 'Questionnaire definition has problems' },
});

const tags = ['questionnaires'];

const RoleParamsSchema = StrictObject({
  ...ProgrammeParamsSchema.properties,
  role: { ...RoleSchema, description: 'Whose questionnaire: `mentee` or `mentor`' },
});
const VersionParamsSchema = StrictObject({
  ...RoleParamsSchema.properties,
  version: Type.Integer({ minimum: 1, maximum: 100000, description: 'The version number' }),
});

/** The questionnaire definition, shared: the OpenAPI document lists it once. */
export const SharedQuestionnaireSchema = { ...QuestionnaireSchema, $id: 'Questionnaire' };
const QuestionnaireRef = Type.Unsafe<Questionnaire>({ $ref: 'Questionnaire#' });

export const PublishedQuestionnaireSchema = StrictObject(
  {
    programmeId: Type.String(),
    role: RoleSchema,
    version: Type.Integer({ minimum: 1 }),
    publishedAt: Type.String({ format: 'date-time' }),
    definition: QuestionnaireRef,
  },
  {
    title: 'PublishedQuestionnaire',
    description:
      'One published version of a programme’s questionnaire for a role. It never changes: answers ' +
      'are stored with the version they were given to and always read against it.',
  },
);

const { key, title, intro, sections } = QuestionnaireSchema.properties;
export const PublishQuestionnaireBodySchema = StrictObject(
  { key, title, intro, sections },
  {
    description:
      'A whole questionnaire definition; the server gives it the next version number and the role ' +
      'from the path. Every question maps to a matching attribute or is informational (`maps: null`).',
  },
);
export type PublishQuestionnaireBody = Static<typeof PublishQuestionnaireBodySchema>;

const VersionListSchema = StrictObject({
  items: Type.Array(
    StrictObject({
      version: Type.Integer({ minimum: 1 }),
      publishedAt: Type.String({ format: 'date-time' }),
      title: Type.String(),
      key: Type.String(),
    }),
  ),
});

const publicReadDescription =
  'Open to anyone for a programme that is open or closed, so the questionnaire page can be ' +
  'shown; a draft programme’s questionnaire needs an API key with `programmes:read` (bound to the ' +
  'programme, or admin).';

/** The definition's own problems as field errors of the request body (pointers into it). */
function definitionErrors(
  body: PublishQuestionnaireBody,
  role: Static<typeof RoleSchema>,
): ProblemFieldError[] {
  const problems = checkQuestionnaire({ ...body, version: 1, role });
  return problems.map((problem) => ({
    in: 'body',
    pointer: problem.path,
    message: problem.message,
  }));
}

/**
 * Questionnaires: read the current version or any version of a programme's mentee or mentor
 * questionnaire, list the versions, publish a new version (programme coordinators).
 */
export async function questionnaireRoutes(instance: KitApp): Promise<void> {
  const app = instance;
  const programmes = createProgrammeRepository(app);
  const store = createQuestionnaireStore(app.mongo);
  if (app.kit.connect) app.addHook('onReady', () => store.ensureIndexes());

  const readScope = app.requireScope('programmes:read', {
    programme: (request) => (request.params as { programmeId?: string }).programmeId,
  });

  /**
   * Public read for programmes people can see; an API key, when one is sent, is checked as usual
   * (so an integrator's wrong key is a 401, not silently ignored).
   */
  async function authorisePublicRead(request: FastifyRequest, reply: FastifyReply, programmeId: string) {
    const sentKey = readApiKey(request) !== undefined;
    if (sentKey) await readScope(request, reply);
    const programme = await programmes.get(programmeId);
    if (!programme || (programme.status === 'draft' && !sentKey)) {
      throw questionnaireErrors.PROGRAMME_NOT_FOUND(`No programme ${programmeId}`);
    }
  }

  app.get(
    '/programmes/:programmeId/questionnaires/:role',
    {
      schema: {
        tags,
        summary: 'Read the current questionnaire',
        description: `The newest version of the programme’s questionnaire for the role: the one new answers are given to. ${publicReadDescription}`,
        params: RoleParamsSchema,
        response: { 200: PublishedQuestionnaireSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { programmeId, role } = request.params;
      await authorisePublicRead(request, reply, programmeId);
      return store.current(programmeId, role);
    },
  );

  app.get(
    '/programmes/:programmeId/questionnaires/:role/versions/:version',
    {
      schema: {
        tags,
        summary: 'Read one version of a questionnaire',
        description: `A published version, exactly as it was given to people. ${publicReadDescription}`,
        params: VersionParamsSchema,
        response: { 200: PublishedQuestionnaireSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { programmeId, role, version } = request.params;
      await authorisePublicRead(request, reply, programmeId);
      const published = await store.get(programmeId, role, version);
      if (!published) {
        throw questionnaireErrors.QUESTIONNAIRE_NOT_FOUND(
          `The ${role} questionnaire of this programme has no version ${version}`,
        );
      }
      return published;
    },
  );

  app.get(
    '/programmes/:programmeId/questionnaires/:role/versions',
    {
      onRequest: readScope,
      schema: {
        tags,
        security: apiKeySecurity,
        summary: 'List the versions of a questionnaire',
        description: 'Every published version, newest first. Needs `programmes:read`.',
        params: RoleParamsSchema,
        response: { 200: VersionListSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { programmeId, role } = request.params;
      if (!(await programmes.get(programmeId))) {
        throw questionnaireErrors.PROGRAMME_NOT_FOUND(`No programme ${programmeId}`);
      }
      const versions = await store.list(programmeId, role);
      return {
        items: versions.map((v) => ({
          version: v.version,
          publishedAt: v.publishedAt,
          title: v.definition.title,
          key: v.definition.key,
        })),
      };
    },
  );

  app.post(
    '/programmes/:programmeId/questionnaires/:role/versions',
    {
      onRequest: app.requireScope('programmes:write', {
        programme: (request) => (request.params as { programmeId?: string }).programmeId,
      }),
      schema: {
        tags,
        security: apiKeySecurity,
        summary: 'Publish a new questionnaire version',
        description:
          'Publishes the definition as the next version for the role; from now on new answers are ' +
          'given to it. Answers given to earlier versions keep their meaning: they stay with their ' +
          'version. The definition is checked as a whole (400 `PROFILE_INVALID_QUESTIONNAIRE`, one ' +
          'error per problem with a JSON pointer into the body): ids unique, options unique, every ' +
          'attribute matching needs filled by a required question, a required consent question. ' +
          'Needs `programmes:write`.',
        params: RoleParamsSchema,
        body: PublishQuestionnaireBodySchema,
        response: { 201: PublishedQuestionnaireSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { programmeId, role } = request.params;
      if (!(await programmes.get(programmeId))) {
        throw questionnaireErrors.PROGRAMME_NOT_FOUND(`No programme ${programmeId}`);
      }
      const errors = definitionErrors(request.body, role);
      if (errors.length > 0) {
        throw questionnaireErrors.INVALID_QUESTIONNAIRE(
          `The questionnaire has ${errors.length} problem${errors.length === 1 ? '' : 's'}; nothing was published`,
          { errors },
        );
      }
      const published = await store.publish(programmeId, role, request.body);
      request.log.info({ programmeId, role, version: published.version }, 'questionnaire published');
      return reply.code(201).send(published);
    },
  );
}
