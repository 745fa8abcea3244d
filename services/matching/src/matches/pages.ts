// The page the accept / decline links in a match email open. GET only shows the match and why
// we suggest it (mail scanners open links); the buttons post the answer. No JavaScript needed;
// every value is escaped by the templates.
import { acceptForms, type HttpError, type KitApp, pageTemplate, sendPage } from '@belong/kit';
import { Type } from '@sinclair/typebox';
import { isOpen, type MatchRecord, type Side } from './domain.ts';
import type { MatchService } from './service.ts';

interface MatchView {
  matchId: string;
  token: string;
  answer: 'accept' | 'decline' | null;
  otherName: string;
  otherRole: string;
  summary: string;
  reasons: string[];
  open: boolean;
  status: string;
  expiresOn: string;
  waitingOnOther: boolean;
}

const respondPage = pageTemplate<MatchView>(`
<h1>{{#if open}}Would you like to work with {{otherName}}?{{else}}Your match with {{otherName}}{{/if}}</h1>
<div class="card notice">
  <p>We suggest {{otherName}} as your {{otherRole}}. {{summary}}</p>
  {{#if reasons.length}}<h2>Why we think you would work well together</h2>
  <ul class="reasons">{{#each reasons}}<li>{{this}}</li>{{/each}}</ul>{{/if}}
</div>
{{#if open}}
  {{#if waitingOnOther}}<p>You have said yes. We are waiting for {{otherName}}; we will email you both as soon as they answer.</p>{{else}}
  <p>Please answer by {{expiresOn}}. Your contact details are shared only when you have both said yes.</p>
  <form method="post" action="/matches/{{matchId}}/respond">
    <input type="hidden" name="token" value="{{token}}">
    <input type="hidden" name="answer" value="accept">
    <button type="submit"{{#if (eq answer "decline")}} class="secondary"{{/if}}>Yes, I would like to work with {{otherName}}</button>
  </form>
  <form method="post" action="/matches/{{matchId}}/respond">
    <input type="hidden" name="token" value="{{token}}">
    <input type="hidden" name="answer" value="decline">
    <label for="reason">If you decline, would you like to tell the coordinator why? (optional)</label>
    <textarea id="reason" name="reason" maxlength="1000"></textarea>
    <p><button type="submit"{{#if (eq answer "decline")}}{{else}} class="secondary"{{/if}}>No, please suggest someone else</button></p>
  </form>
  {{/if}}
{{else}}
  <div class="card"><p>This match is {{status}}. There is nothing to answer.</p></div>
{{/if}}
`);

const resultPage = pageTemplate<{ heading: string; message: string; ok: boolean }>(`
<h1>{{heading}}</h1>
<div class="card {{#if ok}}ok{{else}}bad{{/if}}"><p>{{message}}</p></div>
`);

const statusWords: Record<string, string> = {
  proposed: 'waiting for answers',
  awaiting_mentee: 'waiting for the mentee',
  awaiting_mentor: 'waiting for the mentor',
  active: 'active: you have both said yes',
  declined: 'declined',
  expired: 'closed: nobody answered in time',
  ended: 'ended',
};

function linkProblem(error: unknown): { status: number; heading: string; message: string } {
  const code = (error as HttpError | undefined)?.code;
  if (code === 'AUTH_TOKEN_EXPIRED')
    return {
      status: 410,
      heading: 'This link has expired',
      message: 'Please use the link in our most recent email, or contact your coordinator.',
    };
  if (code === 'MATCH_NOT_FOUND')
    return {
      status: 404,
      heading: 'We cannot find this match',
      message: 'It may have been withdrawn. Your coordinator can tell you more.',
    };
  if (code === 'MATCH_NOT_PARTICIPANT' || code === 'AUTH_TOKEN_WRONG_ACTION')
    return {
      status: 403,
      heading: 'This link is for someone else',
      message: 'Please open the link from your own email.',
    };
  return {
    status: 400,
    heading: 'This link does not work',
    message: 'It may have been copied only in part. Please open it again from the email.',
  };
}

export function respondPages(matches: MatchService) {
  return async function pages(instance: KitApp): Promise<void> {
    const app = instance;
    await acceptForms(app);

    async function load(
      matchId: string,
      token: string,
    ): Promise<{ match: MatchRecord; side: Side; profileId: string }> {
      const principal = app.tokens.verify(token, { action: 'respond-match', resourceId: matchId });
      const match = await matches.get(matchId);
      return { match, side: matches.sideOf(match, principal.profileId), profileId: principal.profileId };
    }

    async function context(programmeId: string) {
      const programme = await matches.pool.programme(programmeId);
      return { programme: programme?.name, coordinator: programme?.coordinator };
    }

    app.get(
      '/matches/:matchId/respond',
      {
        schema: {
          hide: true,
          params: Type.Object({ matchId: Type.String({ maxLength: 64 }) }),
          querystring: Type.Object({
            token: Type.Optional(Type.String({ maxLength: 4096 })),
            answer: Type.Optional(Type.Union([Type.Literal('accept'), Type.Literal('decline')])),
          }),
        },
      },
      async (request, reply) => {
        const token = request.query.token ?? '';
        try {
          const { match, side } = await load(request.params.matchId, token);
          const otherId = side === 'mentee' ? match.mentorId : match.menteeId;
          const other = await matches.pool.person(otherId);
          const mine = side === 'mentee' ? match.menteeAcceptedAt : match.mentorAcceptedAt;
          return sendPage(
            reply,
            respondPage({
              title: 'Your suggested match',
              ...(await context(match.programmeId)),
              matchId: match.id,
              token,
              answer: request.query.answer ?? null,
              otherName: other?.displayName ?? 'your match',
              otherRole: side === 'mentee' ? 'mentor' : 'mentee',
              summary: match.explanation.summary,
              reasons: match.explanation.criteria
                .map((c) => (side === 'mentee' ? c.forMentee : c.forMentor))
                .filter((text) => text.length > 0),
              open: isOpen(match.status),
              status: statusWords[match.status] ?? match.status,
              expiresOn: new Date(match.expiresAt).toLocaleDateString('en-GB', {
                day: 'numeric',
                month: 'long',
                year: 'numeric',
                timeZone: 'Europe/London',
              }),
              waitingOnOther: mine !== null,
            }),
          );
        } catch (error) {
          const words = linkProblem(error);
          return sendPage(reply, resultPage({ title: words.heading, ...words, ok: false }), words.status);
        }
      },
    );

    app.post(
      '/matches/:matchId/respond',
      {
        schema: {
          hide: true,
          params: Type.Object({ matchId: Type.String({ maxLength: 64 }) }),
          body: Type.Object({
            token: Type.String({ minLength: 1, maxLength: 4096 }),
            answer: Type.Union([Type.Literal('accept'), Type.Literal('decline')]),
            reason: Type.Optional(Type.String({ maxLength: 1000 })),
          }),
        },
      },
      async (request, reply) => {
        const { token, answer } = request.body;
        try {
          const { match, side } = await load(request.params.matchId, token);
          const ctx = await context(match.programmeId);
          if (answer === 'accept') {
            const after = await matches.accept(match.id, side);
            const message =
              after.status === 'active'
                ? 'You have both said yes. We are emailing you both an introduction with each other’s contact details.'
                : 'Thank you. We are waiting for the other person to answer and will email you both as soon as they do.';
            return sendPage(
              reply,
              resultPage({
                title: 'Thank you',
                ...ctx,
                heading: 'Thank you for saying yes',
                message,
                ok: true,
              }),
            );
          }
          const reason = request.body.reason?.trim() || null;
          await matches.decline(match.id, side, reason);
          return sendPage(
            reply,
            resultPage({
              title: 'Thank you',
              ...ctx,
              heading: 'Thank you for letting us know',
              message:
                side === 'mentee'
                  ? 'We will look for another mentor for you and email you when we have found one.'
                  : 'We will suggest someone else to them. Thank you for your time.',
              ok: true,
            }),
          );
        } catch (error) {
          if ((error as HttpError).code === 'MATCH_NOT_OPEN') {
            return sendPage(
              reply,
              resultPage({
                title: 'Already answered',
                heading: 'This match has already been answered',
                message: 'There is nothing more to do here.',
                ok: false,
              }),
              409,
            );
          }
          const words = linkProblem(error);
          return sendPage(reply, resultPage({ title: words.heading, ...words, ok: false }), words.status);
        }
      },
    );
  };
}
