// The coordinator's pages. Same layout as every Belong page (language, landmarks, one h1, visible
// focus), wider for tables and charts. Charts are inline SVG with a <title> and <desc>, numbers
// written on the bars, and the same figures in a table; no JavaScript (the publishing page
// refreshes itself with a meta refresh).
import { pageTemplate } from '@belong/kit';
import type { BarChart } from './charts.ts';

const nav = `
<nav aria-label="Coordinator">
  <ul class="actions" style="list-style: none; padding: 0; margin: 0 0 1rem;">
    {{#if nav.programmes}}<li><a href="/coordinator">All programmes</a></li>{{/if}}
    {{#if nav.programmeId}}<li><a href="/coordinator/programmes/{{nav.programmeId}}">Programme overview</a></li>{{/if}}
    <li><form method="post" action="/coordinator/sign-out" style="margin: 0;">
      <input type="hidden" name="csrf" value="{{nav.csrf}}">
      <button type="submit" class="secondary" style="padding: .35rem .9rem; min-height: 36px;">Sign out</button>
    </form></li>
  </ul>
</nav>`;

export interface NavView {
  csrf: string;
  programmes: boolean;
  programmeId?: string | undefined;
}

const chart = (name: string) => `
<figure aria-labelledby="{{${name}.id}}-caption">
  <figcaption id="{{${name}.id}}-caption">{{${name}.title}}</figcaption>
  <svg role="img" aria-labelledby="{{${name}.id}}-title {{${name}.id}}-desc" viewBox="0 0 {{${name}.width}} {{${name}.height}}" xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif" font-size="13">
    <title id="{{${name}.id}}-title">{{${name}.title}}</title>
    <desc id="{{${name}.id}}-desc">{{${name}.desc}}</desc>
    {{#each ${name}.ticks}}<line x1="{{../${name}.left}}" x2="{{../${name}.right}}" y1="{{y}}" y2="{{y}}" stroke="#d5dde4" stroke-width="1"/>
    <text x="{{../${name}.left}}" dx="-8" y="{{y}}" dy="4" text-anchor="end" fill="#4a5866">{{label}}</text>{{/each}}
    {{#each ${name}.bars}}<rect x="{{x}}" y="{{y}}" width="{{width}}" height="{{height}}" fill="#0b5d7a"/>
    <text x="{{centre}}" y="{{valueY}}" text-anchor="middle" fill="#1d2733" font-weight="600">{{value}}</text>
    <text x="{{centre}}" y="{{../${name}.labelY}}" text-anchor="middle" fill="#1d2733">{{label}}</text>{{/each}}
    <line x1="{{${name}.left}}" x2="{{${name}.right}}" y1="{{${name}.baseline}}" y2="{{${name}.baseline}}" stroke="#1d2733" stroke-width="1.5"/>
    <text x="{{${name}.xTitleX}}" y="{{${name}.xTitleY}}" text-anchor="middle" fill="#4a5866">{{${name}.xTitle}}</text>
    <text x="14" y="{{${name}.top}}" dy="-8" fill="#4a5866">{{${name}.yTitle}}</text>
  </svg>
  <div class="table-wrap" role="region" tabindex="0" aria-label="{{${name}.table.caption}} (table)">
  <table>
    <caption>{{${name}.table.caption}} (the figures in the chart)</caption>
    <thead><tr><th scope="col">{{${name}.table.columns.[0]}}</th><th scope="col" class="num">{{${name}.table.columns.[1]}}</th></tr></thead>
    <tbody>{{#each ${name}.table.rows}}<tr><th scope="row">{{label}}</th><td class="num">{{value}}</td></tr>{{/each}}</tbody>
  </table>
  </div>
</figure>`;

export const signInPage = pageTemplate<{ error?: string | undefined }>(`
<h1>Sign in to coordinate</h1>
<p>Here you can see how your programme is doing, work out a cohort round, look at its quality
report before anyone is told, publish it, and download the matches.</p>
{{#if error}}
<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
  <h2 id="error-summary-title">You are not signed in</h2>
  <ul><li><a href="#key">{{error}}</a></li></ul>
</div>
{{/if}}
<form method="post" action="/coordinator/sign-in" novalidate>
  <div class="question{{#if error}} has-error{{/if}}">
    <label for="key">Your API key</label>
    <span class="hint" id="key-hint">It starts with <code>blg_</code>. Ask your Belong administrator for a key with
    <strong>matches:read</strong> (to look) and <strong>matches:write</strong> (to run and publish rounds).</span>
    {{#if error}}<span class="error-message" id="key-error"><span class="visually-hidden">Error:</span> {{error}}</span>{{/if}}
    <input type="password" id="key" name="key" autocomplete="off" spellcheck="false" aria-describedby="key-hint{{#if error}} key-error{{/if}}">
  </div>
  <button type="submit">Sign in</button>
</form>
<p class="muted">We keep you signed in on this browser for up to 8 hours, or until you sign out.
Your key itself is not stored in the browser.</p>
`);

export const programmesPage = pageTemplate<{
  nav: NavView;
  programmes: { id: string; name: string; mode: string; status: string }[];
}>(`
${nav}
<h1>Your programmes</h1>
{{#if programmes.length}}
<div class="table-wrap" role="region" tabindex="0" aria-label="Programmes known to matching (table)"><table>
  <caption>Programmes known to matching</caption>
  <thead><tr><th scope="col">Programme</th><th scope="col">How people are matched</th><th scope="col">Status</th></tr></thead>
  <tbody>{{#each programmes}}<tr><td><a href="/coordinator/programmes/{{id}}">{{name}}</a></td><td>{{mode}}</td><td>{{status}}</td></tr>{{/each}}</tbody>
</table></div>
{{else}}<p>No programmes yet. A programme appears here once it has been created.</p>{{/if}}
`);

export interface OverviewView {
  nav: NavView;
  programmeId: string;
  name: string;
  mode: string;
  status: string;
  cohort: boolean;
  people: { label: string; active: number; paused: number }[];
  waiting: number;
  matchCounts: { label: string; value: number }[];
  canWrite: boolean;
  csrf: string;
  rounds: { id: string; created: string; status: string; matched: string }[];
  latest: { mentee: string; mentor: string; status: string; score: string; proposed: string }[];
  error?: string | undefined;
}

export const overviewPage = pageTemplate<OverviewView>(`
${nav}
<h1>{{name}}</h1>
<p>People are matched by <strong>{{mode}}</strong>. The programme is <strong>{{status}}</strong>.</p>
{{#if error}}<div class="card bad" role="alert"><p>{{error}}</p></div>{{/if}}
<ul class="stats">
  {{#each people}}<li><strong>{{active}}</strong> active {{label}}{{#if paused}} ({{paused}} paused){{/if}}</li>{{/each}}
  <li><strong>{{waiting}}</strong> mentee{{#if (eq waiting 1)}}{{else}}s{{/if}} waiting for a match</li>
</ul>
<h2>Matches</h2>
<div class="table-wrap" role="region" tabindex="0" aria-label="Matches by where they stand (table)"><table>
  <caption>Matches by where they stand</caption>
  <thead><tr><th scope="col">Matches</th><th scope="col" class="num">Number</th></tr></thead>
  <tbody>{{#each matchCounts}}<tr><th scope="row">{{label}}</th><td class="num">{{value}}</td></tr>{{/each}}</tbody>
</table></div>
<p><a href="/coordinator/programmes/{{programmeId}}/matches.csv" download>Download every match as a spreadsheet (CSV)</a></p>

<h2>Run a cohort round</h2>
{{#if canWrite}}
<p>We work out the best pairs for every active mentee who is waiting, at once, and show you the
report. <strong>Nobody is told anything until you publish.</strong>{{#unless cohort}} This programme
usually matches people as they come; a round is still useful to catch up with mentees who are waiting.{{/unless}}</p>
<form method="post" action="/coordinator/programmes/{{programmeId}}/rounds">
  <input type="hidden" name="csrf" value="{{csrf}}">
  <fieldset>
    <legend>Options (both optional)</legend>
    <div class="choice"><input type="checkbox" id="maximise-matched" name="maximiseMatched" value="yes" aria-describedby="maximise-matched-hint"><div><label for="maximise-matched">Match as many mentees as possible first</label><span class="hint" id="maximise-matched-hint">Then the best total score among those.</span></div></div>
    <div class="choice"><input type="checkbox" id="stable" name="stable" value="yes" aria-describedby="stable-hint"><div><label for="stable">Make the round stable</label><span class="hint" id="stable-hint">No mentee and mentor would both rather have each other than what they were given.</span></div></div>
  </fieldset>
  <button type="submit">Work out a round</button>
</form>
{{else}}
<p>Your key can look but not run rounds: it needs <strong>matches:write</strong> for that.</p>
{{/if}}

<h2>Recent rounds</h2>
{{#if rounds.length}}
<div class="table-wrap" role="region" tabindex="0" aria-label="The last rounds, newest first (table)"><table>
  <caption>The last rounds, newest first</caption>
  <thead><tr><th scope="col">Worked out</th><th scope="col">Status</th><th scope="col">Mentees matched</th><th scope="col">Report</th></tr></thead>
  <tbody>{{#each rounds}}<tr><td>{{created}}</td><td>{{status}}</td><td>{{matched}}</td><td><a href="/coordinator/rounds/{{id}}">Report<span class="visually-hidden"> for the round of {{created}}</span></a></td></tr>{{/each}}</tbody>
</table></div>
{{else}}<p>No rounds yet.</p>{{/if}}

<h2>Latest matches</h2>
{{#if latest.length}}
<div class="table-wrap" role="region" tabindex="0" aria-label="The ten most recent matches (table)"><table>
  <caption>The ten most recent matches</caption>
  <thead><tr><th scope="col">Mentee</th><th scope="col">Mentor</th><th scope="col">Status</th><th scope="col" class="num">Score</th><th scope="col">Proposed</th></tr></thead>
  <tbody>{{#each latest}}<tr><td>{{mentee}}</td><td>{{mentor}}</td><td>{{status}}</td><td class="num">{{score}}</td><td>{{proposed}}</td></tr>{{/each}}</tbody>
</table></div>
{{else}}<p>No matches yet.</p>{{/if}}
`);

export interface RoundView {
  nav: NavView;
  roundId: string;
  created: string;
  status: string;
  preview: boolean;
  publishing: boolean;
  published: boolean;
  method: string;
  canWrite: boolean;
  csrf: string;
  stats: { value: string; label: string }[];
  scoreChart: BarChart;
  loadChart: BarChart;
  unmatched: { name: string; reason: string }[];
  pairs: { mentee: string; mentor: string; score: string }[];
  progress?: { done: number; total: number; proposed: number; percent: number } | undefined;
  skipped: { name: string; reason: string }[];
  publishedOn?: string | undefined;
  programmeId: string;
  error?: string | undefined;
}

export const roundPage = pageTemplate<RoundView>(`
${nav}
<h1>Cohort round of {{created}}</h1>
<p>This round is <strong>{{status}}</strong>. Method: {{method}}.</p>
{{#if error}}<div class="card bad" role="alert"><p>{{error}}</p></div>{{/if}}
{{#if publishing}}
<div class="card notice" role="status">
  <p><label for="publish-progress">Proposing the pairs: {{progress.done}} of {{progress.total}} done</label></p>
  <progress id="publish-progress" max="{{progress.total}}" value="{{progress.done}}">{{progress.percent}}%</progress>
  <p class="muted">This page refreshes itself every 2 seconds until it is finished. You can leave it: publishing carries on.</p>
</div>
{{/if}}
{{#if published}}
<div class="card ok">
  <p>Published on {{publishedOn}}: {{progress.proposed}} of {{progress.total}} pairs proposed. Everyone proposed has been emailed with the reasons for their match.</p>
  {{#if skipped.length}}<p>{{skipped.length}} could not be proposed any more:</p>
  <ul class="reasons">{{#each skipped}}<li>{{name}}: {{reason}}</li>{{/each}}</ul>{{/if}}
  <p><a href="/coordinator/programmes/{{programmeId}}/matches.csv" download>Download every match as a spreadsheet (CSV)</a></p>
</div>
{{/if}}
{{#if preview}}
<div class="card notice">
  <p><strong>Nothing has been sent yet.</strong> Look at the report below; when you are happy,
  publish the round and every pair is proposed (each person gets an email with the reasons).</p>
  {{#if canWrite}}
  <form method="post" action="/coordinator/rounds/{{roundId}}/publish">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <button type="submit">Publish this round</button>
  </form>
  {{else}}<p>Your key cannot publish: it needs <strong>matches:write</strong>.</p>{{/if}}
</div>
{{/if}}

<h2>The round in numbers</h2>
<ul class="stats">{{#each stats}}<li><strong>{{value}}</strong> {{label}}</li>{{/each}}</ul>

<h2>Scores</h2>
${chart('scoreChart')}
<h2>Mentor load</h2>
${chart('loadChart')}

<h2>Mentees without a match in this round</h2>
{{#if unmatched.length}}
<div class="table-wrap" role="region" tabindex="0" aria-label="Who is not matched, and why (table)"><table>
  <caption>Who is not matched, and why</caption>
  <thead><tr><th scope="col">Mentee</th><th scope="col">Why</th></tr></thead>
  <tbody>{{#each unmatched}}<tr><td>{{name}}</td><td>{{reason}}</td></tr>{{/each}}</tbody>
</table></div>
{{else}}<p>Every mentee in the round has a match.</p>{{/if}}

<h2>The pairs</h2>
{{#if pairs.length}}
<div class="table-wrap" role="region" tabindex="0" aria-label="Every proposed pair, best score first (table)"><table>
  <caption>Every proposed pair, best score first</caption>
  <thead><tr><th scope="col">Mentee</th><th scope="col">Mentor</th><th scope="col" class="num">Score</th></tr></thead>
  <tbody>{{#each pairs}}<tr><td>{{mentee}}</td><td>{{mentor}}</td><td class="num">{{score}}</td></tr>{{/each}}</tbody>
</table></div>
{{else}}<p>No pairs could be made.</p>{{/if}}
`);

export const coordinatorMessagePage = pageTemplate<{
  heading: string;
  message: string;
  nav?: NavView | undefined;
}>(`
{{#if nav}}${nav}{{/if}}
<h1>{{heading}}</h1>
<div class="card bad"><p>{{message}}</p></div>
<p><a href="/coordinator">Back to the start</a></p>
`);
