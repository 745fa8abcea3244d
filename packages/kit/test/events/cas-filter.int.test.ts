// The aggregate store's compare-and-set must not scan the collection on FerretDB: there only a
// filter of `_id` alone is pushed down to SQLite, and `{_id, rev}` read every document until it
// found the aggregate (the cost grew with the collection: 310 ms against 43 ms at 3,000
// documents). The wire commands show which filter the write used.
import { describe, expect, it, jest } from '@jest/globals';
import mongoose from 'mongoose';
import { useEventsTestEnv } from './helpers.ts';

jest.setTimeout(30_000);

const env = useEventsTestEnv('events cas filter');
const { ns, resources } = env;

describe('aggregate store compare-and-set', () => {
  it('writes by _id alone on FerretDB and by {_id, rev} on MongoDB', async () => {
    const connection = await mongoose.createConnection(ns.mongoUrl, { monitorCommands: true }).asPromise();
    resources.add(() => connection.close());
    const filters: Record<string, unknown>[] = [];
    connection.getClient().on('commandStarted', (event) => {
      if (event.commandName !== 'update') return;
      for (const u of (event.command as { updates: { q: Record<string, unknown> }[] }).updates)
        filters.push(u.q);
    });
    const info = await connection.db?.admin().command({ buildInfo: 1 });
    const onFerretDB = typeof info?.ferretdbVersion === 'string';

    const store = env.store<{ n: number }>('cas', { connection });
    await store.create('a-1', { n: 0 });
    const after = await store.mutate('a-1', (current) => ({ state: { n: (current?.state.n ?? 0) + 1 } }));
    expect(after?.state.n).toBe(1);
    expect(filters.length).toBeGreaterThan(0);
    for (const q of filters) expect(Object.keys(q).sort()).toEqual(onFerretDB ? ['_id'] : ['_id', 'rev']);

    // A second change on top of the first still sees the first (nothing lost by the new path).
    const again = await store.mutate('a-1', (current) => ({ state: { n: (current?.state.n ?? 0) + 1 } }));
    expect(again?.state.n).toBe(2);
    expect(again?.rev).toBe((after?.rev ?? 0) + 1);
  });
});
