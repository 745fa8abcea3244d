import { describe, expect, it } from '@jest/globals';
import { digestLog } from '../src/log-digest.ts';

const line = (time: number, level: number, msg: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ level, time, pid: 1, msg, ...extra });

describe('digestLog', () => {
  it('keeps warnings and errors, merges repeats with a count, most recent last, in suite time', () => {
    const text = [
      line(1_000, 30, 'consumer started', { groupId: 'g' }),
      line(2_000, 40, 'redis connection error', { err: { message: 'connect ECONNREFUSED' } }),
      'not json at all',
      line(3_000, 50, 'consumer crashed; replacing the client', { groupId: 'belong.matching.profiles' }),
      line(4_500, 40, 'redis connection error', { err: { message: 'connect ECONNREFUSED' } }),
      '{"truncated": ',
    ].join('\n');
    expect(digestLog(text, { since: 1_000 })).toEqual([
      '2.0 s  ERROR consumer crashed; replacing the client [belong.matching.profiles]',
      '1.0 s–3.5 s  WARN redis connection error :: connect ECONNREFUSED (×2)',
    ]);
  });

  it('keeps only the most recent `max` distinct lines', () => {
    const text = [1, 2, 3, 4].map((n) => line(n * 1_000, 40, `warning ${n}`)).join('\n');
    expect(digestLog(text, { since: 0, max: 2 })).toEqual(['3.0 s  WARN warning 3', '4.0 s  WARN warning 4']);
  });
});
