import { listenOptionsFromEnv, startServer } from '@belong/kit';
import { buildApp } from './app.ts';

const app = buildApp({ logger: { level: process.env.LOG_LEVEL ?? 'info' } });
await startServer(app, listenOptionsFromEnv(3002));
