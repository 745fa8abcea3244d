// Programmes are aggregates in the `programmes` collection, written only through the kit's
// aggregate store (a Redis lease per programme, then a compare-and-set replace: ADR 0003). Reads
// go to the raw collection. Slugs are unique through a unique index on `state.slug`: a unique
// insert is atomic on FerretDB too, so two creates of one slug cannot both win.
import { randomBytes } from 'node:crypto';
import { AggregateExistsError, type AggregateStore, type EventInput, type KitApp } from '@belong/kit';
import type { Programme, ProgrammeStatus } from './schemas.ts';

export const PROGRAMMES_COLLECTION = 'programmes';

/** `prg_` + 12 url-safe characters (72 random bits). */
/**
 * `programme.changed` with the whole programme: matching and notification keep their own copy
 * (weights, mode, coordinator contact) and never read this service's collections.
 */
export function programmeChanged(programme: Programme): EventInput {
  return {
    type: 'belong.programme.changed.v1',
    data: {
      programmeId: programme.id,
      slug: programme.slug,
      name: programme.name,
      description: programme.description,
      coordinator: { ...programme.coordinator },
      matchingMode: programme.matchingMode,
      policy: {
        weights: { ...programme.policy.weights },
        hardRules: [...programme.policy.hardRules],
        suggestions: programme.policy.suggestions,
        proposalTtlDays: programme.policy.proposalTtlDays,
      },
      status: programme.status,
      changedAt: programme.updatedAt,
    },
  };
}

export function newProgrammeId(): string {
  return `prg_${randomBytes(9).toString('base64url')}`;
}

export class SlugTakenError extends Error {
  override name = 'SlugTakenError';
  readonly slug: string;
  constructor(slug: string) {
    super(`slug "${slug}" is taken`);
    this.slug = slug;
  }
}

export interface ListOptions {
  limit: number;
  /** Only ids after this one (cursor). */
  after?: string | undefined;
  status?: ProgrammeStatus | undefined;
  /** Only this programme (a key bound to one). */
  onlyId?: string | undefined;
}

export interface ProgrammeRepository {
  readonly store: AggregateStore<Programme>;
  ensureIndexes(): Promise<void>;
  /**
   * Inserts a new programme. SlugTakenError when another programme has its slug;
   * AggregateExistsError when `programme.id` exists already (same slug: an idempotent retry).
   */
  create(programme: Programme, events?: EventInput[]): Promise<Programme>;
  get(id: string): Promise<Programme | null>;
  getBySlug(slug: string): Promise<Programme | null>;
  list(options: ListOptions): Promise<Programme[]>;
}

function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number })?.code === 11000;
}

export function createProgrammeRepository(app: KitApp): ProgrammeRepository {
  const store = app.events.store<Programme>(PROGRAMMES_COLLECTION);
  const collection = store.collection;

  async function get(id: string): Promise<Programme | null> {
    return (await store.get(id))?.state ?? null;
  }

  return {
    store,

    async ensureIndexes() {
      await collection.createIndex({ 'state.slug': 1 }, { name: 'state_slug_unique', unique: true });
      await collection.createIndex({ 'state.status': 1, _id: 1 }, { name: 'state_status_id' });
    },

    async create(programme, events = []) {
      try {
        await store.create(programme.id, programme, events);
        return programme;
      } catch (error) {
        // The store reports every E11000 of its insert as AggregateExistsError, whichever index
        // refused it: the id (a retry that created it already) or the slug (someone else's).
        if (!(error instanceof AggregateExistsError) && !isDuplicateKey(error)) throw error;
        const existing = await get(programme.id);
        if (existing && existing.slug === programme.slug) throw error;
        if (existing) throw new AggregateExistsError(PROGRAMMES_COLLECTION, programme.id);
        throw new SlugTakenError(programme.slug);
      }
    },

    get,

    async getBySlug(slug) {
      const doc = await collection.findOne({ 'state.slug': slug } as never, { projection: { state: 1 } });
      return doc ? (doc.state as Programme) : null;
    },

    async list({ limit, after, status, onlyId }) {
      const idFilter: Record<string, string> = {};
      if (after !== undefined) idFilter.$gt = after;
      if (onlyId !== undefined) idFilter.$eq = onlyId;
      const filter: Record<string, unknown> = {};
      if (Object.keys(idFilter).length > 0) filter._id = idFilter;
      if (status !== undefined) filter['state.status'] = status;
      const docs = await collection
        .find(filter as never, { projection: { state: 1 } })
        .sort({ _id: 1 })
        .limit(limit)
        .toArray();
      return docs.map((doc) => doc.state as Programme);
    },
  };
}
