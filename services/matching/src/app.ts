import { defineService } from '@belong/kit';
import { MatchingConfigSchema } from './config.ts';

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
  },
  MatchingConfigSchema,
);
