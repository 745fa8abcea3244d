// The people-facing pages of the profile service. Every `{{ }}` is escaped by Handlebars; the
// layout (packages/kit/src/pages) gives the language, the landmarks, one readable column and the
// visible focus. Each page has exactly one h1; choice groups are fieldsets with a legend; every
// control has a label; hints and errors are tied to their control with aria-describedby; the
// error summary links to the fields it names. No JavaScript anywhere.
import { pageTemplate } from '@belong/kit';
import type { AnswerLine, ErrorLink, SectionView } from './form.ts';

// ── the questionnaire form (sign-up and change) ──────────────────────────────────────────────

export interface QuestionnaireFormView {
  heading: string;
  intro?: string | undefined;
  action: string;
  hidden: { name: string; value: string }[];
  /** Sign-up asks for name and address; changing asks for the name only. */
  askEmail: boolean;
  email: string;
  displayName: string;
  nameError?: string | undefined;
  emailError?: string | undefined;
  /** Extra words under the email error (already signed up: how to get a new link). */
  duplicate?: { slug: string; role: string; email: string } | undefined;
  sections: SectionView[];
  errorLinks: ErrorLink[];
  problemCount: number;
  oneProblem: boolean;
  submitLabel: string;
  backLink?: { href: string; text: string } | undefined;
}

export const questionnairePage = pageTemplate<QuestionnaireFormView>(`
{{#if errorLinks.length}}
<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
  <h2 id="error-summary-title">{{#if oneProblem}}One answer needs another look{{else}}{{problemCount}} answers need another look{{/if}}</h2>
  <p>Nothing has been saved yet, and everything you wrote is still here.</p>
  <ul>{{#each errorLinks}}<li><a href="{{href}}">{{message}}</a></li>{{/each}}</ul>
  {{#if duplicate}}
  <form method="post" action="/join/{{duplicate.slug}}/resend">
    <input type="hidden" name="role" value="{{duplicate.role}}">
    <input type="hidden" name="email" value="{{duplicate.email}}">
    <p>Signed up already but never confirmed your address? We can send the link again.</p>
    <button type="submit" class="secondary">Send me a new confirmation link</button>
  </form>
  {{/if}}
</div>
{{/if}}
<h1>{{heading}}</h1>
{{#if intro}}<p>{{intro}}</p>{{/if}}
<p class="muted">Questions marked “(optional)” can be left empty; please answer all the others.</p>
<form method="post" action="{{action}}" novalidate>
  {{#each hidden}}<input type="hidden" name="{{name}}" value="{{value}}">{{/each}}
  <h2>{{#if askEmail}}Your name and email address{{else}}Your name{{/if}}</h2>
  <div class="question{{#if nameError}} has-error{{/if}}">
    <label for="display-name">Your name</label>
    <span class="hint" id="display-name-hint">How you would like to be addressed. We share it with the people we suggest you to.</span>
    {{#if nameError}}<span class="error-message" id="display-name-error"><span class="visually-hidden">Error:</span> {{nameError}}</span>{{/if}}
    <input type="text" id="display-name" name="displayName" value="{{displayName}}" autocomplete="name" maxlength="120" aria-describedby="display-name-hint{{#if nameError}} display-name-error{{/if}}">
  </div>
  {{#if askEmail}}
  <div class="question{{#if emailError}} has-error{{/if}}">
    <label for="email">Your email address</label>
    <span class="hint" id="email-hint">We will send a link to confirm it is yours, and write to you here about your matches.</span>
    {{#if emailError}}<span class="error-message" id="email-error"><span class="visually-hidden">Error:</span> {{emailError}}</span>{{/if}}
    <input type="email" id="email" name="email" value="{{email}}" autocomplete="email" spellcheck="false" maxlength="254" aria-describedby="email-hint{{#if emailError}} email-error{{/if}}">
  </div>
  {{else}}
  <p>Your email address is <strong>{{email}}</strong>. To use another address, withdraw and sign up again with it.</p>
  {{/if}}
  {{#each sections}}
  <h2 id="section-{{id}}">{{title}}</h2>
  {{#if description}}<p class="muted">{{description}}</p>{{/if}}
  {{#each questions}}
  <div class="question{{#if errors.length}} has-error{{/if}}">
  {{#if group}}
    <fieldset{{#if describedBy}} aria-describedby="{{describedBy}}"{{/if}}>
      <legend>{{label}}{{#unless required}} (optional){{/unless}}</legend>
      {{#if help}}<span class="hint" id="{{hintId}}">{{help}}</span>{{/if}}
      {{#if extraHint}}<span class="hint" id="q-{{id}}--extra">{{extraHint}}</span>{{/if}}
      {{#if errors.length}}<span class="error-message" id="{{errorId}}"><span class="visually-hidden">Error:</span> {{#each errors}}{{this}} {{/each}}</span>{{/if}}
      {{#if (eq kind "radios")}}{{#each options}}
      <div class="choice"><input type="radio" id="{{id}}" name="{{../name}}" value="{{value}}"{{#if checked}} checked{{/if}}{{#if hintId}} aria-describedby="{{hintId}}"{{/if}}><div><label for="{{id}}">{{label}}</label>{{#if help}}<span class="hint" id="{{hintId}}">{{help}}</span>{{/if}}</div></div>
      {{/each}}{{/if}}
      {{#if (eq kind "checkboxes")}}{{#each options}}
      <div class="choice"><input type="checkbox" id="{{id}}" name="{{../name}}" value="{{value}}"{{#if checked}} checked{{/if}}{{#if hintId}} aria-describedby="{{hintId}}"{{/if}}><div><label for="{{id}}">{{label}}</label>{{#if help}}<span class="hint" id="{{hintId}}">{{help}}</span>{{/if}}</div></div>
      {{/each}}{{/if}}
      {{#if (eq kind "ranked")}}<div class="ranked">{{#each ranks}}
      <label for="{{id}}">{{label}}</label>
      <select id="{{id}}" name="{{name}}"><option value="">No choice</option>{{#each options}}<option value="{{value}}"{{#if selected}} selected{{/if}}>{{label}}</option>{{/each}}</select>
      {{/each}}</div>{{/if}}
      {{#if (eq kind "consent")}}
      <div class="choice"><input type="checkbox" id="{{controlId}}" name="{{name}}" value="yes"{{#if checked}} checked{{/if}}><label for="{{controlId}}">{{statement}}</label></div>
      {{/if}}
    </fieldset>
  {{else}}
    <label for="{{controlId}}">{{label}}{{#unless required}} (optional){{/unless}}</label>
    {{#if help}}<span class="hint" id="{{hintId}}">{{help}}</span>{{/if}}
    {{#if extraHint}}<span class="hint" id="q-{{id}}--extra">{{extraHint}}</span>{{/if}}
    {{#if errors.length}}<span class="error-message" id="{{errorId}}"><span class="visually-hidden">Error:</span> {{#each errors}}{{this}} {{/each}}</span>{{/if}}
    {{#if (eq kind "text")}}<input type="text" id="{{controlId}}" name="{{name}}" value="{{value}}"{{#if maxLength}} maxlength="{{maxLength}}"{{/if}}{{#if describedBy}} aria-describedby="{{describedBy}}"{{/if}}>{{/if}}
    {{#if (eq kind "textarea")}}<textarea id="{{controlId}}" name="{{name}}" rows="{{rows}}"{{#if maxLength}} maxlength="{{maxLength}}"{{/if}}{{#if describedBy}} aria-describedby="{{describedBy}}"{{/if}}>{{value}}</textarea>{{/if}}
    {{#if (eq kind "select")}}<select id="{{controlId}}" name="{{name}}"{{#if describedBy}} aria-describedby="{{describedBy}}"{{/if}}><option value="">Please choose</option>{{#each selectOptions}}<option value="{{value}}"{{#if selected}} selected{{/if}}>{{label}}</option>{{/each}}</select>{{/if}}
    {{#if (eq kind "timezone")}}<select id="{{controlId}}" name="{{name}}"{{#if describedBy}} aria-describedby="{{describedBy}}"{{/if}}><option value="">Please choose a time zone</option><optgroup label="Most people in the UK">{{#each popularZones}}<option value="{{value}}"{{#if selected}} selected{{/if}}>{{label}}</option>{{/each}}</optgroup><optgroup label="Every time zone, A to Z">{{#each selectOptions}}<option value="{{value}}"{{#if selected}} selected{{/if}}>{{label}}</option>{{/each}}</optgroup></select>{{/if}}
  {{/if}}
  </div>
  {{/each}}
  {{/each}}
  <p><button type="submit">{{submitLabel}}</button></p>
</form>
{{#if backLink}}<p><a href="{{backLink.href}}">{{backLink.text}}</a></p>{{/if}}
`);

// ── joining ──────────────────────────────────────────────────────────────────────────────────

export const landingPage = pageTemplate<{
  name: string;
  description: string;
  coordinatorName: string;
  slug: string;
}>(`
<h1>{{name}}</h1>
{{#if description}}<p>{{description}}</p>{{/if}}
<p>This mentoring programme is run by {{coordinatorName}}. Mentors and mentees are matched on what
they would like to share and to learn, how they like to meet and how much time they have, and
every suggestion comes with the reasons for it.</p>
<h2>How would you like to take part?</h2>
<div class="card">
  <p><a href="/join/{{slug}}/mentee"><strong>I would like a mentor</strong></a></p>
  <p class="muted">Tell us what you would like to grow in; we will suggest a mentor whose experience fits.</p>
</div>
<div class="card">
  <p><a href="/join/{{slug}}/mentor"><strong>I would like to mentor</strong></a></p>
  <p class="muted">Tell us where you can help; we will suggest mentees you are well placed to support. You decide whether to accept.</p>
</div>
<p class="muted">Either takes about ten minutes. We then email you a link to confirm your address, and
nobody is suggested to anyone before that.</p>
`);

export const closedPage = pageTemplate<{ name: string; coordinatorName: string; coordinatorEmail: string }>(`
<h1>{{name}} is not taking sign-ups at the moment</h1>
<div class="card notice">
  <p>Sign-ups for this programme have closed. If you would like to take part next time, or have a
  question, please write to {{coordinatorName}} at <a href="mailto:{{coordinatorEmail}}">{{coordinatorEmail}}</a>.</p>
</div>
<p>Already taking part? The “Manage my profile” link at the foot of any email from us still lets
you see, change, pause or withdraw your profile.</p>
`);

export const checkEmailPage = pageTemplate<{
  slug: string;
  role: string;
  nextStep: string;
  linkLifetime: string;
  resent: boolean;
  email: string;
  emailError?: string | undefined;
}>(`
<h1>Check your email</h1>
{{#if resent}}<div class="card notice" role="status">
  <p>If this address is waiting to be confirmed, a new link is on its way. Please check your inbox and your spam or junk folder.</p>
</div>{{/if}}
<div class="card ok">
  <p>Thank you: your answers are safely with us. We have sent an email with a link to the address
  you gave. Please open it and press the button on the page it opens to confirm that the address is yours.</p>
</div>
<h2>What happens next</h2>
<ol>
  <li>Open the email from {{#if programme}}{{programme}}{{else}}us{{/if}} and follow the link.</li>
  <li>Confirm your address on the page it opens. Until you do, we will not suggest you to anyone.</li>
  <li>{{nextStep}}</li>
</ol>
<p>The link works for {{linkLifetime}}. Every email from us also has a link to see, change, pause or
withdraw your profile.</p>
<h2>No email?</h2>
<p>It can take a few minutes, and it may be in your spam or junk folder. If it has not arrived, or
the link has expired, we can send a new one.</p>
<form method="post" action="/join/{{slug}}/resend" novalidate>
  {{#if role}}<input type="hidden" name="role" value="{{role}}">{{/if}}
  <div class="question{{#if emailError}} has-error{{/if}}">
    <label for="resend-email">Your email address</label>
    <span class="hint" id="resend-email-hint">The address you signed up with.</span>
    {{#if emailError}}<span class="error-message" id="resend-email-error"><span class="visually-hidden">Error:</span> {{emailError}}</span>{{/if}}
    <input type="email" id="resend-email" name="email" value="{{email}}" autocomplete="email" spellcheck="false" aria-describedby="resend-email-hint{{#if emailError}} resend-email-error{{/if}}">
  </div>
  <button type="submit" class="secondary">Send me a new link</button>
</form>
`);

// ── the person's own pages ───────────────────────────────────────────────────────────────────

export interface ProfileView {
  id: string;
  token: string;
  name: string;
  email: string;
  role: string;
  status: string;
  statusWords: string;
  notice?: string | undefined;
  answers: AnswerLine[];
  withdrawn: boolean;
  canEdit: boolean;
  canPause: boolean;
  canResume: boolean;
  canWithdraw: boolean;
}

export const profilePage = pageTemplate<ProfileView>(`
<h1>Your profile</h1>
{{#if notice}}<div class="card ok" role="status"><p>{{notice}}</p></div>{{/if}}
<div class="card notice">
  <p>Hello {{name}}. You take part in {{#if programme}}{{programme}}{{else}}this programme{{/if}} as a <strong>{{role}}</strong>.</p>
  <p><strong>Your profile is {{statusWords}}</strong></p>
</div>
<h2>Your answers</h2>
<dl class="answers">
  <dt>Name</dt><dd>{{name}}</dd>
  <dt>Email address</dt><dd>{{email}}</dd>
  {{#each answers}}<dt>{{label}}</dt><dd>{{#each lines}}{{this}}
{{/each}}</dd>{{/each}}
</dl>
{{#if withdrawn}}<p>Your answers were deleted when you withdrew. Your name and address stay until you
erase them, so that you can still download or erase your data.</p>{{/if}}
{{#if canEdit}}<p><a href="/me/edit?token={{token}}">Change your name or answers</a></p>{{/if}}
{{#if canPause}}
<h2>Take a break</h2>
<form method="post" action="/me/pause">
  <input type="hidden" name="token" value="{{token}}">
  <p>Busy for a while? Pausing keeps your answers, and we will not suggest you for any new match until you resume.</p>
  <button type="submit" class="secondary">Pause my profile</button>
</form>
{{/if}}
{{#if canResume}}
<h2>Come back</h2>
<form method="post" action="/me/resume">
  <input type="hidden" name="token" value="{{token}}">
  <p>Your profile is paused. Resume when you are ready, and we will suggest matches again.</p>
  <button type="submit">Resume my profile</button>
</form>
{{/if}}
{{#if canWithdraw}}
<h2>Leave the programme</h2>
<p>You can leave at any time. <a href="/me/withdraw?token={{token}}">Withdraw from the programme</a></p>
{{/if}}
<h2>Your data</h2>
<ul>
  <li><a href="/profiles/{{id}}/export?token={{token}}" download>Download everything we hold about you</a> (a JSON file you can open in any text editor)</li>
  <li><a href="/me/erase?token={{token}}">Erase your data</a></li>
</ul>
`);

export const withdrawPage = pageTemplate<{
  token: string;
  reasonError?: string | undefined;
  reason: string;
}>(`
<h1>Withdraw from {{#if programme}}{{programme}}{{else}}the programme{{/if}}?</h1>
<div class="card notice">
  <p>If you withdraw:</p>
  <ul class="reasons">
    <li>we will not suggest you to anyone again, and any match you have ends;</li>
    <li>your answers are deleted, as we promised when you agreed to take part;</li>
    <li>your name and email address stay until you erase them, so that you can still download or erase your data;</li>
    <li>you are welcome to sign up again later.</li>
  </ul>
</div>
<form method="post" action="/me/withdraw">
  <input type="hidden" name="token" value="{{token}}">
  <div class="question{{#if reasonError}} has-error{{/if}}">
    <label for="reason">Would you like to tell the coordinator why? (optional)</label>
    <span class="hint" id="reason-hint">Only the coordinator sees this. Up to 1,000 characters.</span>
    {{#if reasonError}}<span class="error-message" id="reason-error"><span class="visually-hidden">Error:</span> {{reasonError}}</span>{{/if}}
    <textarea id="reason" name="reason" maxlength="1000" aria-describedby="reason-hint{{#if reasonError}} reason-error{{/if}}">{{reason}}</textarea>
  </div>
  <div class="actions">
    <button type="submit">Yes, withdraw me</button>
  </div>
</form>
<p><a href="/me?token={{token}}">No, take me back to my profile</a></p>
`);

export const erasePage = pageTemplate<{ token: string; id: string }>(`
<h1>Erase your data?</h1>
<div class="card bad">
  <p>This deletes your name, your email address, your answers and the record of your consent. We
  also tell the other parts of Belong to delete what they hold about you: your matches and the
  emails we sent you.</p>
  <p><strong>It cannot be undone.</strong> If you would like to take part again later, you would sign up afresh.</p>
</div>
<p>You may want to <a href="/profiles/{{id}}/export?token={{token}}" download>download your data</a> first.</p>
<form method="post" action="/me/erase">
  <input type="hidden" name="token" value="{{token}}">
  <button type="submit">Yes, erase everything</button>
</form>
<p><a href="/me?token={{token}}">No, take me back to my profile</a></p>
`);

export const erasedPage = pageTemplate<{ erasedOn: string }>(`
<h1>Your data has been erased</h1>
<div class="card ok">
  <p>On {{erasedOn}} we deleted your name, email address, answers and consent record. The other parts
  of Belong have been told to delete your matches and the emails we sent you.</p>
  <p>What remains is a record with no personal details, which only stops its number being used again.</p>
</div>
<p>The links in our earlier emails no longer work. Thank you for taking part.</p>
`);

export const messagePage = pageTemplate<{ heading: string; message: string; tone: 'ok' | 'bad' | 'notice' }>(`
<h1>{{heading}}</h1>
<div class="card {{tone}}"><p>{{message}}</p></div>
{{#if (eq tone "bad")}}<p>If you need help, reply to any email from us or contact your programme coordinator.</p>{{/if}}
`);
