#!/usr/bin/env node
// infra CLI: `up [component…]`, `down [component…]`, `status`, `env`. See infra/README.md.
import { mkdirSync } from 'node:fs';
import { relative } from 'node:path';
import { ensureChromium } from './browser.ts';
import { connectionEnv, InfraConfigError, loadInfraConfig } from './config.ts';
import { InfraError } from './proc.ts';
import { type ComponentName, componentNames, down, isComponentName, status, up } from './stack.ts';

const usage = `usage: infra <command> [component…]
  up       install (first time) and start, or reuse, the local servers; wait until they answer
  down     stop the servers infra started
  status   what runs where
  env      print the connection variables (KAFKA_BROKERS, MONGO_URL, …) as shell exports
  browser  install Chromium for the browser test if it is missing (apt-get); print its path
components: ${componentNames.join(', ')} (default: all)`;

const show = (path: string) => {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
};

function parseComponents(args: string[]): ComponentName[] {
  return args.map((arg) => {
    if (!isComponentName(arg)) {
      throw new InfraConfigError(`unknown component "${arg}" (one of ${componentNames.join(', ')})`);
    }
    return arg;
  });
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const config = loadInfraConfig();
  const log = (line: string) => console.log(line);
  switch (command) {
    case 'up': {
      const started = Date.now();
      const results = await up(config, { only: parseComponents(rest), log });
      for (const r of results) {
        const how =
          r.state === 'external'
            ? 'yours'
            : r.state === 'reused'
              ? `already running, pid ${r.pid}`
              : `started in ${r.seconds.toFixed(1)} s, pid ${r.pid}`;
        console.log(`${r.name.padEnd(8)} ✓ ${r.url}  (${how})`);
        for (const link of r.links) console.log(`${' '.repeat(10)}${link}`);
      }
      console.log(
        `infra up in ${((Date.now() - started) / 1000).toFixed(1)} s; logs in ${show(config.logDir)}`,
      );
      return;
    }
    case 'down':
      await down(config, { only: parseComponents(rest), log });
      return;
    case 'status': {
      const rows = await status(config);
      for (const r of rows) {
        const pid = r.pid ? ` pid ${r.pid}` : '';
        const logFile = r.logFile ? `  log ${show(r.logFile)}` : '';
        console.log(`${r.name.padEnd(8)} ${r.state.padEnd(14)} ${r.url}${pid}${logFile}`);
      }
      if (rows.some((r) => r.state !== 'running' && r.state !== 'external')) process.exitCode = 3;
      return;
    }
    case 'env':
      for (const [key, value] of Object.entries(connectionEnv(config))) {
        console.log(`export ${key}=${value}`);
      }
      return;
    case undefined:
    case 'browser': {
      mkdirSync(config.logDir, { recursive: true });
      const path = await ensureChromium(config, (line) => console.error(line));
      console.log(path);
      return;
    }
    case 'help':
    case '--help':
    case '-h':
      console.log(usage);
      return;
    default:
      throw new InfraConfigError(`unknown command "${command}"\n${usage}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof InfraError || error instanceof InfraConfigError) {
    for (const line of error.message.split('\n')) console.error(`infra: ${line}`);
  } else {
    console.error('infra: unexpected failure', error);
  }
});
