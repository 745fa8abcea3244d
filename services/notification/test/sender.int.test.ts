// How the sender finds its work: a new pending email is named by its id and sent at once by the
// instance that leads the sender, also when another instance wrote it (the id goes over Redis);
// the due-scan, a full collection scan on FerretDB, is only the safety net for an email whose
// wake-up was lost.
import type { KitApp } from '@belong/kit';
import { createTestNamespace } from '@belong/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
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

const ns = createTestNamespace('notification sender');
const publisher = new Publisher(ns);
const programmeId = uid('prg');
const mailbox = () => ns.servers.mailboxUrl;
const apps: KitApp[] = [];
let first: KitApp;

/** A sender that neither ticks nor scans within any wait here: only a hint explains a prompt email. */
const NO_SCAN = { SENDER_POLL_MS: '60000', SENDER_SCAN_MS: '600000' };

async function start(namespace = ns, env: Record<string, string> = NO_SCAN): Promise<KitApp> {
  const app = buildTestApp(namespace, env);
  apps.push(app);
  await app.ready();
  return app;
}

interface Row {
  id: string;
  status: string;
}

async function recordsOf(app: KitApp, profileId: string): Promise<Row[]> {
  const response = await app.inject({
    method: 'GET',
    url: `/notifications?recipientId=${profileId}`,
    headers: auth(ADMIN_KEY),
  });
  return (response.json() as { items: Row[] }).items;
}

/** A mentee signs up: the verification email is composed by whichever instance consumes it. */
async function signUp(publish: Publisher, programme: string, local: string, namespace = ns) {
  const p = { id: uid('pfl'), email: namespace.email(local) };
  await publish.publish(
    'belong.profile.submitted.v1',
    submittedData(p.id, programme, { role: 'mentee', displayName: `Person ${local}`, email: p.email }),
  );
  return p;
}

beforeAll(async () => {
  first = await start(); // creates the namespace's topics
  await publisher.start();
  await publisher.publish('belong.programme.changed.v1', programmeData(programmeId));
}, 60_000);

afterAll(async () => {
  await publisher.stop();
  for (const app of apps.reverse()) await app.close();
  await ns.cleanup();
}, 60_000);

describe('the sender', () => {
  it('sends a new email at once by id, also when another instance wrote it', async () => {
    const p = await signUp(publisher, programmeId, 'hinted');
    await waitForMail(mailbox(), p.email, 1, 'confirm your email', 10_000);
    // Only the instance that leads the sender sends: `first` leads, and keeps the lease.
    const [record] = await eventually(async () => {
      const rows = await recordsOf(first, p.id);
      return rows[0]?.status === 'sent' ? rows : undefined;
    });
    const second = await start();

    // The second instance writes a pending email (a resend through its API): its id reaches the
    // leader over Redis, and the leader sends it without waiting for a tick or a scan.
    const resent = await second.inject({
      method: 'POST',
      url: `/notifications/${record?.id}/resend`,
      headers: auth(ADMIN_KEY),
    });
    expect(resent.statusCode).toBe(202);
    const mails = await waitForMail(mailbox(), p.email, 2, 'confirm your email', 8_000);
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(2);
  });
});

describe('an email whose wake-up was lost', () => {
  const ns2 = createTestNamespace('notification sender scan');

  afterAll(async () => {
    await ns2.cleanup();
  }, 30_000);

  it('is sent by the periodic due-scan', async () => {
    const app = await start(ns2, { SENDER_SCAN_MS: '500' }); // creates the namespace's topics
    const pub = new Publisher(ns2);
    await pub.start();
    try {
      const programme = uid('prg');
      await pub.publish('belong.programme.changed.v1', programmeData(programme));
      const p = await signUp(pub, programme, 'scanned', ns2);
      await waitForMail(ns2.servers.mailboxUrl, p.email, 1, 'confirm your email', 10_000);
      const [sent] = await eventually(async () => {
        const rows = await recordsOf(app, p.id);
        return rows[0]?.status === 'sent' ? rows : undefined;
      });

      // A pending copy written straight into the store: nobody names it to the sender (as when
      // the instance that wrote it died before its hint went out).
      const store = app.events.store<Record<string, unknown>>('notifications');
      const original = (await store.get(sent?.id ?? ''))?.state ?? {};
      const id = uid('ntf');
      const now = new Date().toISOString();
      await store.create(id, {
        ...original,
        id,
        messageId: `<${id}@belong.test>`,
        status: 'pending',
        attempts: 0,
        history: [],
        nextAttemptAt: now,
        createdAt: now,
        updatedAt: now,
        sentAt: null,
        resendOf: sent?.id ?? null,
      });
      const mails = await waitForMail(ns2.servers.mailboxUrl, p.email, 2, 'confirm your email', 10_000);
      expect(mails.map((m) => m.messageId)).toContain(`<${id}@belong.test>`);
    } finally {
      await pub.stop();
    }
  });
});
