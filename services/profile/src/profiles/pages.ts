// The page the confirmation link opens. GET only shows (mail scanners open links), the button
// posts and confirms. Works without JavaScript; every value is escaped by the templates.
import {
  acceptForms,
  type HttpError,
  type KitApp,
  pageTemplate,
  sendPage,
  type TokenPrincipal,
} from '@belong/kit';
import { Type } from '@sinclair/typebox';
import { createProgrammeRepository } from '../programmes/repository.ts';
import { isLive } from './domain.ts';
import type { ProfileService } from './service.ts';

const confirmPage = pageTemplate<{ name: string; email: string; role: string; token: string }>(`
<h1>Confirm your email address</h1>
<div class="card notice">
  <p>Hello {{name}}. You signed up to {{programme}} as a <strong>{{role}}</strong> with
  <strong>{{email}}</strong>.</p>
  <p>Please confirm that this address is yours. Until you do, we will not suggest you to anyone.</p>
</div>
<form method="post" action="/verify">
  <input type="hidden" name="token" value="{{token}}">
  <button type="submit">Yes, this is my address</button>
</form>
<p class="muted">If you did not sign up, you can ignore this page: nothing happens unless the button is pressed.</p>
`);

const donePage = pageTemplate<{ name: string; role: string; already: boolean }>(`
<h1>{{#if already}}Your address is already confirmed{{else}}Thank you, {{name}}: you are in{{/if}}</h1>
<div class="card ok">
  <p>Your address is confirmed and your answers are with {{programme}}.</p>
  {{#if (eq role "mentee")}}<p>We will email you as soon as we have found a mentor who suits what you would like to grow in, with the reasons we think you would work well together.</p>
  {{else}}<p>We will email you when a mentee would benefit from your experience, with the reasons we suggest them. You decide whether to accept.</p>{{/if}}
  <p>Every email from us has a link to see, change, pause or withdraw your profile.</p>
</div>
`);

const problemPage = pageTemplate<{ heading: string; message: string }>(`
<h1>{{heading}}</h1>
<div class="card bad"><p>{{message}}</p></div>
<p>If you need help, reply to any email from us or contact your programme coordinator.</p>
`);

/** Words for the link problems a person can meet. */
function problemWords(error: unknown): { status: number; heading: string; message: string } {
  const code = (error as HttpError | undefined)?.code;
  if (code === 'AUTH_TOKEN_EXPIRED') {
    return {
      status: 410,
      heading: 'This link has expired',
      message:
        'Confirmation links work for three days. Sign up again with the same address on the programme’s page and we will send you a new one.',
    };
  }
  if (code === 'AUTH_TOKEN_USED') {
    return {
      status: 409,
      heading: 'This link has been used',
      message: 'Your address was confirmed with this link already.',
    };
  }
  if (code === 'PROFILE_NOT_FOUND' || code === 'PROFILE_INVALID_TRANSITION') {
    return {
      status: 404,
      heading: 'We cannot find this sign-up',
      message: 'It may have been withdrawn or erased. You are welcome to sign up again.',
    };
  }
  return {
    status: 400,
    heading: 'This link does not work',
    message:
      'It may have been copied only in part. Please open it again from the email, or copy the whole link.',
  };
}

const TokenBody = Type.Object({ token: Type.String({ minLength: 1, maxLength: 4096 }) });

export function verifyPages(service: ProfileService) {
  return async function pages(instance: KitApp): Promise<void> {
    const app = instance;
    await acceptForms(app);
    const programmes = createProgrammeRepository(app);

    async function context(programmeId: string) {
      const programme = await programmes.get(programmeId);
      return { programme: programme?.name, coordinator: programme?.coordinator };
    }

    app.get(
      '/verify',
      {
        schema: {
          hide: true,
          querystring: Type.Object({ token: Type.Optional(Type.String({ maxLength: 4096 })) }),
        },
      },
      async (request, reply) => {
        try {
          const principal = app.tokens.verify(request.query.token ?? '', { action: 'verify-email' });
          const record = await service.repo.get(principal.profileId);
          if (!isLive(record)) throw Object.assign(new Error('gone'), { code: 'PROFILE_NOT_FOUND' });
          const ctx = await context(record.programmeId);
          if (record.status !== 'pending') {
            return sendPage(
              reply,
              donePage({
                title: 'Already confirmed',
                ...ctx,
                name: record.displayName,
                role: record.role,
                already: true,
              }),
            );
          }
          return sendPage(
            reply,
            confirmPage({
              title: 'Confirm your email address',
              ...ctx,
              name: record.displayName,
              email: record.email,
              role: record.role,
              token: request.query.token ?? '',
            }),
          );
        } catch (error) {
          const words = problemWords(error);
          return sendPage(reply, problemPage({ title: words.heading, ...words }), words.status);
        }
      },
    );

    app.post('/verify', { schema: { hide: true, body: TokenBody } }, async (request, reply) => {
      try {
        const principal = app.tokens.verify(request.body.token, { action: 'verify-email' }) as TokenPrincipal;
        const record = await service.verify(principal);
        request.log.info({ profileId: record.id }, 'email address confirmed (page)');
        const ctx = await context(record.programmeId);
        return sendPage(
          reply,
          donePage({
            title: 'Address confirmed',
            ...ctx,
            name: record.displayName,
            role: record.role,
            already: false,
          }),
        );
      } catch (error) {
        const words = problemWords(error);
        if (words.status === 400 && !(error as HttpError).code) throw error;
        return sendPage(reply, problemPage({ title: words.heading, ...words }), words.status);
      }
    });
  };
}
