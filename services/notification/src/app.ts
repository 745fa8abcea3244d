import { defineService, type KitApp, loadConfig, offlineEnv, publicUrl } from '@belong/kit';
import { type NotificationConfig, NotificationConfigSchema } from './config.ts';
import { registerConsumers } from './consumers.ts';
import { createMailTransport, type MailTransport } from './mail/transport.ts';
import { createComposer } from './notifications/compose.ts';
import { createReminderSweeper } from './notifications/reminders.ts';
import { createNotificationRepository } from './notifications/repository.ts';
import { notificationRoutes } from './notifications/routes.ts';
import { NotificationSchema } from './notifications/schemas.ts';
import { createSender } from './notifications/sender.ts';
import { createPreferencesRepository } from './preferences/repository.ts';
import { preferenceRoutes } from './preferences/routes.ts';
import { createReadModels } from './readmodels/models.ts';
import { parseMailbox } from './text.ts';
import { WebhookEndpointSchema, webhookRoutes } from './webhooks/routes.ts';
import { createWebhooks } from './webhooks/service.ts';

/** The Message-ID domain: MESSAGE_ID_DOMAIN, else `belong.` + the domain of MAIL_FROM. */
export function messageIdDomain(config: NotificationConfig): string {
  if (config.MESSAGE_ID_DOMAIN) return config.MESSAGE_ID_DOMAIN;
  const domain = parseMailbox(config.MAIL_FROM).address.split('@')[1] ?? 'localhost';
  return domain.startsWith('belong.') ? domain : `belong.${domain}`;
}

/**
 * Everything the service does, wired once: read models and consumers, the composer (event →
 * rendered notification records), the sender (records → SMTP), reminders, webhooks, and routes.
 */
function notifications(config: NotificationConfig) {
  return async function notificationService(app: KitApp): Promise<void> {
    const redisPrefix = config.REDIS_KEY_PREFIX;
    const domain = messageIdDomain(config);
    const readModels = createReadModels(app);
    const notificationRepo = createNotificationRepository(app, redisPrefix);
    const preferences = createPreferencesRepository(app);
    // The sender exists only when connected; until then a pending record waits for its first scan.
    let hintSender = (_id: string) => {};
    const composer = createComposer(app, {
      options: {
        mailFrom: config.MAIL_FROM,
        messageIdDomain: domain,
        publicUrl: publicUrl(config),
        matchingPublicUrl: config.MATCHING_PUBLIC_URL.replace(/\/+$/, ''),
        profilePublicUrl: config.PROFILE_PUBLIC_URL.replace(/\/+$/, ''),
        manageLinkTtlSeconds: config.MANAGE_LINK_TTL_DAYS * 86_400,
        unsubscribeLinkTtlSeconds: config.UNSUBSCRIBE_LINK_TTL_DAYS * 86_400,
      },
      readModels,
      notifications: notificationRepo,
      preferences,
      onPending: (id) => hintSender(id),
    });
    const webhooks = createWebhooks(app, { config, notifications: notificationRepo });

    await app.register(
      notificationRoutes({
        notifications: notificationRepo,
        messageIdDomain: domain,
        onPending: (id) => hintSender(id),
      }),
    );
    await app.register(preferenceRoutes({ preferences, readModels }));
    await app.register(
      webhookRoutes({
        webhooks,
        allowHttp: config.WEBHOOK_ALLOW_HTTP,
        allowPrivate: config.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
      }),
    );

    if (!app.kit.connect) return;

    registerConsumers(app, {
      config,
      readModels,
      composer,
      notifications: notificationRepo,
      preferences,
      onErased: (profileId) => webhooks.eraseSubject(profileId),
    });
    webhooks.registerConsumer();

    let transport: MailTransport | undefined;
    const sender = createSender(app, {
      options: {
        redisPrefix,
        poolSize: config.SMTP_POOL_SIZE,
        pollMs: config.SENDER_POLL_MS,
        scanMs: config.SENDER_SCAN_MS,
        backoffInitialMs: config.SEND_BACKOFF_INITIAL_MS,
        backoffMaxMs: config.SEND_BACKOFF_MAX_MS,
        retryWindowMs: config.SEND_RETRY_WINDOW_MINUTES * 60_000,
      },
      notifications: notificationRepo,
      preferences,
      transport: {
        send: (record) => {
          transport ??= createMailTransport({ url: config.SMTP_URL, poolSize: config.SMTP_POOL_SIZE });
          return transport.send(record);
        },
        close: () => transport?.close(),
      },
    });
    hintSender = (id) => sender.hint(id);
    const reminders = createReminderSweeper(app, {
      readModels,
      composer,
      redisPrefix,
      sweepMs: config.REMINDER_SWEEP_MS,
    });

    app.addHook('onReady', async () => {
      await Promise.all([
        readModels.ensureIndexes(),
        notificationRepo.ensureIndexes(),
        webhooks.ensureIndexes(),
      ]);
      sender.start();
      reminders.start();
      webhooks.start();
    });
    app.addHook('onClose', async () => {
      await Promise.all([sender.stop(), reminders.stop(), webhooks.stop()]);
      transport?.close();
    });
  };
}

const factory = defineService(
  {
    name: 'notification',
    version: '0.1.0',
    errorPrefix: 'NOTIF',
    description:
      'Emails over SMTP (HTML and text), preferences and one-click unsubscribe, the delivery log and signed webhooks.',
    schemas: [NotificationSchema, WebhookEndpointSchema],
    tags: [
      {
        name: 'delivery-log',
        description: 'Every email: to whom, why (event and template), what became of it; resend (admin)',
      },
      {
        name: 'preferences',
        description:
          'Which optional emails a person gets; the unsubscribe page and RFC 8058 one-click unsubscribe',
      },
      {
        name: 'webhooks',
        description:
          'Endpoints per programme for integrators: signed deliveries (Standard Webhooks), retries, delivery log',
      },
    ],
  },
  NotificationConfigSchema,
  (config) => [notifications(config)],
);

/** The notification service: composition only; server.ts runs it. */
export const { service, build: buildNotificationApp } = factory;

/**
 * Every route, no servers (the OpenAPI export and unit tests). The kit's `offlineEnv()` has no
 * SMTP_URL, which this service requires, so one is added here.
 */
export async function buildForExport(): Promise<KitApp> {
  const config = loadConfig(NotificationConfigSchema, offlineEnv({ SMTP_URL: 'smtp://127.0.0.1:1025' }));
  return buildNotificationApp(config, { connect: false, logger: false });
}
