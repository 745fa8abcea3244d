import { afterAll, describe, expect, it } from '@jest/globals';
import nodemailer from 'nodemailer';
import { createTestNamespace } from '../src/index.ts';

const ns = createTestNamespace('smoke mail');
const transport = nodemailer.createTransport(ns.servers.smtpUrl);

afterAll(async () => {
  transport.close();
  await ns.cleanup();
});

interface StoredMessage {
  id: string;
  subject: string;
  text: string;
  html: string | null;
  headers: Record<string, string | string[]>;
}

describe('SMTP from Node 24 (nodemailer → dev mailbox)', () => {
  it('delivers a message that the test reads back through the mailbox API', async () => {
    const to = ns.email('mentee');
    const info = await transport.sendMail({
      from: '"Belong" <noreply@belong.example>',
      to,
      subject: 'Your mentor match',
      text: 'You have been matched with Lin.',
      html: '<p>You have been matched with <strong>Lin</strong>.</p>',
      headers: { 'X-Belong-Event': 'evt-123' },
    });
    expect(info.accepted).toEqual([to]);

    const waited = await fetch(
      `${ns.servers.mailboxUrl}/api/wait?to=${encodeURIComponent(to)}&timeout=10000`,
    );
    expect(waited.status).toBe(200);
    const { items } = (await waited.json()) as { items: { id: string }[] };
    expect(items).toHaveLength(1);

    const response = await fetch(`${ns.servers.mailboxUrl}/api/messages/${items[0]?.id}`);
    const message = (await response.json()) as StoredMessage;
    expect(message.subject).toBe('Your mentor match');
    expect(message.text.trim()).toBe('You have been matched with Lin.');
    expect(message.html).toContain('<strong>Lin</strong>');
    expect(message.headers['x-belong-event']).toBe('evt-123');
  });

  it('cleanup deletes this namespace’s mail', async () => {
    const to = ns.email('cleanup');
    await transport.sendMail({ from: 'a@belong.example', to, subject: 'x', text: 'x' });
    await fetch(`${ns.servers.mailboxUrl}/api/wait?to=${encodeURIComponent(to)}&timeout=10000`);
    await ns.cleanup();
    const list = await fetch(`${ns.servers.mailboxUrl}/api/messages?to=${encodeURIComponent(to)}`);
    expect(((await list.json()) as { items: unknown[] }).items).toHaveLength(0);
  });
});
