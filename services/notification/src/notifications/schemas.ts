// The delivery log's resources as the API shows them. One schema per shape serves validation,
// the TypeScript types and the OpenAPI document.
import { IdSchema } from '@belong/contracts';
import { StrictObject } from '@belong/kit';
import { type Static, Type } from '@sinclair/typebox';
import { categories, templateNames } from '../mail/templates.ts';
import { notificationStatuses } from './domain.ts';

const Timestamp = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const StatusSchema = Type.Union(
  notificationStatuses.map((s) => Type.Literal(s)),
  {
    description:
      '`pending`: waiting to be sent or retried (see `nextAttemptAt`). `sent`: the SMTP server accepted it. ' +
      '`failed`: refused for good (5xx) or given up after the retry window (see `failure`). ' +
      '`suppressed`: an optional email the person turned off. `erased`: the person was erased; nothing personal is left.',
  },
);
export const TemplateSchema = Type.Union(
  templateNames.map((t) => Type.Literal(t)),
  { description: 'Which email it is (see docs/notification.md)' },
);

const AttemptSchema = StrictObject({
  at: Timestamp,
  outcome: Type.Union(
    ['sent', 'temporary', 'permanent', 'suppressed', 'expired'].map((o) => Type.Literal(o)),
  ),
  detail: Type.String({ description: 'The SMTP server’s reply, or the connection error' }),
});

export const NotificationSchema = StrictObject(
  {
    id: Type.String({ description: 'Deterministic: a hash of the event id, the recipient and the template' }),
    eventId: Type.String({ description: 'The event that caused it (`reminder:<matchId>:…` for reminders)' }),
    eventType: Type.String(),
    template: TemplateSchema,
    category: Nullable(
      Type.Union(
        categories.map((c) => Type.Literal(c)),
        { description: 'Optional emails only' },
      ),
    ),
    programmeId: Type.String(),
    recipient: StrictObject({
      profileId: Nullable(Type.String({ description: 'null for the programme coordinator' })),
      name: Type.Optional(Type.String()),
      email: Type.Optional(Type.String()),
    }),
    subject: Type.Optional(Type.String()),
    messageId: Type.Optional(Type.String({ description: 'The Message-ID header, `<id@domain>`' })),
    status: StatusSchema,
    attempts: Type.Integer({ minimum: 0, description: 'SMTP attempts so far' }),
    history: Type.Array(AttemptSchema, { description: 'The last 20 attempts' }),
    nextAttemptAt: Nullable(Timestamp),
    failure: Nullable(StrictObject({ reason: Type.String(), permanent: Type.Boolean() })),
    resendOf: Nullable(Type.String({ description: 'The notification this one re-sends' })),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    sentAt: Nullable(Timestamp),
    failedAt: Nullable(Timestamp),
  },
  {
    $id: 'Notification',
    title: 'Notification',
    description: 'One email to one person, caused by one event, from one template, and what became of it.',
    examples: [
      {
        id: 'ntf_q3b1H0yKc9Lx2mZs8TfA1w',
        eventId: '6b1f2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
        eventType: 'belong.match.proposed.v1',
        template: 'match-proposed-mentee',
        category: null,
        programmeId: 'prg_Yk2mQ8vLr0Tz',
        recipient: { profileId: 'pfl_3hX9kQm2LpVa', name: 'Priya Shah', email: 'priya.shah@example.org' },
        subject: 'We have suggested a mentor for you: Dr Sam Okafor',
        messageId: '<ntf_q3b1H0yKc9Lx2mZs8TfA1w@belong.example>',
        status: 'sent',
        attempts: 2,
        history: [
          {
            at: '2026-11-27T09:17:42.010Z',
            outcome: 'temporary',
            detail: 'ECONNECTION: connect ECONNREFUSED 10.0.0.5:587',
          },
          { at: '2026-11-27T09:17:44.300Z', outcome: 'sent', detail: '250 2.0.0 Ok: queued' },
        ],
        nextAttemptAt: null,
        failure: null,
        resendOf: null,
        createdAt: '2026-11-27T09:17:42.000Z',
        updatedAt: '2026-11-27T09:17:44.310Z',
        sentAt: '2026-11-27T09:17:44.300Z',
        failedAt: null,
      },
    ],
  },
);
export type NotificationView = Static<typeof NotificationSchema>;
export const NotificationRef = Type.Unsafe<NotificationView>({ $ref: 'Notification#' });

export const NotificationPageSchema = StrictObject({
  items: Type.Array(NotificationRef),
  nextCursor: Nullable(
    Type.String({ description: 'Pass as `cursor` for the next page; null on the last page' }),
  ),
});

export const ListNotificationsQuerySchema = StrictObject({
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'Items per page' }),
  ),
  cursor: Type.Optional(Type.String({ maxLength: 512, description: 'nextCursor of the previous page' })),
  programmeId: Type.Optional({
    ...IdSchema,
    description: 'Only this programme (a bound key sees only its own)',
  }),
  recipientId: Type.Optional({ ...IdSchema, description: 'Only emails to this person (profile id)' }),
  eventId: Type.Optional(
    Type.String({ minLength: 1, maxLength: 128, description: 'Only emails caused by this event' }),
  ),
  status: Type.Optional(StatusSchema),
  template: Type.Optional(TemplateSchema),
});
export type ListNotificationsQuery = Static<typeof ListNotificationsQuerySchema>;

export const NotificationParamsSchema = StrictObject({ notificationId: IdSchema });
