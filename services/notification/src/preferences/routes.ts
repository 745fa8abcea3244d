// Preferences and unsubscribe. The link in every email (`/unsubscribe?token=…`, action
// `unsubscribe`, resource = programme) opens a server-rendered page that works without
// JavaScript; optional emails also carry it as `List-Unsubscribe` with
// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058): a mail client's POST of that
// body turns every optional email of the programme off at once. GET never changes anything
// (link scanners open links). Mandatory emails ignore preferences, and the page says why.
import { readFileSync } from 'node:fs';
import {
  apiKeySecurity,
  HttpError,
  type KitApp,
  linkTokenSecurity,
  problemResponses,
  readToken,
  StrictObject,
  type TokenPrincipal,
} from '@belong/kit';
import formbody from '@fastify/formbody';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Handlebars from 'handlebars';
import { notificationErrors } from '../errors.ts';
import { isLivePerson, type ReadModels } from '../readmodels/models.ts';
import { parseMultipartFields } from './multipart.ts';
import {
  coordinatorSubject,
  NO_OPTIONAL_MAIL,
  type PreferencesRepository,
  type PreferenceValues,
} from './repository.ts';

const pageTemplate = Handlebars.create().compile(
  readFileSync(new URL('./page.html.hbs', import.meta.url), 'utf8'),
);

const PreferencesSchema = StrictObject(
  {
    reminders: Type.Boolean({ description: 'Reminders before a match suggestion expires' }),
    summaries: Type.Boolean({ description: 'Round summaries (coordinators)' }),
  },
  { title: 'Preferences', examples: [{ reminders: false, summaries: true }] },
);
const PreferencesPatchSchema = StrictObject({
  reminders: Type.Optional(Type.Boolean()),
  summaries: Type.Optional(Type.Boolean()),
});
// The token is the credential (the `linkToken` scheme): a missing or empty one is a 401 from the
// route's auth, not a 400 from the schema.
const TokenQuerySchema = StrictObject({
  token: Type.Optional(
    Type.String({ maxLength: 4096, description: 'The `unsubscribe` link token from an email' }),
  ),
});
/** An HTML answer of the choices page. */
const html = (description: string) => ({ description, content: { 'text/html': { schema: Type.String() } } });
const pageResponses = {
  200: html('The email choices page'),
  401: html('No link, or one that does not work or has expired: a page saying so'),
  403: html('A link for something else: a page saying so'),
};
const PersonParamsSchema = StrictObject({
  programmeId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
  profileId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
});

const MANDATORY =
  'Some emails cannot be turned off while you take part, because the programme cannot work without them: ' +
  'the one confirming your email address, the ones about a match you are part of (suggestions, answers, ' +
  'introductions), and confirmations of changes you make. To stop those too, leave the programme through ' +
  'the “Manage my profile” link in any of our emails.';

export function preferenceRoutes(deps: { preferences: PreferencesRepository; readModels: ReadModels }) {
  return async function preferenceRoutesPlugin(app: KitApp): Promise<void> {
    const { preferences, readModels } = deps;

    /** The token's person (or coordinator) and programme; an HTML error page instead of problem+json. */
    function principalOf(request: FastifyRequest): TokenPrincipal & { resourceId: string } {
      // `?token=` or `Authorization: Bearer`, as the linkToken scheme says.
      const token = readToken(request);
      if (!token)
        throw new HttpError(401, 'AUTH_REQUIRED', 'This page needs the link from one of our emails');
      const principal = app.tokens.verify(token, { action: 'unsubscribe' });
      if (principal.resourceId === undefined) {
        throw new HttpError(403, 'AUTH_TOKEN_WRONG_ACTION', 'This link is not for a programme');
      }
      return principal as TokenPrincipal & { resourceId: string };
    }

    async function describe(subjectId: string, programmeId: string) {
      const programme = await readModels.programme(programmeId);
      const isCoordinator =
        programme !== null && coordinatorSubject(programme.coordinator.email) === subjectId;
      const person = isCoordinator ? null : await readModels.person(subjectId);
      return {
        programmeName: programme?.name ?? 'Your mentoring programme',
        contact: programme?.coordinator ?? null,
        isCoordinator,
        name: isCoordinator
          ? programme?.coordinator.name
          : isLivePerson(person)
            ? person.displayName
            : undefined,
      };
    }

    async function render(
      reply: FastifyReply,
      principal: TokenPrincipal & { resourceId: string },
      values: PreferenceValues,
      message?: string,
    ) {
      const about = await describe(principal.profileId, principal.resourceId);
      const choices = about.isCoordinator
        ? [
            {
              name: 'summaries',
              label: 'Round summaries',
              hint: 'A report each time a matching round is ready or published.',
              checked: values.summaries,
            },
          ]
        : [
            {
              name: 'reminders',
              label: 'Reminders',
              hint: 'A reminder before a match suggestion runs out, if you have not answered it yet.',
              checked: values.reminders,
            },
          ];
      const url = new URL('http://x/unsubscribe');
      url.searchParams.set('token', readToken(reply.request) ?? '');
      return reply
        .code(200)
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('referrer-policy', 'no-referrer')
        .send(
          pageTemplate({
            title: about.name ? `Email choices for ${about.name}` : 'Your email choices',
            programme: about.programmeName,
            message,
            form: true,
            action: `${url.pathname}${url.search}`,
            choices,
            mandatory: MANDATORY,
            contact: about.contact,
          }),
        );
    }

    function errorPage(reply: FastifyReply, error: unknown) {
      const status = error instanceof HttpError ? error.status : 500;
      if (status >= 500) throw error;
      const expired = error instanceof HttpError && error.code === 'AUTH_TOKEN_EXPIRED';
      return reply
        .code(status)
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(
          pageTemplate({
            title: expired ? 'This link has expired' : 'This link does not work',
            programme: 'Belong',
            error: true,
            message: expired
              ? 'Please use the link in a more recent email from us, or reply to that email and we will help.'
              : 'Please use the link exactly as it appears in one of our emails, or reply to that email and we will help.',
          }),
        );
    }

    // The page and the one-click POST take form bodies; only in this scope, so the rest of the
    // API stays JSON-only.
    await app.register(async (page: KitApp) => {
      await page.register(formbody, { bodyLimit: 16_384 });
      page.addContentTypeParser(
        'multipart/form-data',
        { parseAs: 'string', bodyLimit: 16_384 },
        (request, body, done) => {
          try {
            done(null, parseMultipartFields(String(body), String(request.headers['content-type'])));
          } catch (error) {
            done(error as Error, undefined);
          }
        },
      );

      page.get(
        '/unsubscribe',
        {
          schema: {
            tags: ['preferences'],
            summary: 'The email choices page (HTML)',
            description:
              'The page the unsubscribe link in every email opens: which optional emails the person gets from this ' +
              'programme (reminders; summaries for coordinators), a button to turn them all off, and why some emails ' +
              'cannot be turned off. Server-rendered, works without JavaScript. Opening it changes nothing. An invalid ' +
              'or expired link answers an HTML page saying so (401/403).',
            security: linkTokenSecurity,
            querystring: TokenQuerySchema,
            response: pageResponses,
          },
        },
        async (request, reply) => {
          let principal: TokenPrincipal & { resourceId: string };
          try {
            principal = principalOf(request);
          } catch (error) {
            return errorPage(reply, error);
          }
          return render(reply, principal, await preferences.get(principal.profileId, principal.resourceId));
        },
      );

      page.post(
        '/unsubscribe',
        {
          schema: {
            tags: ['preferences'],
            summary: 'One-click unsubscribe (RFC 8058), or save the choices page',
            description:
              'A mail client’s one-click POST (`List-Unsubscribe=One-Click`, form-urlencoded or multipart) turns ' +
              'every optional email of the programme off and answers 200. The choices page posts `action=save` with ' +
              'the boxes ticked (`reminders=on`, `summaries=on`), or `action=unsubscribe-all`; it answers the page again.',
            security: linkTokenSecurity,
            querystring: TokenQuerySchema,
            consumes: ['application/x-www-form-urlencoded', 'multipart/form-data'],
            response: pageResponses,
          },
        },
        async (request, reply) => {
          let principal: TokenPrincipal & { resourceId: string };
          try {
            principal = principalOf(request);
          } catch (error) {
            return errorPage(reply, error);
          }
          const body = (request.body ?? {}) as Record<string, unknown>;
          const { profileId, resourceId } = principal;
          if (body['List-Unsubscribe'] === 'One-Click' || body.action === 'unsubscribe-all') {
            const changedBy = body['List-Unsubscribe'] === 'One-Click' ? 'one-click' : 'page';
            const values = await preferences.set(profileId, resourceId, NO_OPTIONAL_MAIL, changedBy);
            request.log.info({ programmeId: resourceId, changedBy }, 'unsubscribed from optional emails');
            return render(
              reply,
              principal,
              values,
              'You are unsubscribed from all optional emails of this programme.',
            );
          }
          const about = await describe(profileId, resourceId);
          const change: Partial<PreferenceValues> = about.isCoordinator
            ? { summaries: body.summaries === 'on' }
            : { reminders: body.reminders === 'on' };
          const values = await preferences.set(profileId, resourceId, change, 'page');
          return render(reply, principal, values, 'Your choices are saved.');
        },
      );
    });

    // ── JSON ──
    // The link is checked first (onRequest), as the kit's auth hooks do: no token is a 401 before
    // anything looks at the query or the body.
    const linkHolder = async (request: FastifyRequest) => {
      request.principal = principalOf(request);
    };
    const personSubject = (request: FastifyRequest) =>
      request.principal as TokenPrincipal & { resourceId: string };

    app.get(
      '/preferences',
      {
        onRequest: linkHolder,
        schema: {
          tags: ['preferences'],
          summary: 'Read my email choices (JSON)',
          description:
            'For the person’s own pages: the optional emails they get from the programme of the link.',
          security: linkTokenSecurity,
          querystring: TokenQuerySchema,
          response: { 200: PreferencesSchema, ...problemResponses(401, 403) },
        },
      },
      async (request) => {
        const p = personSubject(request);
        return preferences.get(p.profileId, p.resourceId);
      },
    );

    app.patch(
      '/preferences',
      {
        onRequest: linkHolder,
        schema: {
          tags: ['preferences'],
          summary: 'Change my email choices (JSON)',
          description:
            'Only the fields sent change. Mandatory emails are not listed: they cannot be turned off.',
          security: linkTokenSecurity,
          querystring: TokenQuerySchema,
          body: PreferencesPatchSchema,
          response: { 200: PreferencesSchema, ...problemResponses(400, 401, 403) },
        },
      },
      async (request) => {
        const p = personSubject(request);
        return preferences.set(p.profileId, p.resourceId, request.body, 'api');
      },
    );

    const keyForProgramme = (scope: 'notifications:read' | 'notifications:write') =>
      app.requireScope(scope, {
        programme: (request) => (request.params as { programmeId?: string }).programmeId,
      });

    async function knownPerson(programmeId: string, profileId: string) {
      const person = await readModels.person(profileId);
      if (!isLivePerson(person) || person.programmeId !== programmeId) {
        throw notificationErrors.PERSON_NOT_FOUND(`No person ${profileId} in programme ${programmeId}`);
      }
    }

    app.get(
      '/programmes/:programmeId/people/:profileId/preferences',
      {
        onRequest: keyForProgramme('notifications:read'),
        schema: {
          tags: ['preferences'],
          summary: 'Read a person’s email choices',
          description: 'Needs `notifications:read` for the programme.',
          security: apiKeySecurity,
          params: PersonParamsSchema,
          response: { 200: PreferencesSchema, ...problemResponses(401, 403, 404) },
        },
      },
      async (request) => {
        const { programmeId, profileId } = request.params;
        await knownPerson(programmeId, profileId);
        return preferences.get(profileId, programmeId);
      },
    );

    app.patch(
      '/programmes/:programmeId/people/:profileId/preferences',
      {
        onRequest: keyForProgramme('notifications:write'),
        schema: {
          tags: ['preferences'],
          summary: 'Change a person’s email choices',
          description:
            'E.g. when someone asks the coordinator by phone. Needs `notifications:write` for the programme.',
          security: apiKeySecurity,
          params: PersonParamsSchema,
          body: PreferencesPatchSchema,
          response: { 200: PreferencesSchema, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const { programmeId, profileId } = request.params;
        await knownPerson(programmeId, profileId);
        return preferences.set(profileId, programmeId, request.body, 'api');
      },
    );
  };
}
