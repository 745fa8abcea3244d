/** The pino-like logger the event bus writes to (fastify's `app.log` fits). */
export interface EventLogger {
  debug(fields: object, message?: string): void;
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}

const ignore = () => undefined;

export const silentLogger: EventLogger = { debug: ignore, info: ignore, warn: ignore, error: ignore };

/** The fields worth logging about an error, without its whole object graph. */
export function errorFields(error: unknown): { err: { name: string; message: string; stack?: string } } {
  if (error instanceof Error)
    return { err: { name: error.name, message: error.message, stack: error.stack } };
  return { err: { name: 'NonError', message: String(error) } };
}
