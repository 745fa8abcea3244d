// Fault injection: a real SMTP conversation with the mailbox answers 4xx or 5xx as a rule says,
// for chosen recipients, a number of times or until the rule is removed.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import nodemailer, { type Transporter } from 'nodemailer';
import { FaultRules } from '../faults.ts';
import { type Mailbox, startMailbox } from '../mailbox.ts';

let dir: string;
let mailbox: Mailbox;
let transport: Transporter;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mailbox-faults-'));
  mailbox = await startMailbox({ smtpPort: 0, httpPort: 0, dir });
  transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: mailbox.smtpPort,
    secure: false,
    ignoreTLS: true,
  });
});

afterEach(() => {
  mailbox.faults.clear();
});

afterAll(async () => {
  transport.close();
  await mailbox.close();
  await rm(dir, { recursive: true, force: true });
});

const send = (to: string) =>
  transport.sendMail({ from: 'belong@belong.test', to, subject: `to ${to}`, text: 'hello' });
const api = (path: string, init?: RequestInit) => fetch(`http://127.0.0.1:${mailbox.httpPort}${path}`, init);

describe('fault rules (unit)', () => {
  it('match an address, a domain or everyone, and count down', () => {
    const rules = new FaultRules();
    rules.add({ to: 'A@x.test', code: 451, times: 1 });
    rules.add({ to: '@y.test', code: 550 });
    expect(rules.take('rcpt', 'a@x.test')?.code).toBe(451);
    expect(rules.take('rcpt', 'a@x.test')).toBeUndefined();
    expect(rules.take('rcpt', 'b@y.test')?.code).toBe(550);
    expect(rules.take('rcpt', 'c@y.test')?.hits).toBe(2);
    expect(rules.take('data', 'c@y.test')).toBeUndefined();
  });

  it('refuse nonsense', () => {
    const rules = new FaultRules();
    expect(() => rules.add({ code: 250 })).toThrow(/400 to 599/);
    expect(() => rules.add({ code: 451, times: 0 })).toThrow(/positive/);
    expect(() => rules.add({ code: 451, to: 'no at sign' })).toThrow(/address/);
    expect(() => rules.add({ code: 451, stage: 'helo' as never })).toThrow(/stage/);
  });

  it('keep CR/LF out of the reply text', () => {
    expect(new FaultRules().add({ code: 550, message: 'a\r\n250 ok' }).message).toBe('a 250 ok');
  });
});

describe('through SMTP', () => {
  it('a permanent refusal at RCPT TO is a 5xx the client sees, and nothing is stored', async () => {
    mailbox.faults.add({ to: 'gone@faults.test', code: 550, message: '5.1.1 mailbox unavailable' });
    const error = (await send('gone@faults.test').catch((e: unknown) => e)) as {
      responseCode?: number;
      response?: string;
    };
    expect(error.responseCode).toBe(550);
    expect(error.response).toContain('5.1.1 mailbox unavailable');
    expect(mailbox.store.list({ to: 'gone@faults.test' })).toHaveLength(0);
  });

  it('a temporary refusal twice, then the message is accepted', async () => {
    mailbox.faults.add({ to: 'busy@faults.test', code: 451, times: 2 });
    for (let i = 0; i < 2; i++) {
      const error = (await send('busy@faults.test').catch((e: unknown) => e)) as { responseCode?: number };
      expect(error.responseCode).toBe(451);
    }
    await expect(send('busy@faults.test')).resolves.toMatchObject({ accepted: ['busy@faults.test'] });
    expect(mailbox.store.list({ to: 'busy@faults.test' })).toHaveLength(1);
  });

  it('a refusal after DATA: the message was sent but is not kept', async () => {
    mailbox.faults.add({ to: 'late@faults.test', stage: 'data', code: 554, times: 1 });
    const error = (await send('late@faults.test').catch((e: unknown) => e)) as { responseCode?: number };
    expect(error.responseCode).toBe(554);
    expect(mailbox.store.list({ to: 'late@faults.test' })).toHaveLength(0);
  });

  it('other recipients are not affected', async () => {
    mailbox.faults.add({ to: '@faults.test', code: 550 });
    await expect(send('someone@elsewhere.test')).resolves.toMatchObject({
      accepted: ['someone@elsewhere.test'],
    });
  });
});

describe('HTTP API', () => {
  it('adds, lists, deletes one and clears rules', async () => {
    const created = await api('/api/faults', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to: '@api.test', code: 421, times: 3 }),
    });
    expect(created.status).toBe(201);
    const rule = (await created.json()) as { id: string; remaining: number };
    expect(rule.remaining).toBe(3);
    await api('/api/faults', { method: 'POST', body: JSON.stringify({ code: 552 }) });
    expect(((await (await api('/api/faults')).json()) as { items: unknown[] }).items).toHaveLength(2);
    expect((await api(`/api/faults/${rule.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await api(`/api/faults/${rule.id}`, { method: 'DELETE' })).status).toBe(404);
    expect(await (await api('/api/faults', { method: 'DELETE' })).json()).toEqual({ deleted: 1 });
  });

  it('refuses a bad rule with problem+json', async () => {
    const response = await api('/api/faults', { method: 'POST', body: JSON.stringify({ code: 200 }) });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(((await response.json()) as { detail: string }).detail).toMatch(/400 to 599/);
    expect((await api('/api/faults', { method: 'POST', body: 'not json' })).status).toBe(400);
  });
});
