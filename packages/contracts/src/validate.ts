import { randomUUID } from 'node:crypto';
import type { TSchema } from '@sinclair/typebox';
import { type TypeCheck, TypeCompiler } from '@sinclair/typebox/compiler';
import './formats.ts';
import { type EventDefinition, type EventEnvelope, EventEnvelopeSchema } from './envelope.ts';
import { type EventData, type EventType, eventCatalog } from './events.ts';

const envelopeCheck = TypeCompiler.Compile(EventEnvelopeSchema);
/** The catalog seen as plain definitions; the typed view is `eventCatalog` itself. */
const definitions = new Map<string, EventDefinition>(
  Object.values(eventCatalog).map((d) => [d.type, d as unknown as EventDefinition]),
);
const dataChecks = new Map<string, TypeCheck<TSchema>>(
  Object.values(eventCatalog).map((d) => [d.type, TypeCompiler.Compile(d.schema)]),
);

/** Why an event was refused: the dead-letter reason a consumer records. */
export type ContractViolation = 'invalid-json' | 'invalid-envelope' | 'unknown-type' | 'schema-violation';

export type EventCheck =
  | { ok: true; event: EventEnvelope; definition: EventDefinition }
  | { ok: false; reason: ContractViolation; errors: string[] };

function describe(check: TypeCheck<TSchema>, value: unknown, limit = 10): string[] {
  return [...check.Errors(value)].slice(0, limit).map((e) => `${e.path || '/'}: ${e.message}`);
}

/** Validates an envelope and its payload against the catalog. Never throws. */
export function checkEvent(value: unknown): EventCheck {
  if (!envelopeCheck.Check(value)) {
    return { ok: false, reason: 'invalid-envelope', errors: describe(envelopeCheck, value) };
  }
  const definition = definitions.get(value.type);
  const dataCheck = dataChecks.get(value.type);
  if (!definition || !dataCheck) {
    return { ok: false, reason: 'unknown-type', errors: [`no event type "${value.type}" in the catalog`] };
  }
  if (!dataCheck.Check(value.data)) {
    return { ok: false, reason: 'schema-violation', errors: describe(dataCheck, value.data) };
  }
  if (definition.key(value.data) !== value.subject) {
    return {
      ok: false,
      reason: 'schema-violation',
      errors: [`subject "${value.subject}" is not the event's key "${definition.key(value.data)}"`],
    };
  }
  return { ok: true, event: value as EventEnvelope, definition };
}

/** Parses a Kafka message value (JSON bytes) and validates it. */
export function parseEvent(bytes: Buffer | string | null): EventCheck {
  if (bytes === null) return { ok: false, reason: 'invalid-json', errors: ['empty message (tombstone)'] };
  let value: unknown;
  try {
    value = JSON.parse(typeof bytes === 'string' ? bytes : bytes.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: 'invalid-json', errors: [(error as Error).message] };
  }
  return checkEvent(value);
}

export class ContractError extends Error {
  override name = 'ContractError';
  readonly errors: string[];
  constructor(message: string, errors: string[]) {
    super(`${message}: ${errors.join('; ')}`);
    this.errors = errors;
  }
}

export interface NewEvent<T extends EventType> {
  envelope: EventEnvelope<EventData<T>>;
  topic: string;
  key: string;
}

/**
 * Builds a validated event ready to publish (validated on produce as well as on consume).
 * Throws ContractError when the payload does not match its schema: that is a bug in the caller.
 */
export function createEvent<T extends EventType>(
  type: T,
  data: EventData<T>,
  options: { source: string; id?: string; time?: Date },
): NewEvent<T> {
  const definition = definitions.get(type) as EventDefinition;
  const key = definition.key(data);
  const envelope = {
    specversion: '1.0' as const,
    id: options.id ?? randomUUID(),
    source: options.source,
    type,
    time: (options.time ?? new Date()).toISOString(),
    subject: key,
    datacontenttype: 'application/json' as const,
    data,
  };
  const check = checkEvent(envelope);
  if (!check.ok) throw new ContractError(`invalid ${type} event`, check.errors);
  return { envelope, topic: definition.topic, key };
}
