// TypeBox's Value.Check against the contracts' own schemas. This package does not depend on
// TypeBox, so it is loaded from where @belong/contracts resolves it (the same version).
import { createRequire } from 'node:module';
import { MatchExplanationSchema, RoundCompletedV1 } from '@belong/contracts';

interface ValueModule {
  Value: {
    Check(schema: unknown, value: unknown): boolean;
    Errors(schema: unknown, value: unknown): Iterable<{ path: string; message: string }>;
  };
}

const fromContracts = createRequire(new URL('../../../contracts/package.json', import.meta.url));
const { Value } = fromContracts('@sinclair/typebox/value') as ValueModule;

function problems(schema: unknown, value: unknown): string[] {
  return [...Value.Errors(schema, value)].map((e) => `${e.path || '/'}: ${e.message}`);
}

/** [] when the explanation matches MatchExplanationSchema, else what is wrong. */
export function explanationProblems(value: unknown): string[] {
  return Value.Check(MatchExplanationSchema, value) ? [] : problems(MatchExplanationSchema, value);
}

/** [] when the report matches RoundCompletedV1's `report`, else what is wrong. */
export function reportProblems(value: unknown): string[] {
  const schema = RoundCompletedV1.properties.report;
  return Value.Check(schema, value) ? [] : problems(schema, value);
}
