export { EventProbe, EventSender } from './event-probe.ts';
export { createTestNamespace, type ServerEnv, serverEnv, type TestNamespace } from './namespace.ts';
