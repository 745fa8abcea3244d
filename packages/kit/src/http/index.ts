// The HTTP half of the service kit. Re-exported by the package root.
export {
  type BuildAppOptions,
  buildApp,
  defineService,
  type KitApp,
  type KitPlugin,
  type LoggerOption,
  type ServiceFactory,
  type ServiceInfo,
  withOptions,
} from '../app.ts';
export {
  type BaseConfig,
  BaseConfigSchema,
  ConfigError,
  kafkaBrokers,
  loadConfig,
  loadConfigOrExit,
  offlineEnv,
  publicUrl,
} from '../config.ts';
export { DEFAULT_GRACE_MS, type ListenOptions, runService, startServer } from '../server.ts';
export { decodeIdCursor, encodeIdCursor, pageOf } from './cursor.ts';
export {
  codeForStatus,
  defineErrors,
  type ErrorDefinition,
  type ErrorFactory,
  type ErrorOptions,
  HttpError,
  ProblemRef,
  type ProblemResponse,
  problemResponses,
  StrictObject,
  statusTitle,
} from './errors.ts';
export {
  type CheckResult,
  CheckResultSchema,
  DEFAULT_CHECK_TIMEOUT_MS,
  type Readiness,
  type ReadinessCheck,
} from './health.ts';
export type { Metrics } from './metrics.ts';
export {
  BODY_OPTIONAL,
  exportOpenApi,
  type OpenApiValidation,
  openApiDocument,
  validateOpenApi,
} from './openapi.ts';
export { problemFor, sendProblem } from './problem-handler.ts';
export { rateLimitKey } from './rate-limit.ts';
export { redactUrl } from './redact.ts';
export { REQUEST_ID_HEADER } from './request-id.ts';
export {
  API_KEY_SCHEME,
  apiKeyOrLinkTokenSecurity,
  apiKeySecurity,
  LINK_TOKEN_SCHEME,
  linkTokenSecurity,
} from './swagger.ts';
