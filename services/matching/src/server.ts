import { loadConfigOrExit, runService } from '@belong/kit';
import { buildMatchingApp } from './app.ts';
import { MatchingConfigSchema } from './config.ts';

const config = loadConfigOrExit(MatchingConfigSchema, 'matching');
await runService(() => buildMatchingApp(config), config);
