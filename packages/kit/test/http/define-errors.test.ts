import { describe, expect, it } from '@jest/globals';
import { defineErrors, HttpError, problemResponses } from '../../src/http/index.ts';

describe('defineErrors', () => {
  const errors = defineErrors('PROFILE', {
    NOT_FOUND: { status: 404, title: 'Profile not found' },
    PROFILE_EMAIL_TAKEN: { status: 409 },
  });

  it('makes factories of HttpErrors with prefixed, stable codes', () => {
    const error = errors.NOT_FOUND('No profile with id 42');
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({
      status: 404,
      code: 'PROFILE_NOT_FOUND',
      title: 'Profile not found',
      message: 'No profile with id 42',
    });
    expect(errors.NOT_FOUND.code).toBe('PROFILE_NOT_FOUND');
  });

  it('does not prefix a name twice, and titles an error by its status when not told', () => {
    const error = errors.PROFILE_EMAIL_TAKEN('ada@example.test already has a profile', {
      errors: [{ in: 'body', pointer: '/email', message: 'is taken' }],
    });
    expect(error).toMatchObject({ code: 'PROFILE_EMAIL_TAKEN', title: 'Conflict', status: 409 });
    expect(error.errors).toEqual([{ in: 'body', pointer: '/email', message: 'is taken' }]);
  });

  it('refuses names that are not UPPER_SNAKE_CASE and statuses that are not errors', () => {
    expect(() => defineErrors('profile', {})).toThrow(/UPPER_SNAKE_CASE/);
    expect(() => defineErrors('PROFILE', { 'not-found': { status: 404 } })).toThrow(/UPPER_SNAKE_CASE/);
    expect(() => defineErrors('PROFILE', { OK: { status: 200 } })).toThrow(/not an HTTP error status/);
  });
});

describe('problemResponses', () => {
  it('documents each status as a problem+json body referencing the shared Problem schema', () => {
    expect(JSON.parse(JSON.stringify(problemResponses(400, 404)))).toEqual({
      400: {
        description: 'Bad Request',
        content: { 'application/problem+json': { schema: { $ref: 'Problem#' } } },
      },
      404: {
        description: 'Not Found',
        content: { 'application/problem+json': { schema: { $ref: 'Problem#' } } },
      },
    });
  });
});
