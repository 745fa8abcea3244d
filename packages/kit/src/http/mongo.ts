import fp from 'fastify-plugin';
import mongoose, { type Connection } from 'mongoose';
import { redactUrl } from './redact.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * The service's own database, a mongoose Connection: define models on it
     * (`app.mongo.model('Profile', schema)`), never on the global mongoose.
     */
    mongo: Connection;
  }
}

export interface MongoOptions {
  url: string;
  /**
   * The database when the URL names none (`mongodb://host:27017`): each service owns its own
   * database, so they must never fall back to the driver's shared default (`test`).
   */
  defaultDatabase: string;
  /** false: an unopened connection, so models can be defined (OpenAPI export) but every query fails fast. */
  connect: boolean;
}

/** The database the URL names, or undefined (`mongodb://a,b:27017/?replicaSet=x` names none). */
export function databaseOf(url: string): string | undefined {
  const match = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]*)/.exec(url);
  const name = match?.[1] ? decodeURIComponent(match[1]) : '';
  return name === '' ? undefined : name;
}

export const mongo = fp<MongoOptions>(
  async (app, { url, connect, defaultDatabase }) => {
    if (!connect) {
      const offline = mongoose.createConnection();
      // Queries would otherwise wait 10 s for a connection that never comes.
      offline.config.bufferCommands = false;
      app.decorate('mongo', offline);
      app.readiness.add('mongo', async () => {
        throw new Error('not connected: the app was built with connect: false');
      });
      app.addHook('onClose', async () => {
        await offline.close();
      });
      return;
    }

    const connection = mongoose.createConnection(url, {
      serverSelectionTimeoutMS: 5000,
      ...(databaseOf(url) === undefined ? { dbName: defaultDatabase } : {}),
    });
    try {
      await connection.asPromise();
    } catch (error) {
      await connection.close().catch(() => {});
      throw new Error(`cannot connect to MongoDB at ${redactUrl(url)}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    app.decorate('mongo', connection);
    // A plain ping: the MongoDB-compatible server here (FerretDB 1.x) supports it, unlike richer
    // health commands such as replSetGetStatus.
    app.readiness.add('mongo', async () => {
      const db = connection.db;
      if (!db) throw new Error('not connected');
      await db.command({ ping: 1 });
    });
    app.addHook('onClose', async () => {
      await connection.close();
    });
  },
  { name: 'belong-mongo', fastify: '5.x', dependencies: ['belong-readiness'] },
);
