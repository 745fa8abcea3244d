// Server-rendered pages for people: the pages email links open. Handlebars escapes every `{{ }}`
// value (names, reasons and anything else a person wrote), the layout is one readable column that
// works on a phone, and every page works without JavaScript (forms post; the kit's CSP allows
// forms to this origin only, inline styles, no scripts).
import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply } from 'fastify';
import Handlebars from 'handlebars';

// `{{#if (eq a b)}}`: the one comparison the page templates need.
Handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);

const layout = Handlebars.compile(`<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{#if errorCount}}Error: {{/if}}{{title}} · Belong</title>
{{#if refreshSeconds}}<meta http-equiv="refresh" content="{{refreshSeconds}}">{{/if}}
<style>
  :root { color-scheme: light; --ink: #1d2733; --muted: #4a5866; --accent: #0b5d7a; --line: #d5dde4; --bg: #f6f8fa; --ok: #1f6f43; --bad: #a3261b; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 1.0625rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
  header { background: #fff; border-bottom: 1px solid var(--line); }
  header p { margin: 0 auto; max-width: 40rem; padding: .75rem 1.25rem; font-weight: 600; color: var(--accent); }
  main { margin: 0 auto; max-width: 40rem; padding: 1.5rem 1.25rem 3rem; }
  h1 { font-size: 1.6rem; line-height: 1.25; margin: .5rem 0 1rem; }
  h2 { font-size: 1.2rem; margin: 1.75rem 0 .5rem; }
  .card { background: #fff; border: 1px solid var(--line); border-radius: .5rem; padding: 1rem 1.25rem; margin: 1rem 0; }
  .muted { color: var(--muted); }
  .notice { border-left: .35rem solid var(--accent); }
  .ok { border-left: .35rem solid var(--ok); }
  .bad { border-left: .35rem solid var(--bad); }
  ul.reasons { padding-left: 1.25rem; }
  ul.reasons li { margin: .35rem 0; }
  form { margin: 1rem 0; }
  label { display: block; font-weight: 600; margin: .75rem 0 .25rem; }
  textarea { width: 100%; min-height: 6rem; font: inherit; padding: .5rem; border: 1px solid var(--muted); border-radius: .35rem; }
  button { font: inherit; font-weight: 600; padding: .7rem 1.25rem; border-radius: .4rem; border: 2px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; min-height: 44px; }
  button.secondary { background: #fff; color: var(--accent); }
  button:focus-visible, a:focus-visible, textarea:focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
  a { color: var(--accent); }
  .actions { display: flex; gap: .75rem; flex-wrap: wrap; }
  footer { margin-top: 2.5rem; font-size: .9rem; color: var(--muted); }
  body.wide header p, body.wide main { max-width: 64rem; }
  input[type=text], input[type=email], input[type=password], input[type=number], select { font: inherit; padding: .5rem; border: 1px solid var(--muted); border-radius: .35rem; background: #fff; color: var(--ink); max-width: 100%; min-height: 44px; }
  input[type=text], input[type=email], input[type=password] { width: 100%; }
  input:focus-visible, select:focus-visible, summary:focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
  fieldset { border: 0; padding: 0; margin: 1.25rem 0; min-width: 0; }
  legend { font-weight: 600; padding: 0; margin-bottom: .25rem; }
  .question { margin: 1.5rem 0; }
  .question.has-error { border-left: .3rem solid var(--bad); padding-left: .9rem; }
  .hint { display: block; color: var(--muted); font-weight: 400; margin: .1rem 0 .5rem; }
  .error-message { display: block; color: var(--bad); font-weight: 700; margin: .25rem 0 .5rem; }
  .choice { display: flex; align-items: flex-start; gap: .6rem; margin: .45rem 0; }
  .choice input { width: 1.35rem; height: 1.35rem; margin: .2rem 0 0; flex: none; accent-color: var(--accent); }
  .choice label { display: block; font-weight: 400; margin: 0; }
  .choice .hint { margin: 0; font-size: .95rem; }
  .ranked label { font-weight: 400; }
  .error-summary { background: #fff; border: 3px solid var(--bad); border-radius: .5rem; padding: 1rem 1.25rem; margin: 1rem 0 1.5rem; }
  .error-summary h2 { margin-top: 0; }
  .error-summary a { color: var(--bad); font-weight: 600; }
  .statement { background: #fff; border: 1px solid var(--line); border-radius: .35rem; padding: .75rem 1rem; margin: .5rem 0; }
  table { border-collapse: collapse; width: 100%; background: #fff; margin: .75rem 0 1.25rem; }
  caption { text-align: left; font-weight: 600; padding: .25rem 0 .5rem; }
  th, td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
  .table-wrap { overflow-x: auto; }
  .stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: .75rem; margin: 1rem 0; padding: 0; list-style: none; }
  .stats li { background: #fff; border: 1px solid var(--line); border-radius: .5rem; padding: .75rem 1rem; }
  .stats strong { display: block; font-size: 1.5rem; line-height: 1.2; }
  figure { margin: 1rem 0 1.5rem; background: #fff; border: 1px solid var(--line); border-radius: .5rem; padding: 1rem; }
  figure svg { width: 100%; height: auto; display: block; }
  figcaption { font-weight: 600; margin-bottom: .5rem; }
  dl.answers dt { font-weight: 600; margin-top: .9rem; }
  dl.answers dd { margin: .15rem 0 0; white-space: pre-line; }
  .visually-hidden { position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); border: 0; white-space: nowrap; }
</style>
</head>
<body{{#if wide}} class="wide"{{/if}}>
<header><p>{{#if programme}}{{programme}}{{else}}{{#if site}}{{site}}{{else}}Belong mentoring{{/if}}{{/if}}</p></header>
<main id="main">
{{{body}}}
<footer>{{#if coordinator}}Questions? Write to {{coordinator.name}} at <a href="mailto:{{coordinator.email}}">{{coordinator.email}}</a>.{{else}}Belong — mentoring for professional communities.{{/if}}</footer>
</main>
</body>
</html>`);

export interface PageContext {
  /** The page's title (also the tab's). */
  title: string;
  programme?: string | undefined;
  coordinator?: { name: string; email: string } | undefined;
  /** The header's words when there is no programme (default "Belong mentoring"). */
  site?: string | undefined;
  /** A wider column, for tables and charts (the coordinator's pages). */
  wide?: boolean | undefined;
  /** Reload the page every so many seconds (progress that works without JavaScript). */
  refreshSeconds?: number | undefined;
  /** When a form came back with errors: the title starts "Error:", as screen reader users expect. */
  errorCount?: number | undefined;
}

/** A page template: compiled once, rendered into the layout. */
export function pageTemplate<T extends object>(source: string): (data: T & PageContext) => string {
  const body = Handlebars.compile<T & PageContext>(source, { strict: false });
  return (data) => layout({ ...data, body: body(data) });
}

/** Sends a rendered page (never cached: pages carry link tokens). */
export function sendPage(reply: FastifyReply, html: string, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}

/**
 * Lets the routes of this plugin scope read `application/x-www-form-urlencoded` form posts
 * (16 KiB unless `bodyLimit` says otherwise: a questionnaire with long answers needs more).
 */
export async function acceptForms(app: FastifyInstance, options: { bodyLimit?: number } = {}): Promise<void> {
  await app.register(formbody, { bodyLimit: options.bodyLimit ?? 16_384 });
}
