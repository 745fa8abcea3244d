import { randomUUID } from 'node:crypto';
import { apiKeySecurity, type KitApp, problemResponses } from '@belong/kit';
import type { FastifyRequest } from 'fastify';
import { notificationErrors } from '../errors.ts';
import { decodeCursor, toPage } from '../pagination.ts';
import { hashId } from '../text.ts';
import { isLive, type LiveNotification, type NotificationRecord } from './domain.ts';
import type { NotificationRepository } from './repository.ts';
import {
  ListNotificationsQuerySchema,
  NotificationPageSchema,
  NotificationParamsSchema,
  NotificationRef,
  type NotificationView,
} from './schemas.ts';

const tags = ['delivery-log'];

export function toView(record: NotificationRecord): NotificationView {
  const base = {
    id: record.id,
    eventId: record.eventId,
    eventType: record.eventType,
    template: record.template,
    programmeId: record.programmeId,
    status: record.status,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    sentAt: record.sentAt,
    nextAttemptAt: record.nextAttemptAt,
  };
  if (!isLive(record)) {
    return {
      ...base,
      category: null,
      recipient: { profileId: record.recipient.profileId },
      attempts: 0,
      history: [],
      failure: null,
      resendOf: null,
      failedAt: null,
    };
  }
  return {
    ...base,
    category: record.category,
    recipient: {
      profileId: record.recipient.profileId,
      name: record.recipient.name,
      email: record.recipient.email,
    },
    subject: record.email.subject,
    messageId: record.messageId,
    attempts: record.attempts,
    history: record.history,
    failure: record.failure,
    resendOf: record.resendOf,
    failedAt: record.failedAt,
  };
}

/** The delivery log: list by person, event, status or template; read one; resend (admin). */
export function notificationRoutes(deps: {
  notifications: NotificationRepository;
  messageIdDomain: string;
  /** Called with its id after a pending record was stored: the sender sends it at once. */
  onPending: (id: string) => void;
}) {
  return async function deliveryLog(app: KitApp): Promise<void> {
    const { notifications } = deps;
    const boundProgramme = (request: FastifyRequest) =>
      request.principal?.kind === 'api-key' ? request.principal.programmeId : null;

    async function visible(request: FastifyRequest, id: string): Promise<NotificationRecord> {
      const record = await notifications.get(id);
      const bound = boundProgramme(request);
      if (!record || (bound !== null && record.programmeId !== bound)) {
        throw notificationErrors.NOT_FOUND(`No notification ${id}`);
      }
      return record;
    }

    app.get(
      '/notifications',
      {
        onRequest: app.requireScope('notifications:read', {
          programme: (request) => (request.query as { programmeId?: string }).programmeId,
        }),
        schema: {
          tags,
          summary: 'List notifications (the delivery log)',
          description:
            'Newest first, with cursor pagination. Filter by `recipientId`, `eventId`, `status`, `template` ' +
            'or `programmeId`. A key bound to a programme sees only that programme’s emails (naming another ' +
            'is a 403 `AUTH_FORBIDDEN_PROGRAMME`). Needs `notifications:read`.',
          security: apiKeySecurity,
          querystring: ListNotificationsQuerySchema,
          response: { 200: NotificationPageSchema, ...problemResponses(400, 401, 403) },
        },
      },
      async (request) => {
        const { limit = 50, cursor, programmeId, ...filters } = request.query;
        const found = await notifications.list({
          ...filters,
          programmeId: programmeId ?? boundProgramme(request) ?? undefined,
          limit: limit + 1,
          before: decodeCursor(cursor),
        });
        const page = toPage(found, limit, (n) => ({ createdAt: n.createdAt, id: n.id }));
        return { items: page.items.map(toView), nextCursor: page.nextCursor };
      },
    );

    app.get(
      '/notifications/:notificationId',
      {
        onRequest: app.requireScope('notifications:read'),
        schema: {
          tags,
          summary: 'Read one notification',
          description:
            'With its attempts (SMTP replies) and failure reason. A key bound to another programme gets a 404. Needs `notifications:read`.',
          security: apiKeySecurity,
          params: NotificationParamsSchema,
          response: { 200: NotificationRef, ...problemResponses(401, 403, 404) },
        },
      },
      async (request) => toView(await visible(request, request.params.notificationId)),
    );

    app.post(
      '/notifications/:notificationId/resend',
      {
        onRequest: app.requireScope('admin'),
        schema: {
          tags,
          summary: 'Send a notification again (admin)',
          description:
            'Queues a copy of a sent, failed or suppressed email with a new id and Message-ID (`resendOf` ' +
            'names the original) and answers it (202). Its links are the original’s: a link that has expired ' +
            'since stays expired. Optional emails still honour the person’s preferences. A pending one is ' +
            'already on its way and an erased one has no content left: 409 `NOTIF_CANNOT_RESEND`. Needs `admin`.',
          security: apiKeySecurity,
          params: NotificationParamsSchema,
          response: { 202: NotificationRef, ...problemResponses(401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        const original = await visible(request, request.params.notificationId);
        if (!isLive(original)) {
          throw notificationErrors.CANNOT_RESEND('The person was erased: nothing is left to send');
        }
        if (original.status === 'pending') {
          throw notificationErrors.CANNOT_RESEND(
            'This email is still waiting to be sent (see nextAttemptAt)',
          );
        }
        const id = hashId('ntf_', original.id, 'resend', randomUUID());
        const now = new Date().toISOString();
        const copy: LiveNotification = {
          ...original,
          id,
          messageId: `<${id}@${deps.messageIdDomain}>`,
          status: 'pending',
          attempts: 0,
          history: [],
          nextAttemptAt: now,
          createdAt: now,
          updatedAt: now,
          sentAt: null,
          failedAt: null,
          failure: null,
          resendOf: original.id,
        };
        await notifications.createOnce(copy);
        deps.onPending(id);
        request.log.info({ notificationId: id, resendOf: original.id }, 'notification queued again');
        return reply.code(202).header('location', `/notifications/${id}`).send(toView(copy));
      },
    );
  };
}
