import fp from 'fastify-plugin';
import {
  Counter,
  type CounterConfiguration,
  collectDefaultMetrics,
  Gauge,
  type GaugeConfiguration,
  Histogram,
  type HistogramConfiguration,
  Registry,
} from 'prom-client';

/**
 * One Prometheus registry per app, never prom-client's global one: tests build many apps in one
 * process, and a second app would collide with the first's metric names.
 *
 * The helpers are get-or-create, so a plugin registered in two apps, or asking twice for the same
 * metric, gets the existing one; asking for a name already used by another kind of metric throws.
 */
export interface Metrics {
  readonly registry: Registry;
  counter<L extends string = string>(config: Omit<CounterConfiguration<L>, 'registers'>): Counter<L>;
  gauge<L extends string = string>(config: Omit<GaugeConfiguration<L>, 'registers'>): Gauge<L>;
  histogram<L extends string = string>(config: Omit<HistogramConfiguration<L>, 'registers'>): Histogram<L>;
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics;
  }
}

export interface MetricsOptions {
  service: string;
}

export function createMetrics(service: string): Metrics {
  const registry = new Registry();
  // Prometheus scrapes three services: the label keeps their series apart.
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });

  function getOrCreate<M>(name: string, kind: abstract new (...args: never[]) => M, create: () => M): M {
    const existing = registry.getSingleMetric(name);
    if (existing === undefined) return create();
    if (existing instanceof kind) return existing;
    throw new Error(`metric ${name} is already registered as another kind of metric`);
  }

  return {
    registry,
    counter: (config) =>
      getOrCreate(config.name, Counter, () => new Counter({ ...config, registers: [registry] })),
    gauge: (config) => getOrCreate(config.name, Gauge, () => new Gauge({ ...config, registers: [registry] })),
    histogram: (config) =>
      getOrCreate(config.name, Histogram, () => new Histogram({ ...config, registers: [registry] })),
  };
}

/**
 * `app.metrics`, the request duration histogram and `GET /metrics` (Prometheus text format, kept
 * out of the OpenAPI document: it is for the scraper, not for API clients).
 */
export const metrics = fp<MetricsOptions>(
  async (app, { service }) => {
    const kit = createMetrics(service);
    app.decorate('metrics', kit);

    const duration = kit.histogram({
      name: 'http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    });
    app.addHook('onResponse', async (request, reply) => {
      duration.observe(
        {
          method: request.method,
          // The pattern (`/profiles/:id`), never the URL: one series per route, not per id.
          route: request.routeOptions.url ?? 'unmatched',
          status: String(reply.statusCode),
        },
        reply.elapsedTime / 1000,
      );
    });

    app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
      reply.type(kit.registry.contentType);
      return kit.registry.metrics();
    });
  },
  { name: 'belong-metrics', fastify: '5.x' },
);
