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
//
// Finding work: a record created pending is named by its id (`hint`): on the leading instance
// it is queued at once; elsewhere the id goes to the leader over Redis pub/sub
// (`<prefix>notif:sender:pending`). The leader sends queued records by id (a lookup by `_id`,
// the one query FerretDB answers without scanning the collection). The due-scan (pending and
// `nextAttemptAt` ≤ now: a full collection scan on FerretDB) runs only when the instance becomes
// leader, when a retry it scheduled (or the earliest one the last scan saw) is due, and every
// `scanMs` as the safety net. Trade-off: a record whose hint was lost (the composing instance
// died right after the insert, Redis pub/sub down) is sent at the next scan, within `scanMs`.
// Sending by id or from the scan goes through the same `deliver` (claim, re-read, status check):
// how a record was found never decides whether it is sent.
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
  /** The leader loop's tick: standbys try the lease, the leader looks whether a scan is due. */
  pollMs: number;
  /** The due-scan's safety-net period (hinted records and scheduled retries do not wait for it). */
  scanMs: number;
  backoffInitialMs: number;
  backoffMaxMs: number;
  retryWindowMs: number;
}

const CLAIM_TTL_MS = 120_000;
const BATCH = 50;
/** The wake-up payload that names no record: scan. */
const SCAN_PAYLOAD = '1';

export interface Sender extends LeaderLoop {
  /** A record was created pending: send it now (queued on the leader, wherever that runs). */
  hint(id: string): void;
}

export function createSender(
  app: KitApp,
  deps: {
    options: SenderOptions;
    notifications: NotificationRepository;
    preferences: PreferencesRepository;
    transport: MailTransport;
  },
): Sender {
  const { options, notifications, preferences, transport } = deps;
  const store = notifications.store;
  /** When the next due-scan runs (epoch ms); 0: at the next round. */
  let scanAt = 0;
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
    let retryAt: number | null = null;
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
        retryAt = now + wait;
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
    // The retry is found by the due-scan: have it run when the retry is due.
    if (retryAt !== null) scanAt = Math.min(scanAt, retryAt);
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

  async function deliver(id: string): Promise<void> {
    const claim = await tryAcquireLease(app.redis, `${options.redisPrefix}notif:sending:${id}`, CLAIM_TTL_MS);
    if (!claim) return;
    try {
      const record = await notifications.get(id);
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

  /** Delivers these records, `poolSize` at a time; answers the ids that failed (not sent, not given up). */
  async function deliverAll(ids: readonly string[]): Promise<string[]> {
    const failed: string[] = [];
    let next = 0;
    const worker = async () => {
      for (;;) {
        const id = ids[next++];
        if (id === undefined) return;
        await deliver(id).catch((error: unknown) => {
          failed.push(id);
          log.error({ err: error, notificationId: id }, 'could not deliver; will retry');
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.poolSize, ids.length) }, worker));
    return failed;
  }

  // Records named since they were last looked at (leader only; insertion order = oldest first).
  const hinted = new Set<string>();
  const channel = `${options.redisPrefix}notif:sender:pending`;
  let subscriber: KitApp['redis'] | undefined;

  const loop = createLeaderLoop({
    name: 'sender',
    redis: app.redis,
    key: `${options.redisPrefix}notif:sender`,
    pollMs: options.pollMs,
    logger: app.log,
    onLead() {
      // Hints sent while another instance (or none) led never came here: scan first.
      hinted.clear();
      scanAt = 0;
    },
    async work() {
      // 1. Records created pending since the last round, by id.
      if (hinted.size > 0) {
        const ids: string[] = [];
        for (const id of hinted) {
          if (ids.length >= BATCH) break;
          ids.push(id);
        }
        for (const id of ids) hinted.delete(id);
        const failed = await deliverAll(ids);
        if (failed.length > 0) {
          for (const id of failed) hinted.add(id);
          return false; // the database or Redis is struggling: wait a poll
        }
        if (hinted.size > 0) return true;
      }
      // 2. The due-scan: retries, and the safety net for lost hints.
      if (Date.now() >= scanAt) {
        const due = await notifications.due(new Date().toISOString(), BATCH);
        if ((await deliverAll(due.map((record) => record.id))).length > 0) return false;
        if (due.length === BATCH) return true;
        const nextDue = await notifications.nextDue();
        const now = Date.now();
        scanAt = now + options.scanMs;
        // A retry due later is scanned for then, but not sooner than a tick from now. One due
        // already was created (or claimed) after the scan above: its hint (or its claim's
        // holder) sends it, the safety net otherwise.
        const nextAt = nextDue === null ? Number.NaN : Date.parse(nextDue);
        if (nextAt > now) scanAt = Math.min(scanAt, Math.max(nextAt, now + options.pollMs));
      }
      return hinted.size > 0 ? true : Math.max(0, scanAt - Date.now());
    },
  });

  const enqueue = (id: string | null) => {
    if (!loop.isLeader()) return; // a standby scans when it becomes leader
    if (id === null) scanAt = 0;
    else hinted.add(id);
    loop.wake();
  };

  return {
    ...loop,
    start() {
      if (subscriber) return;
      const connection = app.redis.duplicate();
      subscriber = connection;
      connection.on('error', (error: unknown) =>
        log.debug({ err: error }, 'sender wake-up connection error'),
      );
      connection.on('message', (_channel: string, message: string) =>
        enqueue(message === SCAN_PAYLOAD || message === '' ? null : message),
      );
      connection.subscribe(channel).catch((error: unknown) => {
        log.warn({ err: error }, 'could not subscribe to sender wake-ups; other instances wait for the scan');
      });
      loop.start();
    },
    async stop() {
      await loop.stop();
      hinted.clear();
      const connection = subscriber;
      subscriber = undefined;
      if (connection) await connection.quit().catch(() => connection.disconnect());
    },
    hint(id) {
      if (loop.isLeader()) {
        enqueue(id);
        return;
      }
      app.redis.publish(channel, id).catch((error: unknown) => {
        log.debug({ err: error, notificationId: id }, 'could not wake the sender; the next scan sends it');
      });
    },
  };
}
