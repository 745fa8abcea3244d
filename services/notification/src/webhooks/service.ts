// Webhooks for integrators. An endpoint belongs to one programme and names the event types it
// wants. For each such event the `belong.notification.webhooks` consumer stores one delivery per
// endpoint (deterministic id = hash of event id and endpoint: a redelivered event adds nothing);
// the dispatcher (one active instance, Redis lease) POSTs it, signed, and retries with backoff
// on failure or timeout until the retry window is over. An endpoint failing for a long run
// (WEBHOOK_DISABLE_AFTER_FAILURES attempts in a row, over at least WEBHOOK_DISABLE_AFTER_MINUTES)
// is disabled with the reason; its pending deliveries are cancelled. A delivery whose URL is, or
// now resolves to, a private or loopback address is not sent: it fails at once with the reason
// (outbound.ts, unless WEBHOOK_ALLOW_PRIVATE_NETWORKS).
import { ConsumerGroups, type EventEnvelope, type EventType, Topics } from '@belong/contracts';
import { AggregateExistsError, type EventHandlers, type KitApp, tryAcquireLease } from '@belong/kit';
import type { NotificationConfig } from '../config.ts';
import { createLeaderLoop } from '../leader.ts';
import type { NotificationRepository } from '../notifications/repository.ts';
import { beforeCursor, type CursorPosition } from '../pagination.ts';
import { backoff, hashId } from '../text.ts';
import { postWebhook, RefusedTargetError } from './outbound.ts';
import { signedHeaders } from './signing.ts';

export const ENDPOINTS_COLLECTION = 'webhook_endpoints';
export const DELIVERIES_COLLECTION = 'webhook_deliveries';

/** What integrators may subscribe to. Not `profile.submitted`: it carries the single-use confirmation link. */
export const subscribableTypes = [
  'belong.programme.changed.v1',
  'belong.profile.verified.v1',
  'belong.profile.updated.v1',
  'belong.profile.withdrawn.v1',
  'belong.profile.erased.v1',
  'belong.match.proposed.v1',
  'belong.match.accepted.v1',
  'belong.match.declined.v1',
  'belong.match.expired.v1',
  'belong.match.ended.v1',
  'belong.round.completed.v1',
  'belong.notification.sent.v1',
  'belong.notification.failed.v1',
] as const satisfies readonly EventType[];
export type SubscribableType = (typeof subscribableTypes)[number];

export interface WebhookEndpoint {
  id: string;
  programmeId: string;
  url: string;
  description: string;
  eventTypes: SubscribableType[];
  secret: string;
  status: 'active' | 'disabled' | 'deleted';
  disabledReason: string | null;
  disabledAt: string | null;
  /** Failed attempts in a row, and since when. */
  failureStreak: number;
  failingSince: string | null;
  lastFailure: string | null;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
}

export interface DeliveryAttempt {
  at: string;
  /** HTTP status, or null when there was no answer (timeout, refused). */
  status: number | null;
  error: string | null;
  durationMs: number;
}

export interface WebhookDelivery {
  id: string;
  endpointId: string;
  programmeId: string;
  eventId: string;
  eventType: string;
  /** The aggregate the event is about (erasure scrubs deliveries by it). */
  subject: string;
  /** The CloudEvents envelope as JSON: the request body, byte for byte on every attempt. */
  payload: string | null;
  status: 'pending' | 'delivered' | 'failed' | 'cancelled';
  attempts: number;
  history: DeliveryAttempt[];
  nextAttemptAt: string | null;
  createdAt: string;
  updatedAt: string;
  deliveredAt: string | null;
  failedAt: string | null;
  reason: string | null;
}

const CLAIM_TTL_MS = 120_000;
const BATCH = 50;
const CONCURRENCY = 8;

export type Webhooks = ReturnType<typeof createWebhooks>;

export function createWebhooks(
  app: KitApp,
  deps: { config: NotificationConfig; notifications: NotificationRepository },
) {
  const { config } = deps;
  const endpoints = app.events.store<WebhookEndpoint>(ENDPOINTS_COLLECTION);
  const deliveries = app.events.store<WebhookDelivery>(DELIVERIES_COLLECTION);
  const prefix = config.REDIS_KEY_PREFIX;
  const log = app.log.child({ job: 'webhooks' });

  async function programmeOf(event: EventEnvelope): Promise<string | null> {
    const data = event.data as { programmeId?: string; notificationId?: string };
    if (typeof data.programmeId === 'string') return data.programmeId;
    if (typeof data.notificationId === 'string')
      return (await deps.notifications.get(data.notificationId))?.programmeId ?? null;
    return null;
  }

  async function fanOut(event: EventEnvelope): Promise<void> {
    const programmeId = await programmeOf(event);
    if (!programmeId) return;
    const docs = await endpoints.collection
      .find(
        {
          'state.programmeId': programmeId,
          'state.status': 'active',
          'state.eventTypes': event.type,
        } as never,
        {
          projection: { state: 1 },
        },
      )
      .toArray();
    let added = 0;
    const now = new Date().toISOString();
    for (const doc of docs) {
      const endpoint = doc.state as WebhookEndpoint;
      const delivery: WebhookDelivery = {
        id: hashId('whd_', event.id, endpoint.id),
        endpointId: endpoint.id,
        programmeId,
        eventId: event.id,
        eventType: event.type,
        subject: event.subject,
        payload: JSON.stringify(event),
        status: 'pending',
        attempts: 0,
        history: [],
        nextAttemptAt: now,
        createdAt: now,
        updatedAt: now,
        deliveredAt: null,
        failedAt: null,
        reason: null,
      };
      try {
        await deliveries.create(delivery.id, delivery);
        added++;
      } catch (error) {
        if (!(error instanceof AggregateExistsError)) throw error;
      }
    }
    if (added > 0) dispatcher.wake();
  }

  // ── dispatching ──
  /** One attempt; `refused` when the URL may not be reached at all (SSRF checks, see outbound.ts). */
  async function post(
    endpoint: WebhookEndpoint,
    delivery: WebhookDelivery,
  ): Promise<{ attempt: DeliveryAttempt; refused: boolean }> {
    const body = delivery.payload ?? '';
    const started = performance.now();
    const at = new Date().toISOString();
    try {
      const status = await postWebhook(
        endpoint.url,
        signedHeaders(endpoint.secret, delivery.eventId, body),
        body,
        {
          timeoutMs: config.WEBHOOK_TIMEOUT_MS,
          allowPrivate: config.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
        },
      );
      const ok = status >= 200 && status < 300;
      return {
        attempt: {
          at,
          status,
          error: ok ? null : `HTTP ${status}`,
          durationMs: Math.round(performance.now() - started),
        },
        refused: false,
      };
    } catch (error) {
      const e = error as { name?: string; message?: string; code?: string };
      const refused = error instanceof RefusedTargetError;
      const reason = refused
        ? `refused: ${e.message} (webhooks may not reach private networks)`
        : e.name === 'TimeoutError'
          ? `no answer within ${config.WEBHOOK_TIMEOUT_MS} ms`
          : (e.code ?? e.message ?? String(error));
      return {
        attempt: { at, status: null, error: reason, durationMs: Math.round(performance.now() - started) },
        refused,
      };
    }
  }

  async function recordOnEndpoint(endpointId: string, attempt: DeliveryAttempt): Promise<void> {
    const failed = attempt.error !== null;
    await endpoints.mutate(endpointId, (current) => {
      if (current?.state.status !== 'active') return null;
      const e = current.state;
      if (!failed) {
        if (e.failureStreak === 0) return null;
        return { state: { ...e, failureStreak: 0, failingSince: null, updatedAt: attempt.at } };
      }
      const failureStreak = e.failureStreak + 1;
      const failingSince = e.failingSince ?? attempt.at;
      const longEnough =
        Date.parse(attempt.at) - Date.parse(failingSince) >= config.WEBHOOK_DISABLE_AFTER_MINUTES * 60_000;
      const next = { ...e, failureStreak, failingSince, lastFailure: attempt.error, updatedAt: attempt.at };
      if (failureStreak >= config.WEBHOOK_DISABLE_AFTER_FAILURES && longEnough) {
        const reason = `disabled after ${failureStreak} failed attempts in a row since ${failingSince}; last: ${attempt.error}`;
        log.warn({ endpointId, reason }, 'webhook endpoint disabled');
        return {
          state: { ...next, status: 'disabled' as const, disabledReason: reason, disabledAt: attempt.at },
        };
      }
      return { state: next };
    });
  }

  async function finish(id: string, change: (d: WebhookDelivery) => WebhookDelivery | null): Promise<void> {
    await deliveries.mutate(id, (current) => {
      if (current?.state.status !== 'pending') return null;
      const next = change(current.state);
      return next ? { state: next } : null;
    });
  }

  async function dispatch(candidate: WebhookDelivery): Promise<void> {
    const claim = await tryAcquireLease(app.redis, `${prefix}webhook:sending:${candidate.id}`, CLAIM_TTL_MS);
    if (!claim) return;
    try {
      const delivery = (await deliveries.get(candidate.id))?.state;
      if (delivery?.status !== 'pending') return;
      const endpoint = (await endpoints.get(delivery.endpointId))?.state;
      if (endpoint?.status !== 'active') {
        const reason =
          endpoint?.status === 'disabled'
            ? `endpoint disabled: ${endpoint.disabledReason}`
            : 'endpoint deleted';
        await finish(delivery.id, (d) => ({
          ...d,
          status: 'cancelled',
          nextAttemptAt: null,
          reason,
          updatedAt: new Date().toISOString(),
        }));
        return;
      }
      const { attempt, refused } = await post(endpoint, delivery);
      await recordOnEndpoint(endpoint.id, attempt);
      const now = Date.now();
      await finish(delivery.id, (d) => {
        const history = [...d.history, attempt].slice(-20);
        const attempts = d.attempts + 1;
        if (attempt.error === null) {
          return {
            ...d,
            status: 'delivered',
            attempts,
            history,
            nextAttemptAt: null,
            deliveredAt: attempt.at,
            updatedAt: attempt.at,
          };
        }
        if (refused) {
          // Where it would go will not change by waiting: fail at once, saying why.
          return {
            ...d,
            status: 'failed',
            attempts,
            history,
            nextAttemptAt: null,
            failedAt: attempt.at,
            reason: attempt.error,
            updatedAt: attempt.at,
          };
        }
        if (now - Date.parse(d.createdAt) >= config.WEBHOOK_RETRY_WINDOW_HOURS * 3600_000) {
          return {
            ...d,
            status: 'failed',
            attempts,
            history,
            nextAttemptAt: null,
            failedAt: attempt.at,
            reason: `gave up after ${attempts} attempts; last: ${attempt.error}`,
            updatedAt: attempt.at,
          };
        }
        const wait = backoff(attempts, config.WEBHOOK_BACKOFF_INITIAL_MS, config.WEBHOOK_BACKOFF_MAX_MS);
        return {
          ...d,
          attempts,
          history,
          nextAttemptAt: new Date(now + wait).toISOString(),
          reason: attempt.error,
          updatedAt: attempt.at,
        };
      });
    } finally {
      await claim.release().catch(() => undefined);
    }
  }

  const dispatcher = createLeaderLoop({
    name: 'webhooks',
    redis: app.redis,
    key: `${prefix}webhook:dispatcher`,
    pollMs: config.WEBHOOK_POLL_MS,
    logger: app.log,
    async work() {
      const now = new Date().toISOString();
      const due = (
        await deliveries.collection
          .find({ 'state.status': 'pending', 'state.nextAttemptAt': { $lte: now } } as never, {
            projection: { state: 1 },
          })
          .sort({ 'state.nextAttemptAt': 1 })
          .limit(BATCH)
          .toArray()
      ).map((doc) => doc.state as WebhookDelivery);
      let errors = 0;
      let next = 0;
      const worker = async () => {
        for (;;) {
          const item = due[next++];
          if (!item) return;
          await dispatch(item).catch((error: unknown) => {
            errors++;
            log.error({ err: error, deliveryId: item.id }, 'could not dispatch; will retry');
          });
        }
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, due.length) }, worker));
      if (errors > 0) return false;
      if (due.length === BATCH) return true;
      const first = await deliveries.collection
        .find({ 'state.status': 'pending' } as never, { projection: { 'state.nextAttemptAt': 1 } })
        .sort({ 'state.nextAttemptAt': 1 })
        .limit(1)
        .next();
      const at = (first?.state as { nextAttemptAt?: string } | undefined)?.nextAttemptAt;
      return at ? Math.max(0, Date.parse(at) - Date.now()) : false;
    },
  });

  return {
    endpoints,
    deliveries,

    async ensureIndexes() {
      await endpoints.collection.createIndex(
        { 'state.programmeId': 1, 'state.status': 1 },
        { name: 'state_programme' },
      );
      await deliveries.collection.createIndex(
        { 'state.status': 1, 'state.nextAttemptAt': 1 },
        { name: 'state_due' },
      );
      await deliveries.collection.createIndex(
        { 'state.endpointId': 1, 'state.createdAt': -1 },
        { name: 'state_endpoint' },
      );
      await deliveries.collection.createIndex({ 'state.subject': 1 }, { name: 'state_subject' });
    },

    registerConsumer() {
      const handlers: EventHandlers = {};
      for (const type of subscribableTypes) {
        (handlers as Record<string, (event: EventEnvelope) => Promise<void>>)[type] = fanOut;
      }
      app.events.consume({
        groupId: ConsumerGroups.notificationWebhooks,
        topics: [Topics.programme, Topics.profile, Topics.match, Topics.notification],
        handlers,
      });
    },

    start: () => dispatcher.start(),
    stop: () => dispatcher.stop(),
    wake: () => dispatcher.wake(),

    async listDeliveries(
      endpointId: string,
      limit: number,
      before: CursorPosition | undefined,
      status?: WebhookDelivery['status'],
    ) {
      const filter: Record<string, unknown> = { 'state.endpointId': endpointId, ...beforeCursor(before) };
      if (status) filter['state.status'] = status;
      const docs = await deliveries.collection
        .find(filter as never, { projection: { state: 1 } })
        .sort({ 'state.createdAt': -1, _id: -1 })
        .limit(limit)
        .toArray();
      return docs.map((doc) => doc.state as WebhookDelivery);
    },

    async listEndpoints(programmeId: string, limit: number, before: CursorPosition | undefined) {
      const docs = await endpoints.collection
        .find(
          {
            'state.programmeId': programmeId,
            'state.status': { $ne: 'deleted' },
            ...beforeCursor(before),
          } as never,
          {
            projection: { state: 1 },
          },
        )
        .sort({ 'state.createdAt': -1, _id: -1 })
        .limit(limit)
        .toArray();
      return docs.map((doc) => doc.state as WebhookEndpoint);
    },

    /** Erasure: deliveries about the person lose their body; pending ones are cancelled. */
    async eraseSubject(profileId: string): Promise<void> {
      const docs = await deliveries.collection
        .find({ 'state.subject': profileId } as never, { projection: { _id: 1 } })
        .toArray();
      for (const doc of docs) {
        await deliveries.mutate(String(doc._id), (current) => {
          if (!current || current.state.payload === null) return null;
          const d = current.state;
          const at = new Date().toISOString();
          return {
            state: {
              ...d,
              payload: null,
              ...(d.status === 'pending'
                ? { status: 'cancelled' as const, nextAttemptAt: null, reason: 'the person was erased' }
                : {}),
              updatedAt: at,
            },
          };
        });
      }
    },
  };
}
