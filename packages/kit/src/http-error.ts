import type { ProblemFieldError } from '@belong/contracts';

/**
 * An error meant for the client: its status, stable code, message and field errors become the
 * problem+json body. Anything else thrown in a handler is a 500 whose message stays in the logs.
 */
export class HttpError extends Error {
  override name = 'HttpError';
  readonly status: number;
  readonly code: string;
  readonly title: string | undefined;
  readonly errors: ProblemFieldError[] | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(
    status: number,
    code: string,
    message: string,
    options: {
      title?: string;
      errors?: ProblemFieldError[];
      headers?: Record<string, string>;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.status = status;
    this.code = code;
    this.title = options.title;
    this.errors = options.errors;
    this.headers = options.headers;
  }
}
