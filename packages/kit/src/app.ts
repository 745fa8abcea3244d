import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Static, TObject, TSchema } from '@sinclair/typebox';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyPluginAsync,
  type FastifyPluginCallback,
  type FastifyPluginOptions,
  type FastifyRequest,
  type FastifyServerOptions,
  type RawServerDefault,
} from 'fastify';
import fp from 'fastify-plugin';
import { authPlugin } from './auth/plugin.ts';
import { type BaseConfig, kafkaBrokers, loadConfig, offlineEnv } from './config.ts';
import { type EventsPluginOptions, eventsPlugin } from './events/plugin.ts';
import { health, readiness } from './http/health.ts';
import { loadShedding } from './http/load-shedding.ts';
import { metrics } from './http/metrics.ts';
import { mongo } from './http/mongo.ts';
import { frameworkErrorHandler, problemHandler } from './http/problem-handler.ts';
import { rateLimiting } from './http/rate-limit.ts';
import { redactRequestUrl } from './http/redact.ts';
import { redis } from './http/redis.ts';
import { requestId, requestIdHeader } from './http/request-id.ts';
import { security } from './http/security.ts';
import { openApi } from './http/swagger.ts';
import { validatorCompiler } from './http/validation.ts';

export interface ServiceInfo {
  /** `profile`, `matching` or `notification`. */
  name: string;
  version: string;
  /** Prefix of every error code the service answers, e.g. `PROFILE` → `PROFILE_VALIDATION`. */
  errorPrefix: string;
  /** The OpenAPI document's description (Markdown). */
  description: string;
  /** OpenAPI tags for the service's routes, in display order. */
  tags?: { name: string; description?: string }[];
  /**
   * Response schemas with an `$id`, added to the root instance: routes reference them with
   * `Type.Ref(schema)` and the OpenAPI document lists each once under `components.schemas`.
   */
  schemas?: TSchema[];
}

/** A fastify instance whose route schemas are TypeBox: one schema gives validation, types and OpenAPI. */
export type KitApp = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

// Plugins come with every kind of options and type provider; each checks its own options.
// biome-ignore lint/suspicious/noExplicitAny: see above
type AnyAsyncPlugin = FastifyPluginAsync<any, RawServerDefault, any>;
// biome-ignore lint/suspicious/noExplicitAny: see above
type AnyCallbackPlugin = FastifyPluginCallback<any, RawServerDefault, any>;
type AnyPlugin = AnyAsyncPlugin | AnyCallbackPlugin;
export type KitPlugin = AnyPlugin | readonly [AnyPlugin, FastifyPluginOptions];

/** A plugin with its options, type-checked against each other: `withOptions(eventBus, { topics })`. */
export function withOptions<O extends FastifyPluginOptions>(
  // biome-ignore lint/suspicious/noExplicitAny: the type provider does not matter here
  plugin: FastifyPluginAsync<O, RawServerDefault, any> | FastifyPluginCallback<O, RawServerDefault, any>,
  options: O,
): KitPlugin {
  return [plugin, options];
}

export type LoggerOption = NonNullable<FastifyServerOptions['logger']>;

export interface BuildAppOptions {
  service: ServiceInfo;
  config: BaseConfig;
  /** Default: pino JSON at config.LOG_LEVEL. Tests pass false; an object is merged over the default. */
  logger?: LoggerOption;
  /**
   * Default true. false builds every route and the OpenAPI document without connecting to
   * MongoDB or Redis (app.mongo and app.redis exist but fail fast) and without rate limiting:
   * for the OpenAPI export and unit tests. Plugins read it as `app.kit.connect`.
   */
  connect?: boolean;
  /**
   * The service's own plugins, registered in this order after the kit's: auth, then the event
   * bus, then routes. `plugin` or `[plugin, options]` (see withOptions).
   */
  plugins?: KitPlugin[];
  /** Event bus options beyond the defaults, e.g. `topicName` to namespace topics in tests. */
  events?: Pick<EventsPluginOptions, 'topicName' | 'groupName' | 'relay' | 'kafka' | 'processedRetention'>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** What the app was built with, for plugins that need it (e.g. the event bus skips Kafka when !connect). */
    kit: { service: ServiceInfo; config: BaseConfig; connect: boolean };
  }
}

/**
 * Composes a service's fastify app. Never listens and never connects by itself: the returned
 * instance boots (connects to MongoDB and Redis, loads the plugins) on `ready()`, `inject()` or
 * `listen()`; see server.ts for running it.
 *
 * Order, each step seeing the ones before: problem+json errors and request ids (so everything
 * after answers and logs the same way), metrics, security headers, readiness; the external clients
 * (MongoDB, Redis) and what needs them (rate limiting); the OpenAPI collector, then the kit's
 * routes (/health, /ready, /metrics, /docs), authentication (`app.requireScope`,
 * `app.requireToken`), the event bus (`app.events`), then `options.plugins`. fastify closes everything in
 * reverse order on `app.close()`, so the service's plugins stop before the clients they use.
 */
export function buildApp(options: BuildAppOptions): KitApp {
  const { service, config, connect = true, plugins = [] } = options;
  const prefix = service.errorPrefix;

  const app = Fastify({
    logger: loggerOptions(options.logger, config.LOG_LEVEL),
    genReqId: requestId,
    // genReqId reads and vets x-request-id itself; fastify must not take it unchecked.
    requestIdHeader: false,
    bodyLimit: config.BODY_LIMIT_BYTES,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    trustProxy: config.TRUST_PROXY,
    frameworkErrors: frameworkErrorHandler(prefix),
    // Starting the relay and consumers against busy servers can take longer than fastify's 10 s:
    // the fault suite restarted matching after kill -9 while mentees kept arriving, and the
    // start-up failed on that timeout. Failing to start under load would turn a crash into a loop.
    pluginTimeout: 60_000,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('kit', { service, config, connect });
  app.setValidatorCompiler(validatorCompiler());
  // JSON APIs only: a text/plain body is a 415 naming the problem, not a string failing the schema.
  app.removeContentTypeParser('text/plain');

  app.register(problemHandler, { prefix });
  app.register(requestIdHeader);
  app.register(metrics, { service: service.name });
  app.register(security);
  app.register(readiness);
  app.register(loadShedding, { prefix, maxInFlight: config.MAX_IN_FLIGHT_REQUESTS });

  app.register(mongo, { url: config.MONGO_URL, connect, defaultDatabase: `belong_${service.name}` });
  app.register(redis, { url: config.REDIS_URL, connect });
  if (connect) {
    app.register(rateLimiting, {
      prefix,
      perMinute: config.RATE_LIMIT_PER_MINUTE,
      nameSpace: `${config.REDIS_KEY_PREFIX}rate-limit:${service.name}:`,
    });
  }

  app.register(openApi, {
    name: service.name,
    version: service.version,
    description: service.description,
    tags: service.tags ?? [],
    schemas: service.schemas ?? [],
  });
  app.register(health, { service: service.name, version: service.version, prefix });
  // API keys and signed links: every service verifies both (the key registry lives in Redis).
  app.register(
    fp(
      async (instance) => {
        await instance.register(authPlugin, {
          redis: instance.redis,
          signingSecret: config.SIGNING_SECRET,
          adminApiKey: config.ADMIN_API_KEY,
          keyPrefix: config.REDIS_KEY_PREFIX,
        });
      },
      { name: 'belong-kit-auth' },
    ),
  );
  // The event bus: aggregate stores with an outbox, the relay, consumers (app.events).
  // With connect: false it builds without Kafka, so routes that name stores still register.
  app.register(
    fp(
      async (instance) => {
        await instance.register(eventsPlugin, {
          brokers: kafkaBrokers(config),
          clientId: `belong-${service.name}`,
          source: `/belong/${service.name}`,
          redis: instance.redis,
          connection: instance.mongo,
          registry: instance.metrics.registry,
          // Per service: two services may both name a collection `programmes` (profile's aggregates,
          // notification's read model); their relays and aggregate leases must not share a key.
          leasePrefix: `${config.REDIS_KEY_PREFIX}${service.name}:`,
          connect,
          ...(options.events ?? {}),
        });
      },
      { name: 'belong-kit-events' },
    ),
  );

  for (const entry of plugins) {
    if (Array.isArray(entry)) app.register(entry[0], entry[1]);
    else app.register(entry as AnyPlugin);
  }
  return app;
}

function loggerOptions(option: LoggerOption | undefined, level: string): LoggerOption {
  if (option === false) return false;
  const defaults = {
    level,
    serializers: {
      // fastify's default, with secret query parameters (signed email links) masked.
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: redactRequestUrl(request.url),
        host: request.host,
        remoteAddress: request.ip,
        remotePort: request.socket?.remotePort,
      }),
    },
  };
  return option === true || option === undefined ? defaults : { ...defaults, ...option };
}

export interface ServiceFactory<C extends BaseConfig> {
  service: ServiceInfo;
  /** The app for this configuration; options (e.g. `logger: false`, extra plugins) are for tests. */
  build(config: C, options?: Partial<BuildAppOptions>): KitApp;
  /** Every route, no server connections: what the OpenAPI export and unit tests build. */
  buildForExport(): Promise<KitApp>;
}

/**
 * A service's `app.ts` in one call: its identity, its config schema and its own plugins (routes,
 * consumers) become `build` for server.ts and tests, and `buildForExport` for the OpenAPI export.
 */
export function defineService<S extends TObject>(
  service: ServiceInfo,
  configSchema: S,
  plugins: (config: Static<S>) => KitPlugin[] = () => [],
): ServiceFactory<Static<S> & BaseConfig> {
  const build = (config: Static<S> & BaseConfig, options: Partial<BuildAppOptions> = {}) =>
    buildApp({ service, config, ...options, plugins: [...plugins(config), ...(options.plugins ?? [])] });
  return {
    service,
    build,
    buildForExport: async () =>
      build(loadConfig(configSchema, offlineEnv()) as Static<S> & BaseConfig, {
        connect: false,
        logger: false,
      }),
  };
}
