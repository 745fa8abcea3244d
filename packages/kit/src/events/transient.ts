// Database errors that mean "not done, try again". FerretDB's SQLite backend answers concurrent
// writers, even to different documents, with SQLITE_BUSY ("database is locked"): the statement
// was rolled back and can simply be repeated. MongoDB's WriteConflict (112) is the same kind.
import { backoffDelay, delay } from './timing.ts';

export function isTransientDbError(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  if (typeof e?.message === 'string' && /SQLITE_BUSY|database is locked/i.test(e.message)) return true;
  return e?.code === 112;
}

/** Runs `op`, repeating it after a transient database error (5 ms doubling to 250 ms, 8 attempts). */
export async function retryTransient<T>(op: () => Promise<T>, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await op();
    } catch (error) {
      if (attempt >= attempts || !isTransientDbError(error)) throw error;
      await delay(backoffDelay(attempt, { initialMs: 5, maxMs: 250 }));
    }
  }
}
