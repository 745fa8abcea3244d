import type { Connection, Model } from 'mongoose';
import { Schema } from 'mongoose';
import type { Scope } from '../principal.ts';

/**
 * The durable record of an API key, in the issuing service's own database (collection
 * `api_keys`). Written twice in its life: inserted on creation, `revokedAt` set on revocation.
 * Nothing else writes it (FerretDB loses concurrent writes to one document, ADR 0003), which is
 * why "last used" lives in Redis, not here.
 */
export interface ApiKeyRecord {
  /** The keyId (12 chars [A-Za-z0-9]). */
  _id: string;
  name: string;
  /** SHA-256 hex of the secret; the secret itself is never stored. */
  secretHash: string;
  scopes: Scope[];
  /** null: every programme (admin keys only). */
  programmeId: string | null;
  createdAt: Date;
  /** keyId of the key that created it, or `bootstrap`. */
  createdBy: string;
  revokedAt?: Date;
}

export interface ApiKeyRepository {
  /** Inserts a new key; fails with E11000 if the id exists (practically never: 71 random bits). */
  insert(record: ApiKeyRecord): Promise<void>;
  findById(id: string): Promise<ApiKeyRecord | null>;
  /** Sorted by id; `after` is exclusive. */
  list(options: { limit: number; after?: string }): Promise<ApiKeyRecord[]>;
  /** Sets revokedAt unless already set; returns the record as it now is, or null when unknown. */
  revoke(id: string, at: Date): Promise<ApiKeyRecord | null>;
  /** Every record, in id order, in batches (for the registry sync). */
  all(batchSize?: number): AsyncGenerator<ApiKeyRecord>;
}

export const API_KEYS_COLLECTION = 'api_keys';
const MODEL_NAME = 'BelongApiKey';

const apiKeySchema = new Schema<ApiKeyRecord>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    secretHash: { type: String, required: true },
    scopes: { type: [String], required: true },
    programmeId: { type: String, default: null },
    createdAt: { type: Date, required: true },
    createdBy: { type: String, required: true },
    revokedAt: { type: Date, required: false },
  },
  { collection: API_KEYS_COLLECTION, versionKey: false, _id: false, strict: 'throw' },
);

function model(connection: Connection): Model<ApiKeyRecord> {
  return (
    (connection.models[MODEL_NAME] as Model<ApiKeyRecord> | undefined) ??
    connection.model<ApiKeyRecord>(MODEL_NAME, apiKeySchema)
  );
}

function clean(doc: ApiKeyRecord | null): ApiKeyRecord | null {
  if (!doc) return null;
  const record: ApiKeyRecord = {
    _id: doc._id,
    name: doc.name,
    secretHash: doc.secretHash,
    scopes: [...doc.scopes],
    programmeId: doc.programmeId ?? null,
    createdAt: doc.createdAt,
    createdBy: doc.createdBy,
  };
  if (doc.revokedAt) record.revokedAt = doc.revokedAt;
  return record;
}

export function createApiKeyRepository(connection: Connection): ApiKeyRepository {
  const ApiKey = model(connection);
  return {
    async insert(record) {
      await ApiKey.create(record);
    },
    async findById(id) {
      return clean(await ApiKey.findById(id).lean<ApiKeyRecord>());
    },
    async list({ limit, after }) {
      const filter = after === undefined ? {} : { _id: { $gt: after } };
      const docs = await ApiKey.find(filter).sort({ _id: 1 }).limit(limit).lean<ApiKeyRecord[]>();
      return docs.map((d) => clean(d) as ApiKeyRecord);
    },
    async revoke(id, at) {
      const existing = clean(await ApiKey.findById(id).lean<ApiKeyRecord>());
      if (!existing) return null;
      if (existing.revokedAt) return existing;
      // Two concurrent revocations may both write: either timestamp is right. Nothing else writes
      // this document, so no other field can be lost (ADR 0003).
      await ApiKey.updateOne({ _id: id }, { $set: { revokedAt: at } });
      return { ...existing, revokedAt: at };
    },
    async *all(batchSize = 500) {
      let after: string | undefined;
      for (;;) {
        const filter = after === undefined ? {} : { _id: { $gt: after } };
        const docs = await ApiKey.find(filter).sort({ _id: 1 }).limit(batchSize).lean<ApiKeyRecord[]>();
        for (const doc of docs) yield clean(doc) as ApiKeyRecord;
        if (docs.length < batchSize) return;
        after = docs[docs.length - 1]?._id;
      }
    },
  };
}
