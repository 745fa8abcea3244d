// The infra scripts themselves, against real redis-server processes on spare ports with their
// own state folder, so the shared dev stack is never touched.

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { InfraError, loadInfraConfig, status, up } from '../src/index.ts';
import { isAlive, portIsFree } from '../src/proc.ts';
import { down } from '../src/stack.ts';

const stateDir = mkdtempSync(join(tmpdir(), 'belong-infra-test-'));
const lines: string[] = [];
const log = (line: string) => lines.push(line);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

let blocker: Server;
let blockedPort: number;
let redisPort: number;

beforeAll(async () => {
  redisPort = await freePort();
  blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const address = blocker.address();
  blockedPort = typeof address === 'object' && address ? address.port : 0;
});

afterAll(async () => {
  await down(loadInfraConfig({ BELONG_STATE_DIR: stateDir, REDIS_PORT: String(redisPort) }), {
    only: ['redis', 'mailbox'],
    log,
  });
  blocker.close();
  rmSync(stateDir, { recursive: true, force: true });
});

describe('infra up', () => {
  it('fails with one line naming the busy port and the variable, and leaves nothing half-started', async () => {
    const config = loadInfraConfig({
      BELONG_STATE_DIR: stateDir,
      REDIS_PORT: String(redisPort),
      MAILBOX_PORT: String(blockedPort),
      SMTP_PORT: String(await freePort()),
    });
    const failure = up(config, { only: ['redis', 'mailbox'], log });
    await expect(failure).rejects.toThrow(InfraError);
    await expect(failure).rejects.toThrow(
      `mailbox: port ${blockedPort} is already in use by a process infra did not start: stop it, or set SMTP_PORT (and MAILBOX_PORT) to a free port`,
    );
    // Redis had started in parallel; the failed call stopped it again.
    const rows = await status(config);
    expect(rows.find((r) => r.name === 'redis')?.state).toBe('stopped');
    expect(await portIsFree('127.0.0.1', redisPort)).toBe(true);
  });

  it('reuses a running server, and brings back one that was killed', async () => {
    const config = loadInfraConfig({ BELONG_STATE_DIR: stateDir, REDIS_PORT: String(redisPort) });
    const [first] = await up(config, { only: ['redis'], log });
    expect(first).toMatchObject({ name: 'redis', state: 'started' });
    const [again] = await up(config, { only: ['redis'], log });
    expect(again).toMatchObject({ state: 'reused', pid: first?.pid });

    process.kill(first?.pid ?? 0, 'SIGKILL');
    while (isAlive(first?.pid ?? 0)) await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await status(config)).find((r) => r.name === 'redis')?.state).toBe('stopped');

    const [back] = await up(config, { only: ['redis'], log });
    expect(back?.state).toBe('started');
    expect(back?.pid).not.toBe(first?.pid);
    expect((await status(config)).find((r) => r.name === 'redis')?.state).toBe('running');

    await down(config, { only: ['redis'], log });
    expect((await status(config)).find((r) => r.name === 'redis')?.state).toBe('stopped');
  });

  it('says so when a server the user pointed at does not answer', async () => {
    const config = loadInfraConfig({
      BELONG_STATE_DIR: stateDir,
      REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
    });
    await expect(up(config, { only: ['redis'], log })).rejects.toThrow(
      /redis: REDIS_URL points at redis:\/\/127\.0\.0\.1:\d+ but nothing answers there/,
    );
  });
});
