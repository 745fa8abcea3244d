// Cursor pagination shared by the profile service's lists: the cursor is the last item's id,
// base64url-encoded so clients treat it as opaque.
import { HttpError } from '@belong/kit';

function invalidCursor(): HttpError {
  const message = 'cursor is not a cursor from this list';
  return new HttpError(400, 'PROFILE_VALIDATION', message, {
    title: 'Invalid request',
    errors: [{ in: 'query', pointer: '/cursor', message }],
  });
}

/** The id a cursor stands for; a 400 naming `cursor` when it is not one of ours. */
export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw invalidCursor();
  return id;
}

export const encodeCursor = (id: string) => Buffer.from(id, 'utf8').toString('base64url');

/** Fetches `limit + 1` to know whether a next page exists, and cuts the page. */
export function toPage<T>(found: T[], limit: number, idOf: (item: T) => string) {
  const items = found.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: found.length > limit && last ? encodeCursor(idOf(last)) : null };
}
