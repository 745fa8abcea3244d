import { loadConfigOrExit, runService } from '@belong/kit';
import { buildProfileApp } from './app.ts';
import { ProfileConfigSchema } from './config.ts';

const config = loadConfigOrExit(ProfileConfigSchema, 'profile');
await runService(() => buildProfileApp(config), config);
