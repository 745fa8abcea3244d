import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer, STATUS_CODES } from 'node:http';
import { FaultRuleError, type FaultRules, type NewFaultRule } from './faults.ts';
import type { Address, MessageFilter, MessageRecord, MessageStore } from './store.ts';
import { summarize } from './store.ts';

export const MAX_WAIT_MS = 30_000;
const DEFAULT_WAIT_MS = 10_000;
const DEFAULT_LIMIT = 100;
const REFRESH_SECONDS = 10;

export interface HttpOptions {
  /** Shown on the empty inbox page so a person knows where to send mail. */
  smtpPort?: number;
  /** Fault rules managed at /api/faults (absent: those routes answer 404). */
  faults?: FaultRules;
}

interface Context {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: string[];
  store: MessageStore;
  options: HttpOptions;
}

type Handler = (ctx: Context) => void | Promise<void>;

interface Route {
  path: RegExp;
  methods: Record<string, Handler>;
}

/** Thrown by handlers to answer with a problem+json response. */
class Problem extends Error {
  readonly status: number;
  constructor(status: number, detail: string) {
    super(detail);
    this.status = status;
  }
}

const routes: Route[] = [
  { path: /^\/api\/health$/, methods: { GET: health } },
  { path: /^\/api\/messages$/, methods: { GET: listMessages, DELETE: deleteMessages } },
  { path: /^\/api\/messages\/([^/]+)$/, methods: { GET: getMessage, DELETE: deleteMessage } },
  { path: /^\/api\/messages\/([^/]+)\/raw$/, methods: { GET: getRaw } },
  { path: /^\/api\/messages\/([^/]+)\/html$/, methods: { GET: getHtml } },
  { path: /^\/api\/wait$/, methods: { GET: wait } },
  { path: /^\/api\/faults$/, methods: { GET: listFaults, POST: addFault, DELETE: clearFaults } },
  { path: /^\/api\/faults\/([^/]+)$/, methods: { DELETE: deleteFault } },
  { path: /^\/$/, methods: { GET: indexPage } },
  { path: /^\/messages\/([^/]+)$/, methods: { GET: messagePage } },
  { path: /^\/delete-all$/, methods: { POST: deleteAllForm } },
];

export function createHttpServer(store: MessageStore, options: HttpOptions = {}): Server {
  return createServer((req, res) => {
    dispatch(req, res, store, options).catch((err: unknown) => {
      const problem = err instanceof Problem ? err : new Problem(500, String(err));
      if (!res.headersSent) sendProblem(res, problem.status, problem.message);
      else res.destroy();
    });
  });
}

async function dispatch(
  req: IncomingMessage,
  res: ServerResponse,
  store: MessageStore,
  options: HttpOptions,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://mailbox.invalid');
  for (const route of routes) {
    const match = route.path.exec(url.pathname);
    if (!match) continue;
    // HEAD is answered by the GET handler; node drops the body.
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
    const handler = route.methods[method];
    if (!handler) {
      const allowed = Object.keys(route.methods);
      if (allowed.includes('GET')) allowed.push('HEAD');
      res.setHeader('Allow', allowed.join(', '));
      throw new Problem(405, `${req.method} is not allowed on ${url.pathname}`);
    }
    const params = match.slice(1).map((p) => decodeParam(p ?? ''));
    await handler({ req, res, url, params, store, options });
    return;
  }
  throw new Problem(404, `No route for ${url.pathname}`);
}

function decodeParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new Problem(400, `Malformed path segment: ${value}`);
  }
}

// ---- responses ------------------------------------------------------------------------------

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(JSON.stringify(body));
}

function sendProblem(res: ServerResponse, status: number, detail: string): void {
  const title = STATUS_CODES[status] ?? 'Error';
  res.writeHead(status, {
    'Content-Type': 'application/problem+json',
    'Cache-Control': 'no-store',
  });
  res.end(JSON.stringify({ type: 'about:blank', title, status, detail }));
}

function sendHtml(res: ServerResponse, html: string): void {
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy':
      "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'; form-action 'self'; " +
      "base-uri 'none'; frame-ancestors 'none'",
  });
  res.end(html);
}

// ---- query parameters -----------------------------------------------------------------------

function filterOf(url: URL): MessageFilter {
  return {
    to: url.searchParams.get('to') ?? undefined,
    subject: url.searchParams.get('subject') ?? undefined,
  };
}

function intParam(url: URL, name: string, fallback: number, min: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Problem(400, `${name} must be an integer of at least ${min}, got "${raw}"`);
  }
  return Math.min(value, max);
}

function found(ctx: Context): MessageRecord {
  const id = ctx.params[0] ?? '';
  const record = ctx.store.get(id);
  if (!record) throw new Problem(404, `No message with id "${id}"`);
  return record;
}

// ---- API ------------------------------------------------------------------------------------

function health({ res }: Context): void {
  sendJson(res, 200, { ok: true });
}

function listMessages({ res, url, store }: Context): void {
  const limit = intParam(url, 'limit', DEFAULT_LIMIT, 0, Number.MAX_SAFE_INTEGER);
  const all = store.list(filterOf(url));
  sendJson(res, 200, { items: all.slice(0, limit).map(summarize), total: all.length });
}

async function deleteMessages({ res, url, store }: Context): Promise<void> {
  sendJson(res, 200, { deleted: await store.deleteMatching(filterOf(url)) });
}

function getMessage(ctx: Context): void {
  sendJson(ctx.res, 200, found(ctx));
}

async function deleteMessage(ctx: Context): Promise<void> {
  await ctx.store.delete(found(ctx).id);
  ctx.res.writeHead(204).end();
}

async function getRaw(ctx: Context): Promise<void> {
  const { id } = found(ctx);
  const raw = await ctx.store.raw(id);
  if (!raw) throw new Problem(404, `The raw message of "${id}" is missing`);
  ctx.res.writeHead(200, {
    'Content-Type': 'message/rfc822',
    'Content-Disposition': `inline; filename="${id}.eml"`,
    'Cache-Control': 'no-store',
  });
  ctx.res.end(raw);
}

function getHtml(ctx: Context): void {
  const { id, html } = found(ctx);
  if (html === null) throw new Problem(404, `Message "${id}" has no HTML body`);
  ctx.res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    // Mail HTML is hostile by default: a unique origin, no scripts, no forms, no top navigation.
    'Content-Security-Policy': 'sandbox',
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
  ctx.res.end(html);
}

async function wait({ res, url, store }: Context): Promise<void> {
  const filter = filterOf(url);
  const count = intParam(url, 'count', 1, 1, Number.MAX_SAFE_INTEGER);
  const timeout = intParam(url, 'timeout', DEFAULT_WAIT_MS, 0, MAX_WAIT_MS);
  // Stop waiting when the client goes away (or the server closes its connection).
  const gone = new AbortController();
  res.on('close', () => gone.abort());
  const items = await store.waitFor(filter, count, timeout, gone.signal);
  if (gone.signal.aborted) return;
  if (items) sendJson(res, 200, { items });
  else {
    const what = [filter.to && `to ${filter.to}`, filter.subject && `about "${filter.subject}"`]
      .filter(Boolean)
      .join(' ');
    sendProblem(res, 408, `Fewer than ${count} message(s) ${what} arrived within ${timeout} ms`);
  }
}

// ---- fault injection (tests) ----------------------------------------------------------------

function faultsOf(options: HttpOptions): FaultRules {
  if (!options.faults) throw new Problem(404, 'Fault injection is not enabled on this mailbox');
  return options.faults;
}

function listFaults({ res, options }: Context): void {
  sendJson(res, 200, { items: faultsOf(options).list() });
}

const MAX_FAULT_BODY = 4096;

async function addFault({ req, res, options }: Context): Promise<void> {
  const faults = faultsOf(options);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FAULT_BODY) throw new Problem(413, `A fault rule is at most ${MAX_FAULT_BODY} bytes`);
    chunks.push(chunk as Buffer);
  }
  let body: NewFaultRule;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as NewFaultRule;
  } catch {
    throw new Problem(400, 'The body must be JSON: {"to"?, "stage"?, "code", "message"?, "times"?}');
  }
  if (typeof body !== 'object' || body === null) throw new Problem(400, 'The body must be a JSON object');
  try {
    sendJson(res, 201, faults.add(body));
  } catch (err) {
    if (err instanceof FaultRuleError) throw new Problem(400, err.message);
    throw err;
  }
}

function clearFaults({ res, options }: Context): void {
  sendJson(res, 200, { deleted: faultsOf(options).clear() });
}

function deleteFault({ res, params, options }: Context): void {
  if (!faultsOf(options).remove(params[0] ?? '')) throw new Problem(404, `No fault rule "${params[0]}"`);
  res.writeHead(204).end();
}

// ---- pages ----------------------------------------------------------------------------------

async function deleteAllForm({ req, res, store }: Context): Promise<void> {
  // Only our own page may empty the mailbox; another site's form would carry its own Origin.
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${req.headers.host ?? ''}`) {
    throw new Problem(403, 'Cross-origin form submission refused');
  }
  await store.deleteMatching({});
  res.writeHead(303, { Location: '/' }).end();
}

function indexPage({ res, url, store, options }: Context): void {
  const filter = filterOf(url);
  const messages = store.list(filter);
  const filtered = Boolean(filter.to || filter.subject);
  const showAll = filtered ? ' <a href="/">Show all messages</a>' : '';
  const rows = messages
    .map((m) => {
      const to = m.to.map(formatAddress).join(', ') || m.envelope.to.join(', ');
      const subject = escapeHtml(m.subject || '(no subject)');
      return `<tr>
<td>${timeHtml(m.receivedAt)}</td>
<td>${escapeHtml(formatAddress(m.from))}</td>
<td>${escapeHtml(to)}</td>
<td><a href="/messages/${encodeURIComponent(m.id)}">${subject}</a></td>
</tr>`;
    })
    .join('\n');
  const where = options.smtpPort === undefined ? '' : ` Send mail to SMTP port ${options.smtpPort}.`;
  const body = messages.length
    ? `<table>
<caption>${messages.length} message${messages.length === 1 ? '' : 's'}, newest first</caption>
<thead><tr><th scope="col">Received</th><th scope="col">From</th><th scope="col">To</th>` +
      `<th scope="col">Subject</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`
    : `<p class="empty">No messages${filtered ? ' match this filter' : ' yet'}.${where}</p>`;

  sendHtml(
    res,
    page(
      'Belong dev mailbox',
      `<header>
<h1>Belong dev mailbox</h1>
<form method="post" action="/delete-all">
<button type="submit" class="danger">Delete all</button>
</form>
</header>
<main>
<p class="muted">All mail sent to this server is kept here and never delivered.
This page refreshes every ${REFRESH_SECONDS} seconds.${showAll}</p>
${body}
</main>`,
      `<meta http-equiv="refresh" content="${REFRESH_SECONDS}">`,
    ),
  );
}

function messagePage(ctx: Context): void {
  const m = found(ctx);
  const id = encodeURIComponent(m.id);
  const header = (name: string) => {
    const value = m.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  };
  const fields: [string, string | undefined][] = [
    ['From', formatAddress(m.from)],
    ['To', m.to.map(formatAddress).join(', ')],
    ['Cc', m.cc.map(formatAddress).join(', ') || undefined],
    ['Subject', m.subject],
    ['Date', header('date') ?? m.date ?? undefined],
    ['Message-ID', m.messageId ?? undefined],
    ['List-Unsubscribe', header('list-unsubscribe')],
    ['List-Unsubscribe-Post', header('list-unsubscribe-post')],
    ['Envelope', `from ${m.envelope.from ?? '<>'} to ${m.envelope.to.join(', ')}`],
    ['Received', new Date(m.receivedAt).toUTCString()],
    ['Size', `${m.size} bytes`],
  ];
  const dl = fields
    .filter((f): f is [string, string] => f[1] !== undefined)
    .map(([name, value]) => `<dt>${name}</dt><dd>${escapeHtml(value)}</dd>`)
    .join('\n');
  const attachments = m.attachments.length
    ? `<h2>Attachments</h2>
<ul>${m.attachments
        .map(
          (a) =>
            `<li>${escapeHtml(a.filename ?? '(unnamed)')} (${escapeHtml(a.contentType)}, ` +
            `${a.size} bytes)</li>`,
        )
        .join('')}</ul>`
    : '';

  sendHtml(
    ctx.res,
    page(
      `${m.subject || '(no subject)'} - Belong dev mailbox`,
      `<nav><a href="/">&larr; All messages</a></nav>
<main>
<h1>${escapeHtml(m.subject || '(no subject)')}</h1>
<dl>
${dl}
</dl>
<p><a href="/api/messages/${id}/raw">Raw message (.eml)</a> &middot;
<a href="/api/messages/${id}">JSON</a></p>
<h2>Text body</h2>
${m.text === null ? '<p class="muted">No text body.</p>' : `<pre>${escapeHtml(m.text)}</pre>`}
<h2>HTML body</h2>
${
  m.html === null
    ? '<p class="muted">No HTML body.</p>'
    : `<iframe sandbox src="/api/messages/${id}/html" title="HTML body of the message"></iframe>`
}
${attachments}
</main>`,
    ),
  );
}

const STYLE = `
:root { color-scheme: light; }
body { margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem 3rem; color: #1b1b1b;
  background: #fff; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
header { display: flex; align-items: center; justify-content: space-between; gap: 1rem; }
h1 { font-size: 1.6rem; margin: 0.75rem 0; overflow-wrap: anywhere; }
h2 { font-size: 1.2rem; margin-top: 2rem; }
a { color: #0645ad; }
a:focus-visible, button:focus-visible { outline: 3px solid #1b1b1b; outline-offset: 2px; }
.muted { color: #4a4a4a; }
.empty { padding: 2rem; border: 1px dashed #767676; text-align: center; }
table { width: 100%; border-collapse: collapse; }
caption { text-align: left; font-weight: 600; padding: 0.5rem 0; }
th, td { text-align: left; vertical-align: top; padding: 0.5rem; border-bottom: 1px solid #d0d0d0;
  overflow-wrap: anywhere; }
th { background: #f2f2f2; }
tbody tr:hover { background: #f7f9fc; }
td:first-child { white-space: nowrap; }
button.danger { font: inherit; padding: 0.4rem 1rem; border: 0; border-radius: 4px;
  background: #b3261e; color: #fff; cursor: pointer; }
button.danger:hover { background: #8c1d18; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
dt { font-weight: 600; }
dd { margin: 0; overflow-wrap: anywhere; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f6f6f6; padding: 1rem;
  border: 1px solid #d0d0d0; border-radius: 4px; }
iframe { width: 100%; height: 32rem; border: 1px solid #d0d0d0; border-radius: 4px; }
`;

function page(title: string, body: string, head = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${head}
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

function timeHtml(iso: string): string {
  const readable = `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
  return `<time datetime="${escapeHtml(iso)}">${escapeHtml(readable)}</time>`;
}

function formatAddress(address: Address | null): string {
  if (!address) return '';
  return address.name ? `${address.name} <${address.address}>` : address.address;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}
