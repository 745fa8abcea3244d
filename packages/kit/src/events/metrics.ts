// Prometheus metrics of the event bus. Created once per registry (get-or-create), so any number
// of consumers, stores and relays in one process share them; labels tell them apart.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export type ConsumeOutcome = 'processed' | 'duplicate' | 'ignored' | 'dead_lettered';

export interface EventMetrics {
  registry: Registry;
  /** belong_events_consumed_total{group,type,outcome} */
  consumed: Counter<'group' | 'type' | 'outcome'>;
  /** belong_events_retried_total{group,type}: handler attempts that failed and were retried. */
  retried: Counter<'group' | 'type'>;
  /** belong_events_dead_lettered_total{group,reason} */
  deadLettered: Counter<'group' | 'reason'>;
  /** belong_event_handler_duration_seconds{group,type}: successful handler runs. */
  handlerDuration: Histogram<'group' | 'type'>;
  /** belong_consumer_lag{group,topic,partition}: messages behind the end of the partition. */
  lag: Gauge<'group' | 'topic' | 'partition'>;
  /** belong_consumer_restarts_total{group,reason}: consumers replaced after a crash or a stall. */
  restarts: Counter<'group' | 'reason'>;
  /** belong_outbox_pending{collection}: aggregates with events in their outbox (leader's view). */
  outboxPending: Gauge<'collection'>;
  /** belong_outbox_published_total{collection}: outbox entries acknowledged by Kafka. */
  outboxPublished: Counter<'collection'>;
  /** belong_outbox_publish_failures_total{collection}: relay batches that failed and will be retried. */
  outboxFailures: Counter<'collection'>;
  /** belong_outbox_relay_leader{collection}: 1 while this instance relays the collection. */
  relayLeader: Gauge<'collection'>;
}

const cache = new WeakMap<Registry, EventMetrics>();

function getOrCreate<T>(registry: Registry, name: string, create: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? create();
}

/**
 * The bus's metrics in `registry`, created on first use. Pass the app's registry
 * (`app.metrics.registry`) to expose them; without one they go to a private registry that
 * nobody scrapes (prom-client's global registry is never used).
 */
export function eventMetrics(registry: Registry = new Registry()): EventMetrics {
  const cached = cache.get(registry);
  if (cached) return cached;
  const registers = [registry];
  const metrics: EventMetrics = {
    registry,
    consumed: getOrCreate(
      registry,
      'belong_events_consumed_total',
      () =>
        new Counter({
          name: 'belong_events_consumed_total',
          help: 'Events read by a consumer group, by outcome (processed, duplicate, ignored, dead_lettered)',
          labelNames: ['group', 'type', 'outcome'],
          registers,
        }),
    ),
    retried: getOrCreate(
      registry,
      'belong_events_retried_total',
      () =>
        new Counter({
          name: 'belong_events_retried_total',
          help: 'Handler attempts that failed with a transient error and were retried',
          labelNames: ['group', 'type'],
          registers,
        }),
    ),
    deadLettered: getOrCreate(
      registry,
      'belong_events_dead_lettered_total',
      () =>
        new Counter({
          name: 'belong_events_dead_lettered_total',
          help: 'Messages sent to the dead-letter topic of a consumer group, by reason',
          labelNames: ['group', 'reason'],
          registers,
        }),
    ),
    handlerDuration: getOrCreate(
      registry,
      'belong_event_handler_duration_seconds',
      () =>
        new Histogram({
          name: 'belong_event_handler_duration_seconds',
          help: 'Duration of successful event handler runs',
          labelNames: ['group', 'type'],
          buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
          registers,
        }),
    ),
    lag: getOrCreate(
      registry,
      'belong_consumer_lag',
      () =>
        new Gauge({
          name: 'belong_consumer_lag',
          help: 'Messages between the last processed offset and the end of the partition',
          labelNames: ['group', 'topic', 'partition'],
          registers,
        }),
    ),
    restarts: getOrCreate(
      registry,
      'belong_consumer_restarts_total',
      () =>
        new Counter({
          name: 'belong_consumer_restarts_total',
          help: 'Consumers replaced by a new one, by reason (crashed: the client gave up; stalled: no fetch, heartbeat or progress for too long)',
          labelNames: ['group', 'reason'],
          registers,
        }),
    ),
    outboxPending: getOrCreate(
      registry,
      'belong_outbox_pending',
      () =>
        new Gauge({
          name: 'belong_outbox_pending',
          help: "Aggregates with events in their outbox, not yet published or not yet removed (relay leader's view)",
          labelNames: ['collection'],
          registers,
        }),
    ),
    outboxPublished: getOrCreate(
      registry,
      'belong_outbox_published_total',
      () =>
        new Counter({
          name: 'belong_outbox_published_total',
          help: 'Outbox entries published and acknowledged by Kafka (re-publications included)',
          labelNames: ['collection'],
          registers,
        }),
    ),
    outboxFailures: getOrCreate(
      registry,
      'belong_outbox_publish_failures_total',
      () =>
        new Counter({
          name: 'belong_outbox_publish_failures_total',
          help: 'Outbox relay batches that failed (broker or store unavailable) and will be retried',
          labelNames: ['collection'],
          registers,
        }),
    ),
    relayLeader: getOrCreate(
      registry,
      'belong_outbox_relay_leader',
      () =>
        new Gauge({
          name: 'belong_outbox_relay_leader',
          help: '1 while this instance is the outbox relay of the collection',
          labelNames: ['collection'],
          registers,
        }),
    ),
  };
  cache.set(registry, metrics);
  return metrics;
}
