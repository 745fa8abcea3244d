// Reads what a service published to Kafka, as another service would: tests await events by type
// and subject, with a bounded wait that ends as soon as they arrive.
import { type EventEnvelope, parseEvent } from '@belong/contracts';
import { type Consumer, Kafka, logLevel } from 'kafkajs';
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
    this.consumer = kafka.consumer({ groupId: ns.groupId('probe') });
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
