import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import mongoose, { type Connection, Schema } from 'mongoose';
import { createTestNamespace } from '../src/index.ts';

const ns = createTestNamespace('smoke mongo');
let connection: Connection;

const personSchema = new Schema(
  {
    email: { type: String, required: true },
    programme: { type: String, required: true },
    name: String,
    topics: [String],
  },
  { timestamps: true },
);
// One person per programme: the profile service will rely on this being enforced by the server.
personSchema.index({ programme: 1, email: 1 }, { unique: true });

beforeAll(async () => {
  connection = await mongoose.createConnection(ns.mongoUrl).asPromise();
});

afterAll(async () => {
  await connection.close();
  await ns.cleanup();
});

describe('MongoDB-compatible server from Node 24 (mongoose)', () => {
  it('creates, reads, updates and deletes a document', async () => {
    const Person = connection.model('Person', personSchema);
    await Person.syncIndexes();
    const created = await Person.create({
      email: 'ada@example.org',
      programme: 'p1',
      name: 'Ada',
      topics: ['systematic reviews'],
    });
    const read = await Person.findById(created._id).lean();
    expect(read).toMatchObject({ name: 'Ada', topics: ['systematic reviews'] });

    await Person.updateOne({ _id: created._id }, { $push: { topics: 'critical appraisal' } });
    const updated = await Person.findById(created._id).lean();
    expect(updated?.topics).toEqual(['systematic reviews', 'critical appraisal']);

    await Person.deleteOne({ _id: created._id });
    expect(await Person.countDocuments({})).toBe(0);
  });

  it('rejects a duplicate on a unique compound index with code 11000', async () => {
    const Person = connection.model('Person', personSchema);
    await Person.syncIndexes();
    await Person.create({ email: 'grace@example.org', programme: 'p1' });
    await Person.create({ email: 'grace@example.org', programme: 'p2' });
    await expect(Person.create({ email: 'grace@example.org', programme: 'p1' })).rejects.toMatchObject({
      code: 11000,
    });
    expect(await Person.countDocuments({ email: 'grace@example.org' })).toBe(2);
  });

  it('admits exactly one of three concurrent claims to a seat, through a unique index', async () => {
    // Conditional updates are not atomic on FerretDB v1.24 (docs/adr/0003-concurrent-writes.md):
    // a unique index is the one guard that holds on every MongoDB-compatible server.
    const Seat = connection.model('Seat', new Schema({ mentor: String, seat: Number }));
    await Seat.collection.createIndex({ mentor: 1, seat: 1 }, { unique: true });
    for (let round = 0; round < 20; round++) {
      const claims = await Promise.allSettled(
        [1, 2, 3].map(() => Seat.create({ mentor: `m${round}`, seat: 0 })),
      );
      expect(claims.filter((c) => c.status === 'fulfilled')).toHaveLength(1);
      expect(claims.filter((c) => c.status === 'rejected').map((c) => c.reason.code)).toEqual([11000, 11000]);
    }
    expect(await Seat.countDocuments({})).toBe(20);
  });
});
