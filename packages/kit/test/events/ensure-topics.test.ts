// ensureTopics against a fake admin that answers as a single broker does when two services
// create the same topics at once: found by the proof suite, where a fresh stack's services
// started together and one of them exited at start-up.
import { describe, expect, it } from '@jest/globals';
import { KafkaJSProtocolError } from 'kafkajs';
import { ensureTopics } from '../../src/events/kafka.ts';

type Admin = Parameters<typeof ensureTopics>[0];

/** A broker error as kafkajs builds it from a protocol answer (its typings only know a message). */
function protocolError(type: string, code: number, retriable: boolean, message: string): Error {
  return new KafkaJSProtocolError({ type, code, retriable, message } as never);
}

function fakeAdmin(options: {
  createError?: unknown;
  unknownFor?: number;
}): Admin & { metadataCalls: number } {
  let unknownLeft = options.unknownFor ?? 0;
  const admin = {
    metadataCalls: 0,
    listTopics: async () => [],
    createTopics: async () => {
      if (options.createError) throw options.createError;
      return true;
    },
    fetchTopicMetadata: async ({ topics = [] }: { topics?: string[] } = {}) => {
      admin.metadataCalls++;
      if (unknownLeft-- > 0) {
        throw protocolError(
          'UNKNOWN_TOPIC_OR_PARTITION',
          3,
          true,
          'This server does not host this topic-partition',
        );
      }
      return {
        topics: topics.map((name) => ({
          name,
          partitions: [
            {
              partitionId: 0,
              leader: 1,
              replicas: [1],
              isr: [1],
              offlineReplicas: [],
              partitionErrorCode: 0,
            },
          ],
        })),
      };
    },
  };
  return admin as never;
}

describe('ensureTopics', () => {
  it('rides out a retriable answer while another service creates the same topic', async () => {
    const retriable = protocolError(
      'UNKNOWN_TOPIC_OR_PARTITION',
      3,
      true,
      'This server does not host this topic-partition',
    );
    const admin = fakeAdmin({ createError: retriable, unknownFor: 2 });
    await expect(ensureTopics(admin, ['belong.profile.v1'])).resolves.toEqual(['belong.profile.v1']);
    expect(admin.metadataCalls).toBe(3);
  });

  it('still fails on an error that is not retriable', async () => {
    const fatal = protocolError('TOPIC_AUTHORIZATION_FAILED', 29, false, 'Not authorized to access topics');
    await expect(ensureTopics(fakeAdmin({ createError: fatal }), ['belong.profile.v1'])).rejects.toThrow(
      'Not authorized',
    );
  });
});
