import fp from 'fastify-plugin';
import { Redis } from 'ioredis';
import { redactUrl } from './redact.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Shared Redis: rate limits, locks, dedupe, caches. Prefix every key with config.REDIS_KEY_PREFIX. */
    redis: Redis;
  }
}

export interface RedisOptions {
  url: string;
  /** false: a client that never connects, so plugins can hold it (OpenAPI export) but every command fails fast. */
  connect: boolean;
}

export const redis = fp<RedisOptions>(
  async (app, { url, connect }) => {
    if (!connect) {
      const offline = new Redis(url, { lazyConnect: true, enableOfflineQueue: false });
      // Ended before it ever connects: commands reject at once with "Connection is closed".
      offline.disconnect();
      app.decorate('redis', offline);
      app.readiness.add('redis', async () => {
        throw new Error('not connected: the app was built with connect: false');
      });
      return;
    }

    let booting = true;
    const client = new Redis(url, {
      lazyConnect: true,
      // At boot, fail at once (the orchestrator restarts us); once up, reconnect for as long as it takes.
      retryStrategy: (attempt) => (booting ? null : Math.min(attempt * 50, 2000)),
      // A request waiting on Redis should fail in seconds, not queue through every reconnect.
      maxRetriesPerRequest: 2,
      enableAutoPipelining: true,
      connectTimeout: 5000,
    });
    // Without a listener ioredis prints every reconnect failure to stderr, outside the logs.
    let lastError: Error | undefined;
    client.on('error', (error: Error) => {
      lastError = error;
      app.log.warn({ err: error }, 'redis connection error');
    });
    try {
      await client.connect();
    } catch (error) {
      // Disconnecting an ended client would leave a timer behind.
      if (client.status !== 'end') client.disconnect();
      // connect() only says "Connection is closed"; the error event said why (ECONNREFUSED…).
      const reason = (lastError ?? (error as Error)).message;
      throw new Error(`cannot connect to Redis at ${redactUrl(url)}: ${reason}`, { cause: error });
    }
    booting = false;
    app.decorate('redis', client);
    app.readiness.add('redis', async () => {
      await client.ping();
    });
    app.addHook('onClose', async () => {
      if (client.status !== 'ready') {
        client.disconnect();
        return;
      }
      // quit lets commands already sent finish; a dead server must not hold up shutdown. QUIT's
      // reply comes before the socket closes, so wait for 'end': closed means closed.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => client.disconnect(), 2000);
        client.once('end', () => {
          clearTimeout(timer);
          resolve();
        });
        client.quit().catch(() => client.disconnect());
      });
    });
  },
  { name: 'belong-redis', fastify: '5.x', dependencies: ['belong-readiness'] },
);
