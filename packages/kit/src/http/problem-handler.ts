import { PROBLEM_CONTENT_TYPE, type Problem, type ProblemFieldError } from '@belong/contracts';
import type { FastifyError, FastifyReply, FastifyRequest, FastifySchemaValidationError } from 'fastify';
import fp from 'fastify-plugin';
import { ConcurrentUpdateError, LeaseTimeoutError } from '../events/errors.ts';
import { HttpError } from '../http-error.ts';
import { codeForStatus, statusTitle } from './errors.ts';

/**
 * Every error a service answers is RFC 9457 problem+json. The codes the kit itself produces
 * (services add theirs with defineErrors) are all `<PREFIX>_…`:
 *
 * | status | code                          | when                                                        |
 * | ------ | ----------------------------- | ----------------------------------------------------------- |
 * | 400    | PREFIX_VALIDATION             | body/query/params/headers fail the route schema (`errors`)  |
 * | 400    | PREFIX_INVALID_BODY           | malformed or empty JSON, prototype poisoning                |
 * | 400    | PREFIX_BAD_REQUEST            | any other 4xx from fastify or a plugin, by status (below)   |
 * | 404    | PREFIX_ROUTE_NOT_FOUND        | no route for this path                                      |
 * | 405    | PREFIX_METHOD_NOT_ALLOWED     | the path exists, not with this method (with `Allow`)        |
 * | 413    | PREFIX_BODY_TOO_LARGE         | body over BODY_LIMIT_BYTES                                  |
 * | 415    | PREFIX_UNSUPPORTED_MEDIA_TYPE | a content-type no parser accepts                            |
 * | 429    | PREFIX_RATE_LIMITED           | over RATE_LIMIT_PER_MINUTE (with Retry-After)               |
 * | 500    | PREFIX_INTERNAL               | anything unexpected; the detail only quotes the request id  |
 * | 503    | PREFIX_OVERLOADED             | over MAX_IN_FLIGHT_REQUESTS (with Retry-After)              |
 * | 503    | PREFIX_BUSY                   | a record's lease or compare-and-set kept failing (idem)     |
 * | 503    | PREFIX_UNAVAILABLE            | Redis or the database cannot be reached (Retry-After: 2)    |
 *
 * An HttpError keeps its own status, code and detail, a 5xx included: it was thrown on purpose.
 *
 * Other 4xx statuses map through codeForStatus (401 UNAUTHORIZED, 403 FORBIDDEN, 409 CONFLICT…).
 * `instance` is always the request id, which is also in every log line of that request.
 */
export interface ProblemHandlerOptions {
  prefix: string;
}

interface Outcome {
  status: number;
  problem: Problem;
  headers?: Record<string, string> | undefined;
  /**
   * A refusal on purpose (an HttpError) or a known passing condition (a busy record, Redis or
   * the database out of reach), not an unexpected failure: its detail is kept, and a 5xx is
   * logged as a warning without a stack trace.
   */
  deliberate?: boolean;
}

/** Errors whose HTTP status we want to keep but whose fastify message is not for clients. */
const fastifyCodes: Record<string, { suffix: string; detail?: (request: FastifyRequest) => string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    suffix: 'INVALID_BODY',
    detail: () => 'The request body is not valid JSON',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    suffix: 'INVALID_BODY',
    detail: () => 'The request body is empty but its content-type says JSON',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    suffix: 'INVALID_BODY',
    detail: () => 'The request body does not match its Content-Length',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    suffix: 'BODY_TOO_LARGE',
    detail: (request) =>
      `The request body is larger than the limit of ${request.routeOptions.bodyLimit} bytes`,
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    suffix: 'UNSUPPORTED_MEDIA_TYPE',
    detail: (request) =>
      `Content-Type ${JSON.stringify(clip(request.headers['content-type'] ?? '', 100))} is not accepted here: send application/json`,
  },
};

export function problemFor(error: unknown, request: FastifyRequest, prefix: string): Outcome {
  if (error instanceof HttpError) {
    // Thrown on purpose, its message is written for the client, also for a 5xx such as 503
    // OVERLOADED ("retry in a second"): only unexpected errors are hidden.
    return outcome(request, {
      status: error.status,
      code: error.code,
      title: error.title,
      detail: error.message,
      errors: error.errors,
      headers: error.headers,
      deliberate: true,
    });
  }
  if (error instanceof LeaseTimeoutError || error instanceof ConcurrentUpdateError) {
    // Another request is changing the same record and has been for a while (seen under
    // overload, when a client's retry overtakes its own slow first try). Nothing was written:
    // the same request can be sent again.
    return outcome(request, {
      status: 503,
      code: `${prefix}_BUSY`,
      title: 'Record busy',
      detail: 'Another request is changing this record right now. Nothing was done: retry in a second.',
      headers: { 'retry-after': '1' },
      deliberate: true,
    });
  }
  if (isDependencyDown(error)) {
    // Redis or the database cannot be reached (seen while Redis was stopped for 10 s): the
    // client did nothing wrong and should simply come back, like for any other 503.
    return outcome(request, {
      status: 503,
      code: codeForStatus(prefix, 503),
      detail: 'A server this service depends on cannot be reached right now: try again in a few seconds.',
      headers: { 'retry-after': '2' },
      deliberate: true,
    });
  }
  const fastifyError = error as Partial<FastifyError> | undefined;
  if (fastifyError?.validation) {
    const part = fastifyError.validationContext === 'querystring' ? 'query' : fastifyError.validationContext;
    const errors = fieldErrors(
      (part ?? 'body') as ProblemFieldError['in'],
      fastifyError.validation as FastifySchemaValidationError[],
    );
    return outcome(request, {
      status: 400,
      code: `${prefix}_VALIDATION`,
      title: 'Invalid request',
      detail: `The request ${part ?? 'body'} is invalid: ${summary(errors)}`,
      errors,
    });
  }
  const status = fastifyError?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const known = fastifyError?.code ? fastifyCodes[fastifyError.code] : undefined;
    return outcome(request, {
      status,
      code: known ? `${prefix}_${known.suffix}` : codeForStatus(prefix, status),
      detail: known?.detail ? known.detail(request) : clip(fastifyError?.message ?? '', 500),
    });
  }
  // Everything else is our fault: the client learns only how to quote it.
  const serverStatus = typeof status === 'number' && status >= 500 && status < 600 ? status : 500;
  return outcome(request, { status: serverStatus, code: codeForStatus(prefix, serverStatus) });
}

/**
 * The client libraries' own errors for "cannot reach the server" (ioredis gives up on a command
 * after `maxRetriesPerRequest` reconnections; the MongoDB driver finds no server or loses the
 * connection). Matched by name: the classes are not all exported.
 */
const DEPENDENCY_DOWN = new Set([
  'MaxRetriesPerRequestError',
  'MongoServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
]);

function isDependencyDown(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  if (typeof name === 'string' && DEPENDENCY_DOWN.has(name)) return true;
  // ioredis with the offline queue off, or a connection closed under a command.
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' && /^(Connection is closed\.|Stream isn't writeable)/.test(message);
}

function outcome(
  request: FastifyRequest,
  parts: {
    status: number;
    code: string;
    title?: string | undefined;
    detail?: string;
    errors?: ProblemFieldError[] | undefined;
    headers?: Record<string, string> | undefined;
    /** See Outcome.deliberate: the detail is for the client whatever the status. */
    deliberate?: boolean;
  },
): Outcome {
  const serverSide = parts.status >= 500 && parts.deliberate !== true;
  const problem: Problem = {
    // A specific title names a specific kind of problem; otherwise only the status matters.
    type: parts.title ? `urn:belong:problem:${parts.code}` : 'about:blank',
    title: parts.title ?? statusTitle(parts.status),
    status: parts.status,
    code: parts.code,
    detail: serverSide
      ? `Something went wrong on our side. Quote ${request.id} if you ask for help.`
      : (parts.detail ?? statusTitle(parts.status)),
    instance: request.id,
  };
  if (parts.errors && parts.errors.length > 0 && !serverSide) problem.errors = parts.errors;
  return { status: parts.status, problem, headers: parts.headers, deliberate: parts.deliberate === true };
}

/** Writes a problem+json answer; serialised here so no route's response schema can reshape it. */
export function sendProblem(reply: FastifyReply, outcome: Outcome): FastifyReply {
  if (outcome.headers) reply.headers(outcome.headers);
  return reply
    .code(outcome.status)
    .type(`${PROBLEM_CONTENT_TYPE}; charset=utf-8`)
    .send(JSON.stringify(outcome.problem));
}

/**
 * Turns ajv's errors into field errors with JSON pointers. Unknown fields point at the field
 * itself (ajv reports its parent), missing ones at where they should be.
 */
export function fieldErrors(
  part: ProblemFieldError['in'],
  errors: FastifySchemaValidationError[],
): ProblemFieldError[] {
  const unionsAt = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const seen = new Set<string>();
  const result: ProblemFieldError[] = [];
  for (const error of errors) {
    const params = error.params as Record<string, unknown>;
    let pointer = error.instancePath;
    let message = error.message ?? 'is invalid';
    // The union's own error says it better than one "must be equal to constant" per branch.
    if (unionsAt.has(error.instancePath) && error.schemaPath.includes('/anyOf/')) continue;
    // An if/then/else rule: the failing branch's own error names the field; 'must match "then"' does not.
    if (error.keyword === 'if') continue;
    if (error.keyword === 'additionalProperties') {
      const field = String(params.additionalProperty);
      pointer = `${pointer}/${escapePointer(field)}`;
      message = `unknown field ${JSON.stringify(field)}`;
    } else if (error.keyword === 'required') {
      pointer = `${pointer}/${escapePointer(String(params.missingProperty))}`;
      message = 'is required';
    } else if (error.keyword === 'anyOf') {
      const allowed = errors
        .filter((e) => e.instancePath === error.instancePath && e.keyword === 'const')
        .map((e) => (e.params as Record<string, unknown>).allowedValue);
      if (allowed.length > 0) message = `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`;
    } else if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
      message = `must be one of ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    }
    const key = `${pointer}\n${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push({ in: part, pointer, message });
  }
  return result;
}

function escapePointer(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

function summary(errors: ProblemFieldError[]): string {
  const first = errors[0];
  if (!first) return 'see errors';
  const text = `${first.pointer || '(root)'} ${first.message}`;
  return errors.length > 1 ? `${text} (and ${errors.length - 1} more, see errors)` : text;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function logFailure(request: FastifyRequest, error: unknown, outcome: Outcome): void {
  if (outcome.status >= 500 && !outcome.deliberate) {
    request.log.error({ err: error, code: outcome.problem.code }, 'request failed');
  } else if (outcome.status >= 500) {
    // A refusal on purpose (overloaded, a dependency down): no stack trace, and under overload
    // there are thousands a second.
    request.log.warn(
      {
        status: outcome.status,
        code: outcome.problem.code,
        detail: outcome.problem.detail,
        ...(error instanceof HttpError
          ? {}
          : { cause: `${(error as Error)?.name}: ${(error as Error)?.message}` }),
      },
      'request refused',
    );
  } else {
    // A client mistake: worth a line, not a stack trace.
    request.log.info(
      { status: outcome.status, code: outcome.problem.code, detail: outcome.problem.detail },
      'request rejected',
    );
  }
}

/** A route's URL (`/a/:id/b.csv`, `/docs/*`) as a pattern over request paths. */
function routePattern(url: string): RegExp {
  const source = url
    .split(/(:[A-Za-z0-9_]+|\*)/)
    .map((part) =>
      part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${source}$`);
}

/**
 * Installs the error and not-found handlers on the root, so every plugin inherits them. A path
 * that exists with other methods answers 405 with `Allow` (RFC 9110), not 404: the not-found
 * route's `onRequest` decides, before anything reads a body (fastify answers a QUERY without
 * Content-Type with 400 otherwise).
 */
export const problemHandler = fp<ProblemHandlerOptions>(
  async (app, { prefix }) => {
    const routes: { pattern: RegExp; params: number; methods: Set<string> }[] = [];
    app.addHook('onRoute', (route) => {
      const pattern = routePattern(route.url);
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      const known = routes.find((r) => r.pattern.source === pattern.source);
      if (known) for (const method of methods) known.methods.add(method);
      else {
        // Fewer parameters is more specific: `/profiles/verify` is its own resource, not a profile.
        const params =
          (route.url.match(/:[A-Za-z0-9_]+/g)?.length ?? 0) + (route.url.includes('*') ? 100 : 0);
        routes.push({ pattern, params, methods: new Set(methods) });
      }
    });
    app.addHook('onRequest', async (request, reply) => {
      if (!request.is404) return;
      const path = request.url.split('?')[0] ?? '';
      const matching = routes.filter((route) => route.pattern.test(path));
      const fewest = Math.min(...matching.map((route) => route.params));
      const allowed = new Set(
        matching.filter((route) => route.params === fewest).flatMap((r) => [...r.methods]),
      );
      if (allowed.size === 0 || allowed.has(request.method)) return;
      const allow = [...allowed].sort().join(', ');
      const result = outcome(request, {
        status: 405,
        code: `${prefix}_METHOD_NOT_ALLOWED`,
        detail: `${clip(request.method, 20)} is not allowed on ${clip(path, 200)}; allowed: ${allow}`,
        headers: { allow },
      });
      return sendProblem(reply, result);
    });
    app.setErrorHandler((error, request, reply) => {
      const result = problemFor(error, request, prefix);
      logFailure(request, error, result);
      return sendProblem(reply, result);
    });
    app.setNotFoundHandler((request, reply) => {
      const result = outcome(request, {
        status: 404,
        code: `${prefix}_ROUTE_NOT_FOUND`,
        detail: `No route for ${request.method} ${clip(request.url.split('?')[0] ?? '', 200)}`,
      });
      return sendProblem(reply, result);
    });
  },
  { name: 'belong-problem-handler', fastify: '5.x' },
);

/**
 * For fastify's `frameworkErrors` option: errors raised before routing (a malformed URL, an
 * over-long parameter) would otherwise get fastify's own JSON shape, and no request id header.
 */
export function frameworkErrorHandler(prefix: string) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const result = problemFor(error, request, prefix);
    logFailure(request, error, result);
    reply.header('x-request-id', request.id);
    return sendProblem(reply, result);
  };
}
