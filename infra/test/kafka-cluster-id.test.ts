import { describe, expect, it } from '@jest/globals';
import { newClusterId } from '../src/components/kafka.ts';

describe('newClusterId', () => {
  it('is 22 URL-safe characters', () => {
    expect(newClusterId()).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('never starts with "-" (the storage tool would read it as an option)', () => {
    // First draw encodes to "-…" (0xf8 → '-' in base64url), the second does not.
    const draws = [Buffer.alloc(16, 0xf8), Buffer.alloc(16, 0x01)];
    const id = newClusterId(() => draws.shift() ?? Buffer.alloc(16, 0x02));
    expect(Buffer.alloc(16, 0xf8).toString('base64url').startsWith('-')).toBe(true);
    expect(id).toBe(Buffer.alloc(16, 0x01).toString('base64url'));
  });
});
