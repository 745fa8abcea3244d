import { type Static, type TObject, type TSchema, Type } from '@sinclair/typebox';
import envSchema from 'env-schema';

/**
 * The variables every service reads. A service adds its own by spreading the properties (which
 * also lets it override one, e.g. give PORT a default):
 *
 *   const ProfileConfigSchema = Type.Object({ ...BaseConfigSchema.properties, PORT: Type.Integer({ default: 3001 }) });
 *
 * (`Type.Composite([BaseConfigSchema, Type.Object({...})])` works too for purely new variables.)
 * Formats are avoided on purpose: the env validator has no format plugin, so URLs are checked by
 * pattern and the `description` doubles as the hint in the error message.
 */
export const BaseConfigSchema = Type.Object({
  NODE_ENV: Type.Union([Type.Literal('development'), Type.Literal('test'), Type.Literal('production')], {
    default: 'development',
  }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  /** No default here: each service picks its own port by overriding PORT with a default. */
  PORT: Type.Integer({ minimum: 0, maximum: 65535 }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)),
    { default: 'info' },
  ),
  /** Base URL of this service as the outside world reaches it, for links in emails; see publicUrl(). */
  PUBLIC_URL: Type.Optional(
    Type.String({ pattern: '^https?://', description: 'an http:// or https:// URL' }),
  ),
  MONGO_URL: Type.String({
    pattern: '^mongodb(\\+srv)?://',
    description: 'a mongodb:// or mongodb+srv:// URL',
  }),
  REDIS_URL: Type.String({ pattern: '^rediss?://', description: 'a redis:// or rediss:// URL' }),
  /** Comma-separated bootstrap brokers, `host:port,host:port`; see kafkaBrokers(). */
  KAFKA_BROKERS: Type.String({ minLength: 1 }),
  /** Signs API keys and the links in emails: rotating it invalidates both. */
  SIGNING_SECRET: Type.String({ minLength: 32 }),
  /** Optional bootstrap key with the admin scope, for creating the first real keys. */
  ADMIN_API_KEY: Type.Optional(Type.String({ minLength: 32 })),
  RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, default: 300 }),
  /** Requests one instance works on at once; more get 503 with Retry-After (http/load-shedding.ts). */
  MAX_IN_FLIGHT_REQUESTS: Type.Integer({ minimum: 1, default: 256 }),
  BODY_LIMIT_BYTES: Type.Integer({ minimum: 1024, default: 262144 }),
  /** Prefix of every Redis key the service writes, so several deployments (or test files) can share one Redis. */
  REDIS_KEY_PREFIX: Type.String({ default: 'belong:' }),
  /**
   * Trust X-Forwarded-For from a reverse proxy, so the client IP (rate limits, logs) is the real
   * one. Only set it behind a proxy that overwrites the header: otherwise clients can forge it.
   */
  TRUST_PROXY: Type.Boolean({ default: false }),
});
export type BaseConfig = Static<typeof BaseConfigSchema>;

/** Start-up stops with this: its message names every bad or missing variable and why. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
    this.problems = problems;
  }
}

/**
 * Validates the environment once, at start-up: numbers and booleans are coerced, defaults
 * applied, unknown variables dropped. Empty values count as unset (compose files and CI often
 * pass `PORT=`). The only place in the kit that reads process.env.
 */
export function loadConfig<T extends TObject>(
  schema: T,
  env: Record<string, string | undefined> = process.env,
): Static<T> {
  const data: Record<string, string> = {};
  for (const name of Object.keys(schema.properties)) {
    const value = env[name];
    if (value !== undefined && value !== '') data[name] = value;
  }
  try {
    // env-schema sets additionalProperties on the schema it is given: hand it a copy.
    return envSchema({ schema: { ...schema }, data, env: false }) as Static<T>;
  } catch (error) {
    const errors = (error as { errors?: AjvError[] }).errors;
    if (!errors) throw error;
    throw new ConfigError(describe(schema, errors));
  }
}

/**
 * loadConfig for a process entry point: a bad or missing variable prints one line naming it
 * (`profile: invalid configuration: SIGNING_SECRET is required`) and exits 1, instead of a stack.
 */
export function loadConfigOrExit<T extends TObject>(
  schema: T,
  serviceName: string,
  env: Record<string, string | undefined> = process.env,
): Static<T> {
  try {
    return loadConfig(schema, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${serviceName}: ${error.message}\n`);
    process.exit(1);
  }
}

interface AjvError {
  keyword: string;
  instancePath: string;
  schemaPath: string;
  params: Record<string, unknown>;
  message?: string;
}

function describe(schema: TObject, errors: AjvError[]): string[] {
  const problems = new Map<string, string>();
  for (const error of errors) {
    // A union reports one error per branch, then one for the union: keep the union's.
    if (error.schemaPath.includes('/anyOf/')) continue;
    const name =
      error.keyword === 'required'
        ? String(error.params.missingProperty)
        : error.instancePath.replace(/^\//, '');
    if (!problems.has(name)) problems.set(name, `${name} ${reason(schema.properties[name], error)}`);
  }
  // In the schema's order, so the message reads like the variable list in the docs.
  const order = Object.keys(schema.properties);
  return [...problems.entries()]
    .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
    .map(([, text]) => text);
}

function reason(property: TSchema | undefined, error: AjvError): string {
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'type':
      return `must be ${article(String(error.params.type))}`;
    case 'minLength':
      return `must be at least ${error.params.limit} characters long`;
    case 'minimum':
      return `must be at least ${error.params.limit}`;
    case 'maximum':
      return `must be at most ${error.params.limit}`;
    case 'pattern':
      return `must be ${property?.description ?? `a value matching ${error.params.pattern}`}`;
    case 'anyOf': {
      const options = (property?.anyOf as TSchema[] | undefined)?.map((branch) => branch.const);
      return options ? `must be one of ${options.join(', ')}` : 'is not an allowed value';
    }
    default:
      return error.message ?? 'is invalid';
  }
}

function article(type: string): string {
  if (type === 'integer') return 'an integer';
  if (type === 'boolean') return 'true or false';
  return `a ${type}`;
}

/** Where emailed links point: PUBLIC_URL, or this process's own address (fine for development). */
export function publicUrl(config: Pick<BaseConfig, 'PUBLIC_URL' | 'HOST' | 'PORT'>): string {
  const url = config.PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}`;
  return url.replace(/\/+$/, '');
}

export function kafkaBrokers(config: Pick<BaseConfig, 'KAFKA_BROKERS'>): string[] {
  return config.KAFKA_BROKERS.split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
}

/**
 * A complete environment that passes BaseConfigSchema without any server behind it, for
 * `buildApp({ connect: false })`: the OpenAPI export and unit tests. Never use it to run a service.
 */
export function offlineEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    PORT: '0',
    MONGO_URL: 'mongodb://127.0.0.1:27017/belong_offline',
    REDIS_URL: 'redis://127.0.0.1:6379',
    KAFKA_BROKERS: '127.0.0.1:9092',
    SIGNING_SECRET: 'offline-signing-secret-not-for-production-use',
    ...overrides,
  };
}
