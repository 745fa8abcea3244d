// The whole of Belong for a test: the three services listening on real ports (so a browser can
// reach their pages and the links in emails work), on the real servers, in one test namespace
// (own databases, topics, consumer groups, Redis keys and mail domain), with the demo seeded.
import { createServer } from 'node:net';
import { type KitApp, type LoggerOption, loadConfig } from '@belong/kit';
import { buildMatchingApp } from '@belong/matching/app';
import { MatchingConfigSchema } from '@belong/matching/config';
import { buildNotificationApp } from '@belong/notification/app';
import { NotificationConfigSchema } from '@belong/notification/config';
import { buildProfileApp } from '@belong/profile/app';
import { ProfileConfigSchema } from '@belong/profile/config';
import { createTestNamespace, type TestNamespace } from '@belong/testing';

export interface System {
  ns: TestNamespace;
  urls: { profile: string; matching: string; notification: string };
  adminApiKey: string;
  signingSecret: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
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

type ServiceName = 'profile' | 'matching' | 'notification';

export interface SystemOverrides {
  /** Extra configuration variables for every service (e.g. a higher `RATE_LIMIT_PER_MINUTE`). */
  env?: Record<string, string>;
  /** Each service's logger (default: none). */
  logger?: (service: ServiceName) => LoggerOption;
}

export async function startSystem(label: string, overrides: SystemOverrides = {}): Promise<System> {
  const ns = createTestNamespace(label);
  // Each service owns its database: one namespace per service for MongoDB, shared for the rest.
  const dbs = {
    profile: createTestNamespace(`${label} profile`),
    matching: createTestNamespace(`${label} matching`),
    notification: createTestNamespace(`${label} notif`),
  };
  const adminApiKey = `admin-${'e'.repeat(40)}`;
  const signingSecret = 'end-to-end-signing-secret-0123456789abcdef';
  const ports = { profile: await freePort(), matching: await freePort(), notification: await freePort() };
  const urls = {
    profile: `http://127.0.0.1:${ports.profile}`,
    matching: `http://127.0.0.1:${ports.matching}`,
    notification: `http://127.0.0.1:${ports.notification}`,
  };
  const common = (name: ServiceName) => ({
    HOST: '127.0.0.1',
    PORT: String(ports[name]),
    PUBLIC_URL: urls[name],
    MONGO_URL: dbs[name].mongoUrl,
    REDIS_URL: ns.servers.redisUrl,
    REDIS_KEY_PREFIX: ns.redisPrefix,
    KAFKA_BROKERS: ns.servers.kafkaBrokers.join(','),
    SIGNING_SECRET: signingSecret,
    ADMIN_API_KEY: adminApiKey,
    PROFILE_PUBLIC_URL: urls.profile,
    MATCHING_PUBLIC_URL: urls.matching,
    ...overrides.env,
  });
  const logger = (name: ServiceName) => overrides.logger?.(name) ?? false;
  const events = { topicName: (t: string) => ns.topic(t), groupName: (g: string) => ns.groupId(g) };
  const apps: KitApp[] = [
    buildProfileApp(loadConfig(ProfileConfigSchema, common('profile')), {
      logger: logger('profile'),
      events,
    }),
    buildMatchingApp(loadConfig(MatchingConfigSchema, { ...common('matching'), SWEEP_INTERVAL_MS: '5000' }), {
      logger: logger('matching'),
      events,
    }),
    buildNotificationApp(
      loadConfig(NotificationConfigSchema, {
        ...common('notification'),
        SMTP_URL: ns.servers.smtpUrl,
        // Webhook receivers in tests run on this machine, which production refuses (SSRF guard).
        WEBHOOK_ALLOW_HTTP: 'true',
        WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
      }),
      { logger: logger('notification'), events },
    ),
  ];
  const names = ['profile', 'matching', 'notification'] as const;
  await Promise.all(
    apps.map((app, i) => app.listen({ host: '127.0.0.1', port: ports[names[i] ?? 'profile'] })),
  );
  return {
    ns,
    urls,
    adminApiKey,
    signingSecret,
    async stop() {
      await Promise.all(apps.map((app) => app.close()));
      await Promise.all([ns.cleanup(), ...Object.values(dbs).map((db) => db.cleanup())]);
    },
  };
}
