import { type Static, type TSchema, Type } from '@sinclair/typebox';

/**
 * The CloudEvents 1.0 envelope (structured JSON mode) that every Kafka message carries.
 * `type` is `belong.<aggregate>.<event>.v<major>`: a changed payload shape is a new type.
 * `subject` is the aggregate id, which is also the Kafka message key.
 */
export const EventEnvelopeSchema = Type.Object(
  {
    specversion: Type.Literal('1.0'),
    id: Type.String({
      minLength: 1,
      maxLength: 128,
      description: 'Unique per event; consumers dedupe by it',
    }),
    source: Type.String({
      pattern: '^/belong/[a-z-]+$',
      description: 'The producing service, e.g. /belong/profile',
    }),
    type: Type.String({ pattern: '^belong\\.[a-z]+\\.[a-z_]+\\.v[0-9]+$' }),
    time: Type.String({ format: 'date-time' }),
    subject: Type.String({ minLength: 1, maxLength: 128, description: 'The aggregate id; the Kafka key' }),
    datacontenttype: Type.Literal('application/json'),
    data: Type.Unknown(),
  },
  { title: 'EventEnvelope', additionalProperties: false },
);

export type EventEnvelope<T = unknown> = Omit<Static<typeof EventEnvelopeSchema>, 'data'> & { data: T };

export interface EventDefinition<S extends TSchema = TSchema> {
  /** Full CloudEvents type, e.g. `belong.profile.submitted.v1`. */
  type: string;
  topic: string;
  schema: S;
  /** The aggregate id this event is keyed and ordered by. */
  key: (data: Static<S>) => string;
  description: string;
  producer: 'profile' | 'matching' | 'notification';
  consumers: ReadonlyArray<'profile' | 'matching' | 'notification'>;
}

export function defineEvent<S extends TSchema>(definition: EventDefinition<S>): EventDefinition<S> {
  return definition;
}
