import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Admin, Kafka, logLevel } from 'kafkajs';
import { createTestNamespace } from '../src/index.ts';

const ns = createTestNamespace('smoke kafka');
const kafka = new Kafka({ clientId: 'smoke', brokers: ns.servers.kafkaBrokers, logLevel: logLevel.NOTHING });
let admin: Admin;

beforeAll(async () => {
  admin = kafka.admin();
  await admin.connect();
});

afterAll(async () => {
  await admin.disconnect();
  await ns.cleanup();
});

describe('Kafka from Node 24 (kafkajs)', () => {
  it('creates a topic with the partitions asked for', async () => {
    const topic = ns.topic('created');
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(metadata.topics[0]?.partitions).toHaveLength(3);
  });

  it('delivers what a producer sends to a consumer group, in order per key', async () => {
    const topic = ns.topic('orders');
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
    const consumer = kafka.consumer({ groupId: ns.groupId('smoke'), maxWaitTimeInMs: 100 });
    const producer = kafka.producer();
    await Promise.all([consumer.connect(), producer.connect()]);
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      const received: { key: string; value: string }[] = [];
      const done = new Promise<void>((resolve) => {
        void consumer.run({
          eachMessage: async ({ message }) => {
            received.push({ key: String(message.key), value: String(message.value) });
            if (received.length === 6) resolve();
          },
        });
      });
      const messages = [1, 2, 3].flatMap((n) => [
        { key: 'mentee-a', value: `a${n}` },
        { key: 'mentee-b', value: `b${n}` },
      ]);
      await producer.send({ topic, messages });
      await done;
      const valuesFor = (key: string) => received.filter((m) => m.key === key).map((m) => m.value);
      expect(valuesFor('mentee-a')).toEqual(['a1', 'a2', 'a3']);
      expect(valuesFor('mentee-b')).toEqual(['b1', 'b2', 'b3']);
    } finally {
      await Promise.all([consumer.disconnect(), producer.disconnect()]);
    }
  });
});
