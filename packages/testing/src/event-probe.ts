// Reads what a service published to Kafka, as another service would: tests await events by type
// and subject, with a bounded wait that ends as soon as they arrive.
import { type EventEnvelope, type EventType, type NewEvent, parseEvent } from '@belong/contracts';
import { type Consumer, Kafka, logLevel, type Producer } from 'kafkajs';
import type { TestNamespace } from './namespace.ts';

/** Reads a topic from its beginning and keeps every Belong event it sees. */
export class EventProbe {
  readonly events: EventEnvelope[] = [];
  private consumer: Consumer | undefined;

  async start(ns: TestNamespace, logicalTopic: string): Promise<void> {
    const kafka = new Kafka({
      clientId: 'belong-test-probe',
      brokers: ns.servers.kafkaBrokers,
      logLevel: logLevel.NOTHING,
    });
    // The topic may not exist yet (the service creates it when it first publishes).
    const admin = kafka.admin();
    await admin.connect();
    try {
      const topic = ns.topic(logicalTopic);
      if (!(await admin.listTopics()).includes(topic)) {
        await admin
          .createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true })
          .catch((error: unknown) => {
            // Created meanwhile by the service: fine.
            if ((error as { type?: string }).type !== 'TOPIC_ALREADY_EXISTS') throw error;
          });
      }
    } finally {
      await admin.disconnect();
    }
    this.consumer = kafka.consumer({ groupId: ns.groupId(`probe.${logicalTopic}`) });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: ns.topic(logicalTopic), fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ message }) => {
        const parsed = parseEvent(message.value?.toString('utf8') ?? '');
        if (parsed.ok) this.events.push(parsed.event as EventEnvelope);
      },
    });
  }

  /** Events of `type` about `subject`, waiting until at least `count` have arrived. */
  async waitFor(type: string, subject: string, count = 1, timeoutMs = 20_000): Promise<EventEnvelope[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.of(type, subject);
      if (found.length >= count) return found;
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for ${count} × ${type} about ${subject}; have ${found.length}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  of(type: string, subject: string): EventEnvelope[] {
    return this.events.filter((event) => event.type === type && event.subject === subject);
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}

/** Publishes events as another service would (built with `createEvent` from contracts). */
export class EventSender {
  private producer: Producer | undefined;

  async start(ns: TestNamespace): Promise<void> {
    const kafka = new Kafka({
      clientId: 'belong-test-sender',
      brokers: ns.servers.kafkaBrokers,
      logLevel: logLevel.NOTHING,
    });
    this.producer = kafka.producer({ allowAutoTopicCreation: true });
    await this.producer.connect();
    this.ns = ns;
  }

  private ns: TestNamespace | undefined;

  async send(...events: NewEvent<EventType>[]): Promise<void> {
    if (!this.producer || !this.ns) throw new Error('EventSender.start() first');
    for (const event of events) {
      await this.producer.send({
        topic: this.ns.topic(event.topic),
        acks: -1,
        messages: [{ key: event.key, value: JSON.stringify(event.envelope) }],
      });
    }
  }

  async stop(): Promise<void> {
    await this.producer?.disconnect();
  }
}
