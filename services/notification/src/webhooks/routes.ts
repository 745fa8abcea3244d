import { randomBytes } from 'node:crypto';
import { apiKeySecurity, type KitApp, problemResponses, StrictObject } from '@belong/kit';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { notificationErrors } from '../errors.ts';
import { decodeCursor, toPage } from '../pagination.ts';
import { privateTarget } from './outbound.ts';
import {
  type SubscribableType,
  subscribableTypes,
  type WebhookDelivery,
  type WebhookEndpoint,
  type Webhooks,
} from './service.ts';
import { newWebhookSecret } from './signing.ts';

const tags = ['webhooks'];
const Timestamp = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);
const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });

const EventTypesSchema = Type.Array(Type.Union(subscribableTypes.map((t) => Type.Literal(t))), {
  minItems: 1,
  maxItems: subscribableTypes.length,
  uniqueItems: true,
  description:
    'The event types to receive (see docs/events.md). `belong.profile.submitted.v1` is not offered: it carries the single-use confirmation link.',
});
const UrlSchema = Type.String({
  minLength: 8,
  maxLength: 2048,
  pattern: '^https?://',
  description: 'Where deliveries are POSTed; https (http only where the deployment allows it)',
});

export const WebhookEndpointSchema = StrictObject(
  {
    id: Type.String(),
    programmeId: Type.String(),
    url: Type.String(),
    description: Type.String(),
    eventTypes: Type.Array(Type.String()),
    status: Type.Union([Type.Literal('active'), Type.Literal('disabled')], {
      description:
        '`disabled`: after a long run of failures (`disabledReason`) or by the integrator; PATCH `enabled: true` to resume',
    }),
    disabledReason: Nullable(Type.String()),
    disabledAt: Nullable(Timestamp),
    failureStreak: Type.Integer({ minimum: 0, description: 'Failed attempts in a row' }),
    failingSince: Nullable(Timestamp),
    lastFailure: Nullable(Type.String()),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  {
    $id: 'WebhookEndpoint',
    title: 'WebhookEndpoint',
    examples: [
      {
        id: 'whk_Qm2LpVa3hX9k',
        programmeId: 'prg_Yk2mQ8vLr0Tz',
        url: 'https://crm.example.org/hooks/belong',
        description: 'Our CRM',
        eventTypes: ['belong.match.accepted.v1', 'belong.notification.failed.v1'],
        status: 'active',
        disabledReason: null,
        disabledAt: null,
        failureStreak: 0,
        failingSince: null,
        lastFailure: null,
        createdAt: '2026-11-27T09:00:00.000Z',
        updatedAt: '2026-11-27T09:00:00.000Z',
      },
    ],
  },
);
type EndpointView = Static<typeof WebhookEndpointSchema>;
const EndpointRef = Type.Unsafe<EndpointView>({ $ref: 'WebhookEndpoint#' });

const CreatedEndpointSchema = StrictObject({
  endpoint: EndpointRef,
  secret: Type.String({
    description:
      'Shown once: `whsec_` + base64 of 32 bytes. Verify every delivery with it (docs/notification.md).',
  }),
});

const DeliverySchema = StrictObject({
  id: Type.String(),
  endpointId: Type.String(),
  eventId: Type.String({ description: 'Also the `webhook-id` header: the same on every retry' }),
  eventType: Type.String(),
  status: Type.Union(['pending', 'delivered', 'failed', 'cancelled'].map((s) => Type.Literal(s))),
  attempts: Type.Integer({ minimum: 0 }),
  history: Type.Array(
    StrictObject({
      at: Timestamp,
      status: Nullable(Type.Integer({ description: 'HTTP status; null when there was no answer' })),
      error: Nullable(Type.String()),
      durationMs: Type.Integer({ minimum: 0 }),
    }),
  ),
  nextAttemptAt: Nullable(Timestamp),
  reason: Nullable(Type.String()),
  createdAt: Timestamp,
  deliveredAt: Nullable(Timestamp),
  failedAt: Nullable(Timestamp),
});

const Page = <T extends Parameters<typeof Type.Array>[0]>(item: T) =>
  StrictObject({
    items: Type.Array(item),
    nextCursor: Nullable(
      Type.String({ description: 'Pass as `cursor` for the next page; null on the last page' }),
    ),
  });

const ProgrammeParams = StrictObject({ programmeId: Id });
const EndpointParams = StrictObject({ programmeId: Id, webhookId: Id });
const PageQuery = StrictObject({
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'Items per page' }),
  ),
  cursor: Type.Optional(Type.String({ maxLength: 512, description: 'nextCursor of the previous page' })),
});
const DeliveriesQuery = StrictObject({
  ...PageQuery.properties,
  status: Type.Optional(
    Type.Union(['pending', 'delivered', 'failed', 'cancelled'].map((s) => Type.Literal(s))),
  ),
});
const CreateBody = StrictObject({
  url: UrlSchema,
  eventTypes: EventTypesSchema,
  description: Type.Optional(Type.String({ maxLength: 500 })),
});
const PatchBody = StrictObject({
  url: Type.Optional(UrlSchema),
  eventTypes: Type.Optional(EventTypesSchema),
  description: Type.Optional(Type.String({ maxLength: 500 })),
  enabled: Type.Optional(
    Type.Boolean({ description: 'false disables; true re-enables (and clears the failure streak)' }),
  ),
});

function toView(endpoint: WebhookEndpoint): EndpointView {
  const { secret: _secret, createdBy: _by, ...view } = endpoint;
  return { ...view, status: endpoint.status === 'active' ? 'active' : 'disabled' };
}

const toDeliveryView = (d: WebhookDelivery) => ({
  id: d.id,
  endpointId: d.endpointId,
  eventId: d.eventId,
  eventType: d.eventType,
  status: d.status,
  attempts: d.attempts,
  history: d.history,
  nextAttemptAt: d.nextAttemptAt,
  reason: d.reason,
  createdAt: d.createdAt,
  deliveredAt: d.deliveredAt,
  failedAt: d.failedAt,
});

export function webhookRoutes(deps: { webhooks: Webhooks; allowHttp: boolean; allowPrivate: boolean }) {
  return async function webhookRoutesPlugin(app: KitApp): Promise<void> {
    const { webhooks } = deps;
    const programmeOf = (request: FastifyRequest) => (request.params as { programmeId?: string }).programmeId;
    const read = app.requireScope('notifications:read', { programme: programmeOf });
    const write = app.requireScope('notifications:write', { programme: programmeOf });

    async function checkUrl(raw: string): Promise<string> {
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        throw notificationErrors.INVALID_WEBHOOK_URL('Not a URL', {
          errors: [{ in: 'body', pointer: '/url', message: 'not a URL' }],
        });
      }
      let problem =
        url.protocol !== 'https:' && !(deps.allowHttp && url.protocol === 'http:')
          ? 'must be an https:// URL'
          : url.username || url.password
            ? 'must not carry a user name or password'
            : null;
      // SSRF: never our own networks (checked again on every delivery, see outbound.ts).
      if (!problem && !deps.allowPrivate) {
        const refused = await privateTarget(url);
        if (refused) problem = `must be on the public internet: ${refused}`;
      }
      if (problem)
        throw notificationErrors.INVALID_WEBHOOK_URL(`The URL ${problem}`, {
          errors: [{ in: 'body', pointer: '/url', message: problem }],
        });
      return url.toString();
    }

    async function found(programmeId: string, webhookId: string): Promise<WebhookEndpoint> {
      const endpoint = (await webhooks.endpoints.get(webhookId))?.state;
      if (!endpoint || endpoint.programmeId !== programmeId || endpoint.status === 'deleted') {
        throw notificationErrors.WEBHOOK_NOT_FOUND(
          `No webhook endpoint ${webhookId} in programme ${programmeId}`,
        );
      }
      return endpoint;
    }

    app.post(
      '/programmes/:programmeId/webhooks',
      {
        onRequest: write,
        schema: {
          tags,
          summary: 'Register a webhook endpoint',
          description:
            'Deliveries of the chosen event types in this programme are POSTed to `url`, signed (Standard Webhooks: ' +
            '`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64>`). The `secret` is in this answer only ' +
            '(`Cache-Control: no-store`). Needs `notifications:write` for the programme.',
          security: apiKeySecurity,
          params: ProgrammeParams,
          body: CreateBody,
          response: { 201: CreatedEndpointSchema, ...problemResponses(400, 401, 403) },
        },
      },
      async (request, reply) => {
        const now = new Date().toISOString();
        const principal = request.principal;
        const endpoint: WebhookEndpoint = {
          id: `whk_${randomBytes(9).toString('base64url')}`,
          programmeId: request.params.programmeId,
          url: await checkUrl(request.body.url),
          description: request.body.description ?? '',
          eventTypes: request.body.eventTypes as SubscribableType[],
          secret: newWebhookSecret(),
          status: 'active',
          disabledReason: null,
          disabledAt: null,
          failureStreak: 0,
          failingSince: null,
          lastFailure: null,
          createdAt: now,
          updatedAt: now,
          createdBy: principal?.kind === 'api-key' ? principal.keyId : 'unknown',
        };
        await webhooks.endpoints.create(endpoint.id, endpoint);
        request.log.info(
          { webhookId: endpoint.id, programmeId: endpoint.programmeId },
          'webhook endpoint registered',
        );
        return reply
          .code(201)
          .header('cache-control', 'no-store')
          .header('location', `/programmes/${endpoint.programmeId}/webhooks/${endpoint.id}`)
          .send({ endpoint: toView(endpoint), secret: endpoint.secret });
      },
    );

    app.get(
      '/programmes/:programmeId/webhooks',
      {
        onRequest: read,
        schema: {
          tags,
          summary: 'List webhook endpoints',
          description:
            'Newest first, with cursor pagination; secrets are never shown again. Needs `notifications:read`.',
          security: apiKeySecurity,
          params: ProgrammeParams,
          querystring: PageQuery,
          response: { 200: Page(EndpointRef), ...problemResponses(400, 401, 403) },
        },
      },
      async (request) => {
        const limit = request.query.limit ?? 50;
        const found = await webhooks.listEndpoints(
          request.params.programmeId,
          limit + 1,
          decodeCursor(request.query.cursor),
        );
        const page = toPage(found, limit, (e) => ({ createdAt: e.createdAt, id: e.id }));
        return { items: page.items.map(toView), nextCursor: page.nextCursor };
      },
    );

    app.get(
      '/programmes/:programmeId/webhooks/:webhookId',
      {
        onRequest: read,
        schema: {
          tags,
          summary: 'Read a webhook endpoint',
          description: 'Including why it was disabled, if it was. Needs `notifications:read`.',
          security: apiKeySecurity,
          params: EndpointParams,
          response: { 200: EndpointRef, ...problemResponses(401, 403, 404) },
        },
      },
      async (request) => toView(await found(request.params.programmeId, request.params.webhookId)),
    );

    app.patch(
      '/programmes/:programmeId/webhooks/:webhookId',
      {
        onRequest: write,
        schema: {
          tags,
          summary: 'Change, disable or re-enable a webhook endpoint',
          description: 'Only the fields sent change. Needs `notifications:write`.',
          security: apiKeySecurity,
          params: EndpointParams,
          body: PatchBody,
          response: { 200: EndpointRef, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const { programmeId, webhookId } = request.params;
        await found(programmeId, webhookId);
        const body = request.body;
        const url = body.url === undefined ? undefined : await checkUrl(body.url);
        const written = await webhooks.endpoints.mutate(webhookId, (current) => {
          if (!current || current.state.status === 'deleted') return null;
          const e = current.state;
          const now = new Date().toISOString();
          const next: WebhookEndpoint = {
            ...e,
            ...(url === undefined ? {} : { url }),
            ...(body.eventTypes === undefined ? {} : { eventTypes: body.eventTypes as SubscribableType[] }),
            ...(body.description === undefined ? {} : { description: body.description }),
            updatedAt: now,
          };
          if (body.enabled === true && e.status !== 'active') {
            Object.assign(next, {
              status: 'active',
              disabledReason: null,
              disabledAt: null,
              failureStreak: 0,
              failingSince: null,
            });
          }
          if (body.enabled === false && e.status === 'active') {
            Object.assign(next, {
              status: 'disabled',
              disabledReason: 'disabled by the integrator',
              disabledAt: now,
            });
          }
          return { state: next };
        });
        if (!written) throw notificationErrors.WEBHOOK_NOT_FOUND(`No webhook endpoint ${webhookId}`);
        return toView(written.state);
      },
    );

    app.delete(
      '/programmes/:programmeId/webhooks/:webhookId',
      {
        onRequest: write,
        schema: {
          tags,
          summary: 'Delete a webhook endpoint',
          description: 'Pending deliveries are cancelled. Needs `notifications:write`.',
          security: apiKeySecurity,
          params: EndpointParams,
          response: { 204: Type.Null({ description: 'Deleted' }), ...problemResponses(401, 403, 404) },
        },
      },
      async (request, reply) => {
        const { programmeId, webhookId } = request.params;
        await found(programmeId, webhookId);
        await webhooks.endpoints.mutate(webhookId, (current) =>
          current && current.state.status !== 'deleted'
            ? { state: { ...current.state, status: 'deleted' as const, updatedAt: new Date().toISOString() } }
            : null,
        );
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/programmes/:programmeId/webhooks/:webhookId/deliveries',
      {
        onRequest: read,
        schema: {
          tags,
          summary: 'The delivery log of an endpoint',
          description:
            'Newest first, with each attempt’s HTTP status (or why there was none), duration and the next retry. ' +
            'Needs `notifications:read`.',
          security: apiKeySecurity,
          params: EndpointParams,
          querystring: DeliveriesQuery,
          response: { 200: Page(DeliverySchema), ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const { programmeId, webhookId } = request.params;
        await found(programmeId, webhookId);
        const limit = request.query.limit ?? 50;
        const list = await webhooks.listDeliveries(
          webhookId,
          limit + 1,
          decodeCursor(request.query.cursor),
          request.query.status as WebhookDelivery['status'] | undefined,
        );
        const page = toPage(list, limit, (d) => ({ createdAt: d.createdAt, id: d.id }));
        return { items: page.items.map(toDeliveryView), nextCursor: page.nextCursor };
      },
    );
  };
}
