import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { InfraConfig } from '../config.ts';
import { commandExists, InfraError, type Log, runCommand, spawnDetached } from '../proc.ts';
import type { Component } from './component.ts';

const policyFile = '/usr/sbin/policy-rc.d';

/** Debian's package starts its own redis on 6379 on install; a policy-rc.d stops that. */
async function aptInstallRedis(config: InfraConfig, log: Log): Promise<void> {
  if (process.getuid?.() !== 0) {
    throw new InfraError(
      'redis: redis-server is not installed and we are not root: run `sudo apt-get install -y redis-server`, or set REDIS_URL to your own Redis',
    );
  }
  if (!(await commandExists('apt-get'))) {
    throw new InfraError(
      'redis: redis-server is not installed and apt-get is missing: install Redis 7 yourself, or set REDIS_URL',
    );
  }
  log('installing redis-server with apt-get (first time only, under a minute)…');
  const logFile = join(config.logDir, 'redis-install.log');
  const ownPolicy = !existsSync(policyFile);
  if (ownPolicy) writeFileSync(policyFile, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const install = ['install', '-y', '-q', '--no-install-recommends', 'redis-server'];
    let result = await runCommand('apt-get', install, { env, logFile, log, what: 'installing' });
    if (result.code !== 0) {
      // A fresh machine may have no package lists yet.
      log('apt-get install failed; updating the package lists and trying again…');
      await runCommand('apt-get', ['update', '-q'], { env, logFile, log, what: 'updating' });
      result = await runCommand('apt-get', install, { env, logFile, log, what: 'installing' });
    }
    if (result.code !== 0) {
      throw new InfraError(
        `redis: apt-get could not install redis-server (see ${logFile}): check access to Debian's package archive, or set REDIS_URL`,
      );
    }
  } finally {
    if (ownPolicy) rmSync(policyFile, { force: true });
  }
}

export function redisComponent(config: InfraConfig): Component {
  const { host } = config;
  const { port } = config.redis;
  const url = config.external.redisUrl ?? `redis://${host}:${port}`;
  return {
    name: 'redis',
    title: 'Redis',
    externalUrl: config.external.redisUrl,
    url,
    ports: [port],
    portVariable: 'REDIS_PORT',
    urlVariable: 'REDIS_URL',
    readyTimeoutMs: 20_000,
    async install(log) {
      if (!(await commandExists('redis-server'))) await aptInstallRedis(config, log);
    },
    async start() {
      const dir = join(config.stateDir, 'redis');
      mkdirSync(dir, { recursive: true });
      // No persistence: the dev stack's Redis holds locks, dedupe keys and caches only.
      return spawnDetached({
        name: 'redis',
        command: 'redis-server',
        args: [
          '--bind',
          host,
          '--port',
          String(port),
          '--save',
          '',
          '--appendonly',
          'no',
          '--daemonize',
          'no',
          '--dir',
          dir,
          '--logfile',
          '',
        ],
        runDir: config.runDir,
        logFile: join(config.logDir, 'redis.log'),
      });
    },
    async ping() {
      const client = new Redis(url, {
        lazyConnect: true,
        connectTimeout: 1000,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
        enableOfflineQueue: false,
      });
      client.on('error', () => {});
      try {
        await client.connect();
        return (await client.ping()) === 'PONG';
      } finally {
        client.disconnect();
      }
    },
  };
}
