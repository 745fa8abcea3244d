import { defineService, type KitApp } from '@belong/kit';
import { MatchingConfigSchema } from './config.ts';
import { coordinatorPages } from './coordinator/index.ts';
import { respondPages } from './matches/pages.ts';
import { matchRoutes } from './matches/routes.ts';
import { MatchSchema } from './matches/schemas.ts';
import { createMatchService } from './matches/service.ts';
import { registerConsumers } from './pool/consumers.ts';
import { RoundSchema, roundRoutes } from './rounds/routes.ts';
import { createRoundService } from './rounds/service.ts';
import { sweeper } from './sweeper.ts';

/** The matching service: composition only; server.ts runs it. */
export const {
  service,
  build: buildMatchingApp,
  buildForExport,
} = defineService(
  {
    name: 'matching',
    version: '0.1.0',
    errorPrefix: 'MATCH',
    description:
      'The candidate pool, explained scoring, instant / mentee-choice / cohort-round assignment, the match lifecycle and reports.',
    schemas: [MatchSchema, RoundSchema],
    tags: [
      {
        name: 'matches',
        description:
          'Matches with their explanation: list, CSV, accept and decline, manual matches and the audit log, mentee-choice suggestions',
      },
      { name: 'rounds', description: 'Cohort rounds: preview with the quality report, publish' },
    ],
  },
  MatchingConfigSchema,
  (config) => [
    async function matching(instance: KitApp) {
      const app = instance;
      const matches = createMatchService(app, { keyPrefix: config.REDIS_KEY_PREFIX });
      const rounds = createRoundService(app, matches, { keyPrefix: config.REDIS_KEY_PREFIX });
      if (app.kit.connect) {
        app.addHook('onReady', async () => {
          await matches.ensureIndexes();
          await rounds.ensureIndexes();
        });
        registerConsumers(app, matches);
      }
      await app.register(matchRoutes(matches));
      await app.register(respondPages(matches));
      await app.register(roundRoutes(rounds));
      await app.register(coordinatorPages(matches, rounds, { keyPrefix: config.REDIS_KEY_PREFIX }));
      await app.register(
        sweeper(matches, { intervalMs: config.SWEEP_INTERVAL_MS, keyPrefix: config.REDIS_KEY_PREFIX }),
      );
    },
  ],
);
