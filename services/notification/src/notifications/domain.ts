// A notification is one email to one person, caused by one event, from one template. Its id is
// deterministic (hash of event id, recipient and template), so however often the event is
// delivered, inserting the record a second time fails on the unique _id: the durable guard of
// "exactly one email per (event, recipient, template)". The record carries the rendered email,
// and every change of it goes through the kit store, with `notification.sent` / `.failed` in its
// outbox.
import type { EventInput } from '@belong/kit';
import type { Category, RenderedEmail, TemplateName } from '../mail/templates.ts';
import { hashId } from '../text.ts';

export const NOTIFICATIONS_COLLECTION = 'notifications';

export const notificationStatuses = ['pending', 'sent', 'failed', 'suppressed', 'erased'] as const;
export type NotificationStatus = (typeof notificationStatuses)[number];

export interface Address {
  name: string;
  address: string;
}

export interface Recipient {
  /** The person's profile id; null for a programme coordinator. */
  profileId: string | null;
  /** Whose preferences apply: the profile id, or `c_<hash>` for a coordinator's address. */
  subjectId: string;
  name: string;
  email: string;
  emailHash: string;
}

export interface Attempt {
  at: string;
  outcome: 'sent' | 'temporary' | 'permanent' | 'suppressed' | 'expired';
  detail: string;
}

export interface LiveNotification {
  id: string;
  eventId: string;
  eventType: string;
  template: TemplateName;
  category: Category | null;
  programmeId: string;
  recipient: Recipient;
  from: Address;
  replyTo: Address | null;
  messageId: string;
  email: RenderedEmail;
  /** Extra headers (List-Unsubscribe, List-Unsubscribe-Post, List-Id). */
  headers: Record<string, string>;
  status: Exclude<NotificationStatus, 'erased'>;
  attempts: number;
  history: Attempt[];
  nextAttemptAt: string | null;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
  failedAt: string | null;
  failure: { reason: string; permanent: boolean } | null;
  /** Set on a copy made by an admin's resend. */
  resendOf: string | null;
  /** Empty the record once sent or failed (the erasure confirmation). */
  eraseAfterSend: boolean;
}

/** A notification of an erased person: no address, name or content is left. */
export interface ErasedNotification {
  id: string;
  eventId: string;
  eventType: string;
  template: TemplateName;
  programmeId: string;
  recipient: { profileId: string | null; emailHash: string };
  status: 'erased';
  /** What it was before erasure (sent, failed…). */
  previousStatus: Exclude<NotificationStatus, 'erased'>;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
  nextAttemptAt: null;
}

export type NotificationRecord = LiveNotification | ErasedNotification;
export const isLive = (record: NotificationRecord | null | undefined): record is LiveNotification =>
  record !== null && record !== undefined && record.status !== 'erased';

export function notificationId(eventId: string, recipientKey: string, template: TemplateName): string {
  return hashId('ntf_', eventId, recipientKey, template);
}

export const MAX_HISTORY = 20;

export function withAttempt(record: LiveNotification, attempt: Attempt): Attempt[] {
  return [...record.history, attempt].slice(-MAX_HISTORY);
}

export function sentEvent(record: LiveNotification, sentAt: string): EventInput {
  return {
    type: 'belong.notification.sent.v1',
    id: hashId('evt_', record.id, 'sent'),
    data: {
      notificationId: record.id,
      eventId: record.eventId,
      recipientId: record.recipient.profileId,
      template: record.template,
      messageId: record.messageId,
      sentAt,
    },
  };
}

export function failedEvent(record: LiveNotification, reason: string, permanent: boolean, failedAt: string) {
  return {
    type: 'belong.notification.failed.v1',
    id: hashId('evt_', record.id, 'failed'),
    data: {
      notificationId: record.id,
      eventId: record.eventId,
      recipientId: record.recipient.profileId,
      template: record.template,
      reason: reason.slice(0, 2000),
      permanent,
      failedAt,
    },
  } satisfies EventInput;
}

/** The record with everything personal removed. */
export function erased(record: NotificationRecord, at: string): ErasedNotification {
  if (record.status === 'erased') return record;
  return {
    id: record.id,
    eventId: record.eventId,
    eventType: record.eventType,
    template: record.template,
    programmeId: record.programmeId,
    recipient: { profileId: record.recipient.profileId, emailHash: record.recipient.emailHash },
    status: 'erased',
    previousStatus: record.status,
    createdAt: record.createdAt,
    updatedAt: at,
    sentAt: record.sentAt,
    nextAttemptAt: null,
  };
}
