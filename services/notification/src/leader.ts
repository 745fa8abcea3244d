// A job that one instance runs at a time: the holder of a Redis lease (as the kit's outbox relay
// does). Every instance tries the lease at each poll; the holder renews it every ttl/3 and runs
// `work` until it reports nothing left, then sleeps until the next poll or a wake-up. A crashed
// holder is replaced within the lease's ttl; a graceful stop releases it at once.
import { type KitApp, type Lease, tryAcquireLease } from '@belong/kit';
import type { FastifyBaseLogger } from 'fastify';

export interface LeaderLoopOptions {
  name: string;
  redis: KitApp['redis'];
  key: string;
  pollMs: number;
  leaseTtlMs?: number;
  /**
   * One round of work: true when there may be more to do right away, false to wait for the next
   * poll, or how many ms until something is due (waits at most pollMs).
   */
  work(signal: AbortSignal): Promise<boolean | number>;
  /** Called when this instance takes the lease, before its first round of work. */
  onLead?(): void;
  logger: FastifyBaseLogger;
}

export interface LeaderLoop {
  start(): void;
  stop(): Promise<void>;
  /** Something is due now: run at once if leading. */
  wake(): void;
  isLeader(): boolean;
}

export function createLeaderLoop(options: LeaderLoopOptions): LeaderLoop {
  const { redis, key, pollMs, logger, name } = options;
  const ttlMs = options.leaseTtlMs ?? 10_000;
  let lease: Lease | null = null;
  let renew: NodeJS.Timeout | undefined;
  let running = false;
  let loop: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;
  let woken = false;
  const abort = new AbortController();
  let failures = 0;

  const leading = () => lease !== null && performance.now() < lease.validUntil - Math.min(1_000, ttlMs / 5);

  async function lead(): Promise<void> {
    if (leading()) return;
    lease = null;
    clearInterval(renew);
    const acquired = await tryAcquireLease(redis, key, ttlMs);
    if (!acquired) return;
    lease = acquired;
    logger.info({ job: name }, 'leading');
    options.onLead?.();
    renew = setInterval(() => {
      const current = lease;
      current?.extend().then(
        (ok) => {
          if (!ok && lease === current) {
            lease = null;
            logger.warn({ job: name }, 'lost the lease');
          }
        },
        () => undefined,
      );
    }, ttlMs / 3);
    renew.unref();
  }

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken || !running) {
        woken = false;
        resolve();
        return;
      }
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        woken = false;
        resolve();
      }
      wakeUp = done;
    });

  async function run(): Promise<void> {
    while (running) {
      let wait = pollMs;
      try {
        await lead();
        if (leading()) {
          const result = await options.work(abort.signal);
          wait = result === true ? 0 : result === false ? pollMs : Math.max(0, Math.min(pollMs, result));
        }
        failures = 0;
      } catch (error) {
        failures++;
        logger.warn({ job: name, err: error, failures }, 'job round failed; backing off');
        await sleep(Math.min(10_000, pollMs * 2 ** Math.min(6, failures)));
        continue;
      }
      if (wait > 0) await sleep(wait);
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    async stop() {
      running = false;
      abort.abort();
      wakeUp?.();
      await loop;
      clearInterval(renew);
      const held = lease;
      lease = null;
      await held?.release().catch(() => undefined);
    },
    wake() {
      woken = true;
      wakeUp?.();
    },
    isLeader: leading,
  };
}
