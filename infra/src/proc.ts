import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** A failure the user can act on: one line naming the cause and the fix. */
export class InfraError extends Error {
  override name = 'InfraError';
}

export type Log = (line: string) => void;

function pidFile(runDir: string, name: string): string {
  return join(runDir, `${name}.pid`);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid of our running process for `name`, removing a pid file left by a dead one. */
export function runningPid(runDir: string, name: string): number | undefined {
  const file = pidFile(runDir, name);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) return pid;
  rmSync(file, { force: true });
  return undefined;
}

export interface DetachedProcess {
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  runDir: string;
  logFile: string;
}

/**
 * Starts a server that outlives this CLI: its own process group (so `down` can stop its
 * children too), output appended to its log file, pid recorded in the run folder.
 */
export function spawnDetached(spec: DetachedProcess): number {
  mkdirSync(spec.runDir, { recursive: true });
  mkdirSync(dirname(spec.logFile), { recursive: true });
  const fd = openSync(spec.logFile, 'a');
  try {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      detached: true,
      stdio: ['ignore', fd, fd],
    });
    if (child.pid === undefined) {
      throw new InfraError(`${spec.name}: could not start ${spec.command}`);
    }
    child.unref();
    writeFileSync(pidFile(spec.runDir, spec.name), `${child.pid}\n`);
    return child.pid;
  } finally {
    closeSync(fd);
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/** SIGTERM, then SIGKILL after `graceMs`. Returns whether a process was running. */
export async function stopProcess(runDir: string, name: string, graceMs = 15_000): Promise<boolean> {
  const pid = runningPid(runDir, name);
  if (pid === undefined) return false;
  signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  if (isAlive(pid)) {
    signalGroup(pid, 'SIGKILL');
    while (isAlive(pid)) await sleep(50);
  }
  rmSync(pidFile(runDir, name), { force: true });
  return true;
}

/** True when nothing listens on host:port (we can bind it ourselves). */
export function portIsFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const server = createServer();
    server.once('error', () => resolvePromise(false));
    server.listen({ host, port, exclusive: true }, () => {
      server.close(() => resolvePromise(true));
    });
  });
}

export type WaitResult = 'ready' | 'timeout' | 'died';

/** Polls `check` until it passes, the process dies, or time runs out. */
export async function waitUntilReady(
  check: () => Promise<boolean>,
  options: { timeoutMs: number; pid?: number; intervalMs?: number; onWait?: (ms: number) => void },
): Promise<WaitResult> {
  const started = Date.now();
  let nextNotice = started + 10_000;
  for (;;) {
    if (await check().catch(() => false)) return 'ready';
    if (options.pid !== undefined && !isAlive(options.pid)) return 'died';
    const now = Date.now();
    if (now - started > options.timeoutMs) return 'timeout';
    if (options.onWait && now >= nextNotice) {
      options.onWait(now - started);
      nextNotice = now + 10_000;
    }
    await sleep(options.intervalMs ?? 250);
  }
}

export interface RunResult {
  code: number;
  output: string;
}

/**
 * Runs a command to completion (installs, builds), appending its output to `logFile`.
 * Long steps print "still working" every 15 s so a first-time build never looks hung.
 */
export function runCommand(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; logFile: string; log?: Log; what?: string },
): Promise<RunResult> {
  mkdirSync(dirname(options.logFile), { recursive: true });
  return new Promise((resolvePromise) => {
    const started = Date.now();
    const chunks: Buffer[] = [];
    const fd = openSync(options.logFile, 'a');
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      chunks.push(chunk);
      writeFileSync(fd, chunk);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const ticker = options.log
      ? setInterval(() => {
          const seconds = Math.round((Date.now() - started) / 1000);
          options.log?.(`still ${options.what ?? 'working'} (${seconds} s)…`);
        }, 15_000)
      : undefined;
    const finish = (code: number) => {
      if (ticker) clearInterval(ticker);
      closeSync(fd);
      resolvePromise({ code, output: Buffer.concat(chunks).toString('utf8') });
    };
    child.once('error', (error) => {
      chunks.push(Buffer.from(String(error)));
      finish(127);
    });
    child.once('close', (code) => finish(code ?? 1));
  });
}

/** Whether `command` is on PATH. */
export async function commandExists(command: string): Promise<boolean> {
  const result = await runCommand('sh', ['-c', `command -v ${command}`], {
    logFile: '/dev/null',
  });
  return result.code === 0;
}

/** The last lines of a log, for error messages. */
export function tailFile(file: string, lines = 15): string {
  if (!existsSync(file)) return '';
  const content = readFileSync(file, 'utf8').trimEnd().split('\n');
  return content.slice(-lines).join('\n');
}
