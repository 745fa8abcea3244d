export {
  API_KEY_PREFIX,
  constantTimeEquals,
  type GeneratedApiKey,
  generateApiKey,
  hashSecret,
  parseApiKey,
  secretMatches,
} from './api-key.ts';
export { authErrorCodes } from './errors.ts';
export {
  type ApiKeysDecorator,
  type AuthHook,
  type AuthPluginOptions,
  authorize,
  authPlugin,
  type RequireScopeOptions,
  type RequireTokenOptions,
  readApiKey,
  readToken,
  type TokensDecorator,
} from './plugin.ts';
export {
  type ApiKeyPrincipal,
  type ApiKeyVerifier,
  type ApiKeyVerifierOptions,
  createApiKeyVerifier,
  DEFAULT_KEY_PREFIX,
  MAX_CACHE_MS,
  publishApiKey,
  type RegistryEntry,
  readLastUsed,
  registryKeys,
  revokeApiKeyInRegistry,
  syncApiKeyRegistry,
} from './registry.ts';
export {
  API_KEYS_COLLECTION,
  type ApiKeyRecord,
  type ApiKeyRepository,
  createApiKeyRepository,
} from './repository.ts';
export {
  type ApiKeyRoutesOptions,
  type ApiKeySummary,
  ApiKeySummarySchema,
  apiKeyRoutes,
  type CreateApiKeyBody,
  CreateApiKeyBodySchema,
  CreatedApiKeySchema,
  ScopeSchema,
} from './routes.ts';
export {
  consumeTokenOnce,
  createTokenService,
  type IssueTokenInput,
  issueToken,
  MAX_TOKEN_TTL_SECONDS,
  type SelfServicePrincipal,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  type TokenAction,
  type TokenExpectation,
  type TokenPrincipal,
  type TokenService,
  type TokenServiceOptions,
  tokenActions,
  verifyToken,
} from './tokens.ts';
