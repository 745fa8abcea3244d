import type { FastifyInstance } from 'fastify';

export interface ListenOptions {
  host: string;
  port: number;
}

/** Reads HOST/PORT once at start; a bad value stops start-up naming the variable. */
export function listenOptionsFromEnv(defaultPort: number, env = process.env): ListenOptions {
  const raw = env.PORT;
  const port = raw === undefined || raw === '' ? defaultPort : Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number from 0 to 65535, got "${raw}"`);
  }
  return { host: env.HOST || '127.0.0.1', port };
}

/** Listens, and closes the app cleanly on SIGINT/SIGTERM (in-flight requests finish first). */
export async function startServer(app: FastifyInstance, listen: ListenOptions): Promise<void> {
  let closing = false;
  const close = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void close('SIGINT'));
  process.once('SIGTERM', () => void close('SIGTERM'));
  await app.listen(listen);
}
