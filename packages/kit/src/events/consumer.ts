// The event consumer: one consumer group reading logical topics, in order per partition.
//
// Per message: parse and validate against the catalog (failure → dead-letter topic, continue);
// a type with no handler here → skipped ("ignored"); already processed by this group → skipped
// ("duplicate"); otherwise the handler runs. A PermanentError goes to the DLQ at once; any other
// error is retried with exponential backoff and jitter (heartbeating meanwhile), and after the
// last attempt the message goes to the DLQ. Success is recorded in the ProcessedStore.
//
// Nothing is lost: an offset is resolved only once the message was processed, skipped, or
// acknowledged by the DLQ; if the DLQ publish (or the store) fails, the batch throws and kafkajs
// redelivers from that message.
//
// The remaining window: a crash after the handler succeeded and before the processed record is
// written runs the handler again on redelivery. Handlers must be idempotent for their own side
// effects (key them by the event id).
//
// The consumer looks after itself, because a consumer that silently stops is the one failure
// nobody notices until the lag is hours long: a handler run that does not settle within
// `handlerTimeoutMs` counts as a failed attempt; a client that crashed for good (kafkajs's
// "restart: false") and one that has neither fetched, heartbeated nor finished a message for
// `stallMs` are replaced by a new client, and replaced again with backoff until one starts.
import {
  deadLetterTopic,
  type EventData,
  type EventEnvelope,
  type EventType,
  parseEvent,
} from '@belong/contracts';
import type { Registry } from 'prom-client';
import { PermanentError } from './errors.ts';
import type {
  BatchControls,
  BelongKafka,
  ConsumerTuning,
  EventProducer,
  IncomingBatch,
  IncomingMessage,
  TransportConsumer,
} from './kafka.ts';
import { type EventLogger, errorFields, silentLogger } from './logger.ts';
import { type EventMetrics, eventMetrics } from './metrics.ts';
import type { ProcessedStore } from './processed-store.ts';
import { backoffDelay, delay, withTimeout } from './timing.ts';

export interface HandlerContext {
  /** Logical topic the event was read from. */
  topic: string;
  partition: number;
  offset: string;
  /** 1 on the first run, 2 on the first retry… (per delivery). */
  attempt: number;
  /** Call during long work so the group does not consider this member dead. */
  heartbeat(): Promise<void>;
}

export type EventHandler<T extends EventType> = (
  event: EventEnvelope<EventData<T>>,
  context: HandlerContext,
) => Promise<void>;

export type EventHandlers = Partial<{ [T in EventType]: EventHandler<T> }>;

export interface RetryPolicy {
  /** Handler runs per message before it is dead-lettered (default 5). */
  attempts: number;
  /** Wait before the first retry (default 100 ms); doubles each time, with jitter. */
  initialMs: number;
  /** Longest wait between attempts (default 5000 ms). */
  maxMs: number;
}

/** Why a message went to the dead-letter topic (`belong-dlq-reason`). */
export type DeadLetterReason =
  | 'invalid-json'
  | 'invalid-envelope'
  | 'unknown-type'
  | 'schema-violation'
  | 'handler-rejected'
  | 'retries-exhausted';

export interface EventConsumerOptions {
  kafka: BelongKafka;
  /** Lower-case letters, digits, `.`, `_`, `-` (it names the DLQ topic). */
  groupId: string;
  /** Logical topics (`Topics.profile`…). */
  topics: string[];
  /** Logical → broker topic name; default: the kafka client's. */
  topicName?: (logical: string) => string;
  handlers: EventHandlers;
  processed: ProcessedStore;
  /** Publishes to the dead-letter topic. */
  producer: EventProducer;
  retry?: Partial<RetryPolicy>;
  /** Where a group with no committed offset starts. Default true: nothing is skipped. */
  fromBeginning?: boolean;
  /** Partitions processed in parallel (order is per partition). Default 3. */
  concurrency?: number;
  /** Overrides of the latency-tuned kafkajs consumer settings. */
  tuning?: Partial<ConsumerTuning>;
  /**
   * Longest one handler run may take (default 30 s). A longer run counts as a failed attempt:
   * retried, then dead-lettered. It cannot be cancelled and may still finish in the background,
   * which idempotent handlers tolerate; until then it held up its whole partition.
   */
  handlerTimeoutMs?: number;
  /**
   * A started consumer whose client has neither fetched, heartbeated nor finished a message for
   * this long is replaced by a new client (default 60 s, and never less than twice
   * `handlerTimeoutMs`; 0 turns the watchdog off). An idle consumer fetches every 50 ms.
   */
  stallMs?: number;
  logger?: EventLogger;
  metrics?: EventMetrics;
  registry?: Registry;
}

export interface EventConsumer {
  readonly groupId: string;
  /** The DLQ's broker topic name. */
  readonly deadLetterTopic: string;
  readonly running: boolean;
  /** Creates missing topics (and the DLQ), joins the group; resolves once partitions are assigned. */
  start(): Promise<void>;
  /** Finishes the current message (a pending retry is abandoned, to be redelivered), commits, leaves the group, disconnects. */
  stop(): Promise<void>;
}

const MAX_ERRORS_HEADER_BYTES = 4096;

/** The errors as a JSON array of at most `maxBytes`, dropping (and counting) the ones that do not fit. */
export function errorsHeader(errors: readonly string[], maxBytes = MAX_ERRORS_HEADER_BYTES): string {
  const items = errors.map((e) => (e.length > 1000 ? `${e.slice(0, 999)}…` : e));
  const kept: string[] = [];
  for (let i = 0; i < items.length; i++) {
    const more = items.length - i - 1;
    const candidate = [...kept, items[i] as string];
    const withNote = more > 0 ? [...candidate, `… ${more} more`] : candidate;
    if (Buffer.byteLength(JSON.stringify(withNote)) > maxBytes) {
      return JSON.stringify([...kept, `… ${items.length - kept.length} more`]);
    }
    kept.push(items[i] as string);
  }
  return JSON.stringify(kept);
}

export function deadLetterHeaders(info: {
  reason: DeadLetterReason;
  errors: readonly string[];
  topic: string;
  partition: number;
  offset: string;
  groupId: string;
  attempts: number;
  failedAt: Date;
}): Record<string, string> {
  return {
    'belong-dlq-reason': info.reason,
    'belong-dlq-errors': errorsHeader(info.errors),
    'belong-dlq-topic': info.topic,
    'belong-dlq-partition': String(info.partition),
    'belong-dlq-offset': info.offset,
    'belong-dlq-group': info.groupId,
    'belong-dlq-attempts': String(info.attempts),
    'belong-dlq-failed-at': info.failedAt.toISOString(),
  };
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export function createEventConsumer(options: EventConsumerOptions): EventConsumer {
  const { kafka, groupId, processed, producer, handlers } = options;
  const topicName = options.topicName ?? ((logical: string) => kafka.topicName(logical));
  const retry: RetryPolicy = { attempts: 5, initialMs: 100, maxMs: 5_000, ...options.retry };
  const logger = options.logger ?? silentLogger;
  const metrics = options.metrics ?? eventMetrics(options.registry);
  const concurrency = options.concurrency ?? 3;
  const fromBeginning = options.fromBeginning ?? true;
  const dlqTopic = topicName(deadLetterTopic(groupId));
  const logicalOf = new Map(options.topics.map((logical) => [topicName(logical), logical]));
  const physicalTopics = [...logicalOf.keys()];

  const handlerTimeoutMs = options.handlerTimeoutMs ?? 30_000;
  const stallMs = options.stallMs ?? 60_000;
  const stallLimitMs = Math.max(stallMs, 2 * handlerTimeoutMs);

  /**
   * The current client, and the signal that ends its batch loop and retry waits when it is
   * stopped or replaced.
   */
  let transport: { client: TransportConsumer; stopping: AbortController } | undefined;
  /** From start() to stop(): ends a replacement loop. */
  let life: AbortController | undefined;
  let running = false;
  let replacing: Promise<void> | undefined;
  let watchdog: NodeJS.Timeout | undefined;
  /** The last sign of life of the current client, or of our own handlers (performance.now()). */
  let lastActivity = performance.now();
  const alive = () => {
    lastActivity = performance.now();
  };

  const count = (type: string, outcome: 'processed' | 'duplicate' | 'ignored' | 'dead_lettered') =>
    metrics.consumed.inc({ group: groupId, type, outcome });

  async function deadLetter(
    batch: IncomingBatch,
    message: IncomingMessage,
    type: string,
    reason: DeadLetterReason,
    errors: readonly string[],
    attempts: number,
  ): Promise<void> {
    const headers = deadLetterHeaders({
      reason,
      errors,
      topic: batch.topic,
      partition: batch.partition,
      offset: message.offset,
      groupId,
      attempts,
      failedAt: new Date(),
    });
    // The original key and value, byte for byte; the original headers too, ours on top.
    await producer.send([
      {
        topic: dlqTopic,
        messages: [{ key: message.key, value: message.value, headers: { ...message.headers, ...headers } }],
      },
    ]);
    metrics.deadLettered.inc({ group: groupId, reason });
    count(type, 'dead_lettered');
    logger.warn(
      {
        groupId,
        type,
        reason,
        topic: batch.topic,
        partition: batch.partition,
        offset: message.offset,
        attempts,
        errors: errors.slice(0, 5),
      },
      'event dead-lettered',
    );
  }

  /** Waits `ms`, heartbeating every second; false when the consumer is stopping. */
  async function waitAlive(
    ms: number,
    heartbeat: () => Promise<void>,
    signal: AbortSignal,
  ): Promise<boolean> {
    const end = performance.now() + ms;
    for (;;) {
      const left = end - performance.now();
      if (left <= 0) return true;
      if (!(await delay(Math.min(left, 1_000), signal))) return false;
      await heartbeat();
      alive();
    }
  }

  async function recordProcessed(eventId: string, type: string, signal: AbortSignal): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await processed.record(groupId, eventId, type);
        return;
      } catch (error) {
        if (attempt >= 3 || signal.aborted) throw error;
        logger.warn(
          { groupId, eventId, attempt, ...errorFields(error) },
          'could not record processed event; retrying',
        );
        await delay(backoffDelay(attempt, { initialMs: 100, maxMs: 1_000 }), signal);
      }
    }
  }

  /** Handles one message; false when the consumer is stopping and the message was not finished. */
  async function handle(
    batch: IncomingBatch,
    message: IncomingMessage,
    controls: BatchControls,
    signal: AbortSignal,
  ): Promise<boolean> {
    const parsed = parseEvent(message.value);
    if (!parsed.ok) {
      await deadLetter(batch, message, 'invalid', parsed.reason, parsed.errors, 0);
      return true;
    }
    const event = parsed.event;
    const type = event.type as EventType;
    const handler = handlers[type] as EventHandler<EventType> | undefined;
    if (!handler) {
      count(type, 'ignored');
      return true;
    }
    if (await processed.has(groupId, event.id)) {
      count(type, 'duplicate');
      logger.debug({ groupId, type, eventId: event.id }, 'duplicate event skipped');
      return true;
    }
    const context = {
      topic: logicalOf.get(batch.topic) ?? batch.topic,
      partition: batch.partition,
      offset: message.offset,
      heartbeat: controls.heartbeat,
    };
    for (let attempt = 1; ; attempt++) {
      const started = performance.now();
      alive();
      try {
        const run = handler(event as EventEnvelope<EventData<EventType>>, { ...context, attempt });
        // A run that settles after its deadline must not surface as an unhandled rejection.
        run.catch(() => undefined);
        await withTimeout(run, handlerTimeoutMs, `handler did not finish within ${handlerTimeoutMs} ms`);
        metrics.handlerDuration.observe({ group: groupId, type }, (performance.now() - started) / 1000);
        break;
      } catch (error) {
        if (error instanceof PermanentError) {
          await deadLetter(batch, message, type, 'handler-rejected', [describeError(error)], attempt);
          return true;
        }
        if (attempt >= retry.attempts) {
          await deadLetter(batch, message, type, 'retries-exhausted', [describeError(error)], attempt);
          return true;
        }
        if (signal.aborted) return false;
        metrics.retried.inc({ group: groupId, type });
        const wait = backoffDelay(attempt, retry);
        logger.warn(
          { groupId, type, eventId: event.id, attempt, retryInMs: wait, ...errorFields(error) },
          'event handler failed; retrying',
        );
        if (!(await waitAlive(wait, controls.heartbeat, signal))) return false;
      }
    }
    await recordProcessed(event.id, type, signal);
    count(type, 'processed');
    return true;
  }

  async function eachBatch(
    batch: IncomingBatch,
    controls: BatchControls,
    signal: AbortSignal,
  ): Promise<void> {
    for (const message of batch.messages) {
      if (!controls.isRunning() || controls.isStale() || signal.aborted) return;
      if (!(await handle(batch, message, controls, signal))) return;
      // A client replaced while this message ran must not commit for the new one.
      if (signal.aborted) return;
      controls.resolveOffset(message.offset);
      await controls.commitOffsetsIfNecessary();
      await controls.heartbeat();
      alive();
    }
  }

  async function startConsumer(): Promise<void> {
    const stopping = new AbortController();
    const consumer = kafka.consumer({ groupId, tuning: options.tuning });
    const self = { client: consumer, stopping };
    transport = self;
    const current = () => transport === self;
    let crashedAtStart: Error | undefined;
    let started = false;
    consumer.onBatchEnd(({ topic, partition, offsetLag }) => {
      metrics.lag.set(
        { group: groupId, topic: logicalOf.get(topic) ?? topic, partition: String(partition) },
        offsetLag,
      );
    });
    consumer.onActivity(() => {
      if (current()) alive();
    });
    consumer.onCrash(({ error, restart }) => {
      if (!current()) return;
      logger.error(
        { groupId, restart, ...errorFields(error) },
        restart ? 'consumer crashed; the client restarts it' : 'consumer crashed; replacing the client',
      );
      if (restart) return;
      if (!started) {
        crashedAtStart = error;
        return;
      }
      running = false;
      void replace('crashed');
    });
    try {
      await consumer.connect();
      await consumer.subscribe(physicalTopics, fromBeginning);
      await consumer.run({
        concurrency,
        eachBatch: (batch, controls) => eachBatch(batch, controls, stopping.signal),
      });
      if (crashedAtStart) throw crashedAtStart;
      started = true;
      running = true;
      alive();
      logger.info({ groupId, topics: options.topics }, 'consumer started');
    } catch (error) {
      if (current()) transport = undefined;
      stopping.abort();
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
  }

  /**
   * Stops a client: it finishes the message in hand, commits and leaves the group. One stuck in a
   * handler is let go after `waitMs` (its handler's run is abandoned, its message redelivered).
   */
  async function stopTransport(
    { client, stopping }: NonNullable<typeof transport>,
    waitMs: number,
  ): Promise<void> {
    // disconnect() tells kafkajs to stop fetching at once; the abort ends a retry wait early.
    const disconnected = client.disconnect();
    stopping.abort();
    await withTimeout(disconnected, waitMs, `the consumer did not disconnect within ${waitMs} ms`).catch(
      (error: unknown) => logger.warn({ groupId, ...errorFields(error) }, 'letting the consumer go'),
    );
  }

  /** Replaces the client with a new one, trying again with backoff until one starts or stop(). */
  function replace(reason: 'crashed' | 'stalled'): Promise<void> {
    const lifetime = life;
    if (!lifetime) return Promise.resolve();
    replacing ??= (async () => {
      metrics.restarts.inc({ group: groupId, reason });
      const old = transport;
      transport = undefined;
      running = false;
      if (old) await stopTransport(old, 10_000);
      for (let attempt = 1; !lifetime.signal.aborted; attempt++) {
        try {
          await startConsumer();
          logger.warn({ groupId, reason, attempt }, 'consumer replaced');
          return;
        } catch (error) {
          logger.warn(
            { groupId, reason, attempt, ...errorFields(error) },
            'consumer could not be replaced yet; retrying',
          );
          await delay(backoffDelay(attempt, { initialMs: 500, maxMs: 30_000 }), lifetime.signal);
        }
      }
    })().finally(() => {
      replacing = undefined;
    });
    return replacing;
  }

  function checkForStall(): void {
    if (!life || replacing || !transport) return;
    const silentMs = performance.now() - lastActivity;
    if (silentMs < stallLimitMs) return;
    logger.error(
      { groupId, silentMs: Math.round(silentMs) },
      'consumer stalled: no fetch, heartbeat or finished message; replacing the client',
    );
    void replace('stalled');
  }

  return {
    groupId,
    deadLetterTopic: dlqTopic,
    get running() {
      return running;
    },

    async start() {
      if (life) return;
      life = new AbortController();
      try {
        await kafka.ensureTopics([...physicalTopics, dlqTopic]);
        await producer.connect();
        await processed.ensureIndexes();
        // A broker that has just started (or just created the topics) can answer the group's
        // first metadata request with a retriable error such as UNKNOWN_TOPIC_OR_PARTITION: try
        // again a few times before giving up.
        for (let attempt = 1; ; attempt++) {
          try {
            await startConsumer();
            break;
          } catch (error) {
            if ((error as { retriable?: boolean }).retriable !== true || attempt >= 5) throw error;
            logger.warn(
              { groupId, attempt, ...errorFields(error) },
              'consumer could not start yet; retrying',
            );
            await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** (attempt - 1)));
          }
        }
      } catch (error) {
        life = undefined;
        throw error;
      }
      if (stallMs > 0) {
        watchdog = setInterval(checkForStall, Math.min(5_000, Math.max(100, stallLimitMs / 4)));
        watchdog.unref();
      }
    },

    async stop() {
      if (!life) return;
      life.abort();
      life = undefined;
      clearInterval(watchdog);
      await replacing;
      const consumer = transport;
      transport = undefined;
      if (consumer) await stopTransport(consumer, handlerTimeoutMs + 5_000);
      running = false;
      logger.info({ groupId }, 'consumer stopped');
    },
  };
}
