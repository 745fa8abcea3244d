export { createServiceApp, type ServiceIdentity } from './app.ts';
export { type ListenOptions, listenOptionsFromEnv, startServer } from './server.ts';
