// From an event to the notification records it causes: who gets which email, with which links.
// Rendering happens here, once; the sender only sends what was stored. A record is inserted once
// per (event, recipient, template): a redelivered event finds it (Redis fast path, then the
// unique _id) and changes nothing.
import type { EventData, EventEnvelope, EventType, Role } from '@belong/contracts';
import type { KitApp } from '@belong/kit';
import type { Category, TemplateName } from '../mail/templates.ts';
import { renderEmail, templateInfo } from '../mail/templates.ts';
import { coordinatorSubject, type PreferencesRepository } from '../preferences/repository.ts';
import {
  isLivePerson,
  type LivePerson,
  type MatchView,
  type Programme,
  type ReadModels,
} from '../readmodels/models.ts';
import { emailHash, oneLine, paragraphText, parseMailbox } from '../text.ts';
import { type Address, type LiveNotification, notificationId, type Recipient } from './domain.ts';
import type { NotificationRepository } from './repository.ts';

export interface ComposerOptions {
  mailFrom: string;
  messageIdDomain: string;
  publicUrl: string;
  matchingPublicUrl: string;
  profilePublicUrl: string;
  manageLinkTtlSeconds: number;
  unsubscribeLinkTtlSeconds: number;
}

/** Thrown when an event refers to a person or programme not known yet: the consumer retries it. */
export class NotKnownYetError extends Error {
  override name = 'NotKnownYetError';
}

type Envelope<T extends EventType> = EventEnvelope<EventData<T>>;

const DAY = 24 * 3600;
const MAX_TTL = 366 * DAY;

export type Composer = ReturnType<typeof createComposer>;

export function createComposer(
  app: KitApp,
  deps: {
    options: ComposerOptions;
    readModels: ReadModels;
    notifications: NotificationRepository;
    preferences: PreferencesRepository;
    /** Called with its id after a new pending record was stored: the sender sends it at once. */
    onPending: (id: string) => void;
  },
) {
  const { options, readModels, notifications, preferences } = deps;
  const sender = parseMailbox(options.mailFrom);

  function fromFor(programme: Programme): Address {
    const via = sender.name ? `via ${sender.name}` : 'via Belong';
    return { name: oneLine(`${programme.name} ${via}`, 150), address: sender.address };
  }

  const coordinatorOf = (programme: Programme): Address => ({
    name: oneLine(programme.coordinator.name, 200),
    address: programme.coordinator.email,
  });

  function tokenUrl(base: string, query: Record<string, string>): string {
    const url = new URL(base);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    return url.toString();
  }

  function manageLink(profileId: string): string {
    const token = app.tokens.issue({
      profileId,
      action: 'manage-profile',
      ttlSeconds: options.manageLinkTtlSeconds,
    });
    return tokenUrl(`${options.profilePublicUrl}/me`, { token });
  }

  function unsubscribeLink(subjectId: string, programmeId: string): string {
    const token = app.tokens.issue({
      profileId: subjectId,
      action: 'unsubscribe',
      resourceId: programmeId,
      ttlSeconds: options.unsubscribeLinkTtlSeconds,
    });
    return tokenUrl(`${options.publicUrl}/unsubscribe`, { token });
  }

  function respondLinks(profileId: string, matchId: string, expiresAt: string | null) {
    const untilExpiry = expiresAt ? Math.ceil((Date.parse(expiresAt) - Date.now()) / 1000) + DAY : 14 * DAY;
    const ttlSeconds = Math.min(MAX_TTL, Math.max(3600, untilExpiry));
    const token = app.tokens.issue({ profileId, action: 'respond-match', resourceId: matchId, ttlSeconds });
    const base = `${options.matchingPublicUrl}/matches/${encodeURIComponent(matchId)}/respond`;
    return {
      accept: tokenUrl(base, { answer: 'accept', token }),
      decline: tokenUrl(base, { answer: 'decline', token }),
    };
  }

  const personRecipient = (person: LivePerson): Recipient => ({
    profileId: person.id,
    subjectId: person.id,
    name: person.displayName,
    email: person.email,
    emailHash: person.emailHash,
  });

  const coordinatorRecipient = (programme: Programme): Recipient => ({
    profileId: null,
    subjectId: coordinatorSubject(programme.coordinator.email),
    name: oneLine(programme.coordinator.name, 200),
    email: programme.coordinator.email,
    emailHash: emailHash(programme.coordinator.email),
  });

  interface Enqueue {
    event: { id: string; type: string };
    template: TemplateName;
    programme: Programme;
    recipient: Recipient;
    /** The person (for the manage link and their time zone); absent for a coordinator. */
    person?: LivePerson;
    context: Record<string, unknown>;
    links?: Record<string, string>;
    eraseAfterSend?: boolean;
    /** No manage link (the profile is gone). */
    noManageLink?: boolean;
  }

  /** Renders and stores one notification, unless it exists; true when a new one was stored. */
  async function enqueue(input: Enqueue): Promise<boolean> {
    const { event, template, programme, recipient } = input;
    const id = notificationId(event.id, recipient.subjectId, template);
    if (await notifications.seen(id)) return false;
    const category: Category | null = templateInfo[template].category;
    const unsubscribe = unsubscribeLink(recipient.subjectId, programme.id);
    const links: Record<string, string> = { ...(input.links ?? {}), unsubscribe };
    if (input.person && !input.noManageLink) links.manage = manageLink(input.person.id);
    const email = renderEmail(template, {
      ...input.context,
      recipient: {
        name: recipient.name,
        role: input.person?.role ?? 'coordinator',
        ...(input.context.recipient ?? {}),
      },
      programme: {
        name: oneLine(programme.name, 200),
        coordinator: { name: oneLine(programme.coordinator.name), email: programme.coordinator.email },
      },
      links,
      optional: category !== null,
      timeZone: input.person?.timeZone ?? 'Europe/London',
    });
    const now = new Date().toISOString();
    const wanted =
      category === null || (await preferences.wants(recipient.subjectId, programme.id, category));
    const headers: Record<string, string> = { 'Auto-Submitted': 'auto-generated' };
    if (category !== null) {
      // RFC 8058 one-click unsubscribe: mail clients POST `List-Unsubscribe=One-Click` to the URL.
      headers['List-Unsubscribe'] = `<${unsubscribe}>`;
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    }
    const record: LiveNotification = {
      id,
      eventId: event.id,
      eventType: event.type,
      template,
      category,
      programmeId: programme.id,
      recipient,
      from: fromFor(programme),
      replyTo: coordinatorOf(programme),
      messageId: `<${id}@${options.messageIdDomain}>`,
      email,
      headers,
      status: wanted ? 'pending' : 'suppressed',
      attempts: 0,
      history: wanted
        ? []
        : [{ at: now, outcome: 'suppressed', detail: `turned off ${category} for this programme` }],
      nextAttemptAt: wanted ? now : null,
      createdAt: now,
      updatedAt: now,
      sentAt: null,
      failedAt: null,
      failure: null,
      resendOf: null,
      eraseAfterSend: input.eraseAfterSend ?? false,
    };
    const created = await notifications.createOnce(record);
    if (created && wanted) deps.onPending(record.id);
    return created;
  }

  async function programmeOf(programmeId: string): Promise<Programme> {
    const programme = await readModels.programme(programmeId);
    if (!programme) throw new NotKnownYetError(`programme ${programmeId} is not known yet`);
    return programme;
  }

  /** Both people of a match, or NotKnownYetError; null for one that was erased. */
  async function pairOf(data: { menteeId: string; mentorId: string }) {
    const [mentee, mentor] = await Promise.all([
      readModels.person(data.menteeId),
      readModels.person(data.mentorId),
    ]);
    if (!mentee) throw new NotKnownYetError(`mentee ${data.menteeId} is not known yet`);
    if (!mentor) throw new NotKnownYetError(`mentor ${data.mentorId} is not known yet`);
    return {
      mentee: isLivePerson(mentee) && mentee.status !== 'withdrawn' ? mentee : null,
      mentor: isLivePerson(mentor) && mentor.status !== 'withdrawn' ? mentor : null,
    };
  }

  const reasonsFor = (view: MatchView | null, role: Role) =>
    (view?.explanation.criteria ?? [])
      .filter((c) => c.contribution > 0)
      .map((c) => oneLine(role === 'mentee' ? c.forMentee : c.forMentor, 500))
      .filter(Boolean);

  const relative = (by: string, role: Role) =>
    by === role ? 'you' : by === 'mentee' || by === 'mentor' ? 'them' : 'team';

  return {
    enqueue,

    async verification(event: Envelope<'belong.profile.submitted.v1'>, person: LivePerson) {
      const programme = await programmeOf(event.data.programmeId);
      await enqueue({
        event,
        template: 'verification',
        programme,
        recipient: personRecipient(person),
        person,
        links: { verify: event.data.verification.url },
        context: { verify: { expiresAt: event.data.verification.expiresAt } },
      });
    },

    /** The proposal to the mentee, and to the mentor unless the mentee chooses first. */
    async matchProposed(event: Envelope<'belong.match.proposed.v1'>, view: MatchView) {
      const programme = await programmeOf(event.data.programmeId);
      const { mentee, mentor } = await pairOf(event.data);
      if (!mentee || !mentor) return;
      const common = { expiresAt: view.expiresAt, mode: view.mode };
      await enqueue({
        event,
        template: 'match-proposed-mentee',
        programme,
        recipient: personRecipient(mentee),
        person: mentee,
        links: respondLinks(mentee.id, view.id, view.expiresAt),
        context: {
          ...common,
          other: { name: mentor.displayName },
          reasons: reasonsFor(view, 'mentee'),
          summary: oneLine(view.explanation.summary, 1000),
        },
      });
      if (view.mentorNotified) {
        await enqueue({
          event,
          template: 'match-proposed-mentor',
          programme,
          recipient: personRecipient(mentor),
          person: mentor,
          links: respondLinks(mentor.id, view.id, view.expiresAt),
          context: { ...common, other: { name: mentee.displayName }, reasons: reasonsFor(view, 'mentor') },
        });
      }
    },

    /** Both yes: the introduction; one yes: the other side is told it waits on them. */
    async matchAccepted(
      event: Envelope<'belong.match.accepted.v1'>,
      view: MatchView | null,
      mentorAlreadyTold: boolean,
    ) {
      const programme = await programmeOf(event.data.programmeId);
      const { mentee, mentor } = await pairOf(event.data);
      if (!mentee || !mentor) return;
      const { status, matchId } = event.data;
      if (status === 'active') {
        for (const [person, other] of [
          [mentee, mentor],
          [mentor, mentee],
        ] as const) {
          await enqueue({
            event,
            template: 'match-introduction',
            programme,
            recipient: personRecipient(person),
            person,
            context: {
              other: { name: other.displayName, email: other.email },
              reasons: reasonsFor(view, person.role),
            },
          });
        }
        return;
      }
      const waiting = status === 'awaiting_mentee' ? mentee : mentor;
      const other = status === 'awaiting_mentee' ? mentor : mentee;
      const expiresAt = view?.expiresAt ?? null;
      // One template whatever the view says, so a redelivery finds the same record id.
      const chosenFirstTime = waiting.role === 'mentor' && !mentorAlreadyTold;
      await enqueue({
        event,
        template: 'match-waiting',
        programme,
        recipient: personRecipient(waiting),
        person: waiting,
        links: respondLinks(waiting.id, matchId, expiresAt),
        context: {
          other: { name: other.displayName },
          reasons: reasonsFor(view, waiting.role),
          expiresAt,
          chosen: chosenFirstTime,
          mode: view?.mode,
        },
      });
    },

    async matchClosed(
      event:
        | Envelope<'belong.match.declined.v1'>
        | Envelope<'belong.match.expired.v1'>
        | Envelope<'belong.match.ended.v1'>,
      mentorWasTold: boolean,
    ) {
      const programme = await programmeOf(event.data.programmeId);
      const { mentee, mentor } = await pairOf(event.data);
      const template: TemplateName =
        event.type === 'belong.match.declined.v1'
          ? 'match-declined'
          : event.type === 'belong.match.expired.v1'
            ? 'match-expired'
            : 'match-ended';
      const by = 'by' in event.data ? event.data.by : 'system';
      const reasonText =
        event.type === 'belong.match.ended.v1' && (by === 'coordinator' || by === 'system')
          ? paragraphText(String((event.data as { reason?: string | null }).reason ?? ''), 1000) || null
          : null;
      for (const [person, other] of [
        [mentee, mentor],
        [mentor, mentee],
      ] as const) {
        if (!person) continue;
        if (person.role === 'mentor' && !mentorWasTold) continue;
        await enqueue({
          event,
          template,
          programme,
          recipient: personRecipient(person),
          person,
          context: {
            other: { name: other?.displayName ?? 'the other person' },
            declinedBy: relative(by, person.role),
            endedBy: relative(by, person.role),
            reason: reasonText,
          },
        });
      }
    },

    async reminder(view: MatchView, person: LivePerson, other: LivePerson) {
      const programme = await programmeOf(view.programmeId);
      return enqueue({
        event: { id: `reminder:${view.id}:${view.expiresAt}`, type: 'reminder' },
        template: 'match-reminder',
        programme,
        recipient: personRecipient(person),
        person,
        links: respondLinks(person.id, view.id, view.expiresAt),
        context: { other: { name: other.displayName }, expiresAt: view.expiresAt },
      });
    },

    async withdrawn(event: Envelope<'belong.profile.withdrawn.v1'>, person: LivePerson) {
      const programme = await programmeOf(event.data.programmeId);
      await enqueue({
        event,
        template: 'profile-withdrawn',
        programme,
        recipient: personRecipient(person),
        person,
        context: {},
      });
    },

    /** The erasure confirmation; its record empties itself once sent. */
    async erased(event: Envelope<'belong.profile.erased.v1'>, person: LivePerson): Promise<string> {
      const programme = await programmeOf(event.data.programmeId);
      const recipient = personRecipient(person);
      await enqueue({
        event,
        template: 'profile-erased',
        programme,
        recipient,
        person,
        noManageLink: true,
        eraseAfterSend: true,
        context: {},
      });
      return notificationId(event.id, recipient.subjectId, 'profile-erased');
    },

    async roundSummary(event: Envelope<'belong.round.completed.v1'>) {
      const programme = await programmeOf(event.data.programmeId);
      const unmatched = await Promise.all(
        event.data.report.unmatched.map(async (u) => {
          const person = await readModels.person(u.menteeId);
          return {
            name: isLivePerson(person) ? person.displayName : `Mentee ${u.menteeId}`,
            reason: oneLine(u.reason, 500),
          };
        }),
      );
      await enqueue({
        event,
        template: 'round-summary',
        programme,
        recipient: coordinatorRecipient(programme),
        context: {
          recipient: { name: oneLine(programme.coordinator.name), role: 'coordinator' },
          round: { id: event.data.roundId, published: event.data.published },
          report: event.data.report,
          unmatched,
        },
      });
    },
  };
}
