import { type Static, type TSchema, Type } from '@sinclair/typebox';

/**
 * RFC 9457 problem details, the body of every error response from every service.
 * `code` is stable and machine-readable (`PROFILE_NOT_FOUND`, `BELONG_VALIDATION`…);
 * `errors` names each field at fault as a JSON pointer into the request part it came from.
 */
export const ProblemFieldErrorSchema = Type.Object(
  {
    /** Where: `body`, `query`, `params` or `headers`. */
    in: Type.Union([
      Type.Literal('body'),
      Type.Literal('query'),
      Type.Literal('params'),
      Type.Literal('headers'),
    ]),
    /** JSON pointer into that part, e.g. `/answers/sector`; empty for the whole part. */
    pointer: Type.String(),
    message: Type.String(),
  },
  { title: 'ProblemFieldError', additionalProperties: false },
);
export type ProblemFieldError = Static<typeof ProblemFieldErrorSchema>;

export const ProblemSchema = Type.Object(
  {
    type: Type.String({
      description: 'A URI naming the kind of problem; `about:blank` when only the status matters',
    }),
    title: Type.String({ description: 'Short, human-readable summary of the kind of problem' }),
    status: Type.Integer({ minimum: 400, maximum: 599 }),
    code: Type.String({ pattern: '^[A-Z][A-Z0-9_]*$', description: 'Stable machine-readable code' }),
    detail: Type.Optional(Type.String({ description: 'What went wrong this time, for a person' })),
    instance: Type.Optional(Type.String({ description: 'The request id, to quote when asking for help' })),
    errors: Type.Optional(Type.Array(ProblemFieldErrorSchema)),
  },
  { $id: 'Problem', additionalProperties: true },
);
export type Problem = Static<typeof ProblemSchema>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Opaque identifiers: 24 hex (MongoDB ObjectId) or a UUID, as strings. */
export const IdSchema = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });

/** Cursor pagination: `?limit=&cursor=`; the answer carries `nextCursor` until the last page. */
export const PageQuerySchema = Type.Object(
  {
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'Items per page' }),
    ),
    cursor: Type.Optional(Type.String({ maxLength: 512, description: 'nextCursor of the previous page' })),
  },
  { additionalProperties: false },
);
export type PageQuery = Static<typeof PageQuerySchema>;

export function PageSchema<T extends TSchema>(item: T, options: { $id?: string } = {}) {
  return Type.Object(
    {
      items: Type.Array(item),
      nextCursor: Type.Union([Type.String(), Type.Null()], {
        description: 'Pass as `cursor` for the next page; null on the last page',
      }),
    },
    { additionalProperties: false, ...options },
  );
}
export type Page<T> = { items: T[]; nextCursor: string | null };
