// A programme's questionnaires: one numbered series of versions per role. A version is never
// changed once published (answers are read against the exact version they were given to), so a
// version is a plain document written once by a unique insert — `_id` = `<programme>:<role>:<n>` —
// and two coordinators publishing at once get two consecutive numbers, never one overwritten
// (unique inserts are atomic on FerretDB too: ADR 0003).
//
// Every programme starts with the seeded health-information questionnaires as version 1 of each
// role. Seeding happens when the programme is created and, for programmes created before that,
// the first time anyone reads its questionnaire; both are the same idempotent insert.
import type { Questionnaire, Role } from '@belong/contracts';
import type { Collection, Connection } from 'mongoose';
import { healthInformationMentee, healthInformationMentor } from './health-information.ts';

export const QUESTIONNAIRES_COLLECTION = 'questionnaires';

export interface PublishedQuestionnaire {
  programmeId: string;
  role: Role;
  version: number;
  publishedAt: string;
  /** The definition as people see it; its `version` and `role` equal the fields above. */
  definition: Questionnaire;
}

interface QuestionnaireDocument extends PublishedQuestionnaire {
  _id: string;
}

export interface QuestionnaireStore {
  ensureIndexes(): Promise<void>;
  /** Inserts the default version 1 of both roles unless the programme has them already. */
  seed(programmeId: string, now?: Date): Promise<void>;
  /** The newest version for the role (seeding the defaults when there is none yet). */
  current(programmeId: string, role: Role): Promise<PublishedQuestionnaire>;
  get(programmeId: string, role: Role, version: number): Promise<PublishedQuestionnaire | null>;
  /** Every version for the role, newest first. */
  list(programmeId: string, role: Role): Promise<PublishedQuestionnaire[]>;
  /** Publishes `definition` as the next version; its `version` and `role` are set here. */
  publish(
    programmeId: string,
    role: Role,
    definition: Omit<Questionnaire, 'version' | 'role'>,
    now?: Date,
  ): Promise<PublishedQuestionnaire>;
}

export const defaultQuestionnaires: Record<Role, Questionnaire> = {
  mentee: healthInformationMentee,
  mentor: healthInformationMentor,
};

const docId = (programmeId: string, role: Role, version: number) => `${programmeId}:${role}:${version}`;

function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number })?.code === 11000;
}

function strip(doc: QuestionnaireDocument): PublishedQuestionnaire {
  const { _id, ...published } = doc;
  return published;
}

export function createQuestionnaireStore(connection: Connection): QuestionnaireStore {
  const collection: Collection<QuestionnaireDocument> =
    connection.collection<QuestionnaireDocument>(QUESTIONNAIRES_COLLECTION);

  async function insertIfAbsent(doc: QuestionnaireDocument): Promise<boolean> {
    try {
      await collection.insertOne(doc);
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async function seed(programmeId: string, now = new Date()): Promise<void> {
    for (const role of ['mentee', 'mentor'] as const) {
      const definition = structuredClone(defaultQuestionnaires[role]);
      await insertIfAbsent({
        _id: docId(programmeId, role, 1),
        programmeId,
        role,
        version: 1,
        publishedAt: now.toISOString(),
        definition: { ...definition, version: 1, role },
      });
    }
  }

  async function newest(programmeId: string, role: Role): Promise<QuestionnaireDocument | null> {
    return collection.find({ programmeId, role }).sort({ version: -1 }).limit(1).next();
  }

  return {
    async ensureIndexes() {
      await collection.createIndex(
        { programmeId: 1, role: 1, version: -1 },
        { name: 'programme_role_version' },
      );
    },

    seed,

    async current(programmeId, role) {
      let doc = await newest(programmeId, role);
      if (!doc) {
        await seed(programmeId);
        doc = await newest(programmeId, role);
      }
      if (!doc) throw new Error(`questionnaire for ${programmeId} ${role} missing after seeding`);
      return strip(doc);
    },

    async get(programmeId, role, version) {
      if (version === 1) await seed(programmeId);
      const doc = await collection.findOne({ _id: docId(programmeId, role, version) });
      return doc ? strip(doc) : null;
    },

    async list(programmeId, role) {
      await seed(programmeId);
      const docs = await collection.find({ programmeId, role }).sort({ version: -1 }).toArray();
      return docs.map(strip);
    },

    async publish(programmeId, role, definition, now = new Date()) {
      await seed(programmeId, now);
      // Take the next number; if another publish took it first, the insert fails: take the next.
      for (let attempt = 0; attempt < 10; attempt++) {
        const version = ((await newest(programmeId, role))?.version ?? 0) + 1;
        const doc: QuestionnaireDocument = {
          _id: docId(programmeId, role, version),
          programmeId,
          role,
          version,
          publishedAt: now.toISOString(),
          definition: { ...structuredClone(definition), version, role },
        };
        if (await insertIfAbsent(doc)) return strip(doc);
      }
      throw new Error(`could not publish a questionnaire version for ${programmeId} ${role}`);
    },
  };
}
