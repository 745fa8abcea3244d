// `./belong start`: the infrastructure, then the three services, then where to look.
// The services run as children of this process with their logs in .belong/logs;
// Ctrl-C stops them cleanly and leaves the infrastructure running for the next start.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DEMO_SLUG, seedDemo } from '@belong/demo';
import { connectionEnv, InfraConfigError, loadInfraConfig, repoRoot } from './config.ts';
import { InfraError, portIsFree, tailFile, waitUntilReady } from './proc.ts';
import { up } from './stack.ts';

const serviceNames = ['profile', 'matching', 'notification'] as const;
type ServiceName = (typeof serviceNames)[number];

interface RunningService {
  name: ServiceName;
  url: string;
  child: ChildProcess;
  logFile: string;
}

function report(error: unknown): void {
  if (error instanceof InfraError || error instanceof InfraConfigError) {
    for (const l of error.message.split('\n')) console.error(`belong: ${l}`);
  } else {
    console.error('belong: unexpected failure', error);
  }
}

const config = (() => {
  try {
    return loadInfraConfig();
  } catch (error) {
    report(error);
    process.exit(1);
  }
})();
const children: RunningService[] = [];
let stopping = false;

/**
 * Development secrets, made once per clone and kept in the state folder, so that links in
 * emails and API keys stay valid across restarts. Production sets its own.
 */
function devSecrets(): { SIGNING_SECRET: string; ADMIN_API_KEY: string } {
  const file = join(config.stateDir, 'dev-secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  const secrets = {
    SIGNING_SECRET: randomBytes(32).toString('base64url'),
    ADMIN_API_KEY: `dev-admin-${randomBytes(24).toString('base64url')}`,
  };
  mkdirSync(config.stateDir, { recursive: true });
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}

function startService(name: ServiceName, port: number, secrets: Record<string, string>): RunningService {
  const logFile = join(config.logDir, `${name}.log`);
  const out = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, [join(repoRoot, 'services', name, 'src', 'server.ts')], {
    cwd: repoRoot,
    env: {
      ...secrets,
      ...process.env,
      ...connectionEnv(config),
      PORT: String(port),
      HOST: config.host,
      PUBLIC_URL: `http://${config.host}:${port}`,
      // Where each service's pages are, for links in emails.
      PROFILE_PUBLIC_URL: `http://${config.host}:${config.services.profile}`,
      MATCHING_PUBLIC_URL: `http://${config.host}:${config.services.matching}`,
      // Development only: webhook receivers you try out run on this machine (http://127.0.0.1:…),
      // which the notification service refuses by default (SSRF guard, docs/notification.md).
      WEBHOOK_ALLOW_HTTP: process.env.WEBHOOK_ALLOW_HTTP ?? 'true',
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS ?? 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  const service = { name, url: `http://${config.host}:${port}`, child, logFile };
  child.once('exit', (code, signal) => {
    if (stopping) return;
    console.error(`\n${name} stopped unexpectedly (${signal ?? `exit ${code}`}); last lines of its log:`);
    console.error(tailFile(logFile, 20));
    void shutdown(1);
  });
  return service;
}

async function shutdown(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping the services…');
  await Promise.all(
    children.map(
      (s) =>
        new Promise<void>((resolve) => {
          if (s.child.exitCode !== null || s.child.signalCode !== null) return resolve();
          const force = setTimeout(() => s.child.kill('SIGKILL'), 10_000);
          s.child.once('exit', () => {
            clearTimeout(force);
            resolve();
          });
          s.child.kill('SIGTERM');
        }),
    ),
  );
  console.log('services stopped; the infrastructure keeps running (./belong infra down stops it)');
  process.exit(exitCode);
}

async function main(): Promise<void> {
  const started = Date.now();
  const infra = await up(config, { log: (line) => console.log(line) });
  mkdirSync(config.logDir, { recursive: true });
  for (const name of serviceNames) {
    const port = config.services[name];
    if (!(await portIsFree(config.host, port))) {
      const variable = `${name.toUpperCase()}_PORT`;
      throw new InfraError(`${name}: port ${port} is already in use: stop what uses it, or set ${variable}`);
    }
  }
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));
  const secrets = devSecrets();
  for (const name of serviceNames) children.push(startService(name, config.services[name], secrets));
  await Promise.all(
    children.map(async (s) => {
      const state = await waitUntilReady(
        async () => (await fetch(`${s.url}/health`, { signal: AbortSignal.timeout(1000) })).ok,
        { timeoutMs: 30_000, pid: s.child.pid },
      );
      if (state !== 'ready')
        throw new InfraError(`${s.name}: did not answer on ${s.url}/health: see ${s.logFile}`);
    }),
  );

  const url = (name: ServiceName) => children.find((s) => s.name === name)?.url ?? '';
  const adminApiKey = process.env.ADMIN_API_KEY ?? secrets.ADMIN_API_KEY;
  let demo: Awaited<ReturnType<typeof seedDemo>> | undefined;
  try {
    demo = await seedDemo({
      profileUrl: url('profile'),
      matchingUrl: url('matching'),
      notificationUrl: url('notification'),
      adminApiKey,
      signingSecret: process.env.SIGNING_SECRET ?? secrets.SIGNING_SECRET,
      log: (line) => console.log(line),
    });
    if (demo.created)
      console.log(`demo: seeded "${DEMO_SLUG}" with ${demo.mentors} mentors (first start only)`);
  } catch (error) {
    console.error(
      `belong: the demo data could not be seeded (the services keep running): ${(error as Error).message}`,
    );
  }

  const show = (path: string) => relative(process.cwd(), path) || '.';
  const env = connectionEnv(config);
  const line = (label: string, value: string) => console.log(`  ${label.padEnd(22)} ${value}`);
  console.log(`\nBelong is running (ready in ${((Date.now() - started) / 1000).toFixed(1)} s).\n`);
  if (demo) {
    line('questionnaire', `${url('profile')}/join/${demo.slug}   (sign up as a mentee or a mentor)`);
    line('coordinator page', `${url('matching')}/coordinator   (sign in with the admin API key)`);
  }
  line('dev mailbox', `${env.MAILBOX_URL}   (every email Belong sends lands here)`);
  line('admin API key', `${adminApiKey}   (Authorize in Swagger UI)`);
  for (const s of children) line(`${s.name} API`, `${s.url}/docs   (Swagger UI; ${s.url}/ready)`);
  console.log('\n  infrastructure:');
  for (const r of infra) line(`  ${r.name}`, `${r.url}${r.state === 'external' ? '   (yours)' : ''}`);
  console.log(`\n  logs: ${show(config.logDir)}/   ·   status: ./belong infra status`);
  console.log('\nCtrl-C stops the services; the infrastructure keeps running.');
}

main().catch(async (error: unknown) => {
  report(error);
  if (children.length > 0) await shutdown(1);
  process.exit(1);
});
