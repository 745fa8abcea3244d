// The three services as real processes (one or more instances of each), so that a suite can
// kill -9 one and start it again, and read each one's memory. Each instance logs to
// <stateDir>/logs/<service>-<n>.log.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { type ConnectionEnv, repoRoot } from '@belong/infra';

export const serviceNames = ['profile', 'matching', 'notification'] as const;
export type ServiceName = (typeof serviceNames)[number];

export interface Instance {
  service: ServiceName;
  /** 1-based within its service. */
  index: number;
  port: number;
  url: string;
  readonly pid: number | undefined;
  readonly running: boolean;
  /** SIGKILL: no shutdown hooks, no flush, no offset commit. */
  kill9(): Promise<void>;
  /** SIGTERM and wait for the exit (SIGKILL after 15 s). */
  stop(): Promise<void>;
  /** Starts the process again on the same port and waits for /health. */
  restart(): Promise<void>;
  /** Resident set size in bytes, from /proc (undefined when not running). */
  rssBytes(): number | undefined;
}

export interface Cluster {
  instances: Instance[];
  of(service: ServiceName): Instance[];
  /** The first instance's URL of each service: what links in emails point at. */
  urls: Record<ServiceName, string>;
  adminApiKey: string;
  signingSecret: string;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  env: ConnectionEnv;
  logDir: string;
  /** Instances per service (default 1). */
  instances?: number;
  /** Extra variables for every instance, e.g. RATE_LIMIT_PER_MINUTE. */
  extraEnv?: Record<string, string>;
  log?: (line: string) => void;
}

/** Resident set size of a process in bytes, from /proc; undefined when it is gone. */
export function rssOfPid(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `${url}: the process exited (${child.signalCode ?? child.exitCode}) before it was ready`,
      );
    }
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url}: no answer on /health within ${timeoutMs / 1000} s`);
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const count = options.instances ?? 1;
  const adminApiKey = `proof-admin-${'k'.repeat(40)}`;
  const signingSecret = 'proof-signing-secret-0123456789abcdef0123456789';
  const ports = new Map<string, number>();
  for (const service of serviceNames) {
    for (let i = 1; i <= count; i++) ports.set(`${service}-${i}`, await freePort());
  }
  const url = (service: ServiceName, i = 1) => `http://127.0.0.1:${ports.get(`${service}-${i}`)}`;
  const urls = { profile: url('profile'), matching: url('matching'), notification: url('notification') };

  function makeInstance(service: ServiceName, index: number): Instance {
    const port = ports.get(`${service}-${index}`) ?? 0;
    let child: ChildProcess | undefined;
    const logFile = join(options.logDir, `${service}-${index}.log`);
    const spawnChild = () => {
      const out = createWriteStream(logFile, { flags: 'a' });
      const c = spawn(process.execPath, [join(repoRoot, 'services', service, 'src', 'server.ts')], {
        cwd: repoRoot,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          NODE_OPTIONS: '--disable-warning=TimeoutNegativeWarning',
          ...options.env,
          HOST: '127.0.0.1',
          PORT: String(port),
          PUBLIC_URL: url(service, index),
          PROFILE_PUBLIC_URL: urls.profile,
          MATCHING_PUBLIC_URL: urls.matching,
          SIGNING_SECRET: signingSecret,
          ADMIN_API_KEY: adminApiKey,
          LOG_LEVEL: 'info',
          ...options.extraEnv,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      c.stdout?.pipe(out);
      c.stderr?.pipe(out);
      return c;
    };
    const exited = (c: ChildProcess | undefined) => !c || c.exitCode !== null || c.signalCode !== null;
    const waitExit = (c: ChildProcess) =>
      new Promise<void>((resolve) => (exited(c) ? resolve() : c.once('exit', () => resolve())));
    const instance: Instance = {
      service,
      index,
      port,
      url: url(service, index),
      get pid() {
        return child?.pid;
      },
      get running() {
        return !exited(child);
      },
      async kill9() {
        if (!child || exited(child)) return;
        const c = child;
        c.kill('SIGKILL');
        await waitExit(c);
      },
      async stop() {
        if (!child || exited(child)) return;
        const c = child;
        const force = setTimeout(() => c.kill('SIGKILL'), 15_000);
        c.kill('SIGTERM');
        await waitExit(c);
        clearTimeout(force);
      },
      async restart() {
        await instance.stop();
        child = spawnChild();
        await waitForHealth(instance.url, child);
      },
      rssBytes() {
        return child && !exited(child) ? rssOfPid(child.pid) : undefined;
      },
    };
    return instance;
  }

  const instances = serviceNames.flatMap((service) =>
    Array.from({ length: count }, (_, i) => makeInstance(service, i + 1)),
  );
  // Profile first: it creates the topics' first events; the others start in parallel after it.
  try {
    await Promise.all(instances.filter((i) => i.service === 'profile').map((i) => i.restart()));
    await Promise.all(instances.filter((i) => i.service !== 'profile').map((i) => i.restart()));
  } catch (error) {
    await Promise.all(instances.map((i) => i.stop()));
    throw error;
  }
  options.log?.(
    `cluster: ${instances.map((i) => `${i.service}-${i.index} ${i.url} (pid ${i.pid})`).join(', ')}`,
  );
  return {
    instances,
    of: (service) => instances.filter((i) => i.service === service),
    urls,
    adminApiKey,
    signingSecret,
    async stop() {
      await Promise.all(instances.map((i) => i.stop()));
    },
  };
}
