// Measures how a MongoDB-compatible server handles concurrent writers to one document:
//   node infra/src/probes/atomicity.ts [MONGO_URL] [trials]
// Three writers race for one free place, `trials` times, with three techniques. On MongoDB all
// three admit exactly one winner. On FerretDB v1.24 (SQLite) only the unique-index insert does:
// see docs/adr/0003-capacity-seats.md for the figures and what Belong does about it.
import mongoose, { Schema } from 'mongoose';

const url = process.argv[2] ?? process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017';
const trials = Number(process.argv[3] ?? 50);
const target = new URL(url);
target.pathname = `/probe_atomicity_${process.pid}`;

const connection = await mongoose.createConnection(target.toString()).asPromise();
const Counter = connection.model('Counter', new Schema({ free: Number, version: Number }));
const Seat = connection.model('Seat', new Schema({ owner: String, seat: Number }));
await Seat.collection.createIndex({ owner: 1, seat: 1 }, { unique: true });

const racers = 3;
const race = <T>(fn: () => Promise<T>) => Promise.allSettled(Array.from({ length: racers }, fn));

let incWinners = 0;
let incLost = 0;
let casWinners = 0;
let seatWinners = 0;
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
}
await connection.dropDatabase();
await connection.close();

const line = (what: string, bad: number) =>
  console.log(`${what.padEnd(46)} ${bad}/${trials} trials admitted more than one writer`);
console.log(`${racers} concurrent writers, ${trials} trials, ${url}`);
line('conditional $inc  {free: {$gt: 0}}', incWinners);
console.log(`${''.padEnd(46)} ${incLost}/${trials} trials lost an increment`);
line('compare-and-set   {version: 0} → $set', casWinners);
line('insert into a unique index (seat documents)', seatWinners);
