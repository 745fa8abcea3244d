import { randomBytes } from 'node:crypto';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface Address {
  name: string;
  address: string;
}

export interface AttachmentSummary {
  filename: string | null;
  contentType: string;
  size: number;
}

export interface MessageRecord {
  id: string;
  receivedAt: string;
  /** What the SMTP client said in MAIL FROM / RCPT TO, which may differ from the headers. */
  envelope: { from: string | null; to: string[] };
  from: Address | null;
  to: Address[];
  cc: Address[];
  subject: string;
  messageId: string | null;
  date: string | null;
  text: string | null;
  html: string | null;
  headers: Record<string, string | string[]>;
  size: number;
  attachments: AttachmentSummary[];
}

export type NewMessage = Omit<MessageRecord, 'id' | 'receivedAt'>;

export interface MessageSummary {
  id: string;
  receivedAt: string;
  from: Address | null;
  to: Address[];
  subject: string;
  /** The Message-ID header: how a test tells a second delivery of one email from a new email. */
  messageId: string | null;
  size: number;
}

export interface MessageFilter {
  /** Case-insensitive; matches an envelope recipient or a To/Cc address. */
  to?: string | undefined;
  /** Case-insensitive substring of the subject. */
  subject?: string | undefined;
}

// 10 base-36 digits of milliseconds sort correctly until the year 5188; the suffix keeps two
// mailboxes writing into the same directory from colliding.
const ID_PATTERN = /^[0-9a-z]{10}-[0-9a-f]{8}$/;

export function isMessageId(value: string): boolean {
  return ID_PATTERN.test(value);
}

export function summarize(record: MessageRecord): MessageSummary {
  const { id, receivedAt, from, to, subject, messageId, size } = record;
  return { id, receivedAt, from, to, subject, messageId, size };
}

export function matches(record: MessageRecord, filter: MessageFilter): boolean {
  if (filter.to) {
    const wanted = filter.to.trim().toLowerCase();
    const addresses = [
      ...record.envelope.to,
      ...record.to.map((a) => a.address),
      ...record.cc.map((a) => a.address),
    ];
    if (!addresses.some((a) => a.toLowerCase() === wanted)) return false;
  }
  if (filter.subject) {
    if (!record.subject.toLowerCase().includes(filter.subject.toLowerCase())) return false;
  }
  return true;
}

type Listener = (record: MessageRecord) => void;

/**
 * Messages on disk as `<id>.json` (the parsed record) and `<id>.eml` (the raw message), with an
 * in-memory index kept newest first.
 */
export class MessageStore {
  readonly dir: string;
  #records: MessageRecord[] = [];
  #byId = new Map<string, MessageRecord>();
  #listeners = new Set<Listener>();
  #lastTime = 0;

  private constructor(dir: string) {
    this.dir = dir;
  }

  static async open(dir: string): Promise<MessageStore> {
    const store = new MessageStore(dir);
    await store.#load();
    return store;
  }

  async #load(): Promise<void> {
    const names = await readdir(this.dir);
    for (const name of names) {
      const id = name.slice(0, -'.json'.length);
      if (!name.endsWith('.json') || !isMessageId(id)) continue;
      try {
        const record = JSON.parse(await readFile(join(this.dir, name), 'utf8')) as MessageRecord;
        if (record.id === id) this.#byId.set(id, record);
      } catch {
        // A half-written or hand-edited file should not stop the mailbox from starting.
      }
    }
    this.#records = [...this.#byId.values()].sort((a, b) => compareIds(b.id, a.id));
  }

  get size(): number {
    return this.#records.length;
  }

  async add(message: NewMessage, raw: Buffer): Promise<MessageRecord> {
    const now = Math.max(Date.now(), this.#lastTime + 1);
    this.#lastTime = now;
    const id = `${now.toString(36).padStart(10, '0')}-${randomBytes(4).toString('hex')}`;
    const record: MessageRecord = { id, receivedAt: new Date().toISOString(), ...message };

    // Raw first, record last and atomically: a record on disk always has its raw message.
    await writeFile(this.#path(id, 'eml'), raw);
    const tmp = `${this.#path(id, 'json')}.tmp`;
    await writeFile(tmp, JSON.stringify(record, null, 2));
    await rename(tmp, this.#path(id, 'json'));

    this.#insert(record);
    for (const listener of this.#listeners) listener(record);
    return record;
  }

  #insert(record: MessageRecord): void {
    this.#byId.set(record.id, record);
    const at = this.#records.findIndex((r) => compareIds(r.id, record.id) < 0);
    if (at === -1) this.#records.push(record);
    else this.#records.splice(at, 0, record);
  }

  /** Matching messages, newest first. */
  list(filter: MessageFilter = {}): MessageRecord[] {
    return this.#records.filter((r) => matches(r, filter));
  }

  get(id: string): MessageRecord | undefined {
    return this.#byId.get(id);
  }

  async raw(id: string): Promise<Buffer | undefined> {
    if (!this.#byId.has(id)) return undefined;
    try {
      return await readFile(this.#path(id, 'eml'));
    } catch {
      return undefined;
    }
  }

  async delete(id: string): Promise<boolean> {
    const record = this.#byId.get(id);
    if (!record) return false;
    await this.#remove([record]);
    return true;
  }

  /** Deletes every message matching `filter` (all of them for an empty filter). */
  async deleteMatching(filter: MessageFilter = {}): Promise<number> {
    const doomed = this.list(filter);
    await this.#remove(doomed);
    return doomed.length;
  }

  async #remove(records: MessageRecord[]): Promise<void> {
    const ids = new Set(records.map((r) => r.id));
    for (const id of ids) this.#byId.delete(id);
    this.#records = this.#records.filter((r) => !ids.has(r.id));
    await Promise.all(
      [...ids].flatMap((id) => [
        rm(this.#path(id, 'json'), { force: true }),
        rm(this.#path(id, 'eml'), { force: true }),
      ]),
    );
  }

  /** Calls `listener` for each message added from now on; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Resolves with the matching messages (newest first) once at least `count` exist, or with
   * null after `timeoutMs` or when `signal` aborts.
   */
  waitFor(
    filter: MessageFilter,
    count: number,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<MessageRecord[] | null> {
    const now = this.list(filter);
    if (now.length >= count) return Promise.resolve(now);
    if (signal?.aborted) return Promise.resolve(null);

    return new Promise((resolve) => {
      const finish = (result: MessageRecord[] | null) => {
        clearTimeout(timer);
        unsubscribe();
        signal?.removeEventListener('abort', onAbort);
        resolve(result);
      };
      const onAbort = () => finish(null);
      const timer = setTimeout(() => finish(null), timeoutMs);
      const unsubscribe = this.subscribe((record) => {
        if (!matches(record, filter)) return;
        const found = this.list(filter);
        if (found.length >= count) finish(found);
      });
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  #path(id: string, ext: 'json' | 'eml'): string {
    return join(this.dir, `${id}.${ext}`);
  }
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
