import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { SendMailOptions, Transporter } from 'nodemailer';
import nodemailer from 'nodemailer';
import { type Mailbox, startMailbox } from '../src/mailbox/mailbox.ts';
import type { MessageRecord, MessageSummary } from '../src/mailbox/store.ts';

interface ListBody {
  items: MessageSummary[];
  total: number;
}

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
}

let dir: string;
let mailbox: Mailbox;
let transport: Transporter;

async function start(): Promise<void> {
  mailbox = await startMailbox({ smtpPort: 0, httpPort: 0, dir });
  transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: mailbox.smtpPort,
    secure: false,
    ignoreTLS: true,
  });
}

async function stop(): Promise<void> {
  transport.close();
  await mailbox.close();
}

function api(path: string, init?: RequestInit): Promise<Response> {
  return fetch(`http://127.0.0.1:${mailbox.httpPort}${path}`, init);
}

async function json<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await api(path, init);
  expect(res.ok).toBe(true);
  return (await res.json()) as T;
}

function send(to: string, subject: string, extra: SendMailOptions = {}) {
  return transport.sendMail({
    from: '"Belong" <noreply@belong.test>',
    to,
    subject,
    text: `Body of ${subject}`,
    ...extra,
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'belong-mailbox-'));
  await start();
});

afterAll(async () => {
  await stop();
  await rm(dir, { recursive: true, force: true });
});

afterEach(async () => {
  await api('/api/messages', { method: 'DELETE' });
});

describe('dev mailbox', () => {
  it('answers health', async () => {
    expect(await json('/api/health')).toEqual({ ok: true });
  });

  it('keeps a text and HTML message with its headers', async () => {
    await send('Mentee <mentee@example.test>', 'Welcome to Belong', {
      cc: 'mentor@example.test',
      html: '<p>Hello <strong>mentee</strong></p>',
      headers: {
        'List-Unsubscribe': '<https://belong.test/unsubscribe?t=abc>, <mailto:u@belong.test>',
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        'X-Belong-Template': 'welcome',
      },
    });

    const list = await json<ListBody>('/api/messages');
    expect(list.total).toBe(1);
    const summary = list.items[0];
    expect(summary).toMatchObject({
      subject: 'Welcome to Belong',
      from: { name: 'Belong', address: 'noreply@belong.test' },
      to: [{ name: 'Mentee', address: 'mentee@example.test' }],
    });
    expect(summary?.size).toBeGreaterThan(0);

    const record = await json<MessageRecord>(`/api/messages/${summary?.id}`);
    expect(record.envelope).toEqual({
      from: 'noreply@belong.test',
      to: ['mentee@example.test', 'mentor@example.test'],
    });
    expect(record.cc).toEqual([{ name: '', address: 'mentor@example.test' }]);
    expect(record.text?.trim()).toBe('Body of Welcome to Belong');
    expect(record.html).toContain('<strong>mentee</strong>');
    expect(record.messageId).toMatch(/^<.+@.+>$/);
    expect(record.headers['message-id']).toBe(record.messageId);
    expect(record.headers['list-unsubscribe']).toBe(
      '<https://belong.test/unsubscribe?t=abc>, <mailto:u@belong.test>',
    );
    expect(record.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(record.headers['x-belong-template']).toBe('welcome');
    expect(record.headers.subject).toBe('Welcome to Belong');

    const raw = await api(`/api/messages/${record.id}/raw`);
    expect(raw.headers.get('content-type')).toBe('message/rfc822');
    const eml = await raw.text();
    expect(eml).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(Buffer.byteLength(eml)).toBe(record.size);

    const html = await api(`/api/messages/${record.id}/html`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-security-policy')).toBe('sandbox');
    expect(await html.text()).toContain('<strong>mentee</strong>');

    const page = await (await api(`/messages/${record.id}`)).text();
    expect(page).toContain(`<iframe sandbox src="/api/messages/${record.id}/html"`);
    expect(page).toContain('&lt;https://belong.test/unsubscribe?t=abc&gt;');
  });

  it('has no HTML body for a text-only message', async () => {
    await send('a@example.test', 'Plain');
    const [message] = (await json<ListBody>('/api/messages')).items;
    const res = await api(`/api/messages/${message?.id}/html`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });

  it('filters by recipient and subject, newest first, with a limit', async () => {
    await send('first@example.test', 'Match request 1');
    await send('other@example.test', 'Something else');
    await send('First@Example.test', 'Match request 2');

    const mine = await json<ListBody>('/api/messages?to=FIRST@example.test');
    expect(mine.total).toBe(2);
    expect(mine.items.map((m) => m.subject)).toEqual(['Match request 2', 'Match request 1']);

    const bySubject = await json<ListBody>('/api/messages?subject=match%20REQUEST');
    expect(bySubject.total).toBe(2);

    const limited = await json<ListBody>('/api/messages?limit=1');
    expect(limited.total).toBe(3);
    expect(limited.items.map((m) => m.subject)).toEqual(['Match request 2']);

    const bad = await api('/api/messages?limit=lots');
    expect(bad.status).toBe(400);
  });

  it('long-polls until mail arrives', async () => {
    const waiting = api('/api/wait?to=late@example.test&count=2&timeout=10000');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await send('late@example.test', 'One');
    await send('late@example.test', 'Two');
    const res = await waiting;
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: MessageRecord[] };
    expect(body.items.map((m) => m.subject)).toEqual(['Two', 'One']);
    expect(body.items[0]?.text?.trim()).toBe('Body of Two');
  });

  it('answers a wait at once when the mail is already there', async () => {
    await send('early@example.test', 'Already here');
    const started = Date.now();
    const body = await json<{ items: MessageRecord[] }>('/api/wait?to=early@example.test');
    expect(body.items).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('times out a wait with 408 problem+json', async () => {
    const res = await api('/api/wait?to=nobody@example.test&timeout=200');
    expect(res.status).toBe(408);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await res.json()) as Problem;
    expect(problem).toMatchObject({ type: 'about:blank', title: 'Request Timeout', status: 408 });
  });

  it('deletes one message, matching messages and all messages', async () => {
    await send('keep@example.test', 'Keep');
    await send('drop@example.test', 'Drop');
    await send('drop@example.test', 'Drop too');
    const { items } = await json<ListBody>('/api/messages');
    const newest = items[0];

    const one = await api(`/api/messages/${newest?.id}`, { method: 'DELETE' });
    expect(one.status).toBe(204);
    expect((await api(`/api/messages/${newest?.id}`)).status).toBe(404);

    expect(await json('/api/messages?to=drop@example.test', { method: 'DELETE' })).toEqual({
      deleted: 1,
    });
    expect(await json('/api/messages', { method: 'DELETE' })).toEqual({ deleted: 1 });
    expect((await json<ListBody>('/api/messages')).total).toBe(0);
  });

  it('empties the mailbox from the web page form', async () => {
    await send('a@example.test', 'Form');
    const res = await api('/delete-all', { method: 'POST', redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    expect((await json<ListBody>('/api/messages')).total).toBe(0);
  });

  it('answers an unknown id with 404 problem+json', async () => {
    const res = await api('/api/messages/0000000000-00000000');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: expect.stringContaining('0000000000-00000000'),
    });
    expect((await api('/messages/nope')).status).toBe(404);
  });

  it('answers unknown routes with 404 and wrong methods with 405', async () => {
    const missing = await api('/api/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
    expect(((await missing.json()) as Problem).title).toBe('Not Found');

    const wrong = await api('/api/health', { method: 'POST' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, HEAD');
  });

  it('escapes hostile content in the web pages', async () => {
    const hostile = '<script>alert(1)</script>';
    await send('victim@example.test', hostile, {
      from: `"${hostile}" <evil@example.test>`,
      text: hostile,
    });
    const index = await api('/');
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await index.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<title>Belong dev mailbox</title>');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');

    const [message] = (await json<ListBody>('/api/messages')).items;
    expect(message?.subject).toBe(hostile);
    const detail = await (await api(`/messages/${message?.id}`)).text();
    expect(detail).not.toContain('<script>alert');
    expect(detail).toContain('<pre>&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('keeps mail across a restart on the same directory', async () => {
    await send('persist@example.test', 'Survives restarts');
    const before = await json<ListBody>('/api/messages');

    await stop();
    await start();

    const after = await json<ListBody>('/api/messages');
    expect(after).toEqual(before);
    const record = await json<MessageRecord>(`/api/messages/${after.items[0]?.id}`);
    expect(record.text?.trim()).toBe('Body of Survives restarts');
    const raw = await api(`/api/messages/${record.id}/raw`);
    expect(await raw.text()).toContain('Subject: Survives restarts');

    // New mail after the restart sorts before the old.
    await send('persist@example.test', 'After restart');
    const latest = await json<ListBody>('/api/messages');
    expect(latest.items.map((m) => m.subject)).toEqual(['After restart', 'Survives restarts']);
  });
});
