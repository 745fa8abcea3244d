/**
 * Thrown by an event handler when retrying cannot help (the event refers to something that
 * can never exist, a rule forbids it…): the message goes to the dead-letter topic at once with
 * reason `handler-rejected`. Any other error is retried with backoff.
 */
export class PermanentError extends Error {
  override name = 'PermanentError';
}

/** `create()` of an aggregate whose id is taken (E11000 on `_id`). */
export class AggregateExistsError extends Error {
  override name = 'AggregateExistsError';
  readonly collection: string;
  readonly id: string;
  constructor(collection: string, id: string) {
    super(`${collection} "${id}" already exists`);
    this.collection = collection;
    this.id = id;
  }
}

/**
 * `mutate()` kept losing the compare-and-set on `rev` (another writer got in, e.g. after our
 * lease expired during a very slow change). Safe to retry the whole operation.
 */
export class ConcurrentUpdateError extends Error {
  override name = 'ConcurrentUpdateError';
  readonly collection: string;
  readonly id: string;
  constructor(collection: string, id: string, attempts: number) {
    super(`${collection} "${id}" was changed concurrently ${attempts} times in a row`);
    this.collection = collection;
    this.id = id;
  }
}

/** A Redis lease could not be acquired within `waitMs`: someone else holds it. */
export class LeaseTimeoutError extends Error {
  override name = 'LeaseTimeoutError';
  readonly key: string;
  constructor(key: string, waitMs: number) {
    super(`lease "${key}" still held by another owner after ${waitMs} ms`);
    this.key = key;
  }
}
