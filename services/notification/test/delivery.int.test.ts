// Sending through a private mailbox whose SMTP server a test can stop, start and make refuse:
// refused connections and 4xx delay mail without losing it (delivered exactly once when the
// server is back); a 5xx fails the email with the reason and a notification.failed event; the
// retry window bounds how long a temporary failure is retried.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Topics } from '@belong/contracts';
import type { KitApp } from '@belong/kit';
import { createTestNamespace, EventProbe } from '@belong/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Mailbox, startMailbox } from '../../../infra/src/mailbox/mailbox.ts';
import {
  ADMIN_KEY,
  auth,
  buildTestApp,
  eventually,
  Publisher,
  programmeData,
  submittedData,
  uid,
  waitForMail,
} from './helpers.ts';

const ns = createTestNamespace('notification delivery');
const publisher = new Publisher(ns);
const probe = new EventProbe();
let app: KitApp;
let mailbox: Mailbox | undefined;
let dir: string;
let smtpPort: number;
const programmeId = uid('prg');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

interface Record {
  id: string;
  status: string;
  attempts: number;
  history: { at: string; outcome: string; detail: string }[];
  createdAt: string;
  sentAt: string | null;
  failure: { reason: string; permanent: boolean } | null;
}

async function recordOf(profileId: string): Promise<Record | undefined> {
  const response = await app.inject({
    method: 'GET',
    url: `/notifications?recipientId=${profileId}`,
    headers: auth(ADMIN_KEY),
  });
  return (response.json() as { items: Record[] }).items[0];
}

async function signUp(local: string): Promise<{ id: string; email: string }> {
  const p = { id: uid('pfl'), email: ns.email(local) };
  await publisher.publish(
    'belong.profile.submitted.v1',
    submittedData(p.id, programmeId, { role: 'mentee', displayName: `Person ${local}`, email: p.email }),
  );
  return p;
}

const mailboxUrl = () => `http://127.0.0.1:${mailbox?.httpPort}`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'notification-delivery-'));
  smtpPort = await freePort();
  // Nothing listens on smtpPort yet: the first sends are refused.
  app = buildTestApp(ns, { SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, SEND_RETRY_WINDOW_MINUTES: '10' });
  await app.ready();
  await publisher.start();
  await probe.start(ns, Topics.notification);
  await publisher.publish('belong.programme.changed.v1', programmeData(programmeId));
}, 60_000);

afterAll(async () => {
  await probe.stop();
  await publisher.stop();
  await app?.close();
  await mailbox?.close();
  await rm(dir, { recursive: true, force: true });
  await ns.cleanup();
}, 30_000);

describe('SMTP down, then back', () => {
  it('keeps the email pending while connections are refused and delivers it once when the server is back', async () => {
    const p = await signUp('patient');
    const failing = await eventually(
      async () => {
        const r = await recordOf(p.id);
        return r && r.attempts >= 3 ? r : undefined;
      },
      20_000,
      'three refused attempts',
    );
    expect(failing.status).toBe('pending');
    expect(failing.history.every((h) => h.outcome === 'temporary')).toBe(true);
    expect(failing.history[0]?.detail).toMatch(/ECONNREFUSED|ECONNECTION|ESOCKET/);

    mailbox = await startMailbox({ smtpPort, httpPort: 0, dir });
    const [mail] = await waitForMail(mailboxUrl(), p.email, 1, 'confirm your email');
    expect(mail?.subject).toContain('confirm your email address');
    const sent = await eventually(async () => {
      const r = await recordOf(p.id);
      return r?.status === 'sent' ? r : undefined;
    });
    expect(sent.history.at(-1)?.outcome).toBe('sent');
    // Exactly once, also after a further sender round.
    await probe.waitFor('belong.notification.sent.v1', p.id);
    expect(mailbox.store.list({ to: p.email })).toHaveLength(1);
    const waitedMs = Date.parse(sent.sentAt ?? '') - Date.parse(sent.createdAt);
    console.log(
      `[delivery] SMTP refused: ${sent.attempts - 1} refused attempts, delivered after ${waitedMs} ms`,
    );
  });
});

describe('answers from a running server', () => {
  it('retries a 4xx and delivers once the server accepts', async () => {
    const p = { id: uid('pfl'), email: ns.email('greylisted') };
    mailbox?.faults.add({ to: p.email, code: 451, message: '4.7.1 Greylisted, try again', times: 2 });
    await publisher.publish(
      'belong.profile.submitted.v1',
      submittedData(p.id, programmeId, { role: 'mentor', displayName: 'Grey Listed', email: p.email }),
    );
    await waitForMail(mailboxUrl(), p.email, 1);
    const sent = await eventually(async () => {
      const r = await recordOf(p.id);
      return r?.status === 'sent' ? r : undefined;
    });
    expect(sent.attempts).toBe(3);
    expect(sent.history.map((h) => h.outcome)).toEqual(['temporary', 'temporary', 'sent']);
    expect(sent.history[0]?.detail).toContain('451 4.7.1 Greylisted');
    expect(mailbox?.store.list({ to: p.email })).toHaveLength(1);
  });

  it('fails a 5xx at once with the reason and notification.failed', async () => {
    const p = { id: uid('pfl'), email: ns.email('nobody') };
    mailbox?.faults.add({ to: p.email, code: 550, message: '5.1.1 mailbox unavailable' });
    await publisher.publish(
      'belong.profile.submitted.v1',
      submittedData(p.id, programmeId, { role: 'mentee', displayName: 'No Body', email: p.email }),
    );
    const failed = await eventually(async () => {
      const r = await recordOf(p.id);
      return r?.status === 'failed' ? r : undefined;
    });
    expect(failed.attempts).toBe(1);
    expect(failed.failure).toEqual({
      permanent: true,
      reason: expect.stringContaining('550 5.1.1 mailbox unavailable'),
    });
    const [event] = await probe.waitFor('belong.notification.failed.v1', p.id);
    expect(event?.data).toMatchObject({
      recipientId: p.id,
      template: 'verification',
      permanent: true,
      reason: expect.stringContaining('550'),
    });
    expect(mailbox?.store.list({ to: p.email })).toHaveLength(0);
  });
});

describe('the retry window', () => {
  let short: KitApp;
  const ns2 = createTestNamespace('notification window');

  afterAll(async () => {
    await short?.close();
    await ns2.cleanup();
  }, 30_000);

  it('gives up on a temporary failure after the window: failed, not permanent, with notification.failed', async () => {
    const refused = await freePort();
    short = buildTestApp(ns2, {
      SMTP_URL: `smtp://127.0.0.1:${refused}`,
      SEND_RETRY_WINDOW_MINUTES: '1',
      SEND_BACKOFF_INITIAL_MS: '2000',
      SEND_BACKOFF_MAX_MS: '60000',
    });
    await short.ready();
    const pub = new Publisher(ns2);
    await pub.start();
    const pid = uid('prg');
    await pub.publish('belong.programme.changed.v1', programmeData(pid));
    const p = { id: uid('pfl'), email: ns2.email('window') };
    await pub.publish(
      'belong.profile.submitted.v1',
      submittedData(p.id, pid, { role: 'mentee', displayName: 'Win Dow', email: p.email }),
    );
    // Make the record look a minute old, so its next failure is past the window.
    const id = await eventually(async () => {
      const docs = await short.mongo
        .collection('notifications')
        .find({ 'state.recipient.profileId': p.id } as never)
        .toArray();
      const doc = docs[0] as { _id: string; state: { attempts: number } } | undefined;
      return doc && doc.state.attempts >= 1 ? doc._id : undefined;
    });
    await short.events.store('notifications').mutate(id, (current) => {
      const state = current?.state as { createdAt: string; nextAttemptAt: string };
      return {
        state: {
          ...state,
          createdAt: new Date(Date.now() - 61_000).toISOString(),
          nextAttemptAt: new Date().toISOString(),
        },
      };
    });
    const failed = await eventually(async () => {
      const response = await short.inject({
        method: 'GET',
        url: `/notifications/${id}`,
        headers: auth(ADMIN_KEY),
      });
      const r = response.json() as Record;
      return r.status === 'failed' ? r : undefined;
    });
    expect(failed.failure?.permanent).toBe(false);
    expect(failed.failure?.reason).toMatch(/^gave up after \d+ attempts over 1 min; last: /);
    expect(failed.history.at(-1)?.outcome).toBe('expired');
    await pub.stop();
  });
});
