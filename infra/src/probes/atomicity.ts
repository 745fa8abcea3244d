// Measures how a MongoDB-compatible server handles concurrent writers to one document:
//   node infra/src/probes/atomicity.ts [MONGO_URL] [trials]
// Writers race on one document, `trials` times: for one free place (three techniques), and with
// plain unconditional updates. On MongoDB every update to one document is atomic. On FerretDB
// v1.24 (SQLite) only the unique-index insert holds: see docs/adr/0003-concurrent-writes.md.
import mongoose, { Schema } from 'mongoose';

const url = process.argv[2] ?? process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017';
const trials = Number(process.argv[3] ?? 50);
const target = new URL(url);
target.pathname = `/probe_atomicity_${process.pid}`;

const connection = await mongoose.createConnection(target.toString()).asPromise();
const Counter = connection.model('Counter', new Schema({ free: Number, version: Number }));
const Doc = connection.model('Doc', new Schema({ items: [String], a: Number, b: Number }));
const Seat = connection.model('Seat', new Schema({ owner: String, seat: Number }));
await Seat.collection.createIndex({ owner: 1, seat: 1 }, { unique: true });

const racers = 3;
const race = <T>(fn: () => Promise<T>) => Promise.allSettled(Array.from({ length: racers }, fn));

let incWinners = 0;
let incLost = 0;
let casWinners = 0;
let seatWinners = 0;
let pushLost = 0;
let fieldLost = 0;
for (let t = 0; t < trials; t++) {
  const counter = await Counter.create({ free: 1, version: 0 });
  const inc = await race(() =>
    Counter.updateOne({ _id: counter._id, free: { $gt: 0 } }, { $inc: { free: -1 } }),
  );
  const won = inc.filter((r) => r.status === 'fulfilled' && r.value.modifiedCount === 1).length;
  if (won > 1) incWinners++;
  const after = await Counter.findById(counter._id).lean();
  if (won > 1 && after?.free !== 1 - won) incLost++;

  const versioned = await Counter.create({ free: 1, version: 0 });
  const cas = await race(() =>
    Counter.updateOne({ _id: versioned._id, version: 0 }, { $set: { free: 0, version: 1 } }),
  );
  if (cas.filter((r) => r.status === 'fulfilled' && r.value.modifiedCount === 1).length > 1) casWinners++;

  const seats = await race(() => Seat.create({ owner: `mentor-${t}`, seat: 0 }));
  if (seats.filter((r) => r.status === 'fulfilled').length !== 1) seatWinners++;

  // Unconditional writes to one document: do concurrent ones all land?
  const doc = await Doc.create({ items: [], a: 0, b: 0 });
  await race(() => Doc.updateOne({ _id: doc._id }, { $push: { items: 'x' } }));
  if ((await Doc.findById(doc._id).lean())?.items.length !== racers) pushLost++;
  await Promise.all([
    Doc.updateOne({ _id: doc._id }, { $set: { a: 1 } }),
    Doc.updateOne({ _id: doc._id }, { $set: { b: 1 } }),
  ]);
  const both = await Doc.findById(doc._id).lean();
  if (both?.a !== 1 || both?.b !== 1) fieldLost++;
}
const pulled = await Doc.create({ items: ['a', 'b', 'c'] });
await Doc.updateOne({ _id: pulled._id }, { $pull: { items: { $in: ['a', 'b'] } } });
const afterPull = (await Doc.findById(pulled._id).lean())?.items ?? [];
await connection.dropDatabase();
await connection.close();

const line = (what: string, bad: number) =>
  console.log(`${what.padEnd(46)} ${bad}/${trials} trials admitted more than one writer`);
console.log(`${racers} concurrent writers, ${trials} trials, ${url}`);
line('conditional $inc  {free: {$gt: 0}}', incWinners);
console.log(`${''.padEnd(46)} ${incLost}/${trials} trials lost an increment`);
line('compare-and-set   {version: 0} → $set', casWinners);
line('insert into a unique index (seat documents)', seatWinners);
console.log(`${'$push by 3 writers to one array'.padEnd(46)} ${pushLost}/${trials} trials lost a push`);
console.log(`${'$set of two different fields at once'.padEnd(46)} ${fieldLost}/${trials} trials lost one`);
console.log(`${'$pull {$in: [a, b]} from [a, b, c]'.padEnd(46)} left [${afterPull.join(', ')}]`);
