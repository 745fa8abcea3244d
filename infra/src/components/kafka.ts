import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import type { InfraConfig } from '../config.ts';
import { commandExists, InfraError, runCommand, spawnDetached } from '../proc.ts';
import type { Component } from './component.ts';

/** Kafka from its Maven Central jars: a throwaway pom, then `dependency:copy-dependencies`. */
function pom(version: string): string {
  return `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>belong.infra</groupId>
  <artifactId>kafka-runtime</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.apache.kafka</groupId>
      <artifactId>kafka_2.13</artifactId>
      <version>${version}</version>
    </dependency>
    <!-- Kafka 3.9 logs through slf4j 1.7; reload4j is the binding its own tarball ships. -->
    <dependency>
      <groupId>org.slf4j</groupId>
      <artifactId>slf4j-reload4j</artifactId>
      <version>1.7.36</version>
    </dependency>
  </dependencies>
</project>
`;
}

const log4j = `log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka=INFO
log4j.logger.org.apache.kafka=INFO
log4j.logger.kafka.request.logger=WARN
log4j.logger.state.change.logger=WARN
`;

/**
 * Single-node KRaft on loopback, tuned for development and tests: replication 1, one offsets
 * partition and no initial rebalance delay so consumer groups join in milliseconds. Topics are
 * created explicitly by the services (auto-creation hides typos in topic names).
 */
function serverProperties(config: InfraConfig, dataDir: string): string {
  const { host } = config;
  const { port, controllerPort } = config.kafka;
  return `process.roles=broker,controller
node.id=1
controller.quorum.voters=1@${host}:${controllerPort}
listeners=PLAINTEXT://${host}:${port},CONTROLLER://${host}:${controllerPort}
advertised.listeners=PLAINTEXT://${host}:${port}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=${dataDir}
num.partitions=3
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
delete.topic.enable=true
log.retention.hours=168
`;
}

/**
 * A Kafka cluster id: 16 random bytes in URL-safe base64, as `kafka-storage random-uuid` prints.
 * Like Kafka's own Uuid.randomUuid, never one starting with '-': the storage tool's argument
 * parser would read it as an option (seen: a fresh CI machine failed to format its log folder).
 */
export function newClusterId(random: (size: number) => Buffer = randomBytes): string {
  for (;;) {
    const id = random(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

export function kafkaComponent(config: InfraConfig): Component {
  const { host } = config;
  const { port, controllerPort, version, heap } = config.kafka;
  const url = config.external.kafkaBrokers ?? `${host}:${port}`;
  const home = join(config.cacheDir, `kafka-${version}`);
  const libDir = join(home, 'lib');
  const complete = join(home, '.complete');
  const stateDir = join(config.stateDir, 'kafka');
  const dataDir = join(stateDir, 'data');
  const logFile = join(config.logDir, 'kafka.log');
  const classpath = `${libDir}/*`;
  const log4jFile = join(stateDir, 'log4j.properties');

  async function requireJava(): Promise<void> {
    if (!(await commandExists('java'))) {
      throw new InfraError(
        'kafka: java is not installed: install a JDK 17+ (apt-get install -y openjdk-17-jre-headless), or set KAFKA_BROKERS to your own broker',
      );
    }
  }

  return {
    name: 'kafka',
    title: `Apache Kafka ${version} (KRaft, single node)`,
    externalUrl: config.external.kafkaBrokers,
    url,
    ports: [port, controllerPort],
    portVariable: 'KAFKA_PORT (and KAFKA_CONTROLLER_PORT)',
    urlVariable: 'KAFKA_BROKERS',
    readyTimeoutMs: 90_000,
    async install(log) {
      if (existsSync(complete)) return;
      await requireJava();
      if (!(await commandExists('mvn'))) {
        throw new InfraError(
          'kafka: Maven (mvn) is not installed and Kafka is fetched as jars: apt-get install -y maven, or set KAFKA_BROKERS',
        );
      }
      log(`fetching Kafka ${version} jars with Maven (first time only, under a minute)…`);
      mkdirSync(home, { recursive: true });
      rmSync(libDir, { recursive: true, force: true });
      writeFileSync(join(home, 'pom.xml'), pom(version));
      const installLog = join(config.logDir, 'kafka-install.log');
      const result = await runCommand(
        'mvn',
        ['-B', '-q', 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${libDir}`],
        { cwd: home, logFile: installLog, log, what: 'fetching jars' },
      );
      if (result.code !== 0 || !existsSync(libDir) || readdirSync(libDir).length === 0) {
        throw new InfraError(
          `kafka: Maven could not fetch org.apache.kafka:kafka_2.13:${version} (see ${installLog}): check access to Maven Central, or set KAFKA_BROKERS`,
        );
      }
      writeFileSync(complete, `${new Date().toISOString()}\n`);
      log(`Kafka jars cached in ${libDir}`);
    },
    async start(log) {
      await requireJava();
      mkdirSync(dataDir, { recursive: true });
      const propertiesFile = join(stateDir, 'server.properties');
      writeFileSync(propertiesFile, serverProperties(config, dataDir));
      writeFileSync(log4jFile, log4j);
      const javaOptions = [`-Dlog4j.configuration=file:${log4jFile}`, '-Djava.awt.headless=true'];
      if (!existsSync(join(dataDir, 'meta.properties'))) {
        const clusterId = newClusterId();
        log(`formatting a new KRaft log folder (cluster ${clusterId})`);
        const result = await runCommand(
          'java',
          [
            ...javaOptions,
            '-cp',
            classpath,
            'kafka.tools.StorageTool',
            'format',
            '-t',
            clusterId,
            '-c',
            propertiesFile,
          ],
          { logFile },
        );
        if (result.code !== 0) {
          throw new InfraError(`kafka: formatting ${dataDir} failed (see ${logFile})`);
        }
      }
      return spawnDetached({
        name: 'kafka',
        command: 'java',
        args: [`-Xmx${heap}`, `-Xms${heap}`, ...javaOptions, '-cp', classpath, 'kafka.Kafka', propertiesFile],
        runDir: config.runDir,
        logFile,
      });
    },
    async ping() {
      const kafka = new Kafka({
        clientId: 'belong-infra',
        brokers: url.split(','),
        logLevel: logLevel.NOTHING,
        connectionTimeout: 1000,
        requestTimeout: 2000,
        retry: { retries: 0 },
      });
      const admin = kafka.admin();
      try {
        await admin.connect();
        const cluster = await admin.describeCluster();
        return cluster.brokers.length > 0 && cluster.controller !== null;
      } finally {
        await admin.disconnect().catch(() => {});
      }
    },
  };
}
