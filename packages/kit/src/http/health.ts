import { PROBLEM_CONTENT_TYPE } from '@belong/contracts';
import { type Static, Type } from '@sinclair/typebox';
import fp from 'fastify-plugin';
import { statusTitle } from './errors.ts';

/** A readiness check resolves when its dependency can serve, and throws (or rejects) when not. */
export type ReadinessCheck = () => Promise<void>;

export const CheckResultSchema = Type.Object(
  {
    ok: Type.Boolean(),
    ms: Type.Integer({ description: 'How long the check took, in milliseconds' }),
    error: Type.Optional(Type.String({ description: 'Why the check failed' })),
  },
  { additionalProperties: false },
);
export type CheckResult = Static<typeof CheckResultSchema>;

export interface Readiness {
  /** Adds a named check, e.g. `app.readiness.add('kafka', () => admin.describeCluster().then(() => {}))`. */
  add(name: string, check: ReadinessCheck, options?: { timeoutMs?: number }): void;
  /** Runs every check at once, each bounded by its timeout. */
  run(): Promise<{ ready: boolean; checks: Record<string, CheckResult> }>;
  names(): string[];
}

declare module 'fastify' {
  interface FastifyInstance {
    readiness: Readiness;
  }
}

export const DEFAULT_CHECK_TIMEOUT_MS = 2000;

export function createReadiness(defaultTimeoutMs = DEFAULT_CHECK_TIMEOUT_MS): Readiness {
  const checks = new Map<string, { check: ReadinessCheck; timeoutMs: number }>();
  return {
    add(name, check, options = {}) {
      if (checks.has(name)) throw new Error(`readiness check "${name}" is already registered`);
      checks.set(name, { check, timeoutMs: options.timeoutMs ?? defaultTimeoutMs });
    },
    names: () => [...checks.keys()],
    async run() {
      const entries = await Promise.all(
        [...checks].map(
          async ([name, { check, timeoutMs }]) => [name, await timed(check, timeoutMs)] as const,
        ),
      );
      return { ready: entries.every(([, result]) => result.ok), checks: Object.fromEntries(entries) };
    },
  };
}

async function timed(check: ReadinessCheck, timeoutMs: number): Promise<CheckResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([check(), timeout]);
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // A dependency's error can be long (driver stack summaries): enough to diagnose, no more.
    return { ok: false, ms: Math.round(performance.now() - started), error: message.slice(0, 300) };
  } finally {
    clearTimeout(timer);
  }
}

export interface HealthOptions {
  service: string;
  version: string;
  prefix: string;
}

const HealthSchema = Type.Object(
  {
    status: Type.Literal('ok'),
    service: Type.String(),
    version: Type.String(),
  },
  { additionalProperties: false },
);

const ReadySchema = Type.Object(
  {
    status: Type.Literal('ready'),
    checks: Type.Record(Type.String(), CheckResultSchema),
  },
  { additionalProperties: false, description: 'Every dependency answered' },
);

/**
 * The 503 body of /ready: a problem (so clients and proxies treat it like any other error)
 * extended with the same `checks` map as the 200, so an operator sees which dependency failed.
 */
const NotReadySchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Literal(503),
    code: Type.String(),
    detail: Type.String(),
    instance: Type.String(),
    checks: Type.Record(Type.String(), CheckResultSchema),
  },
  { description: 'At least one dependency failed its check' },
);

/** `app.readiness`, registered before the clients so that each can add its check. */
export const readiness = fp(
  async (app) => {
    app.decorate('readiness', createReadiness());
  },
  { name: 'belong-readiness', fastify: '5.x' },
);

/**
 * `GET /health`: liveness, touches nothing (restart me if this fails).
 * `GET /ready`: readiness, runs every check in `app.readiness` (send me traffic only if 200).
 */
export const health = fp<HealthOptions>(
  async (app, { service, version, prefix }) => {
    app.get(
      '/health',
      {
        schema: {
          tags: ['health'],
          summary: 'Liveness: the process is up',
          description: 'Answers without touching any dependency; restart the process if it does not.',
          response: { 200: HealthSchema },
        },
      },
      async () => ({ status: 'ok' as const, service, version }),
    );

    app.get(
      '/ready',
      {
        schema: {
          tags: ['health'],
          summary: 'Readiness: every dependency answers',
          description:
            'Runs every readiness check (MongoDB ping, Redis ping, Kafka…), each with a timeout. 200 when all pass; 503 with the failing ones otherwise.',
          response: {
            200: ReadySchema,
            503: {
              description: NotReadySchema.description,
              content: { [PROBLEM_CONTENT_TYPE]: { schema: NotReadySchema } },
            },
          },
        },
      },
      async (request, reply) => {
        const { ready, checks } = await app.readiness.run();
        if (ready) return { status: 'ready' as const, checks };
        const failing = Object.keys(checks).filter((name) => !checks[name]?.ok);
        request.log.warn({ checks }, 'not ready');
        const body: Static<typeof NotReadySchema> = {
          type: 'about:blank',
          title: statusTitle(503),
          status: 503,
          code: `${prefix}_NOT_READY`,
          detail: `Not ready: ${failing.join(', ')} failed`,
          instance: request.id,
          checks,
        };
        return reply.code(503).type(`${PROBLEM_CONTENT_TYPE}; charset=utf-8`).send(JSON.stringify(body));
      },
    );
  },
  { name: 'belong-health', fastify: '5.x', dependencies: ['belong-readiness'] },
);
