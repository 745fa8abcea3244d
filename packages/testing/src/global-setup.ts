// Jest global setup for the `integration` project. Servers come from, in order:
//   1. the environment (KAFKA_BROKERS, MONGO_URL, REDIS_URL, SMTP_URL + MAILBOX_URL all set);
//   2. the local stack of infra/ (installed and started on demand, left running for the next run);
//   3. testcontainers, only when the local stack cannot start and a container runtime exists.
// The chosen addresses are put in process.env, which the test workers inherit.
import { connectionEnv, InfraError, loadInfraConfig, up } from '@belong/infra';
import { startContainers } from './containers.ts';

const required = ['KAFKA_BROKERS', 'MONGO_URL', 'REDIS_URL', 'SMTP_URL', 'MAILBOX_URL'] as const;

export default async function globalSetup(): Promise<void> {
  if (required.every((name) => process.env[name])) {
    console.log('\n[testing] using the servers given by the environment');
    return;
  }
  const config = loadInfraConfig();
  try {
    console.log('\n[testing] bringing up the local stack (infra/)…');
    await up(config, { log: (line) => console.log(`[infra] ${line}`) });
    Object.assign(process.env, connectionEnv(config));
  } catch (error) {
    if (!(error instanceof InfraError)) throw error;
    console.log(`[testing] the local stack could not start:\n${error.message}`);
    const containers = await startContainers();
    if (!containers) {
      throw new Error(
        `integration tests need Kafka, MongoDB, Redis and SMTP: the local stack failed (${error.message}) and no container runtime was found`,
      );
    }
    Object.assign(process.env, containers.env);
    await up(config, { only: ['mailbox'], log: (line) => console.log(`[infra] ${line}`) });
    const { SMTP_URL, MAILBOX_URL } = connectionEnv(config);
    Object.assign(process.env, { SMTP_URL, MAILBOX_URL });
    (globalThis as { __belongContainers?: unknown }).__belongContainers = containers;
  }
}
