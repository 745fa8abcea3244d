import { STATUS_CODES } from 'node:http';
import { PROBLEM_CONTENT_TYPE, type Problem, type ProblemFieldError } from '@belong/contracts';
import { type ObjectOptions, type TProperties, type TUnsafe, Type } from '@sinclair/typebox';
import { HttpError } from '../http-error.ts';

export { HttpError };

const CODE = /^[A-Z][A-Z0-9_]*$/;

/**
 * A route's object schema that rejects unknown fields. Every body, query and params object a
 * route declares must be strict (this helper, or `additionalProperties: false` by hand):
 * fastify's ajv is set NOT to strip unknown fields, so a typo like `nickname` for `name` is a 400
 * naming the field instead of being silently dropped — but only if the schema says so.
 */
export function StrictObject<T extends TProperties>(properties: T, options: ObjectOptions = {}) {
  return Type.Object(properties, { ...options, additionalProperties: false });
}

export interface ErrorDefinition {
  status: number;
  /** Short summary of the kind of problem; defaults to the HTTP status phrase. */
  title?: string;
}

export interface ErrorOptions {
  errors?: ProblemFieldError[];
  headers?: Record<string, string>;
  cause?: unknown;
}

export type ErrorFactory = ((message: string, options?: ErrorOptions) => HttpError) & {
  readonly code: string;
  readonly status: number;
  readonly title: string;
};

/**
 * A service's catalogue of client errors, each a factory for an HttpError with a stable code:
 *
 *   const errors = defineErrors('PROFILE', { PROFILE_NOT_FOUND: { status: 404, title: 'Profile not found' } });
 *   throw errors.PROFILE_NOT_FOUND(`No profile with id ${id}`);
 *
 * The code is the key prefixed with `PREFIX_`, unless the key already starts with it (so both
 * `NOT_FOUND` and `PROFILE_NOT_FOUND` give `PROFILE_NOT_FOUND`). The message is the problem's
 * `detail`: it is shown to the client, so it must not carry secrets.
 */
export function defineErrors<const D extends Record<string, ErrorDefinition>>(
  prefix: string,
  definitions: D,
): { readonly [K in keyof D]: ErrorFactory } {
  if (!CODE.test(prefix)) throw new Error(`error prefix "${prefix}" must be UPPER_SNAKE_CASE`);
  const factories: Record<string, ErrorFactory> = {};
  for (const [key, definition] of Object.entries(definitions)) {
    if (!CODE.test(key)) throw new Error(`error name "${key}" must be UPPER_SNAKE_CASE`);
    if (!Number.isInteger(definition.status) || definition.status < 400 || definition.status > 599) {
      throw new Error(`error ${key}: status ${definition.status} is not an HTTP error status`);
    }
    const code = key.startsWith(`${prefix}_`) ? key : `${prefix}_${key}`;
    const title = definition.title ?? statusTitle(definition.status);
    const factory = (message: string, options: ErrorOptions = {}) =>
      new HttpError(definition.status, code, message, { ...options, title });
    factories[key] = Object.assign(factory, { code, status: definition.status, title });
  }
  return factories as { readonly [K in keyof D]: ErrorFactory };
}

/** The HTTP status phrase, e.g. 404 → `Not Found`. */
export function statusTitle(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

const suffixes: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  408: 'REQUEST_TIMEOUT',
  409: 'CONFLICT',
  410: 'GONE',
  411: 'LENGTH_REQUIRED',
  412: 'PRECONDITION_FAILED',
  413: 'BODY_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'RATE_LIMITED',
  500: 'INTERNAL',
  502: 'BAD_GATEWAY',
  503: 'UNAVAILABLE',
  504: 'TIMEOUT',
};

/** The kit's code for a bare status, e.g. (`PROFILE`, 413) → `PROFILE_BODY_TOO_LARGE`. */
export function codeForStatus(prefix: string, status: number): string {
  return `${prefix}_${suffixes[status] ?? `HTTP_${status}`}`;
}

/** `{ $ref: 'Problem#' }`, typed as Problem: the shared schema every error response uses. */
export const ProblemRef = Type.Unsafe<Problem>({ $ref: 'Problem#' });

export type ProblemResponse = TUnsafe<Problem>;

/**
 * The 503 any route but the probes can answer: the instance is at `MAX_IN_FLIGHT_REQUESTS`
 * (load-shedding.ts), another request holds the record it changes, or Redis or the database
 * cannot be reached (problem-handler.ts). In each case the same request can be sent again.
 */
export const OverloadedResponse = Type.Unsafe<Problem>({
  description:
    'Service Unavailable, for a moment: this instance already has `MAX_IN_FLIGHT_REQUESTS` requests ' +
    'in progress (code `<SERVICE>_OVERLOADED`), another request is changing the same record ' +
    '(`<SERVICE>_BUSY`), or a server it depends on cannot be reached (`<SERVICE>_UNAVAILABLE`). ' +
    'Send the same request again after `Retry-After` seconds (with the same `Idempotency-Key` ' +
    'where the route takes one), to this instance or another.',
  headers: {
    'Retry-After': { type: 'integer', minimum: 0, description: 'Seconds to wait before retrying' },
  },
  content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: 'Problem#' } } },
});

/**
 * The error entries of a route's `response` schema, so the OpenAPI document lists every error a
 * route can answer, as `application/problem+json` bodies referencing `components.schemas.Problem`:
 *
 *   response: { 201: ExampleSchema, ...problemResponses(400, 404) }
 */
export function problemResponses<const S extends readonly number[]>(
  ...statuses: S
): { [K in S[number]]: ProblemResponse } {
  const entries: Record<number, ProblemResponse> = {};
  for (const status of statuses) {
    entries[status] = Type.Unsafe<Problem>({
      description: statusTitle(status),
      content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: 'Problem#' } } },
    });
  }
  return entries as { [K in S[number]]: ProblemResponse };
}
