import {
  type AuthHook,
  apiKeyOrLinkTokenSecurity,
  apiKeySecurity,
  type KitApp,
  linkTokenSecurity,
  problemResponses,
  readApiKey,
  type Scope,
  type TokenPrincipal,
} from '@belong/kit';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { createIdempotencyStore, requestHash } from '../idempotency.ts';
import { decodeCursor, toPage } from '../pagination.ts';
import { IdempotencyHeadersSchema, ProgrammeParamsSchema } from '../programmes/schemas.ts';
import { profileErrors, toProfile } from './domain.ts';
import { verifyPages } from './pages.ts';
import { newProfileId } from './repository.ts';
import {
  ExportSchema,
  type Profile,
  ProfilePageSchema,
  ProfileParamsSchema,
  ProfileRef,
  ResendBodySchema,
  ResendResponseSchema,
  SearchProfilesQuerySchema,
  SubmitProfileBodySchema,
  TokenQuerySchema,
  UpdateProfileBodySchema,
  VerifyResponseSchema,
  WithdrawBodySchema,
} from './schemas.ts';
import { type Access, createProfileService, type ProfileServiceOptions } from './service.ts';

const tags = ['profiles'];
const selfTags = ['self-service'];

/** The programme the caller may act in: a bound key's, or any (admin key, the person's own link). */
function accessOf(request: FastifyRequest): Access {
  const principal = request.principal;
  return { programmeId: principal?.kind === 'api-key' ? principal.programmeId : null };
}

const selfServiceNote =
  'With the person’s own link token (`manage-profile`, from an email), only their own profile: ' +
  'a token for another person is a 403 `AUTH_TOKEN_WRONG_ACTION`. With an API key, needs ';
const boundKeyNote = '; a key bound to another programme gets a 404, as if the profile did not exist.';

/**
 * Profiles: sign up (the questionnaire), confirm the address, read, change, pause, resume,
 * withdraw, export and erase (by the person through their link, or an integrator/coordinator
 * with an API key), and the coordinator's search.
 */
export function profileRoutes(options: Omit<ProfileServiceOptions, 'redis'>) {
  return async function profiles(instance: KitApp): Promise<void> {
    const app = instance;
    const service = createProfileService(app, { ...options, redis: app.redis });
    await app.register(verifyPages(service));
    const idempotency = createIdempotencyStore(app.mongo);
    if (app.kit.connect) {
      app.addHook('onReady', async () => {
        await service.ensureIndexes();
        await idempotency.ensureIndexes();
      });
    }

    const profileIdOf = (request: FastifyRequest) => (request.params as { profileId?: string }).profileId;
    const programmeIdOf = (request: FastifyRequest) =>
      (request.params as { programmeId?: string }).programmeId;

    /** The person's own link token, or an API key with `scope`. */
    const keyOrOwnToken = (scope: Scope): AuthHook =>
      app.requireScopeOrToken(scope, 'manage-profile', { profile: profileIdOf });

    /** Public (the questionnaire page), or an API key with `profiles:write` for the programme. */
    const publicOrKey: AuthHook = async (request, reply) => {
      if (readApiKey(request) === undefined) return;
      await app.requireScope('profiles:write', { programme: programmeIdOf })(request, reply);
    };

    app.post(
      '/programmes/:programmeId/profiles',
      {
        onRequest: publicOrKey,
        schema: {
          tags,
          summary: 'Sign up: submit answers to the questionnaire',
          description:
            'Stores a `pending` profile and emails a confirmation link (`profile.submitted`); nobody is ' +
            'matched until the address is confirmed. Every answer is checked against the questionnaire ' +
            'version (the current one unless `questionnaireVersion` is given): all problems come back ' +
            'at once as a 400 `PROFILE_INVALID_ANSWERS`, one error per question at `/answers/<id>`. ' +
            'The programme must be open (409 `PROFILE_PROGRAMME_NOT_OPEN`); one profile per email, ' +
            'role and programme (409 `PROFILE_DUPLICATE`). Open to anyone (the questionnaire page); ' +
            'integrators send an API key with `profiles:write` for the programme. The confirmation ' +
            'link is only ever emailed, never returned. `Idempotency-Key` makes retries safe.',
          security: [{}, ...apiKeySecurity],
          headers: IdempotencyHeadersSchema,
          params: ProgrammeParamsSchema,
          body: SubmitProfileBodySchema,
          response: { 201: ProfileRef, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        const { programmeId } = request.params;
        const send = (statusCode: 201, profile: Profile, replayed = false) => {
          reply.code(statusCode).header('location', `/profiles/${profile.id}`);
          if (replayed) reply.header('idempotent-replayed', 'true');
          return reply.send(profile);
        };
        const key = request.headers['idempotency-key'];
        if (key === undefined) {
          const profile = await service.submit(programmeId, request.body, newProfileId());
          request.log.info({ profileId: profile.id, programmeId, role: profile.role }, 'profile submitted');
          return send(201, profile);
        }
        const principal = request.principal;
        const owner = principal?.kind === 'api-key' ? `key:${principal.keyId}` : 'public';
        const claim = await idempotency.claim(
          `${owner}:${key}`,
          requestHash('POST', `/programmes/${programmeId}/profiles`, request.body),
          newProfileId(),
        );
        if (claim.kind === 'mismatch') {
          throw profileErrors.IDEMPOTENCY_MISMATCH(
            'This Idempotency-Key was used with a different request body in the last 24 hours: use a new key',
          );
        }
        if (claim.kind === 'in-progress') {
          throw profileErrors.IDEMPOTENCY_IN_PROGRESS(
            'A request with this Idempotency-Key is still running: retry in a few seconds',
            { headers: { 'retry-after': '2' } },
          );
        }
        if (claim.kind === 'replay') return send(201, claim.response as Profile, true);
        let profile: Profile;
        try {
          profile = await service.submit(programmeId, request.body, claim.record.resourceId);
        } catch (error) {
          // Nothing was stored: the same key may be used again.
          await idempotency.release(claim.record).catch(() => undefined);
          throw error;
        }
        await idempotency.complete(claim.record, 201, profile);
        request.log.info({ profileId: profile.id, programmeId, role: profile.role }, 'profile submitted');
        return send(201, profile);
      },
    );

    app.post(
      '/programmes/:programmeId/profiles/resend-verification',
      {
        schema: {
          tags,
          summary: 'Send a new confirmation link',
          description:
            'For a person who did not get (or lost) the confirmation email. Always answers 202 with the ' +
            'same words, whether or not such a pending profile exists, so nobody can use it to find out ' +
            'who signed up; at most one new link per profile a minute.',
          params: ProgrammeParamsSchema,
          body: ResendBodySchema,
          response: { 202: ResendResponseSchema, ...problemResponses(400) },
        },
      },
      async (request, reply) => {
        const { programmeId } = request.params;
        const sent = await service.resendVerification(programmeId, request.body.role, request.body.email);
        if (sent) request.log.info({ programmeId }, 'verification link sent again');
        return reply.code(202).send({
          message:
            'If this address is waiting to be confirmed, a new link is on its way. Please check your inbox and spam folder.',
        });
      },
    );

    app.post(
      '/profiles/verify',
      {
        onRequest: app.requireToken('verify-email'),
        schema: {
          tags: selfTags,
          summary: 'Confirm an email address (double opt-in)',
          description:
            'Takes the single-use link token from the confirmation email (`?token=`). The profile ' +
            'becomes `active` and joins matching (`profile.verified`). Answers the profile and a ' +
            '`manage-profile` token for the person’s own pages. Used twice: 409 `AUTH_TOKEN_USED`; ' +
            'expired: 401 `AUTH_TOKEN_EXPIRED` (ask for a new link). An already confirmed profile ' +
            '(through another link) answers 200 without a second event.',
          security: linkTokenSecurity,
          querystring: TokenQuerySchema,
          response: { 200: VerifyResponseSchema, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const principal = request.principal;
        if (principal?.kind !== 'self-service') throw new Error('verify needs a link token');
        // requireToken set the verified token, expiry included (the single-use marker lasts as long).
        const record = await service.verify(principal as TokenPrincipal);
        request.log.info({ profileId: record.id }, 'email address confirmed');
        return { profile: toProfile(record), manage: service.manageToken(record.id) };
      },
    );

    app.get(
      '/profiles/:profileId',
      {
        onRequest: keyOrOwnToken('profiles:read'),
        schema: {
          tags: selfTags,
          summary: 'Read a profile',
          description: `${selfServiceNote}\`profiles:read\`${boundKeyNote}`,
          security: apiKeyOrLinkTokenSecurity,
          params: ProfileParamsSchema,
          querystring: TokenQuerySchema,
          response: { 200: ProfileRef, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (request) => toProfile(await service.get(request.params.profileId, accessOf(request))),
    );

    app.patch(
      '/profiles/:profileId',
      {
        onRequest: keyOrOwnToken('profiles:write'),
        schema: {
          tags: selfTags,
          summary: 'Change a profile',
          description:
            'Changes the name and/or answers; the whole set of answers is checked again against the ' +
            'questionnaire version (400 `PROFILE_INVALID_ANSWERS`, nothing saved). A confirmed profile ' +
            'emits `profile.updated` naming what changed. A withdrawn profile cannot change (409). ' +
            `${selfServiceNote}\`profiles:write\`${boundKeyNote}`,
          security: apiKeyOrLinkTokenSecurity,
          params: ProfileParamsSchema,
          querystring: TokenQuerySchema,
          body: UpdateProfileBodySchema,
          response: { 200: ProfileRef, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const record = await service.update(request.params.profileId, accessOf(request), request.body);
        return toProfile(record);
      },
    );

    const lifecycle = [
      {
        action: 'pause',
        summary: 'Pause: stay signed up, but out of matching for now',
        description:
          'An active profile becomes `paused` (`profile.updated`); pausing a paused profile changes nothing.',
      },
      {
        action: 'resume',
        summary: 'Resume after a pause',
        description:
          'A paused profile becomes `active` again (`profile.updated`); resuming an active one changes nothing.',
      },
    ] as const;
    for (const { action, summary, description } of lifecycle) {
      app.post(
        `/profiles/:profileId/${action}`,
        {
          onRequest: keyOrOwnToken('profiles:write'),
          schema: {
            tags: selfTags,
            summary,
            description: `${description} Otherwise a 409 \`PROFILE_INVALID_TRANSITION\`. ${selfServiceNote}\`profiles:write\`${boundKeyNote}`,
            security: apiKeyOrLinkTokenSecurity,
            params: ProfileParamsSchema,
            querystring: TokenQuerySchema,
            response: { 200: ProfileRef, ...problemResponses(400, 401, 403, 404, 409) },
          },
        },
        async (request) => {
          const { profileId } = request.params;
          const record = await service[action](profileId, accessOf(request));
          request.log.info({ profileId, status: record.status }, `profile ${action}`);
          return toProfile(record);
        },
      );
    }

    app.post(
      '/profiles/:profileId/withdraw',
      {
        onRequest: keyOrOwnToken('profiles:write'),
        schema: {
          tags: selfTags,
          summary: 'Withdraw from the programme',
          // No body reads as `{}` (no reason given).
          'x-body-optional': true,
          description:
            'The profile becomes `withdrawn`: it leaves matching, its answers are deleted (the consent ' +
            'promised it) and `profile.withdrawn` tells the other services. The name and address stay ' +
            'until erasure, so the person can still export or erase. They may sign up again later. ' +
            `Withdrawing twice changes nothing. ${selfServiceNote}\`profiles:write\`${boundKeyNote}`,
          security: apiKeyOrLinkTokenSecurity,
          params: ProfileParamsSchema,
          querystring: TokenQuerySchema,
          body: WithdrawBodySchema,
          response: { 200: ProfileRef, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const { profileId } = request.params;
        const record = await service.withdraw(profileId, accessOf(request), request.body.reason);
        request.log.info({ profileId }, 'profile withdrawn');
        return toProfile(record);
      },
    );

    app.get(
      '/profiles/:profileId/export',
      {
        onRequest: keyOrOwnToken('profiles:read'),
        schema: {
          tags: selfTags,
          summary: 'Export everything held about the person (GDPR)',
          description:
            'The profile, each answer beside the question it answers, and every consent with its time ' +
            'and questionnaire version, as a JSON download. ' +
            `${selfServiceNote}\`profiles:read\`${boundKeyNote}`,
          security: apiKeyOrLinkTokenSecurity,
          params: ProfileParamsSchema,
          querystring: TokenQuerySchema,
          response: { 200: ExportSchema, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        const { profileId } = request.params;
        const exported = await service.export(profileId, accessOf(request));
        request.log.info({ profileId }, 'profile exported');
        return reply
          .header('content-disposition', `attachment; filename="belong-profile-${profileId}.json"`)
          .header('cache-control', 'no-store')
          .send(exported);
      },
    );

    app.delete(
      '/profiles/:profileId',
      {
        onRequest: keyOrOwnToken('profiles:write'),
        schema: {
          tags: selfTags,
          summary: 'Erase the person’s data (GDPR)',
          description:
            'Deletes the name, address, answers and consents; what remains is the id, programme and ' +
            'role, so the id is never reused. `profile.erased` (with a hash of the address, never the ' +
            'address) tells the other services to erase what they hold. Erasing again answers 204. ' +
            `${selfServiceNote}\`profiles:write\`${boundKeyNote}`,
          security: apiKeyOrLinkTokenSecurity,
          params: ProfileParamsSchema,
          querystring: TokenQuerySchema,
          response: {
            204: Type.Null({ description: 'Erased' }),
            ...problemResponses(400, 401, 403, 404),
          },
        },
      },
      async (request, reply) => {
        const { profileId } = request.params;
        await service.erase(profileId, accessOf(request));
        request.log.info({ profileId }, 'profile erased');
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/programmes/:programmeId/profiles',
      {
        onRequest: app.requireScope('profiles:read', { programme: programmeIdOf }),
        schema: {
          tags,
          security: apiKeySecurity,
          summary: 'Search a programme’s profiles',
          description:
            'For coordinators: profiles in id order, filtered by role, status, topic, sector, region ' +
            'and a name or address fragment (`q`). Pass `nextCursor` as `cursor` for the next page. ' +
            'Needs `profiles:read` for the programme.',
          params: ProgrammeParamsSchema,
          querystring: SearchProfilesQuerySchema,
          response: { 200: ProfilePageSchema, ...problemResponses(400, 401, 403) },
        },
      },
      async (request) => {
        const { programmeId } = request.params;
        const { cursor, limit = 50, ...filters } = request.query;
        const found = await service.search({
          programmeId,
          limit: limit + 1,
          after: decodeCursor(cursor),
          ...filters,
        });
        return toPage(found.map(toProfile), limit, (profile) => profile.id);
      },
    );
  };
}
