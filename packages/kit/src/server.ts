import type { FastifyInstance } from 'fastify';
import type { BaseConfig } from './config.ts';

export interface ListenOptions {
  host: string;
  port: number;
  /** How long a shutdown may take before the process exits anyway. Default 10 s. */
  graceMs?: number;
}

export const DEFAULT_GRACE_MS = 10_000;

/**
 * Listens, then owns the process's end: on SIGINT/SIGTERM it closes the app — fastify stops
 * accepting connections, lets in-flight requests finish, then runs every onClose hook in
 * reverse registration order (consumers and the outbox relay drain, then Kafka, Redis and
 * MongoDB disconnect) — and exits 0. If that takes longer than `graceMs` it exits 1; a second
 * signal exits at once. An uncaught exception or unhandled rejection is logged as fatal and
 * shuts down the same way with exit code 1 (the process is in an unknown state; the orchestrator
 * restarts it).
 *
 * Returns the address listened on.
 */
export async function startServer(app: FastifyInstance, listen: ListenOptions): Promise<string> {
  const graceMs = listen.graceMs ?? DEFAULT_GRACE_MS;
  let closing = false;

  const shutdown = (reason: string, exitCode: number) => {
    if (closing) {
      app.log.warn({ reason }, 'second shutdown request: exiting now');
      process.exit(1);
    }
    closing = true;
    app.log.info({ reason, graceMs }, 'shutting down');
    const timer = setTimeout(() => {
      app.log.error({ graceMs }, 'shutdown took longer than the grace period: exiting');
      process.exit(1);
    }, graceMs);
    timer.unref();
    app.close().then(
      () => {
        app.log.info('closed');
        process.exit(exitCode);
      },
      (error: unknown) => {
        app.log.error({ err: error }, 'error while closing');
        process.exit(1);
      },
    );
  };

  process.on('SIGINT', () => shutdown('SIGINT', 0));
  process.on('SIGTERM', () => shutdown('SIGTERM', 0));
  process.on('uncaughtException', (error) => {
    app.log.fatal({ err: error }, 'uncaught exception');
    shutdown('uncaughtException', 1);
  });
  process.on('unhandledRejection', (reason) => {
    app.log.fatal({ err: reason }, 'unhandled promise rejection');
    shutdown('unhandledRejection', 1);
  });

  return app.listen({ host: listen.host, port: listen.port });
}

/**
 * A service's whole `server.ts`:
 *
 *   const config = loadConfig(ProfileConfigSchema);
 *   await runService(() => buildProfileApp(config), config);
 *
 * Boots the app (connecting to its servers), then listens on HOST:PORT. A failure before
 * listening (a server unreachable, a plugin throwing) is logged as fatal and exits 1.
 *
 * Prefer a `build` that returns the instance itself rather than a promise of it: awaiting a
 * promise of a fastify instance boots it on the spot, so a failure there happens before we hold
 * the app's logger, and is reported as a bare JSON line instead.
 */
export async function runService(
  build: () => FastifyInstance | Promise<FastifyInstance>,
  config: Pick<BaseConfig, 'HOST' | 'PORT'>,
  options: { graceMs?: number } = {},
): Promise<FastifyInstance> {
  let app: FastifyInstance | undefined;
  try {
    const built = build();
    app = built instanceof Promise ? await built : built;
    await app.ready();
    await startServer(app, { host: config.HOST, port: config.PORT, ...options });
    return app;
  } catch (error) {
    if (app) {
      app.log.fatal({ err: error }, 'could not start');
      await app.close().catch(() => {});
    } else {
      const err =
        error instanceof Error ? { type: error.name, message: error.message, stack: error.stack } : error;
      process.stdout.write(
        `${JSON.stringify({ level: 60, time: Date.now(), err, msg: 'could not start' })}\n`,
      );
    }
    process.exit(1);
  }
}
