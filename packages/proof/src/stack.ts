// A stack of its own for the proof suites: Kafka, FerretDB, Redis and the dev mailbox on their
// own ports and in their own state folder (.belong/proof), so that restarting the broker or
// stopping Redis here never disturbs a developer's `./belong start` or a test run beside it.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  type ComponentName,
  type ConnectionEnv,
  connectionEnv,
  down,
  type InfraConfig,
  loadInfraConfig,
  repoRoot,
  up,
} from '@belong/infra';

/** Ports 1xxxx above the development stack's, so both can run at once. */
const PROOF_PORTS = {
  KAFKA_PORT: '19092',
  KAFKA_CONTROLLER_PORT: '19093',
  MONGO_PORT: '37017',
  REDIS_PORT: '16379',
  SMTP_PORT: '11025',
  MAILBOX_PORT: '18025',
};

export interface ProofStack {
  config: InfraConfig;
  env: ConnectionEnv;
  /** Stops one component (as `./belong infra down <name>` would) and returns when it is gone. */
  stop(component: ComponentName): Promise<void>;
  start(component: ComponentName): Promise<void>;
  /** Stops everything. */
  down(): Promise<void>;
}

/**
 * Starts the proof stack. `fresh` wipes its state first (new Kafka log, empty databases and
 * mailbox), so every run counts only its own events and emails.
 */
export async function startProofStack(options: {
  fresh: boolean;
  log: (line: string) => void;
}): Promise<ProofStack> {
  // The proof stack never uses a developer's external servers: those would be shared.
  const config = loadInfraConfig({
    HOME: process.env.HOME,
    XDG_CACHE_HOME: process.env.XDG_CACHE_HOME,
    BELONG_CACHE_DIR: process.env.BELONG_CACHE_DIR,
    BELONG_STATE_DIR: process.env.BELONG_PROOF_STATE_DIR ?? join(repoRoot, '.belong', 'proof'),
    ...PROOF_PORTS,
  });
  const quiet = () => undefined;
  if (options.fresh) {
    await down(config, { log: quiet });
    for (const dir of ['kafka', 'mongo', 'redis', 'mailbox', 'run', 'logs'])
      rmSync(join(config.stateDir, dir), { recursive: true, force: true });
  }
  const results = await up(config, { log: quiet });
  for (const r of results) options.log(`stack: ${r.name} ${r.url} (${r.state} in ${r.seconds.toFixed(1)} s)`);
  return {
    config,
    env: connectionEnv(config),
    async stop(component) {
      await down(config, { only: [component], log: quiet });
    },
    async start(component) {
      await up(config, { only: [component], log: quiet });
    },
    async down() {
      await down(config, { log: quiet });
    },
  };
}
