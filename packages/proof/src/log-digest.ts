// A few lines that say what a service complained about, from its pino log: every warning and
// error, the same message merged into one line with a count and its first and last time. A
// failed suite prints this for each instance, because in CI the console is all there is to read.
import { readFileSync } from 'node:fs';

interface Entry {
  key: string;
  first: number;
  last: number;
  count: number;
}

const LEVELS: Record<number, string> = { 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

/** One line per distinct warning or error in `text` (pino JSON lines), the `max` most recent last. */
export function digestLog(text: string, options: { since: number; max?: number }): string[] {
  const entries = new Map<string, Entry>();
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(line) as Record<string, unknown>;
    } catch {
      continue;
    }
    const level = Number(record.level);
    const time = Number(record.time);
    if (!(level >= 40) || !Number.isFinite(time)) continue;
    const err = record.err as { message?: unknown } | undefined;
    const detail = [
      record.groupId ? `[${String(record.groupId)}]` : '',
      record.collection ? `[${String(record.collection)}]` : '',
      err?.message ? `:: ${String(err.message).slice(0, 100)}` : '',
      typeof record.error === 'string' ? `:: ${record.error.slice(0, 100)}` : '',
    ]
      .filter(Boolean)
      .join(' ');
    const key = `${LEVELS[level] ?? level} ${String(record.msg ?? '').slice(0, 140)}${detail ? ` ${detail}` : ''}`;
    const entry = entries.get(key);
    if (entry) {
      entry.last = time;
      entry.count++;
    } else entries.set(key, { key, first: time, last: time, count: 1 });
  }
  const at = (ms: number) => `${((ms - options.since) / 1000).toFixed(1)} s`;
  return [...entries.values()]
    .sort((a, b) => a.last - b.last)
    .slice(-(options.max ?? 15))
    .map((e) =>
      e.count === 1 ? `${at(e.first)}  ${e.key}` : `${at(e.first)}–${at(e.last)}  ${e.key} (×${e.count})`,
    );
}

/** digestLog of a file; an empty list when it cannot be read. */
export function digestLogFile(path: string, options: { since: number; max?: number }): string[] {
  try {
    return digestLog(readFileSync(path, 'utf8'), options);
  } catch {
    return [];
  }
}
