import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

const kitIndex = join(resolve(import.meta.dirname, '../..'), 'src/http/index.ts');

// A service's server.ts, with knobs for the ways shutdown can go.
const serviceSource = `
import { BaseConfigSchema, buildApp, loadConfig, offlineEnv, runService } from ${JSON.stringify(kitIndex)};
const config = loadConfig(BaseConfigSchema, offlineEnv({ PORT: '0', LOG_LEVEL: 'info' }));
const mode = process.argv[2];
await runService(
  () =>
    buildApp({
      service: { name: 'demo', version: '0.0.1', errorPrefix: 'DEMO', description: 'Demo' },
      config,
      connect: false,
      plugins: [
        async (app) => {
          if (mode === 'broken') throw new Error('plugin failed to load');
          app.addHook('onClose', async () => {
            // A consumer that never drains, holding the event loop open as a socket would.
            if (mode === 'hang') await new Promise(() => setInterval(() => {}, 1000));
            app.log.info('plugin drained');
          });
        },
      ],
    }),
  config,
  { graceMs: 300 },
);
`;

interface Run {
  code: number | null;
  lines: { msg?: string; level?: number; time?: number }[];
}

let dir: string;
let entry: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kit-server-'));
  entry = join(dir, 'server.ts');
  await writeFile(entry, serviceSource);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Starts the service; once it listens, sends it `signal` (if any); resolves when it exits. */
function runService(mode: string, signal?: NodeJS.Signals): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [entry, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: Run['lines'] = [];
    let buffer = '';
    const timeout = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`service did not exit: ${JSON.stringify(lines)}`));
    }, 10_000);
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline = buffer.indexOf('\n');
      while (newline !== -1) {
        const line = JSON.parse(buffer.slice(0, newline)) as Run['lines'][number];
        buffer = buffer.slice(newline + 1);
        lines.push(line);
        if (signal && line.msg?.startsWith('Server listening at')) child.kill(signal);
        newline = buffer.indexOf('\n');
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timeout);
      resolvePromise({ code, lines });
    });
  });
}

describe('runService and startServer', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'closes the app on %s, draining plugins, and exits 0',
    async (signal) => {
      const { code, lines } = await runService('normal', signal);
      expect(code).toBe(0);
      const at = (msg: string) => lines.find((line) => line.msg === msg)?.time;
      // By timestamp: pino's writes to a pipe may arrive out of order.
      expect(at('shutting down')).toBeLessThanOrEqual(at('plugin drained') ?? 0);
      expect(at('plugin drained')).toBeLessThanOrEqual(at('closed') ?? 0);
    },
  );

  it('gives up after the grace period when a plugin does not drain, and exits 1', async () => {
    const { code, lines } = await runService('hang', 'SIGTERM');
    expect(code).toBe(1);
    expect(lines.map((line) => line.msg)).toContain('shutdown took longer than the grace period: exiting');
  });

  it('exits 1, logging why, when the app cannot start', async () => {
    const { code, lines } = await runService('broken');
    expect(code).toBe(1);
    expect(lines).toContainEqual(expect.objectContaining({ level: 60, msg: 'could not start' }));
  });
});
