// Cursor pagination for the profile service's lists (the kit's id cursors, with this service's code).
import { decodeIdCursor, pageOf } from '@belong/kit';

export const decodeCursor = (cursor: string | undefined) => decodeIdCursor(cursor, 'PROFILE_VALIDATION');
export const toPage = pageOf;
