// The emails, end to end through the real servers: events in on Kafka (as the profile and
// matching services publish them), mail out over SMTP into the dev mailbox, read back with
// headers, HTML and text. Also: links that verify, escaping, header injection, exactly one email
// under redelivery, events out of order, the delivery log, and notification.sent.
import { type EventEnvelope, Topics } from '@belong/contracts';
import { createTokenService, type KitApp } from '@belong/kit';
import { createTestNamespace, EventProbe } from '@belong/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ADMIN_KEY,
  auth,
  buildTestApp,
  createKey,
  eventually,
  hrefs,
  type Mail,
  mailTo,
  Publisher,
  programmeData,
  proposedData,
  SIGNING_SECRET,
  submittedData,
  tokenOf,
  uid,
  verifiedData,
  waitForMail,
} from './helpers.ts';

const ns = createTestNamespace('notification emails');
const publisher = new Publisher(ns);
const probe = new EventProbe();
const tokens = createTokenService({ signingSecret: SIGNING_SECRET });
let app: KitApp;
const programmeId = uid('prg');
const mailbox = () => ns.servers.mailboxUrl;

interface Person {
  id: string;
  role: 'mentee' | 'mentor';
  displayName: string;
  email: string;
}

function person(role: 'mentee' | 'mentor', name: string, local: string): Person {
  return { id: uid('pfl'), role, displayName: name, email: ns.email(local) };
}

/** Publishes submitted + verified, and waits for the verification email. */
async function join(p: Person): Promise<Mail> {
  await publisher.publish('belong.profile.submitted.v1', submittedData(p.id, programmeId, p));
  const [mail] = await waitForMail(mailbox(), p.email, 1, 'confirm your email');
  await publisher.publish('belong.profile.verified.v1', verifiedData(p.id, programmeId, p));
  return mail as Mail;
}

const header = (mail: Mail, name: string) => {
  const value = mail.headers[name];
  return Array.isArray(value) ? value.join('\n') : value;
};

async function records(query: string) {
  const response = await app.inject({
    method: 'GET',
    url: `/notifications?${query}`,
    headers: auth(ADMIN_KEY),
  });
  expect(response.statusCode).toBe(200);
  return response.json() as {
    items: {
      id: string;
      status: string;
      template: string;
      attempts: number;
      messageId?: string;
      eventId: string;
    }[];
    nextCursor: string | null;
  };
}

beforeAll(async () => {
  app = buildTestApp(ns);
  await app.ready();
  await publisher.start();
  await probe.start(ns, Topics.notification);
  await publisher.publish(
    'belong.programme.changed.v1',
    programmeData(programmeId, { coordinator: { name: 'Amina Yusuf', email: ns.email('coordinator') } }),
  );
}, 60_000);

afterAll(async () => {
  await probe.stop();
  await publisher.stop();
  await app?.close();
  await ns.cleanup();
}, 30_000);

describe('verification (double opt-in)', () => {
  const hostile = person('mentee', '<script>alert("hi")</script> Sam\r\nBcc: evil@evil.test', 'hostile');

  it('is sent once, from the programme, with the link from the event, escaped, and no injected header', async () => {
    const mail = await join(hostile);
    expect(mail.subject).toBe('Please confirm your email address for Health Libraries Group mentoring 2026');
    expect(mail.from).toEqual({
      name: 'Health Libraries Group mentoring 2026 via Belong',
      address: 'belong@belong.test',
    });
    expect(header(mail, 'reply-to')).toContain(ns.email('coordinator'));
    // The display name became one line; the SMTP envelope has exactly the one recipient.
    expect(mail.envelope.to).toEqual([hostile.email]);
    expect(mail.to).toHaveLength(1);
    expect(mail.to[0]?.address).toBe(hostile.email);
    expect(mail.to[0]?.name).not.toMatch(/[\r\n]/);
    expect(mail.headers.bcc).toBeUndefined();
    expect(Object.keys(mail.headers).filter((h) => h === 'bcc')).toEqual([]);
    expect(mail.messageId).toMatch(/^<ntf_[A-Za-z0-9_-]{22}@belong\.test>$/);
    expect(header(mail, 'auto-submitted')).toBe('auto-generated');
    // A mandatory email: no unsubscribe header, and it says why it cannot be turned off.
    expect(mail.headers['list-unsubscribe']).toBeUndefined();
    expect(mail.text).toContain('cannot be turned off');
    // Hostile text is escaped in HTML, plain in text.
    expect(mail.html).toContain(
      'Hello &lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt; Sam Bcc: evil@evil.test,',
    );
    expect(mail.html).not.toContain('<script>');
    expect(mail.text).toContain('Hello <script>alert("hi")</script> Sam Bcc: evil@evil.test,');
    // The link is the profile service's, as is; the footer links are signed for this person.
    const verifyUrl = `http://profile.belong.test/verify?token=verify-${hostile.id}`;
    expect(mail.text).toContain(verifyUrl);
    expect(hrefs(mail.html ?? '')).toContain(verifyUrl);
    const manage = hrefs(mail.html ?? '').find((h) => h.startsWith('http://profile.belong.test/me?token='));
    expect(
      tokens.verify(tokenOf(manage ?? ''), { action: 'manage-profile', profileId: hostile.id }),
    ).toMatchObject({
      profileId: hostile.id,
    });
    expect(mail.text).toContain('Amina Yusuf, who coordinates Health Libraries Group mentoring 2026');
    expect(await mailTo(mailbox(), 'evil@evil.test')).toHaveLength(0);
  });

  it('is recorded as sent with notification.sent carrying the same Message-ID', async () => {
    const { items } = await records(`recipientId=${hostile.id}&template=verification`);
    expect(items).toHaveLength(1);
    const record = await eventually(async () => {
      const { items: now } = await records(`recipientId=${hostile.id}&template=verification`);
      return now[0]?.status === 'sent' ? now[0] : undefined;
    });
    const [event] = await probe.waitFor('belong.notification.sent.v1', hostile.id);
    expect(event?.data).toMatchObject({
      notificationId: record.id,
      template: 'verification',
      recipientId: hostile.id,
      messageId: record.messageId,
    });
  });
});

describe('a match from proposal to introduction', () => {
  const mentee = person('mentee', 'Priya Shah', 'priya');
  const mentor = person('mentor', 'Dr Sam Okafor', 'sam');
  const matchId = uid('m');
  let proposed: EventEnvelope;
  let menteeMail: Mail;
  let mentorMail: Mail;

  beforeAll(async () => {
    await join(mentee);
    await join(mentor);
    proposed = await publisher.publish(
      'belong.match.proposed.v1',
      proposedData(matchId, programmeId, mentee.id, mentor.id),
    );
    [menteeMail] = (await waitForMail(mailbox(), mentee.email, 1, 'suggested a mentor')) as [Mail];
    [mentorMail] = (await waitForMail(mailbox(), mentor.email, 1, 'Would you mentor')) as [Mail];
  }, 60_000);

  it('tells the mentee who, why (their side of the explanation), and how to answer', () => {
    expect(menteeMail.subject).toBe('We have suggested a mentor for you: Dr Sam Okafor');
    expect(menteeMail.text).toContain(
      'Systematic review searching is her main expertise and your first goal.',
    );
    expect(menteeMail.text).toContain('You both work in NHS acute trusts <and> love it.');
    expect(menteeMail.html).toContain('You both work in NHS acute trusts &lt;and&gt; love it.');
    expect(menteeMail.text).toMatch(/Please let us know by \w+day \d+ \w+ \d{4} at \d\d:\d\d/);
    // No contact details before both said yes.
    expect(menteeMail.text).not.toContain(mentor.email);
    expect(menteeMail.html).not.toContain(mentor.email);
  });

  it('tells the mentor with their side of the explanation', () => {
    expect(mentorMail.subject).toBe('Would you mentor Priya Shah?');
    expect(mentorMail.text).toContain('Systematic review searching, your main expertise, is his first goal.');
    expect(mentorMail.text).not.toContain('your first goal');
    expect(mentorMail.text).not.toContain(mentee.email);
  });

  it('has accept and decline links signed for that person and that match only', () => {
    for (const [mail, who] of [
      [menteeMail, mentee],
      [mentorMail, mentor],
    ] as const) {
      const links = hrefs(mail.html ?? '').filter((h) => h.includes('/respond?'));
      expect(links).toHaveLength(2);
      const [accept, decline] = links.map((l) => new URL(l));
      expect(accept?.origin + (accept?.pathname ?? '')).toBe(
        `http://matching.belong.test/matches/${matchId}/respond`,
      );
      expect(accept?.searchParams.get('answer')).toBe('accept');
      expect(decline?.searchParams.get('answer')).toBe('decline');
      const token = accept?.searchParams.get('token') ?? '';
      expect(
        tokens.verify(token, { action: 'respond-match', resourceId: matchId, profileId: who.id }),
      ).toMatchObject({
        profileId: who.id,
        resourceId: matchId,
      });
      expect(() => tokens.verify(token, { action: 'respond-match', resourceId: 'm_other' })).toThrow();
      expect(() => tokens.verify(token, { action: 'manage-profile' })).toThrow();
      expect(mail.text).toContain(accept?.toString() ?? 'missing');
    }
  });

  it('sends exactly one email per (event, recipient, template) under redelivery, even past the dedupe record', async () => {
    // A redelivery the kit's dedupe catches…
    await publisher.republish(proposed, Topics.match);
    // …and one it cannot: the crash between the handler and the dedupe record, simulated by
    // deleting that record. The notification's unique id absorbs it.
    await app.mongo
      .collection('processed_events')
      .deleteMany({ _id: { $regex: `:${proposed.id}$` } } as never);
    await publisher.republish(proposed, Topics.match);
    // A later event of the same mentee (same partition, so processed after both) marks the point.
    await publisher.publish('belong.match.accepted.v1', {
      matchId,
      programmeId,
      menteeId: mentee.id,
      mentorId: mentor.id,
      by: 'mentor',
      status: 'awaiting_mentee',
      acceptedAt: new Date().toISOString(),
    });
    const [waiting] = await waitForMail(mailbox(), mentee.email, 1, 'has said yes');
    expect(waiting?.subject).toBe('Dr Sam Okafor has said yes to your match: over to you');
    expect(waiting?.text).toContain('We are now waiting for your answer');
    expect(hrefs(waiting?.html ?? '').filter((h) => h.includes('/respond?'))).toHaveLength(2);
    expect(
      (await mailTo(mailbox(), mentee.email)).filter((m) => m.subject.includes('suggested a mentor')),
    ).toHaveLength(1);
    expect(
      (await mailTo(mailbox(), mentor.email)).filter((m) => m.subject.includes('Would you mentor')),
    ).toHaveLength(1);
    const { items } = await records(`eventId=${proposed.id}`);
    expect(items.map((i) => i.template).sort()).toEqual(['match-proposed-mentee', 'match-proposed-mentor']);
  });

  it('introduces them with contact details once both said yes', async () => {
    await publisher.publish('belong.match.accepted.v1', {
      matchId,
      programmeId,
      menteeId: mentee.id,
      mentorId: mentor.id,
      by: 'mentee',
      status: 'active',
      acceptedAt: new Date().toISOString(),
    });
    const [toMentee] = await waitForMail(mailbox(), mentee.email, 1, 'You are matched');
    const [toMentor] = await waitForMail(mailbox(), mentor.email, 1, 'You are matched');
    expect(toMentee?.subject).toBe('You are matched: meet Dr Sam Okafor');
    expect(toMentee?.text).toContain(mentor.email);
    expect(toMentee?.html).toContain(`mailto:${mentor.email}`);
    expect(toMentee?.text).toContain('Please write to Dr Sam Okafor within the next week');
    expect(toMentor?.text).toContain(mentee.email);
    expect(toMentor?.text).toContain('Meet your mentee, Priya Shah');
  });

  it('says so when the match ends, with a coordinator’s reason', async () => {
    await publisher.publish('belong.match.ended.v1', {
      matchId,
      programmeId,
      menteeId: mentee.id,
      mentorId: mentor.id,
      by: 'coordinator',
      reason: 'Mentor on long-term leave.',
      endedAt: new Date().toISOString(),
    });
    const [ended] = await waitForMail(mailbox(), mentee.email, 1, 'has ended');
    expect(ended?.text).toContain(
      'The programme team has ended your match with Dr Sam Okafor. The reason given: "Mentor on long-term leave."',
    );
    await waitForMail(mailbox(), mentor.email, 1, 'has ended');
  });
});

describe('declined, expired, and events that arrive before the people they name', () => {
  it('waits for people it does not know yet, then sends the proposal once', async () => {
    const mentee = person('mentee', 'Late Lena', 'lena');
    const mentor = person('mentor', 'Early Eve', 'eve');
    const matchId = uid('m');
    // The match first: its people come on another topic, later.
    await publisher.publish(
      'belong.match.proposed.v1',
      proposedData(matchId, programmeId, mentee.id, mentor.id),
    );
    await join(mentee);
    await join(mentor);
    await waitForMail(mailbox(), mentee.email, 1, 'suggested a mentor');
    await waitForMail(mailbox(), mentor.email, 1, 'Would you mentor');

    await publisher.publish('belong.match.declined.v1', {
      matchId,
      programmeId,
      menteeId: mentee.id,
      mentorId: mentor.id,
      by: 'mentor',
      reason: 'At capacity until March.',
      declinedAt: new Date().toISOString(),
    });
    const [toMentee] = await waitForMail(mailbox(), mentee.email, 1, 'will not go ahead');
    expect(toMentee?.text).toContain('Early Eve is not able to go ahead');
    expect(toMentee?.text).toContain('We are already looking for another mentor for you');
    // The decline reason is the decliner's own words: not passed on.
    expect(toMentee?.text).not.toContain('At capacity');
    const [toMentor] = await waitForMail(mailbox(), mentor.email, 1, 'will not go ahead');
    expect(toMentor?.text).toContain('You have said no to the suggested match with Late Lena');
  });

  it('tells both when nobody answered in time', async () => {
    const mentee = person('mentee', 'Quiet Quinn', 'quinn');
    const mentor = person('mentor', 'Busy Bo', 'bo');
    const matchId = uid('m');
    await join(mentee);
    await join(mentor);
    await publisher.publish(
      'belong.match.proposed.v1',
      proposedData(matchId, programmeId, mentee.id, mentor.id),
    );
    await publisher.publish('belong.match.expired.v1', {
      matchId,
      programmeId,
      menteeId: mentee.id,
      mentorId: mentor.id,
      expiredAt: new Date().toISOString(),
    });
    const [toMentee] = await waitForMail(mailbox(), mentee.email, 1, 'run out of time');
    expect(toMentee?.text).toContain('We are looking for another mentor for you');
    await waitForMail(mailbox(), mentor.email, 1, 'run out of time');
  });

  it('in mentee_choice, tells the mentor only once chosen', async () => {
    const mentee = person('mentee', 'Choosy Cat', 'cat');
    const mentor = person('mentor', 'Chosen Chris', 'chris');
    const matchId = uid('m');
    await join(mentee);
    await join(mentor);
    await publisher.publish(
      'belong.match.proposed.v1',
      proposedData(matchId, programmeId, mentee.id, mentor.id, { mode: 'mentee_choice' }),
    );
    const [toMentee] = await waitForMail(mailbox(), mentee.email, 1, 'suggested a mentor');
    expect(toMentee?.text).toContain('You may have more than one suggestion');
    await publisher.publish('belong.match.accepted.v1', {
      matchId,
      programmeId,
      menteeId: mentee.id,
      mentorId: mentor.id,
      by: 'mentee',
      status: 'awaiting_mentor',
      acceptedAt: new Date().toISOString(),
    });
    const [toMentor] = await waitForMail(mailbox(), mentor.email, 1, 'would like you as their mentor');
    expect(toMentor?.text).toContain('Choosy Cat has chosen you');
    expect(toMentor?.text).toContain('Systematic review searching, your main expertise, is his first goal.');
    const mails = await mailTo(mailbox(), mentor.email);
    expect(mails.filter((m) => m.subject.includes('Would you mentor'))).toHaveLength(0);
  });
});

describe('the delivery log', () => {
  it('lists by person, event and status with cursor pagination; reads one; resends (admin only)', async () => {
    const p = person('mentor', 'Log Lou', 'lou');
    await join(p);
    const first = await records(`recipientId=${p.id}`);
    expect(first.items).toHaveLength(1);
    const id = first.items[0]?.id ?? '';
    const sent = await records(`status=sent&limit=1`);
    expect(sent.items).toHaveLength(1);
    expect(sent.nextCursor).not.toBeNull();
    const next = await records(`status=sent&limit=1&cursor=${sent.nextCursor}`);
    expect(next.items[0]?.id).not.toBe(sent.items[0]?.id);
    expect(
      (await app.inject({ method: 'GET', url: '/notifications?cursor=nonsense', headers: auth(ADMIN_KEY) }))
        .statusCode,
    ).toBe(400);

    const one = await app.inject({ method: 'GET', url: `/notifications/${id}`, headers: auth(ADMIN_KEY) });
    expect(one.json()).toMatchObject({
      id,
      template: 'verification',
      recipient: { profileId: p.id, email: p.email },
    });

    const reader = await createKey(app, ['notifications:read'], programmeId);
    const otherReader = await createKey(app, ['notifications:read'], 'prg_other');
    expect(
      (await app.inject({ method: 'GET', url: `/notifications/${id}`, headers: auth(reader) })).statusCode,
    ).toBe(200);
    expect(
      (await app.inject({ method: 'GET', url: `/notifications/${id}`, headers: auth(otherReader) }))
        .statusCode,
    ).toBe(404);
    const foreign = await app.inject({
      method: 'GET',
      url: `/notifications?programmeId=${programmeId}`,
      headers: auth(otherReader),
    });
    expect(foreign.statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/notifications' })).statusCode).toBe(401);

    expect(
      (await app.inject({ method: 'POST', url: `/notifications/${id}/resend`, headers: auth(reader) }))
        .statusCode,
    ).toBe(403);
    await eventually(async () => (await records(`recipientId=${p.id}`)).items[0]?.status === 'sent');
    const resent = await app.inject({
      method: 'POST',
      url: `/notifications/${id}/resend`,
      headers: auth(ADMIN_KEY),
    });
    expect(resent.statusCode).toBe(202);
    expect(resent.json()).toMatchObject({ resendOf: id, status: 'pending', template: 'verification' });
    const mails = await waitForMail(mailbox(), p.email, 2, 'confirm your email');
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(2);
  });
});
