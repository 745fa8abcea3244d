// Cursor pagination for the service's lists, newest first: the cursor is the last item's
// (createdAt, id), base64url-encoded so clients treat it as opaque.
import { HttpError } from '@belong/kit';

export interface CursorPosition {
  createdAt: string;
  id: string;
}

function invalidCursor(): HttpError {
  const message = 'cursor is not a cursor from this list';
  return new HttpError(400, 'NOTIF_VALIDATION', message, {
    title: 'Invalid request',
    errors: [{ in: 'query', pointer: '/cursor', message }],
  });
}

export function decodeCursor(cursor: string | undefined): CursorPosition | undefined {
  if (cursor === undefined) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[0] === 'string' &&
      !Number.isNaN(Date.parse(parsed[0])) &&
      typeof parsed[1] === 'string' &&
      /^[A-Za-z0-9_-]{1,64}$/.test(parsed[1])
    ) {
      return { createdAt: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through
  }
  throw invalidCursor();
}

export const encodeCursor = (position: CursorPosition) =>
  Buffer.from(JSON.stringify([position.createdAt, position.id]), 'utf8').toString('base64url');

/** The filter for "older than the cursor" in (state.createdAt desc, _id desc) order. */
export function beforeCursor(position: CursorPosition | undefined): Record<string, unknown> {
  if (!position) return {};
  return {
    $or: [
      { 'state.createdAt': { $lt: position.createdAt } },
      { 'state.createdAt': position.createdAt, _id: { $lt: position.id } },
    ],
  };
}

/** Fetches `limit + 1` to know whether a next page exists, and cuts the page. */
export function toPage<T>(found: T[], limit: number, positionOf: (item: T) => CursorPosition) {
  const items = found.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: found.length > limit && last ? encodeCursor(positionOf(last)) : null };
}
