// Which events a consumer group has processed, for dedupe. One document per (group, event id)
// with `_id: "<groupId>:<eventId>"`: unique by construction, and recording it is an insert, the
// one write that is atomic on every MongoDB-compatible server (ADR 0003).
import type { Collection, Connection } from 'mongoose';
import { retryTransient } from './transient.ts';

export interface ProcessedRecord {
  _id: string;
  groupId: string;
  eventId: string;
  type: string;
  processedAt: Date;
}

export interface ProcessedStore {
  /** true when this group has recorded the event as processed. */
  has(groupId: string, eventId: string): Promise<boolean>;
  /** Records the event; false when it was already recorded (duplicate key). */
  record(groupId: string, eventId: string, type: string): Promise<boolean>;
  /**
   * Deletes records processed before `olderThan` and returns how many. FerretDB has no TTL
   * indexes, so the service runs this periodically. The retention is the dedupe window: a
   * redelivery of an event older than it is processed again, so keep it longer than the topics'
   * retention (Kafka keeps 7 days here; the plugin sweeps records older than 8).
   */
  sweepProcessed(olderThan: Date): Promise<number>;
  ensureIndexes(): Promise<void>;
  readonly collection: Collection<ProcessedRecord>;
}

export function createProcessedStore(
  connection: Connection,
  options: { collection?: string } = {},
): ProcessedStore {
  const collection = connection.collection<ProcessedRecord>(options.collection ?? 'processed_events');
  const id = (groupId: string, eventId: string) => `${groupId}:${eventId}`;
  return {
    collection,
    async has(groupId, eventId) {
      const found = await retryTransient(() =>
        collection.findOne({ _id: id(groupId, eventId) }, { projection: { _id: 1 } }),
      );
      return found !== null;
    },
    async record(groupId, eventId, type) {
      try {
        await collection.insertOne({
          _id: id(groupId, eventId),
          groupId,
          eventId,
          type,
          processedAt: new Date(),
        });
        return true;
      } catch (error) {
        if ((error as { code?: number })?.code === 11000) return false;
        throw error;
      }
    },
    async sweepProcessed(olderThan) {
      const result = await retryTransient(() => collection.deleteMany({ processedAt: { $lt: olderThan } }));
      return result.deletedCount;
    },
    async ensureIndexes() {
      await collection.createIndex({ processedAt: 1 }, { name: 'processed_at' });
    },
  };
}
