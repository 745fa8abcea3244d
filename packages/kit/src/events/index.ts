// The event bus: Kafka behind a small interface, Redis leases, aggregates with a transactional
// outbox, the outbox relay, the consumer pipeline (dedupe, retry, DLQ), metrics, fastify plugin.
// See docs/event-bus.md.
export {
  type AggregateDocument,
  type AggregateStore,
  type AggregateStoreOptions,
  type Change,
  createAggregateStore,
  type EventInput,
  type OutboxEntry,
  type PendingDocument,
  type Snapshot,
} from './aggregate-store.ts';
export {
  createEventConsumer,
  type DeadLetterReason,
  type EventConsumer,
  type EventConsumerOptions,
  type EventHandler,
  type EventHandlers,
  type HandlerContext,
  type RetryPolicy,
} from './consumer.ts';
export { AggregateExistsError, ConcurrentUpdateError, LeaseTimeoutError, PermanentError } from './errors.ts';
export {
  type BelongKafka,
  type ConsumerTuning,
  consumerTuning,
  createKafka,
  type EventProducer,
  ensureTopics,
  type KafkaAdmin,
  type KafkaLogLevel,
  type KafkaOptions,
  type OutgoingMessage,
  type TopicMessages,
} from './kafka.ts';
export { acquireLease, type Lease, type LeaseOptions, tryAcquireLease } from './lease.ts';
export type { EventLogger } from './logger.ts';
export { type ConsumeOutcome, type EventMetrics, eventMetrics } from './metrics.ts';
export { createOutboxRelay, type OutboxRelay, type OutboxRelayOptions } from './outbox-relay.ts';
export { type ConsumeOptions, type EventsApi, type EventsPluginOptions, eventsPlugin } from './plugin.ts';
export { createProcessedStore, type ProcessedRecord, type ProcessedStore } from './processed-store.ts';
export { isTransientDbError, retryTransient } from './transient.ts';
