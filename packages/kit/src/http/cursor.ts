// Cursor pagination over ids: the cursor is the last item's id, base64url-encoded so that
// clients treat it as opaque; a list fetches `limit + 1` to know whether a next page exists.
import { HttpError } from '../http-error.ts';

const ID = /^[A-Za-z0-9_.:-]{1,128}$/;

/** The id a cursor stands for; a 400 `<code>` naming `cursor` when it is not one of ours. */
export function decodeIdCursor(cursor: string | undefined, code: string): string | undefined {
  if (cursor === undefined) return undefined;
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!ID.test(id)) {
    const message = 'cursor is not a cursor from this list';
    throw new HttpError(400, code, message, {
      title: 'Invalid request',
      errors: [{ in: 'query', pointer: '/cursor', message }],
    });
  }
  return id;
}

export const encodeIdCursor = (id: string) => Buffer.from(id, 'utf8').toString('base64url');

/** Cuts `limit + 1` found items to a page with the cursor of the next one (null on the last). */
export function pageOf<T>(found: T[], limit: number, idOf: (item: T) => string) {
  const items = found.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: found.length > limit && last ? encodeIdCursor(idOf(last)) : null };
}
