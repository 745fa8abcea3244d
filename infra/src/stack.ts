import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Component } from './components/component.ts';
import { ferretdbComponent } from './components/ferretdb.ts';
import { kafkaComponent } from './components/kafka.ts';
import { mailboxComponent } from './components/mailbox.ts';
import { redisComponent } from './components/redis.ts';
import type { InfraConfig } from './config.ts';
import { InfraError, type Log, portIsFree, runningPid, stopProcess, waitUntilReady } from './proc.ts';

/** Fastest first, so that the quick ones report while Kafka is still warming up. */
export const componentNames = ['redis', 'mongo', 'mailbox', 'kafka'] as const;
export type ComponentName = (typeof componentNames)[number];

export function isComponentName(value: string): value is ComponentName {
  return (componentNames as readonly string[]).includes(value);
}

export function stackComponents(config: InfraConfig, only?: readonly ComponentName[]): Component[] {
  const all = [
    redisComponent(config),
    ferretdbComponent(config),
    mailboxComponent(config),
    kafkaComponent(config),
  ];
  return only && only.length > 0 ? all.filter((c) => only.includes(c.name)) : all;
}

export interface UpResult {
  name: ComponentName;
  title: string;
  url: string;
  /** external: the user's own server; reused: ours, already running; started: by this call. */
  state: 'external' | 'reused' | 'started';
  pid?: number;
  seconds: number;
  links: string[];
}

function logFileOf(config: InfraConfig, name: string): string {
  return join(config.logDir, `${name}.log`);
}

async function upOne(config: InfraConfig, component: Component, log: Log): Promise<UpResult> {
  const started = Date.now();
  const say: Log = (line) => log(`${component.name.padEnd(8)} ${line}`);
  const result = (state: UpResult['state'], pid?: number): UpResult => ({
    name: component.name,
    title: component.title,
    url: component.url,
    state,
    pid,
    seconds: (Date.now() - started) / 1000,
    links: component.links?.() ?? [],
  });
  const logFile = logFileOf(config, component.name);

  if (component.externalUrl) {
    if (await component.ping().catch(() => false)) return result('external');
    throw new InfraError(
      `${component.name}: ${component.urlVariable} points at ${component.externalUrl} but nothing answers there: start that server, or unset the variable to let infra run one`,
    );
  }

  const existing = runningPid(config.runDir, component.name);
  if (existing !== undefined) {
    const state = await waitUntilReady(() => component.ping(), {
      timeoutMs: component.readyTimeoutMs,
      pid: existing,
    });
    if (state === 'ready') return result('reused', existing);
    if (state === 'timeout') {
      throw new InfraError(
        `${component.name}: our process ${existing} runs but does not answer (see ${logFile}): run \`./belong infra down ${component.name}\` and start again`,
      );
    }
    // It died while we waited: start a new one below.
  }

  for (const port of component.ports) {
    if (!(await portIsFree(config.host, port))) {
      throw new InfraError(
        `${component.name}: port ${port} is already in use by a process infra did not start: stop it, or set ${component.portVariable} to a free port, or set ${component.urlVariable} to use that server`,
      );
    }
  }

  await component.install(say);
  say(`starting ${component.title}…`);
  const pid = await component.start(say);
  const state = await waitUntilReady(() => component.ping(), {
    timeoutMs: component.readyTimeoutMs,
    pid,
    onWait: (ms) => say(`waiting for it to answer (${Math.round(ms / 1000)} s)…`),
  });
  if (state !== 'ready') {
    await stopProcess(config.runDir, component.name, 5_000);
    const why =
      state === 'died'
        ? 'exited during start-up'
        : `did not answer within ${component.readyTimeoutMs / 1000} s and was stopped`;
    throw new InfraError(`${component.name}: ${why}: see ${logFile}`);
  }
  return result('started', pid);
}

/**
 * Brings the stack up, each component in parallel. If any fails, the components this call
 * started are stopped again, so a failed `up` leaves nothing half-started.
 */
export async function up(
  config: InfraConfig,
  options: { only?: readonly ComponentName[]; log: Log },
): Promise<UpResult[]> {
  for (const dir of [config.stateDir, config.logDir, config.runDir, config.cacheDir]) {
    mkdirSync(dir, { recursive: true });
  }
  const components = stackComponents(config, options.only);
  const settled = await Promise.allSettled(components.map((c) => upOne(config, c, options.log)));
  const failures = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
  if (failures.length === 0) {
    return settled.map((s) => (s as PromiseFulfilledResult<UpResult>).value);
  }
  for (const s of settled) {
    if (s.status === 'fulfilled' && s.value.state === 'started') {
      options.log(`${s.value.name.padEnd(8)} stopping again, because another component failed`);
      await stopProcess(config.runDir, s.value.name);
    }
  }
  const message = failures.map((f) => (f instanceof Error ? f.message : String(f))).join('\n');
  throw new InfraError(message);
}

export async function down(
  config: InfraConfig,
  options: { only?: readonly ComponentName[]; log: Log },
): Promise<void> {
  // Kafka first: its controlled shutdown is the slowest, and nothing here depends on the others.
  const components = stackComponents(config, options.only).reverse();
  await Promise.all(
    components.map(async (c) => {
      const stopped = await stopProcess(config.runDir, c.name, 20_000);
      options.log(`${c.name.padEnd(8)} ${stopped ? 'stopped' : 'was not running'}`);
    }),
  );
}

export interface StatusRow {
  name: ComponentName;
  title: string;
  url: string;
  state: 'running' | 'not answering' | 'stopped' | 'external' | 'external, not answering';
  pid?: number;
  logFile?: string;
  links: string[];
}

export async function status(config: InfraConfig): Promise<StatusRow[]> {
  return Promise.all(
    stackComponents(config).map(async (c): Promise<StatusRow> => {
      const base = { name: c.name, title: c.title, url: c.url, links: c.links?.() ?? [] };
      const answers = await c.ping().catch(() => false);
      if (c.externalUrl) {
        return { ...base, state: answers ? 'external' : 'external, not answering' };
      }
      const pid = runningPid(config.runDir, c.name);
      if (pid === undefined) return { ...base, state: 'stopped' };
      return {
        ...base,
        state: answers ? 'running' : 'not answering',
        pid,
        logFile: logFileOf(config, c.name),
      };
    }),
  );
}
