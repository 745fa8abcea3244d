// The examples in the OpenAPI document are real: each validates against its own schema, and the
// example answers are a valid sign-up for the default questionnaire.
import { describe, expect, it } from '@jest/globals';
import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import {
  ProfileSchema,
  ResendBodySchema,
  SubmitProfileBodySchema,
  UpdateProfileBodySchema,
  WithdrawBodySchema,
} from '../src/profiles/schemas.ts';
import { validateAnswers } from '../src/questionnaires/answers.ts';
import { healthInformationMentee } from '../src/questionnaires/health-information.ts';

const withExamples: [string, TSchema][] = [
  ['Profile', ProfileSchema],
  ['SubmitProfileBody', SubmitProfileBodySchema],
  ['UpdateProfileBody', UpdateProfileBodySchema],
  ['WithdrawBody', WithdrawBodySchema],
  ['ResendBody', ResendBodySchema],
];

describe.each(withExamples)('the %s examples', (_name, schema) => {
  it('exist and validate against the schema', () => {
    const examples = (schema as { examples?: unknown[] }).examples ?? [];
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) expect([...Value.Errors(schema, example)]).toEqual([]);
  });
});

describe('the sign-up example', () => {
  it('answers the default mentee questionnaire, and maps to the attributes the Profile example shows', () => {
    const [submit] =
      (SubmitProfileBodySchema as { examples?: { answers: Record<string, unknown> }[] }).examples ?? [];
    const result = validateAnswers(healthInformationMentee, submit?.answers ?? {});
    expect(result.ok).toBe(true);
    const [profile] = (ProfileSchema as { examples?: { attributes: unknown }[] }).examples ?? [];
    if (result.ok) expect(result.attributes).toEqual(profile?.attributes);
  });
});
