// Joining a programme: its landing page, the questionnaire for the chosen role, and "check your
// email". Draft programmes do not exist for people (404); closed ones say so kindly and whom to
// ask. A form with problems comes back with every answer kept, an error summary that links to
// each question, and the message next to the question.
import type { Answers, Role } from '@belong/contracts';
import { type HttpError, sendPage } from '@belong/kit';
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { newProfileId } from '../profiles/repository.ts';
import type { Programme } from '../programmes/schemas.ts';
import { validateAnswers } from '../questionnaires/answers.ts';
import type { PublishedQuestionnaire } from '../questionnaires/store.ts';
import {
  EMAIL_FIELD,
  emailError,
  errorsByQuestion,
  type FormBody,
  field,
  formBody,
  formView,
  NAME_FIELD,
  nameError,
  readAnswers,
} from './form.ts';
import { codeOf, isRole, type PageTools, pageSchema } from './shared.ts';
import { checkEmailPage, closedPage, landingPage, questionnairePage } from './templates.ts';

const SlugParams = Type.Object({ slug: Type.String({ maxLength: 100 }) });
const RoleParams = Type.Object({
  slug: Type.String({ maxLength: 100 }),
  role: Type.String({ maxLength: 20 }),
});

/** "3 days", "36 hours": how long a confirmation link works, in words. */
export function lifetimeInWords(seconds: number): string {
  const hours = Math.round(seconds / 3600);
  if (hours >= 48 && hours % 24 === 0) return `${hours / 24} days`;
  if (hours === 24) return '24 hours';
  if (hours >= 1) return `${hours} hour${hours === 1 ? '' : 's'}`;
  const minutes = Math.max(1, Math.round(seconds / 60));
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** What happens after confirming, for the role (or for either). */
function nextStep(role: string | undefined): string {
  if (role === 'mentee')
    return 'We email you as soon as we have found a mentor who suits what you would like to grow in, with the reasons we suggest them.';
  if (role === 'mentor')
    return 'We email you when a mentee would benefit from your experience, with the reasons we suggest them. You decide whether to accept.';
  return 'We email you when we have found a match for you, with the reasons we suggest it.';
}

interface FormState {
  displayName: string;
  email: string;
  answers: Answers;
  nameError?: string | undefined;
  emailError?: string | undefined;
  answerErrors?: Map<string, string[]>;
  duplicate?: boolean;
}

export async function joinRoutes(tools: PageTools): Promise<void> {
  const { app, service, programmes } = tools;

  /** The programme behind a slug as people may see it: open, closed, or not there (draft, unknown). */
  async function programmeOf(slug: string): Promise<Programme | null> {
    if (!/^[a-z0-9-]{1,100}$/.test(slug)) return null;
    const programme = await programmes.getBySlug(slug);
    return programme && programme.status !== 'draft' ? programme : null;
  }

  function notFound(reply: FastifyReply) {
    return tools.problem(
      reply,
      404,
      'We cannot find this programme',
      'The address may be mistyped, or the programme may not have opened yet. Please check the link you were given, or ask the person who sent it.',
    );
  }

  function closed(reply: FastifyReply, programme: Programme, status = 200) {
    return sendPage(
      reply,
      closedPage({
        title: 'Sign-ups are closed',
        ...tools.context(programme),
        name: programme.name,
        coordinatorName: programme.coordinator.name,
        coordinatorEmail: programme.coordinator.email,
      }),
      status,
    );
  }

  function renderForm(
    reply: FastifyReply,
    programme: Programme,
    role: Role,
    published: PublishedQuestionnaire,
    state: FormState,
    status = 200,
  ) {
    const { sections, errorLinks } = formView(published.definition, state.answers, state.answerErrors);
    const identityLinks = [
      ...(state.nameError ? [{ href: '#display-name', message: `Your name: ${state.nameError}` }] : []),
      ...(state.emailError ? [{ href: '#email', message: `Your email address: ${state.emailError}` }] : []),
    ];
    const links = [...identityLinks, ...errorLinks];
    const definition = published.definition;
    return sendPage(
      reply,
      questionnairePage({
        title: `${definition.title}: ${programme.name}`,
        ...tools.context(programme),
        errorCount: links.length,
        heading: definition.title,
        intro: definition.intro,
        action: `/join/${programme.slug}/${role}`,
        hidden: [{ name: 'questionnaireVersion', value: String(published.version) }],
        askEmail: true,
        displayName: state.displayName,
        email: state.email,
        nameError: state.nameError,
        emailError: state.emailError,
        duplicate: state.duplicate ? { slug: programme.slug, role, email: state.email.trim() } : undefined,
        sections,
        errorLinks: links,
        problemCount: links.length,
        oneProblem: links.length === 1,
        submitLabel: role === 'mentee' ? 'Send my answers' : 'Offer to mentor',
        backLink: { href: `/join/${programme.slug}`, text: `Back to ${programme.name}` },
      }),
      status,
    );
  }

  app.get('/join/:slug', { schema: pageSchema({ params: SlugParams }) }, async (request, reply) => {
    const programme = await programmeOf(request.params.slug);
    if (!programme) return notFound(reply);
    if (programme.status !== 'open') return closed(reply, programme);
    return sendPage(
      reply,
      landingPage({
        title: programme.name,
        ...tools.context(programme),
        name: programme.name,
        description: programme.description,
        coordinatorName: programme.coordinator.name,
        slug: programme.slug,
      }),
    );
  });

  app.get(
    '/join/:slug/check-email',
    {
      schema: pageSchema({
        params: SlugParams,
        querystring: Type.Object({
          role: Type.Optional(Type.String({ maxLength: 20 })),
          resent: Type.Optional(Type.String({ maxLength: 5 })),
        }),
      }),
    },
    async (request, reply) => {
      const programme = await programmeOf(request.params.slug);
      if (!programme) return notFound(reply);
      const role = isRole(request.query.role) ? request.query.role : '';
      return sendPage(
        reply,
        checkEmailPage({
          title: 'Check your email',
          ...tools.context(programme),
          slug: programme.slug,
          role,
          nextStep: nextStep(role),
          linkLifetime: lifetimeInWords(tools.options.verificationTtlSeconds),
          resent: request.query.resent === '1',
          email: '',
        }),
      );
    },
  );

  app.post('/join/:slug/resend', { schema: pageSchema({ params: SlugParams }) }, async (request, reply) => {
    const programme = await programmeOf(request.params.slug);
    if (!programme) return notFound(reply);
    const body = formBody(request.body);
    const email = (field(body, 'email') ?? '').trim();
    const role = field(body, 'role');
    const problem = emailError(email);
    if (problem) {
      return sendPage(
        reply,
        checkEmailPage({
          title: 'Check your email',
          ...tools.context(programme),
          errorCount: 1,
          slug: programme.slug,
          role: isRole(role) ? role : '',
          nextStep: nextStep(role),
          linkLifetime: lifetimeInWords(tools.options.verificationTtlSeconds),
          resent: false,
          email,
          emailError: problem,
        }),
        400,
      );
    }
    // The same answer whether or not anyone is waiting at this address: nobody learns who signed up.
    const roles: Role[] = isRole(role) ? [role] : ['mentee', 'mentor'];
    for (const each of roles) {
      const sent = await service.resendVerification(programme.id, each, email);
      if (sent) request.log.info({ programmeId: programme.id }, 'verification link sent again (page)');
    }
    return reply
      .code(303)
      .header(
        'location',
        `/join/${programme.slug}/check-email?${isRole(role) ? `role=${role}&` : ''}resent=1`,
      )
      .send();
  });

  app.get('/join/:slug/:role', { schema: pageSchema({ params: RoleParams }) }, async (request, reply) => {
    const programme = await programmeOf(request.params.slug);
    const { role } = request.params;
    if (!programme || !isRole(role)) return notFound(reply);
    if (programme.status !== 'open') return closed(reply, programme);
    const published = await tools.questionnaireFor(programme.id, role, undefined);
    return renderForm(reply, programme, role, published, { displayName: '', email: '', answers: {} });
  });

  app.post('/join/:slug/:role', { schema: pageSchema({ params: RoleParams }) }, async (request, reply) => {
    const programme = await programmeOf(request.params.slug);
    const { role } = request.params;
    if (!programme || !isRole(role)) return notFound(reply);
    if (programme.status !== 'open') return closed(reply, programme, 409);
    const body: FormBody = formBody(request.body);
    const versionField = Number(field(body, 'questionnaireVersion'));
    const version = Number.isInteger(versionField) && versionField >= 1 ? versionField : undefined;
    const published = await tools.questionnaireFor(programme.id, role, version);
    const displayName = field(body, NAME_FIELD) ?? '';
    const email = field(body, EMAIL_FIELD) ?? '';
    const answers = readAnswers(published.definition, body);
    const state: FormState = {
      displayName,
      email,
      answers,
      nameError: nameError(displayName),
      emailError: emailError(email),
    };

    // Name, address and answers are checked together, so the person sees every problem at once.
    const checked = validateAnswers(published.definition, answers);
    if (!checked.ok) state.answerErrors = errorsByQuestion(checked.errors);
    if (state.nameError || state.emailError || !checked.ok) {
      return renderForm(reply, programme, role, published, state, 400);
    }
    try {
      const profile = await service.submit(
        programme.id,
        {
          role,
          displayName: displayName.trim(),
          email: email.trim(),
          answers,
          questionnaireVersion: published.version,
        },
        newProfileId(),
      );
      request.log.info(
        { profileId: profile.id, programmeId: programme.id, role },
        'profile submitted (page)',
      );
      return reply.code(303).header('location', `/join/${programme.slug}/check-email?role=${role}`).send();
    } catch (error) {
      const code = codeOf(error);
      if (code === 'PROFILE_INVALID_ANSWERS') {
        state.answerErrors = errorsByQuestion((error as HttpError).errors);
        return renderForm(reply, programme, role, published, state, 400);
      }
      if (code === 'PROFILE_DUPLICATE') {
        state.emailError = `This address has already signed up as a ${role} to ${programme.name}. If you have not confirmed it yet, we can send you a new confirmation link. If you have, use the “Manage my profile” link in any email from us to change your answers.`;
        state.duplicate = true;
        return renderForm(reply, programme, role, published, state, 409);
      }
      if (code === 'PROFILE_PROGRAMME_NOT_OPEN') return closed(reply, programme, 409);
      throw error;
    }
  });
}
