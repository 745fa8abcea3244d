export { createTestNamespace, type ServerEnv, serverEnv, type TestNamespace } from './namespace.ts';
