// The matching service against the real servers: the pool built from profile events, instant
// proposals with explanations, accept / decline / re-match, expiry, withdrawal and erasure,
// two instances never overfilling a mentor, manual matches, mentee choice, cohort rounds.
import { ConsumerGroups, type EventEnvelope } from '@belong/contracts';
import type { KitApp } from '@belong/kit';
import { createTestNamespace, EventProbe, EventSender } from '@belong/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createMatchService } from '../src/matches/service.ts';
import {
  attributes,
  auth,
  buildTestApp,
  erased,
  eventually,
  id,
  inPool,
  mentorAttributes,
  programmeEvent,
  verified,
  withdrawn,
} from './helpers.ts';

const ns = createTestNamespace('matching service');
const adminKey = `admin-${'m'.repeat(40)}`;
const probe = new EventProbe();
const sender = new EventSender();
let app: KitApp;
let second: KitApp;

type Proposed = {
  matchId: string;
  menteeId: string;
  mentorId: string;
  score: number;
  explanation: { summary: string; criteria: { forMentee: string }[] };
};

const proposedFor = (menteeId: string) =>
  probe.events.filter(
    (e) => e.type === 'belong.match.proposed.v1' && (e.data as Proposed).menteeId === menteeId,
  );

async function waitProposed(menteeId: string, count = 1): Promise<EventEnvelope<Proposed>[]> {
  return eventually(async () => {
    const found = proposedFor(menteeId);
    return found.length >= count ? (found as EventEnvelope<Proposed>[]) : null;
  }, `${count} proposal(s) for ${menteeId}`);
}

const respondToken = (matchId: string, profileId: string) =>
  app.tokens.issue({ profileId, action: 'respond-match', resourceId: matchId, ttlSeconds: 600 });

async function newProgramme(extra: Parameters<typeof programmeEvent>[1] = {}): Promise<string> {
  const programmeId = id('prg');
  await sender.send(programmeEvent(programmeId, extra));
  return programmeId;
}

beforeAll(async () => {
  app = buildTestApp(ns, adminKey);
  second = buildTestApp(ns, adminKey);
  await Promise.all([app.ready(), second.ready()]);
  await probe.start(ns, 'belong.match.v1');
  await sender.start(ns);
}, 90_000);

afterAll(async () => {
  await sender.stop();
  await probe.stop();
  await Promise.all([app?.close(), second?.close()]);
  await ns.cleanup();
}, 60_000);

describe('instant mode', () => {
  it('proposes the best mentor with an explanation when a mentee is verified', async () => {
    const programmeId = await newProgramme();
    const good = id('pfl');
    const weak = id('pfl');
    const mentee = id('pfl');
    await sender.send(
      verified(good, programmeId, 'mentor', mentorAttributes()),
      verified(
        weak,
        programmeId,
        'mentor',
        mentorAttributes({
          topics: ['copyright-licensing'],
          text: 'Copyright questions for universities.',
          sector: 'charity',
        }),
        'Wyn Jones',
      ),
    );
    await sender.send(verified(mentee, programmeId, 'mentee', attributes()));
    const [event] = await waitProposed(mentee);
    expect(event?.data).toMatchObject({ menteeId: mentee, mentorId: good, programmeId });
    expect(event?.data.score).toBeGreaterThan(0);
    expect(event?.data.explanation.summary.length).toBeGreaterThan(10);
    expect(JSON.stringify(event?.data.explanation)).toMatch(/Systematic reviews and evidence synthesis/);

    const matchId = event?.data.matchId ?? '';
    const read = await app.inject({
      method: 'GET',
      url: `/matches/${matchId}?token=${respondToken(matchId, mentee)}`,
    });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id: matchId, status: 'proposed', mode: 'instant' });
  });

  it('activates when both accept through their links; a stranger’s link is refused', async () => {
    const programmeId = await newProgramme();
    const mentor = id('pfl');
    const mentee = id('pfl');
    await sender.send(verified(mentor, programmeId, 'mentor', mentorAttributes()));
    await inPool(app, mentor);
    await sender.send(verified(mentee, programmeId, 'mentee', attributes()));
    const [event] = await waitProposed(mentee);
    const matchId = event?.data.matchId ?? '';

    const stranger = await app.inject({
      method: 'POST',
      url: `/matches/${matchId}/accept?token=${respondToken(matchId, id('pfl'))}`,
    });
    expect(stranger.statusCode).toBe(403);
    const otherMatch = await app.inject({
      method: 'POST',
      url: `/matches/${matchId}/accept?token=${respondToken(id('mtc'), mentee)}`,
    });
    expect(otherMatch.statusCode).toBe(403);

    const first = await app.inject({
      method: 'POST',
      url: `/matches/${matchId}/accept?token=${respondToken(matchId, mentee)}`,
    });
    expect(first.json().status).toBe('awaiting_mentor');
    const again = await app.inject({
      method: 'POST',
      url: `/matches/${matchId}/accept?token=${respondToken(matchId, mentee)}`,
    });
    expect(again.json().status).toBe('awaiting_mentor');
    const both = await app.inject({
      method: 'POST',
      url: `/matches/${matchId}/accept?token=${respondToken(matchId, mentor)}`,
    });
    expect(both.json()).toMatchObject({
      status: 'active',
      menteeAcceptedAt: expect.any(String),
      mentorAcceptedAt: expect.any(String),
    });
    const accepted = await eventually(async () => {
      const found = probe.events.filter(
        (e) => e.type === 'belong.match.accepted.v1' && (e.data as { matchId: string }).matchId === matchId,
      );
      return found.length >= 2 ? found : null;
    }, 'two accepted events');
    expect(accepted.map((e) => (e.data as { status: string }).status)).toEqual(['awaiting_mentor', 'active']);
    const decline = await app.inject({
      method: 'POST',
      url: `/matches/${matchId}/decline?token=${respondToken(matchId, mentee)}`,
    });
    expect(decline.statusCode).toBe(409);
    expect(decline.json().code).toBe('MATCH_NOT_OPEN');
  });

  it('shows the emailed answer link as a page (GET changes nothing) and acts on its form post', async () => {
    const programmeId = await newProgramme();
    const mentor = id('pfl');
    const mentee = id('pfl');
    await sender.send(verified(mentor, programmeId, 'mentor', mentorAttributes(), 'Gareth <b>Evans</b>'));
    await inPool(app, mentor);
    await sender.send(verified(mentee, programmeId, 'mentee', attributes()));
    const [event] = await waitProposed(mentee);
    const matchId = event?.data.matchId ?? '';
    const token = respondToken(matchId, mentee);
    const page = await app.inject({
      method: 'GET',
      url: `/matches/${matchId}/respond?answer=accept&token=${token}`,
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Would you like to work with Gareth &lt;b&gt;Evans&lt;/b&gt;?');
    expect(page.body).toContain('Health Libraries mentoring');
    expect(page.body).toMatch(/<form method="post" action="\/matches\/[^"]+\/respond">/);
    const unchanged = await app.inject({
      method: 'GET',
      url: `/matches/${matchId}`,
      headers: auth(adminKey),
    });
    expect(unchanged.json().status).toBe('proposed');
    const form = (answer: string, t = token) => ({
      method: 'POST' as const,
      url: `/matches/${matchId}/respond`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ token: t, answer }).toString(),
    });
    const yes = await app.inject(form('accept'));
    expect(yes.statusCode).toBe(200);
    expect(yes.body).toContain('waiting for the other person');
    const stranger = await app.inject(form('accept', respondToken(matchId, id('pfl'))));
    expect(stranger.statusCode).toBe(403);
    const mentorYes = await app.inject(form('accept', respondToken(matchId, mentor)));
    expect(mentorYes.body).toContain('You have both said yes');
    const late = await app.inject(form('decline'));
    expect(late.statusCode).toBe(409);
  });

  it('re-matches a declined mentee with someone else, never the same pair again', async () => {
    const programmeId = await newProgramme();
    const best = id('pfl');
    const next = id('pfl');
    const mentee = id('pfl');
    await sender.send(
      verified(best, programmeId, 'mentor', mentorAttributes()),
      verified(
        next,
        programmeId,
        'mentor',
        mentorAttributes({ sector: 'charity', topics: ['critical-appraisal'] }),
        'Wyn Jones',
      ),
    );
    await sender.send(verified(mentee, programmeId, 'mentee', attributes()));
    const [first] = await waitProposed(mentee);
    expect(first?.data.mentorId).toBe(best);
    const matchId = first?.data.matchId ?? '';
    const declined = await app.inject({
      method: 'POST',
      url: `/matches/${matchId}/decline?token=${respondToken(matchId, best)}`,
      payload: { reason: 'No time this term' },
    });
    expect(declined.json()).toMatchObject({
      status: 'declined',
      closedBy: 'mentor',
      closeReason: 'No time this term',
    });
    const proposals = await waitProposed(mentee, 2);
    expect(proposals[1]?.data.mentorId).toBe(next);
  });

  it('expires an unanswered proposal and re-matches', async () => {
    const programmeId = await newProgramme();
    const mentorA = id('pfl');
    const mentorB = id('pfl');
    const mentee = id('pfl');
    await sender.send(
      verified(mentorA, programmeId, 'mentor', mentorAttributes()),
      verified(mentorB, programmeId, 'mentor', mentorAttributes({ sector: 'charity' }), 'Wyn Jones'),
    );
    await inPool(app, mentorA, mentorB);
    await sender.send(verified(mentee, programmeId, 'mentee', attributes()));
    const [first] = await waitProposed(mentee);
    const later = createMatchService(app, { now: () => new Date(Date.now() + 8 * 24 * 3600 * 1000) });
    expect(await later.expireDue()).toBeGreaterThanOrEqual(1);
    const expired = await eventually(
      async () =>
        probe.events.find(
          (e) =>
            e.type === 'belong.match.expired.v1' &&
            (e.data as { matchId: string }).matchId === first?.data.matchId,
        ),
      'match.expired',
    );
    expect(expired).toBeDefined();
    const proposals = await waitProposed(mentee, 2);
    expect(proposals[1]?.data.mentorId).not.toBe(first?.data.mentorId);
  });
});

describe('concurrency: two instances in one consumer group', () => {
  it('never overfills a mentor', async () => {
    const programmeId = await newProgramme();
    const mentor = id('pfl');
    await sender.send(verified(mentor, programmeId, 'mentor', mentorAttributes({ capacity: 2 })));
    await inPool(app, mentor);
    const mentees = Array.from({ length: 8 }, () => id('pfl'));
    const events = mentees.map((m, i) =>
      verified(m, programmeId, 'mentee', attributes({ organisation: `trust ${i}` })),
    );
    await sender.send(...events);
    // Every verification handled (by one instance or the other): the group recorded each event.
    const recorded = events.map((e) => `${ConsumerGroups.matchingProfiles}:${e.envelope.id}`);
    await eventually(
      async () =>
        (await app.mongo
          .collection('processed_events')
          .countDocuments({ _id: { $in: recorded } as never })) === 8,
      'all eight verifications processed',
    );
    const matchesOfMentor = () =>
      app.mongo.collection('matches').countDocuments({ 'state.mentorId': mentor } as never);
    expect(await matchesOfMentor()).toBe(2);
    expect(await app.mongo.collection('seats').countDocuments({ mentorId: mentor })).toBe(2);
    await eventually(
      async () =>
        probe.events.filter(
          (e) => e.type === 'belong.match.proposed.v1' && (e.data as Proposed).mentorId === mentor,
        ).length === 2,
      'both proposals published',
    );
  });
});

describe('people leaving', () => {
  it('ends open matches when a mentor withdraws, and when a mentee is erased (explanation redacted)', async () => {
    const programmeId = await newProgramme({ matchingMode: 'mentee_choice' });
    const mentor = id('pfl');
    const mentee = id('pfl');
    await sender.send(verified(mentor, programmeId, 'mentor', mentorAttributes({ capacity: 3 })));
    await sender.send(verified(mentee, programmeId, 'mentee', attributes()));
    await eventually(
      async () => (await app.mongo.collection('people').countDocuments({ _id: mentee as never })) === 1,
      'mentee in pool',
    );
    const manageToken = app.tokens.issue({ profileId: mentee, action: 'manage-profile', ttlSeconds: 600 });
    const suggestions = await app.inject({
      method: 'GET',
      url: `/programmes/${programmeId}/mentees/${mentee}/suggestions?token=${manageToken}`,
    });
    expect(suggestions.statusCode).toBe(200);
    expect(suggestions.json().suggestions[0]).toMatchObject({
      mentorId: mentor,
      displayName: 'Gareth Evans',
    });
    const chosen = await app.inject({
      method: 'POST',
      url: `/programmes/${programmeId}/mentees/${mentee}/choose?token=${manageToken}`,
      payload: { mentorId: mentor },
    });
    expect(chosen.statusCode).toBe(201);
    expect(chosen.json()).toMatchObject({ status: 'awaiting_mentor', mode: 'mentee_choice' });
    const matchId = chosen.json().id;

    await sender.send(erased(mentee, programmeId));
    const ended = await eventually(
      async () =>
        probe.events.find(
          (e) => e.type === 'belong.match.ended.v1' && (e.data as { matchId: string }).matchId === matchId,
        ),
      'match.ended after erasure',
    );
    expect(ended?.data).toMatchObject({ by: 'system', reason: 'erased' });
    const after = await app.inject({ method: 'GET', url: `/matches/${matchId}`, headers: auth(adminKey) });
    expect(after.json().explanation.summary).toMatch(/erased/);
    expect(JSON.stringify(after.json())).not.toContain('Gareth');
    expect(await app.mongo.collection('people').countDocuments({ _id: mentee as never })).toBe(0);
    expect(await app.mongo.collection('seats').countDocuments({ mentorId: mentor })).toBe(0);
  });

  it('gives a mentee who waited the place of a mentor who joins later', async () => {
    const programmeId = await newProgramme();
    const mentee = id('pfl');
    await sender.send(verified(mentee, programmeId, 'mentee', attributes()));
    await inPool(app, mentee);
    expect(proposedFor(mentee)).toHaveLength(0);
    const mentor = id('pfl');
    await sender.send(verified(mentor, programmeId, 'mentor', mentorAttributes()));
    const [proposal] = await waitProposed(mentee);
    expect(proposal?.data.mentorId).toBe(mentor);
  });

  it('matches a mentee whose proposal died with its writer, once the sweep frees the abandoned slot', async () => {
    const programmeId = await newProgramme();
    const mentor = id('pfl');
    await sender.send(verified(mentor, programmeId, 'mentor', mentorAttributes()));
    await inPool(app, mentor);
    // A writer killed after taking the mentee's slot and before writing the match.
    const mentee = id('pfl');
    expect(await createMatchService(app).places.claimMentee(mentee, 'mtc_never_written')).toBe(true);
    const event = verified(mentee, programmeId, 'mentee', attributes());
    await sender.send(event);
    const recorded = `${ConsumerGroups.matchingProfiles}:${event.envelope.id}`;
    await eventually(
      async () =>
        (await app.mongo.collection('processed_events').countDocuments({ _id: recorded as never })) === 1,
      'the verification handled',
    );
    // The slot looked taken, so the event was handled without a proposal.
    expect(proposedFor(mentee)).toHaveLength(0);
    // A minute later the sweep finds the slot abandoned, frees it, and looks for the mentee again.
    const later = createMatchService(app, { now: () => new Date(Date.now() + 5 * 60_000) });
    expect(await later.reconcilePlaces()).toBeGreaterThanOrEqual(1);
    const [proposal] = await waitProposed(mentee);
    expect(proposal?.data.mentorId).toBe(mentor);
  });

  it('ends a mentor’s open match when they withdraw', async () => {
    const programmeId = await newProgramme();
    const mentor = id('pfl');
    const mentee = id('pfl');
    await sender.send(verified(mentor, programmeId, 'mentor', mentorAttributes()));
    await inPool(app, mentor);
    await sender.send(verified(mentee, programmeId, 'mentee', attributes()));
    const [proposal] = await waitProposed(mentee);
    await sender.send(withdrawn(mentor, programmeId, 'mentor'));
    const ended = await eventually(
      async () =>
        probe.events.find(
          (e) =>
            e.type === 'belong.match.ended.v1' &&
            (e.data as { matchId: string }).matchId === proposal?.data.matchId,
        ),
      'match.ended after withdrawal',
    );
    expect(ended?.data).toMatchObject({ reason: 'withdrew from the programme' });
  });
});

describe('coordinators', () => {
  it('match by hand and end with a reason, both in the audit log; list and CSV', async () => {
    const programmeId = await newProgramme({ matchingMode: 'cohort_round' });
    const mentor = id('pfl');
    const mentee = id('pfl');
    await sender.send(verified(mentor, programmeId, 'mentor', mentorAttributes()));
    await sender.send(
      verified(mentee, programmeId, 'mentee', attributes({ organisation: 'university of sheffield' })),
    );
    await eventually(
      async () => (await app.mongo.collection('people').countDocuments({ programmeId })) === 2,
      'pool',
    );
    const made = await app.inject({
      method: 'POST',
      url: `/programmes/${programmeId}/matches`,
      headers: auth(adminKey),
      payload: {
        menteeId: mentee,
        mentorId: mentor,
        reason: 'Same organisation, but different sites: agreed with both',
      },
    });
    expect(made.statusCode).toBe(201);
    const matchId = made.json().id;
    const twice = await app.inject({
      method: 'POST',
      url: `/programmes/${programmeId}/matches`,
      headers: auth(adminKey),
      payload: { menteeId: mentee, mentorId: mentor, reason: 'again' },
    });
    expect(twice.statusCode).toBe(409);
    const endIt = await app.inject({
      method: 'POST',
      url: `/matches/${matchId}/end`,
      headers: auth(adminKey),
      payload: { reason: 'The mentee moved jobs' },
    });
    expect(endIt.json()).toMatchObject({ status: 'ended', closedBy: 'coordinator' });
    const auditLog = await app.inject({
      method: 'GET',
      url: `/programmes/${programmeId}/audit`,
      headers: auth(adminKey),
    });
    expect(auditLog.json().items.map((e: { action: string }) => e.action)).toEqual([
      'end_match',
      'create_match',
    ]);
    const list = await app.inject({
      method: 'GET',
      url: `/programmes/${programmeId}/matches?status=ended`,
      headers: auth(adminKey),
    });
    expect(list.json().items.map((m: { id: string }) => m.id)).toEqual([matchId]);
    const csv = await app.inject({
      method: 'GET',
      url: `/programmes/${programmeId}/matches.csv`,
      headers: auth(adminKey),
    });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body.split('\r\n')[1]).toContain(matchId);
  });

  it('runs a cohort round: preview with the report, one at a time, publish proposes every pair', async () => {
    const programmeId = await newProgramme({ matchingMode: 'cohort_round' });
    const mentors = [id('pfl'), id('pfl')];
    const mentees = [id('pfl'), id('pfl'), id('pfl'), id('pfl')];
    await sender.send(
      verified(mentors[0] ?? '', programmeId, 'mentor', mentorAttributes({ capacity: 2 })),
      verified(
        mentors[1] ?? '',
        programmeId,
        'mentor',
        mentorAttributes({ capacity: 1, sector: 'charity', organisation: 'macmillan' }),
        'Wyn Jones',
      ),
    );
    await sender.send(
      ...mentees.map((m, i) =>
        verified(
          m,
          programmeId,
          'mentee',
          attributes({ organisation: i === 3 ? 'macmillan' : `trust ${i}` }),
        ),
      ),
    );
    await eventually(
      async () => (await app.mongo.collection('people').countDocuments({ programmeId })) === 6,
      'pool',
    );
    const [preview, concurrent] = await Promise.all([
      app.inject({
        method: 'POST',
        url: `/programmes/${programmeId}/rounds`,
        headers: auth(adminKey),
        payload: {},
      }),
      second.inject({
        method: 'POST',
        url: `/programmes/${programmeId}/rounds`,
        headers: auth(adminKey),
        payload: {},
      }),
    ]);
    const statuses = [preview.statusCode, concurrent.statusCode].sort();
    expect(statuses[0]).toBe(201);
    const round = (preview.statusCode === 201 ? preview : concurrent).json();
    expect(round).toMatchObject({
      status: 'preview',
      method: 'optimal',
      report: { mentees: 4, menteesMatched: 3, mentorsUsed: 2 },
    });
    expect(round.report.unmatched).toHaveLength(1);
    expect(round.proposals).toHaveLength(3);
    expect(
      probe.events.filter(
        (e) =>
          e.type === 'belong.match.proposed.v1' &&
          (e.data as Proposed & { programmeId: string }).programmeId === programmeId,
      ),
    ).toHaveLength(0);

    const published = await app.inject({
      method: 'POST',
      url: `/rounds/${round.id}/publish`,
      headers: auth(adminKey),
    });
    expect(published.json()).toMatchObject({
      status: 'published',
      progress: { done: 3, total: 3, proposed: 3, skipped: [] },
    });
    const again = await app.inject({
      method: 'POST',
      url: `/rounds/${round.id}/publish`,
      headers: auth(adminKey),
    });
    expect(again.statusCode).toBe(409);
    await eventually(
      async () =>
        probe.events.filter(
          (e) =>
            e.type === 'belong.match.proposed.v1' &&
            (e.data as { roundId: string | null }).roundId === round.id,
        ).length === 3,
      'three round proposals',
    );
    const completed = await eventually(
      async () =>
        probe.events.filter(
          (e) =>
            e.type === 'belong.round.completed.v1' && (e.data as { roundId: string }).roundId === round.id,
        ).length === 2,
      'preview and published round.completed',
    );
    expect(completed).toBe(true);
  });
});
