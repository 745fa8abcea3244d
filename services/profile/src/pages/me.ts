// The self-service page: the "Manage my profile" link at the foot of every email opens
// `/me?token=` with a `manage-profile` token. The token names one profile and only that profile
// is ever shown or changed. It travels in the page (links and hidden fields), never in a cookie;
// GET only shows, and every change is a POST carrying the token, so a link opened by a mail
// scanner changes nothing and another site cannot forge a change without the token.
import type { AnswerValue } from '@belong/contracts';
import { type HttpError, sendPage, type TokenPrincipal } from '@belong/kit';
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import type { LiveRecord } from '../profiles/domain.ts';
import type { Access } from '../profiles/service.ts';
import type { Programme } from '../programmes/schemas.ts';
import type { PublishedQuestionnaire } from '../questionnaires/store.ts';
import {
  answersInWords,
  errorsByQuestion,
  field,
  formBody,
  formView,
  NAME_FIELD,
  nameError,
  readAnswers,
} from './form.ts';
import { codeOf, type PageTools, pageSchema, TokenQuery } from './shared.ts';
import { erasedPage, erasePage, profilePage, questionnairePage, withdrawPage } from './templates.ts';

/** The person's own link acts on their own profile in any programme. */
const OWN: Access = { programmeId: null };

const statusWords: Record<string, string> = {
  pending: 'waiting for you to confirm your email address. Please use the link in the email we sent you.',
  active: 'active: we will suggest matches for you.',
  paused: 'paused: we will not suggest you for any new match until you resume.',
  withdrawn: 'withdrawn: you have left the programme and your answers have been deleted.',
};

const notices: Record<string, string> = {
  saved: 'Your changes are saved.',
  paused: 'Your profile is paused. Come back whenever you are ready.',
  resumed: 'Welcome back: your profile is active again.',
  withdrawn: 'You have withdrawn from the programme. Thank you for taking part.',
};

const DoneQuery = Type.Object({
  token: Type.Optional(Type.String({ maxLength: 4096 })),
  done: Type.Optional(Type.String({ maxLength: 20 })),
});

/** What to tell a person whose link does not work, and the status for it. */
export function linkProblem(error: unknown): { status: number; heading: string; message: string } | null {
  const code = codeOf(error);
  if (code === 'AUTH_TOKEN_EXPIRED') {
    return {
      status: 410,
      heading: 'This link has expired',
      message:
        'For your security, the links in our emails work for a limited time. Please use the “Manage my profile” link in our most recent email, or ask your programme coordinator to help.',
    };
  }
  if (code === 'AUTH_TOKEN_WRONG_ACTION') {
    return {
      status: 403,
      heading: 'This link is not for this page',
      message: 'Please use the “Manage my profile” link at the foot of any email from us.',
    };
  }
  if (code === 'PROFILE_NOT_FOUND') {
    return {
      status: 404,
      heading: 'We cannot find your profile',
      message: 'It may have been erased. You are welcome to sign up again on your programme’s page.',
    };
  }
  if (code === 'AUTH_INVALID_TOKEN' || code === 'AUTH_REQUIRED' || code === 'MISSING_TOKEN') {
    return {
      status: 400,
      heading: 'This link does not work',
      message:
        'It may have been copied only in part. Please open it again from the email, or copy the whole link.',
    };
  }
  return null;
}

export async function selfServiceRoutes(tools: PageTools): Promise<void> {
  const { app, service, programmes } = tools;

  /** The profile the token stands for; throws the token's or the profile's problem. */
  async function load(
    token: string | undefined,
  ): Promise<{ record: LiveRecord; programme: Programme | null }> {
    if (!token) throw Object.assign(new Error('no token'), { code: 'MISSING_TOKEN' });
    const principal: TokenPrincipal = app.tokens.verify(token, { action: 'manage-profile' });
    const record = await service.get(principal.profileId, OWN);
    return { record, programme: await programmes.get(record.programmeId) };
  }

  /** A friendly page for a link problem; anything else is a real error (logged, 500). */
  function failed(reply: FastifyReply, error: unknown, programme?: Programme | null) {
    const words = linkProblem(error);
    if (!words) throw error;
    return tools.problem(reply, words.status, words.heading, words.message, programme);
  }

  /** Post, redirect, get: back to the profile page, with a word about what was done. */
  const back = (reply: FastifyReply, token: string, done?: keyof typeof notices) =>
    reply
      .code(303)
      .header('location', `/me?token=${encodeURIComponent(token)}${done ? `&done=${done}` : ''}`)
      .send();

  async function questionnaireOf(record: LiveRecord): Promise<PublishedQuestionnaire> {
    return tools.questionnaireFor(record.programmeId, record.role, record.questionnaire.programmeVersion);
  }

  function renderEdit(
    reply: FastifyReply,
    record: LiveRecord,
    programme: Programme | null,
    published: PublishedQuestionnaire,
    token: string,
    state: {
      displayName: string;
      answers: Record<string, AnswerValue | null | undefined>;
      nameError?: string | undefined;
      answerErrors?: Map<string, string[]>;
    },
    status = 200,
  ) {
    const { sections, errorLinks } = formView(published.definition, state.answers, state.answerErrors);
    const links = [
      ...(state.nameError ? [{ href: '#display-name', message: `Your name: ${state.nameError}` }] : []),
      ...errorLinks,
    ];
    return sendPage(
      reply,
      questionnairePage({
        title: 'Change your answers',
        ...tools.context(programme),
        errorCount: links.length,
        heading: 'Change your answers',
        intro:
          'Change anything you like and save. If you take something out that we need, we will say so and nothing is saved until it is all in order.',
        action: '/me/edit',
        hidden: [{ name: 'token', value: token }],
        askEmail: false,
        displayName: state.displayName,
        email: record.email,
        nameError: state.nameError,
        sections,
        errorLinks: links,
        problemCount: links.length,
        oneProblem: links.length === 1,
        submitLabel: 'Save my changes',
        backLink: { href: `/me?token=${token}`, text: 'Back to your profile without saving' },
      }),
      status,
    );
  }

  app.get('/me', { schema: pageSchema({ querystring: DoneQuery }) }, async (request, reply) => {
    const token = request.query.token ?? '';
    try {
      const { record, programme } = await load(token);
      const published = await questionnaireOf(record).catch(() => null);
      const done = request.query.done;
      return sendPage(
        reply,
        profilePage({
          title: 'Your profile',
          ...tools.context(programme),
          id: record.id,
          token,
          name: record.displayName,
          email: record.email,
          role: record.role,
          status: record.status,
          statusWords: statusWords[record.status] ?? record.status,
          notice: done && Object.hasOwn(notices, done) ? notices[done] : undefined,
          answers: published ? answersInWords(published.definition, record.answers) : [],
          withdrawn: record.status === 'withdrawn',
          canEdit: record.status !== 'withdrawn',
          canPause: record.status === 'active',
          canResume: record.status === 'paused',
          canWithdraw: record.status !== 'withdrawn',
        }),
      );
    } catch (error) {
      return failed(reply, error);
    }
  });

  app.get('/me/edit', { schema: pageSchema({ querystring: TokenQuery }) }, async (request, reply) => {
    const token = request.query.token ?? '';
    try {
      const { record, programme } = await load(token);
      if (record.status === 'withdrawn') return back(reply, token, 'withdrawn');
      const published = await questionnaireOf(record);
      return renderEdit(reply, record, programme, published, token, {
        displayName: record.displayName,
        answers: record.answers,
      });
    } catch (error) {
      return failed(reply, error);
    }
  });

  app.post('/me/edit', { schema: pageSchema({}) }, async (request, reply) => {
    const body = formBody(request.body);
    const token = field(body, 'token') ?? '';
    let loaded: Awaited<ReturnType<typeof load>>;
    try {
      loaded = await load(token);
    } catch (error) {
      return failed(reply, error);
    }
    const { record, programme } = loaded;
    const published = await questionnaireOf(record);
    const displayName = field(body, NAME_FIELD) ?? '';
    const given = readAnswers(published.definition, body);
    // The form shows every question, so a question left empty is an answer taken out.
    const patch: Record<string, AnswerValue | null> = {};
    for (const section of published.definition.sections) {
      for (const question of section.questions) patch[question.id] = given[question.id] ?? null;
    }
    const state = { displayName, answers: given, nameError: nameError(displayName) };
    if (state.nameError) return renderEdit(reply, record, programme, published, token, state, 400);
    try {
      await service.update(record.id, OWN, {
        displayName: displayName.trim(),
        answers: patch,
      });
      request.log.info({ profileId: record.id }, 'profile changed (page)');
      return back(reply, token, 'saved');
    } catch (error) {
      if (codeOf(error) === 'PROFILE_INVALID_ANSWERS') {
        return renderEdit(
          reply,
          record,
          programme,
          published,
          token,
          { ...state, answerErrors: errorsByQuestion((error as HttpError).errors) },
          400,
        );
      }
      if (codeOf(error) === 'PROFILE_INVALID_TRANSITION') return back(reply, token, 'withdrawn');
      return failed(reply, error, programme);
    }
  });

  for (const action of ['pause', 'resume'] as const) {
    app.post(`/me/${action}`, { schema: pageSchema({}) }, async (request, reply) => {
      const token = field(formBody(request.body), 'token') ?? '';
      try {
        const { record } = await load(token);
        try {
          await service[action](record.id, OWN);
          request.log.info({ profileId: record.id }, `profile ${action} (page)`);
        } catch (error) {
          // Already in that state, or withdrawn meanwhile: the profile page says where it stands.
          if (codeOf(error) !== 'PROFILE_INVALID_TRANSITION') throw error;
          return back(reply, token);
        }
        return back(reply, token, action === 'pause' ? 'paused' : 'resumed');
      } catch (error) {
        return failed(reply, error);
      }
    });
  }

  app.get('/me/withdraw', { schema: pageSchema({ querystring: TokenQuery }) }, async (request, reply) => {
    const token = request.query.token ?? '';
    try {
      const { record, programme } = await load(token);
      if (record.status === 'withdrawn') return back(reply, token, 'withdrawn');
      return sendPage(
        reply,
        withdrawPage({
          title: 'Withdraw from the programme',
          ...tools.context(programme),
          token,
          reason: '',
        }),
      );
    } catch (error) {
      return failed(reply, error);
    }
  });

  app.post('/me/withdraw', { schema: pageSchema({}) }, async (request, reply) => {
    const body = formBody(request.body);
    const token = field(body, 'token') ?? '';
    const reason = (field(body, 'reason') ?? '').trim();
    try {
      const { record, programme } = await load(token);
      if (reason.length > 1000) {
        return sendPage(
          reply,
          withdrawPage({
            title: 'Withdraw from the programme',
            ...tools.context(programme),
            errorCount: 1,
            token,
            reason,
            reasonError: `Please keep this under 1,000 characters (you wrote ${reason.length.toLocaleString('en-GB')}).`,
          }),
          400,
        );
      }
      await service.withdraw(record.id, OWN, reason === '' ? undefined : reason);
      request.log.info({ profileId: record.id }, 'profile withdrawn (page)');
      return back(reply, token, 'withdrawn');
    } catch (error) {
      return failed(reply, error);
    }
  });

  app.get('/me/erase', { schema: pageSchema({ querystring: TokenQuery }) }, async (request, reply) => {
    const token = request.query.token ?? '';
    try {
      const { record, programme } = await load(token);
      return sendPage(
        reply,
        erasePage({ title: 'Erase your data', ...tools.context(programme), token, id: record.id }),
      );
    } catch (error) {
      return failed(reply, error);
    }
  });

  app.post('/me/erase', { schema: pageSchema({}) }, async (request, reply) => {
    const token = field(formBody(request.body), 'token') ?? '';
    try {
      const { record, programme } = await load(token);
      const { erasedAt } = await service.erase(record.id, OWN);
      request.log.info({ profileId: record.id }, 'profile erased (page)');
      return sendPage(
        reply,
        erasedPage({
          title: 'Your data has been erased',
          ...tools.context(programme),
          erasedOn: new Date(erasedAt).toLocaleDateString('en-GB', {
            day: 'numeric',
            month: 'long',
            year: 'numeric',
            timeZone: 'Europe/London',
          }),
        }),
      );
    } catch (error) {
      return failed(reply, error);
    }
  });
}
