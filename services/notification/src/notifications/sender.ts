// The sender: one active per deployment (a Redis lease, like the kit's outbox relay), sending
// due pending notifications through the SMTP pool. Each send also takes a per-record claim in
// Redis, so a leader handing over mid-send cannot make the next one send it again.
//
//   accepted (250)        → sent, notification.sent in the record's outbox
//   5xx                   → failed (permanent), notification.failed
//   refused / 4xx / timeout → pending again at now + backoff, until the retry window is over,
//                           then failed (not permanent), notification.failed
//
// The one window left: the process dies after the server accepted the message and before the
// `sent` write lands (one Redis lease + one document write, milliseconds). The record is then
// still pending and is sent again after the claim lapses, with the same Message-ID.
import { type KitApp, tryAcquireLease } from '@belong/kit';
import { createLeaderLoop, type LeaderLoop } from '../leader.ts';
import { classifySendError, type MailTransport } from '../mail/transport.ts';
import type { PreferencesRepository } from '../preferences/repository.ts';
import { backoff } from '../text.ts';
import { erased, failedEvent, isLive, type LiveNotification, sentEvent, withAttempt } from './domain.ts';
import type { NotificationRepository } from './repository.ts';

export interface SenderOptions {
  redisPrefix: string;
  poolSize: number;
  pollMs: number;
  backoffInitialMs: number;
  backoffMaxMs: number;
  retryWindowMs: number;
}

const CLAIM_TTL_MS = 120_000;
const BATCH = 50;

export function createSender(
  app: KitApp,
  deps: {
    options: SenderOptions;
    notifications: NotificationRepository;
    preferences: PreferencesRepository;
    transport: MailTransport;
  },
): LeaderLoop {
  const { options, notifications, preferences, transport } = deps;
  const store = notifications.store;
  const log = app.log.child({ job: 'sender' });
  const sentCounter = app.metrics.counter({
    name: 'belong_notifications_sent_total',
    help: 'Emails accepted by the SMTP server',
    labelNames: ['template'],
  });
  const failedCounter = app.metrics.counter({
    name: 'belong_notifications_failed_total',
    help: 'Emails given up on',
    labelNames: ['template', 'permanent'],
  });
  const retriedCounter = app.metrics.counter({
    name: 'belong_notifications_retried_total',
    help: 'Temporary send failures that will be retried',
    labelNames: ['template'],
  });

  /** Repeats a database write a few times: an email the server accepted must be recorded. */
  async function persist(write: () => Promise<unknown>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await write();
        return;
      } catch (error) {
        if (attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
      }
    }
  }

  async function markSent(record: LiveNotification, response: string): Promise<void> {
    const at = new Date().toISOString();
    await persist(() =>
      store.mutate(record.id, (current) => {
        if (!isLive(current?.state) || current.state.status !== 'pending') return null;
        const state = current.state;
        const sent: LiveNotification = {
          ...state,
          status: 'sent',
          attempts: state.attempts + 1,
          history: withAttempt(state, { at, outcome: 'sent', detail: response.slice(0, 500) }),
          nextAttemptAt: null,
          sentAt: at,
          updatedAt: at,
        };
        return { state: state.eraseAfterSend ? erased(sent, at) : sent, events: [sentEvent(state, at)] };
      }),
    );
    sentCounter.inc({ template: record.template });
  }

  async function markFailure(record: LiveNotification, error: unknown): Promise<void> {
    const failure = classifySendError(error);
    const now = Date.now();
    const at = new Date(now).toISOString();
    const windowOver = now - Date.parse(record.createdAt) >= options.retryWindowMs;
    const giveUp = failure.permanent || windowOver;
    await persist(() =>
      store.mutate(record.id, (current) => {
        if (!isLive(current?.state) || current.state.status !== 'pending') return null;
        const state = current.state;
        const attempts = state.attempts + 1;
        if (giveUp) {
          const reason = failure.permanent
            ? failure.reason
            : `gave up after ${attempts} attempts over ${Math.round((now - Date.parse(state.createdAt)) / 60_000)} min; last: ${failure.reason}`;
          const failed: LiveNotification = {
            ...state,
            status: 'failed',
            attempts,
            history: withAttempt(state, {
              at,
              outcome: failure.permanent ? 'permanent' : 'expired',
              detail: failure.reason,
            }),
            nextAttemptAt: null,
            failedAt: at,
            updatedAt: at,
            failure: { reason, permanent: failure.permanent },
          };
          return {
            state: state.eraseAfterSend ? erased(failed, at) : failed,
            events: [failedEvent(state, reason, failure.permanent, at)],
          };
        }
        const wait = backoff(attempts, options.backoffInitialMs, options.backoffMaxMs);
        return {
          state: {
            ...state,
            attempts,
            history: withAttempt(state, { at, outcome: 'temporary', detail: failure.reason }),
            nextAttemptAt: new Date(now + wait).toISOString(),
            updatedAt: at,
          },
        };
      }),
    );
    if (giveUp) {
      failedCounter.inc({ template: record.template, permanent: String(failure.permanent) });
      log.warn(
        { notificationId: record.id, template: record.template, reason: failure.reason },
        'email failed',
      );
    } else {
      retriedCounter.inc({ template: record.template });
      log.info({ notificationId: record.id, reason: failure.reason }, 'temporary send failure; will retry');
    }
  }

  async function suppress(record: LiveNotification): Promise<void> {
    const at = new Date().toISOString();
    await store.mutate(record.id, (current) => {
      if (!isLive(current?.state) || current.state.status !== 'pending') return null;
      return {
        state: {
          ...current.state,
          status: 'suppressed',
          history: withAttempt(current.state, {
            at,
            outcome: 'suppressed',
            detail: `turned off ${record.category} for this programme`,
          }),
          nextAttemptAt: null,
          updatedAt: at,
        },
      };
    });
  }

  async function deliver(candidate: LiveNotification): Promise<void> {
    const claim = await tryAcquireLease(
      app.redis,
      `${options.redisPrefix}notif:sending:${candidate.id}`,
      CLAIM_TTL_MS,
    );
    if (!claim) return;
    try {
      const record = await notifications.get(candidate.id);
      if (!isLive(record) || record.status !== 'pending') return;
      if (record.nextAttemptAt !== null && record.nextAttemptAt > new Date().toISOString()) return;
      if (
        record.category &&
        !(await preferences.wants(record.recipient.subjectId, record.programmeId, record.category))
      ) {
        await suppress(record);
        return;
      }
      let response: string;
      try {
        response = (await transport.send(record)).response;
      } catch (error) {
        await markFailure(record, error);
        return;
      }
      await markSent(record, response);
    } finally {
      await claim.release().catch(() => undefined);
    }
  }

  return createLeaderLoop({
    name: 'sender',
    redis: app.redis,
    key: `${options.redisPrefix}notif:sender`,
    pollMs: options.pollMs,
    logger: app.log,
    async work() {
      const due = await notifications.due(new Date().toISOString(), BATCH);
      let errors = 0;
      if (due.length > 0) {
        let next = 0;
        const worker = async () => {
          for (;;) {
            const item = due[next++];
            if (!item) return;
            await deliver(item).catch((error: unknown) => {
              errors++;
              log.error({ err: error, notificationId: item.id }, 'could not deliver; will retry');
            });
          }
        };
        await Promise.all(Array.from({ length: Math.min(options.poolSize, due.length) }, worker));
        if (errors > 0) return false; // the database or Redis is struggling: wait a poll
        if (due.length === BATCH) return true;
      }
      const nextDue = await notifications.nextDue();
      return nextDue === null ? false : Math.max(0, Date.parse(nextDue) - Date.now());
    },
  });
}
