import { chmodSync, cpSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mongoose from 'mongoose';
import type { InfraConfig } from '../config.ts';
import { commandExists, InfraError, type Log, runCommand, spawnDetached } from '../proc.ts';
import type { Component } from './component.ts';

const modulePath = 'github.com/FerretDB/FerretDB';

/**
 * FerretDB from the Go module proxy. A plain `go install` builds a binary that panics at start:
 * the module ships without build/version/version.txt (its release builds generate it), so we
 * copy the module source, write that file and build it ourselves.
 */
async function buildFerretdb(config: InfraConfig, binary: string, log: Log): Promise<void> {
  const version = config.mongo.ferretdbVersion;
  if (!(await commandExists('go'))) {
    throw new InfraError(
      'mongo: Go is not installed, and FerretDB is built from source: install Go 1.24+, or set MONGO_URL to your own MongoDB',
    );
  }
  const logFile = join(config.logDir, 'mongo-install.log');
  // GOTOOLCHAIN=local: never try to download another Go toolchain.
  const env = { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod' };
  log(`building FerretDB ${version} from source (first time only, 1 to 3 minutes on 2 cores)…`);
  const download = await runCommand('go', ['mod', 'download', '-json', `${modulePath}@${version}`], {
    env,
    logFile,
  });
  const dir = download.code === 0 ? (JSON.parse(download.output) as { Dir?: string }).Dir : undefined;
  if (!dir) {
    throw new InfraError(
      `mongo: could not download ${modulePath}@${version} through the Go module proxy (see ${logFile}): check GOPROXY and network access, or set MONGO_URL`,
    );
  }
  const workDir = join(config.cacheDir, `ferretdb-${version}`, 'src');
  rmSync(workDir, { recursive: true, force: true });
  cpSync(dir, workDir, { recursive: true });
  chmodSync(workDir, 0o755);
  await runCommand('chmod', ['-R', 'u+w', workDir], { logFile });
  writeFileSync(join(workDir, 'build', 'version', 'version.txt'), `${version}\n`);
  writeFileSync(join(workDir, 'build', 'version', 'package.txt'), 'belong-infra\n');
  const partial = `${binary}.partial`;
  const build = await runCommand('go', ['build', '-trimpath', '-o', partial, './cmd/ferretdb'], {
    cwd: workDir,
    env,
    logFile,
    log,
    what: 'compiling FerretDB',
  });
  rmSync(workDir, { recursive: true, force: true });
  if (build.code !== 0) {
    rmSync(partial, { force: true });
    throw new InfraError(
      `mongo: building FerretDB failed (see ${logFile}); or set MONGO_URL to your own MongoDB`,
    );
  }
  renameSync(partial, binary);
  log('FerretDB built and cached');
}

export function ferretdbComponent(config: InfraConfig): Component {
  const { host } = config;
  const { port, ferretdbVersion } = config.mongo;
  const url = config.external.mongoUrl ?? `mongodb://${host}:${port}`;
  const binary = join(config.cacheDir, `ferretdb-${ferretdbVersion}`, 'ferretdb');
  return {
    name: 'mongo',
    title: `FerretDB ${ferretdbVersion} (MongoDB wire protocol, SQLite)`,
    externalUrl: config.external.mongoUrl,
    url,
    ports: [port],
    portVariable: 'MONGO_PORT',
    urlVariable: 'MONGO_URL',
    readyTimeoutMs: 30_000,
    async install(log) {
      if (existsSync(binary)) return;
      mkdirSync(join(config.cacheDir, `ferretdb-${ferretdbVersion}`), { recursive: true });
      await buildFerretdb(config, binary, log);
    },
    async start() {
      const dataDir = join(config.stateDir, 'mongo', 'data');
      const stateDir = join(config.stateDir, 'mongo', 'state');
      mkdirSync(dataDir, { recursive: true });
      mkdirSync(stateDir, { recursive: true });
      return spawnDetached({
        name: 'mongo',
        command: binary,
        args: [
          '--handler=sqlite',
          `--sqlite-url=file:${dataDir}/`,
          `--listen-addr=${host}:${port}`,
          `--state-dir=${stateDir}`,
          '--debug-addr=-',
          '--telemetry=disable',
          '--log-level=warn',
        ],
        env: { ...process.env, DO_NOT_TRACK: '1' },
        runDir: config.runDir,
        logFile: join(config.logDir, 'mongo.log'),
      });
    },
    async ping() {
      const connection = mongoose.createConnection(url, {
        serverSelectionTimeoutMS: 1000,
        connectTimeoutMS: 1000,
      });
      try {
        await connection.asPromise();
        const reply = await connection.db?.admin().ping();
        return reply?.ok === 1;
      } finally {
        await connection.close().catch(() => {});
      }
    },
  };
}
