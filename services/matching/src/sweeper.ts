// Time-driven work, on one instance at a time (a Redis lease per tick): expire proposals nobody
// answered in time (and re-match those mentees), and free places a crash left taken. The
// MongoDB-compatible server here has no TTL indexes, so expiry is explicit timestamps and this.
import { type KitApp, tryAcquireLease } from '@belong/kit';
import type { MatchService } from './matches/service.ts';

export interface SweeperOptions {
  intervalMs: number;
  keyPrefix: string;
}

export function sweeper(matches: MatchService, options: SweeperOptions) {
  return async function plugin(instance: KitApp): Promise<void> {
    const app = instance;
    if (!app.kit.connect) return;
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<void> | undefined;
    let ticks = 0;

    async function tick(): Promise<void> {
      const lease = await tryAcquireLease(
        app.redis,
        `${options.keyPrefix}matching-sweeper`,
        options.intervalMs * 2,
      );
      if (!lease) return;
      try {
        const expired = await matches.expireDue();
        if (expired > 0) app.log.info({ expired }, 'expired proposals nobody answered');
        // Reconciling reads every place: once a minute or so is plenty.
        if (ticks++ % Math.max(1, Math.round(60_000 / options.intervalMs)) === 0) {
          const freed = await matches.reconcilePlaces();
          if (freed > 0) app.log.warn({ freed }, 'freed places held by closed or unwritten matches');
        }
      } finally {
        await lease.release().catch(() => undefined);
      }
    }

    const schedule = () => {
      timer = setTimeout(() => {
        running = tick()
          .catch((error: unknown) => app.log.error({ err: error }, 'matching sweep failed'))
          .finally(() => {
            running = undefined;
            if (timer) schedule();
          });
      }, options.intervalMs);
      timer.unref();
    };

    app.addHook('onReady', async () => schedule());
    app.addHook('onClose', async () => {
      clearTimeout(timer);
      timer = undefined;
      await running;
    });
  };
}
