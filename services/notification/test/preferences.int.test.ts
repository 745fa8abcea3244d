// Optional emails and the person's choices: reminders before a proposal expires (scheduled by
// the service itself), the RFC 8058 one-click unsubscribe they carry, the choices page, the
// round summary to the coordinator; and the confirmations of withdrawal and erasure, after which
// nothing personal is left.
import type { KitApp } from '@belong/kit';
import { createTestNamespace } from '@belong/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ADMIN_KEY,
  auth,
  buildTestApp,
  createKey,
  eventually,
  hrefs,
  mailTo,
  Publisher,
  programmeData,
  proposedData,
  submittedData,
  uid,
  verifiedData,
  waitForMail,
} from './helpers.ts';

const ns = createTestNamespace('notification preferences');
const publisher = new Publisher(ns);
let app: KitApp;
const programmeId = uid('prg');
const mailbox = () => ns.servers.mailboxUrl;
const coordinator = () => ns.email('coordinator');

type Role = 'mentee' | 'mentor';
const person = (role: Role, name: string, local: string) => ({
  id: uid('pfl'),
  role,
  displayName: name,
  email: ns.email(local),
});

async function join(p: ReturnType<typeof person>) {
  await publisher.publish('belong.profile.submitted.v1', submittedData(p.id, programmeId, p));
  await publisher.publish('belong.profile.verified.v1', verifiedData(p.id, programmeId, p));
  await waitForMail(mailbox(), p.email, 1, 'confirm your email');
}

/** A proposal whose reminder is due now: two hours old, expiring in an hour. */
function dueProposal(matchId: string, menteeId: string, mentorId: string) {
  const proposedAt = new Date(Date.now() - 2 * 3600_000);
  return proposedData(matchId, programmeId, menteeId, mentorId, {
    proposedAt: proposedAt.toISOString(),
    expiresAt: new Date(Date.now() + 3600_000).toISOString(),
  });
}

async function recordsOf(profileId: string) {
  const response = await app.inject({
    method: 'GET',
    url: `/notifications?recipientId=${profileId}`,
    headers: auth(ADMIN_KEY),
  });
  return (
    response.json() as {
      items: { id: string; template: string; status: string; recipient: { email?: string } }[];
    }
  ).items;
}

beforeAll(async () => {
  app = buildTestApp(ns, { REMINDER_LEAD_HOURS: '48' });
  await app.ready();
  await publisher.start();
  await publisher.publish(
    'belong.programme.changed.v1',
    programmeData(programmeId, { coordinator: { name: 'Amina Yusuf', email: coordinator() } }),
  );
}, 60_000);

afterAll(async () => {
  await publisher.stop();
  await app?.close();
  await ns.cleanup();
}, 30_000);

describe('reminders and one-click unsubscribe', () => {
  const mentee = person('mentee', 'Rita Reminded', 'rita');
  const mentor = person('mentor', 'Mo Mentor', 'mo');

  it('reminds each side that has not answered, with List-Unsubscribe and List-Unsubscribe-Post', async () => {
    await join(mentee);
    await join(mentor);
    await publisher.publish('belong.match.proposed.v1', dueProposal(uid('m'), mentee.id, mentor.id));
    const [reminder] = await waitForMail(mailbox(), mentee.email, 1, 'Reminder');
    await waitForMail(mailbox(), mentor.email, 1, 'Reminder');
    expect(reminder?.subject).toBe('Reminder: Mo Mentor is waiting to hear from you');
    expect(reminder?.text).toContain('This is an optional email.');
    const listUnsubscribe = String(reminder?.headers['list-unsubscribe']);
    expect(listUnsubscribe).toMatch(/^<http:\/\/notify\.belong\.test\/unsubscribe\?token=[\w.-]+>$/);
    expect(reminder?.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(hrefs(reminder?.html ?? '')).toContain(listUnsubscribe.slice(1, -1));
  });

  it('a one-click POST turns optional mail off; mandatory mail still comes, the next reminder does not', async () => {
    const [reminder] = await mailTo(mailbox(), mentee.email).then((m) =>
      m.filter((x) => x.subject.startsWith('Reminder')),
    );
    const url = new URL(String(reminder?.headers['list-unsubscribe']).slice(1, -1));
    // GET (a link scanner) changes nothing.
    const page = await app.inject({ method: 'GET', url: `${url.pathname}${url.search}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<input type="checkbox" id="reminders" name="reminders" value="on" checked');
    // The mail client's one-click POST (RFC 8058).
    const oneClick = await app.inject({
      method: 'POST',
      url: `${url.pathname}${url.search}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.statusCode).toBe(200);
    expect(oneClick.body).toContain('You are unsubscribed from all optional emails');
    const prefs = await app.inject({
      method: 'GET',
      url: `/programmes/${programmeId}/people/${mentee.id}/preferences`,
      headers: auth(ADMIN_KEY),
    });
    expect(prefs.json()).toEqual({ reminders: false, summaries: false });

    const other = person('mentor', 'Nia Next', 'nia');
    await join(other);
    await publisher.publish('belong.match.proposed.v1', dueProposal(uid('m'), mentee.id, other.id));
    await waitForMail(mailbox(), mentee.email, 2, 'suggested a mentor'); // mandatory: still sent
    await waitForMail(mailbox(), other.email, 1, 'Reminder'); // the mentor still wants reminders
    const suppressed = await eventually(async () =>
      (await recordsOf(mentee.id)).find((r) => r.template === 'match-reminder' && r.status === 'suppressed'),
    );
    expect(suppressed.status).toBe('suppressed');
    expect(
      (await mailTo(mailbox(), mentee.email)).filter((m) => m.subject.startsWith('Reminder')),
    ).toHaveLength(1);
  });

  it('accepts the multipart form of one-click too', async () => {
    const [reminder] = await mailTo(mailbox(), mentor.email).then((m) =>
      m.filter((x) => x.subject.startsWith('Reminder')),
    );
    const url = new URL(String(reminder?.headers['list-unsubscribe']).slice(1, -1));
    const boundary = 'XyZ123';
    const response = await app.inject({
      method: 'POST',
      url: `${url.pathname}${url.search}`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`,
    });
    expect(response.statusCode).toBe(200);
    const prefs = await app.inject({
      method: 'GET',
      url: `/programmes/${programmeId}/people/${mentor.id}/preferences`,
      headers: auth(ADMIN_KEY),
    });
    expect(prefs.json()).toMatchObject({ reminders: false });
  });
});

describe('the choices page', () => {
  it('works without JavaScript: the form saves, and a bad link gets a page that says so', async () => {
    const p = person('mentee', 'Pat Page', 'pat');
    await join(p);
    const [mail] = await mailTo(mailbox(), p.email);
    const link = hrefs(mail?.html ?? '').find((h) => h.includes('/unsubscribe?token=')) ?? '';
    expect(link).not.toBe('');
    const url = new URL(link);
    const path = `${url.pathname}${url.search}`;
    const page = await app.inject({ method: 'GET', url: path });
    expect(page.body).toContain('<html lang="en-GB">');
    expect(page.body).toContain(
      '<legend>Optional emails from Health Libraries Group mentoring 2026</legend>',
    );
    expect(page.body).toContain('<label for="reminders">');
    expect(page.body).toContain('cannot be turned off');
    expect(page.body).not.toContain('<script');
    // (`=` is written `&#x3D;` in the attribute; browsers read it back as `=`.)
    expect(page.body).toMatch(/<form method="post" action="\/unsubscribe\?token(=|&#x3D;)[\w.-]+">/);
    const saved = await app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'action=save',
    });
    expect(saved.body).toContain('Your choices are saved.');
    expect(saved.body).not.toContain('checked');
    const back = await app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'action=save&reminders=on',
    });
    expect(back.body).toContain('checked');

    const bad = await app.inject({ method: 'GET', url: '/unsubscribe?token=not-a-token' });
    expect(bad.statusCode).toBe(401);
    expect(bad.headers['content-type']).toContain('text/html');
    expect(bad.body).toContain('This link does not work');
    // JSON elsewhere stays JSON-only.
    const form = await app.inject({
      method: 'PATCH',
      url: `/programmes/${programmeId}/people/${p.id}/preferences`,
      headers: { ...auth(ADMIN_KEY), 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'reminders=false',
    });
    expect(form.statusCode).toBe(415);
  });

  it('lets an integrator with notifications:write for the programme change them, and no other programme', async () => {
    const p = person('mentor', 'Kim Keyed', 'kim');
    await join(p);
    const writer = await createKey(app, ['notifications:write', 'notifications:read'], programmeId);
    const foreign = await createKey(app, ['notifications:write'], 'prg_elsewhere');
    const url = `/programmes/${programmeId}/people/${p.id}/preferences`;
    const changed = await app.inject({
      method: 'PATCH',
      url,
      headers: auth(writer),
      payload: { reminders: false },
    });
    expect(changed.json()).toEqual({ reminders: false, summaries: true });
    expect(
      (await app.inject({ method: 'PATCH', url, headers: auth(foreign), payload: { reminders: true } }))
        .statusCode,
    ).toBe(403);
    expect(
      (await app.inject({ method: 'PATCH', url, headers: auth(writer), payload: { marketing: true } }))
        .statusCode,
    ).toBe(400);
  });
});

describe('the coordinator’s round summary', () => {
  it('is sent to the coordinator with the report and unmatched mentees by name, and honours their choice', async () => {
    const unmatched = person('mentee', 'Una <b>Matched</b>', 'una');
    await join(unmatched);
    const report = (published: boolean) => ({
      roundId: uid('r'),
      programmeId,
      published,
      report: {
        mentees: 48,
        menteesMatched: 46,
        mentors: 30,
        mentorsUsed: 27,
        score: { min: 41.2, median: 71.8, mean: 69.4 },
        load: { min: 1, max: 3, mean: 1.7, stdev: 0.6 },
        blockingPairs: 2,
        unmatched: [{ menteeId: unmatched.id, reason: 'No mentor speaks Welsh & meets in person.' }],
      },
      completedAt: new Date().toISOString(),
    });
    await publisher.publish('belong.round.completed.v1', report(false));
    const [summary] = await waitForMail(mailbox(), coordinator(), 1, 'Matching round');
    expect(summary?.subject).toBe('Matching round ready to review: 46 of 48 mentees matched');
    expect(summary?.text).toContain('Mentees matched:          46 of 48');
    expect(summary?.text).toContain('* Una <b>Matched</b>: No mentor speaks Welsh & meets in person.');
    expect(summary?.html).toContain(
      '<strong>Una &lt;b&gt;Matched&lt;/b&gt;</strong>: No mentor speaks Welsh &amp; meets in person.',
    );
    expect(summary?.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const url = new URL(String(summary?.headers['list-unsubscribe']).slice(1, -1));
    const page = await app.inject({ method: 'GET', url: `${url.pathname}${url.search}` });
    expect(page.body).toContain('Email choices for Amina Yusuf');
    expect(page.body).toContain('id="summaries"');
    await app.inject({
      method: 'POST',
      url: `${url.pathname}${url.search}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    const second = await publisher.publish('belong.round.completed.v1', report(true));
    const suppressed = await eventually(async () => {
      const response = await app.inject({
        method: 'GET',
        url: `/notifications?eventId=${second.id}`,
        headers: auth(ADMIN_KEY),
      });
      return (response.json() as { items: { status: string }[] }).items.find(
        (i) => i.status === 'suppressed',
      );
    });
    expect(suppressed).toBeDefined();
    expect(
      (await mailTo(mailbox(), coordinator())).filter((m) => m.subject.startsWith('Matching round')),
    ).toHaveLength(1);
  });
});

describe('withdrawal and erasure', () => {
  it('confirms a withdrawal', async () => {
    const p = person('mentee', 'Wendy Withdrawn', 'wendy');
    await join(p);
    await publisher.publish('belong.profile.withdrawn.v1', {
      profileId: p.id,
      programmeId,
      role: 'mentee',
      reason: null,
      withdrawnAt: new Date().toISOString(),
    });
    const [mail] = await waitForMail(mailbox(), p.email, 1, 'You have left');
    expect(mail?.text).toContain(
      'This is to confirm that you have withdrawn from Health Libraries Group mentoring 2026.',
    );
  });

  it('confirms an erasure, then keeps nothing personal: records emptied, preferences gone, no further mail', async () => {
    const p = person('mentor', 'Erin Erased', 'erin');
    await join(p);
    await app.inject({
      method: 'PATCH',
      url: `/programmes/${programmeId}/people/${p.id}/preferences`,
      headers: auth(ADMIN_KEY),
      payload: { reminders: false },
    });
    await publisher.publish('belong.profile.erased.v1', {
      profileId: p.id,
      programmeId,
      emailHash: 'a'.repeat(64),
      erasedAt: new Date().toISOString(),
    });
    const [mail] = await waitForMail(mailbox(), p.email, 1, 'has been erased');
    expect(mail?.text).toContain('we have erased your profile');
    expect(mail?.text).not.toContain('Manage my profile');
    const items = await eventually(async () => {
      const list = await recordsOf(p.id);
      return list.length === 2 && list.every((r) => r.status === 'erased') ? list : undefined;
    });
    expect(items.every((r) => r.recipient.email === undefined)).toBe(true);
    const docs = await app.mongo
      .collection('notifications')
      .find({ 'state.recipient.profileId': p.id } as never)
      .toArray();
    expect(JSON.stringify(docs)).not.toContain(p.email);
    expect(JSON.stringify(docs)).not.toContain('Erin');
    const people = await app.mongo.collection('people').findOne({ _id: p.id } as never);
    expect(people?.state).toMatchObject({ status: 'erased', emailHash: 'a'.repeat(64) });
    expect(JSON.stringify(people)).not.toContain(p.email);
    const prefs = await app.mongo
      .collection('preferences')
      .find({ 'state.subjectId': p.id } as never)
      .toArray();
    expect(prefs.map((d) => d.state)).toEqual([expect.objectContaining({ erased: true, reminders: false })]);
    // A late match event about the erased person sends nothing.
    const mentee = person('mentee', 'Late Match', 'latematch');
    await join(mentee);
    await publisher.publish('belong.match.proposed.v1', proposedData(uid('m'), programmeId, mentee.id, p.id));
    await publisher.publish('belong.profile.withdrawn.v1', {
      profileId: mentee.id,
      programmeId,
      role: 'mentee',
      reason: null,
      withdrawnAt: new Date().toISOString(),
    });
    await waitForMail(mailbox(), mentee.email, 1, 'You have left');
    expect(
      (await mailTo(mailbox(), mentee.email)).filter((m) => m.subject.includes('suggested')),
    ).toHaveLength(0);
    expect(await mailTo(mailbox(), p.email)).toHaveLength(2);
  });
});
