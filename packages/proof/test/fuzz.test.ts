// The schemathesis.toml that fuzz.ts writes: per-operation settings must reach exactly their
// operation (schemathesis ORs separate include filters, so `include-method` plus `include-path`
// would reach every POST), and every departure from the defaults is there with its reason.
import { describe, expect, it } from '@jest/globals';
import { type Fixtures, type OpenApiDocument, schemathesisConfig } from '../src/fuzz.ts';

const fixtures: Fixtures = {
  programmeId: 'prg_main',
  slug: 'demo',
  menteeId: 'pfl_mentee',
  mentorId: 'pfl_mentor',
  matchId: 'mtc_one',
  roundId: 'rnd_one',
  notificationId: 'ntf_one',
  webhookId: 'whk_one',
  choiceProgrammeId: 'prg_choice',
  choiceMenteeId: 'pfl_choice_mentee',
  choiceMentorId: 'pfl_choice_mentor',
  manualMenteeId: 'pfl_manual_mentee',
  manualMentorId: 'pfl_manual_mentor',
  declineMatchId: 'mtc_decline',
  endMatchId: 'mtc_end',
  pauseProfileId: 'pfl_pause',
  patchProgrammeId: 'prg_patch',
  eraseProfileId: 'pfl_erase',
  withdrawProfileId: 'pfl_withdraw',
  deleteApiKeyId: 'KEY000000001',
  deleteWebhookId: 'whk_delete',
  linkTokens: { profile: 'verify.token.x' },
  cursors: { profile: ['cHJn'], apiKeys: ['S0VZ'], matching: ['bXRj'], notification: ['WyIy'] },
};

const document: OpenApiDocument = {
  paths: {
    '/programmes': { get: { parameters: [{ name: 'cursor', in: 'query' }] }, post: {} },
    '/profiles/{profileId}': { delete: {}, get: {} },
    '/profiles/{profileId}/withdraw': { post: {} },
    '/programmes/{programmeId}/profiles': { post: {} },
  },
};

const config = schemathesisConfig(
  'profile',
  { short: true, services: ['profile'], maxExamples: 7, seed: 42 },
  fixtures,
  document,
  'admin-key',
  '/tmp/reports',
);

/** The [[operations]] blocks, each as its lines. */
const blocks = config
  .split('[[operations]]')
  .slice(1)
  .map((block) => block.trim().split('\n'));

describe('the generated schemathesis.toml', () => {
  it('names each operation with one include-name filter, and only operations the document has', () => {
    const names = blocks.map((lines) => lines[0]);
    expect(names.sort()).toEqual([
      'include-name = "DELETE /profiles/{profileId}"',
      'include-name = "GET /programmes"',
      'include-name = "POST /profiles/{profileId}/withdraw"',
      'include-name = "POST /programmes/{programmeId}/profiles"',
    ]);
    expect(config).not.toMatch(/include-(method|path)/);
  });

  it('gives destructive operations objects of their own', () => {
    const erase = blocks.find((lines) => lines[0]?.includes('DELETE /profiles/{profileId}'));
    expect(erase?.[1]).toBe(
      'parameters = { profileId = { dictionary = "eraseProfileId", probability = 0.8 } }',
    );
    expect(config).toContain('[dictionaries.eraseProfileId]\nvalues = ["pfl_erase"]');
  });

  it('takes a 400 only where the reason is written down, and for cursors only in the coverage phase', () => {
    const signUp = blocks.find((lines) => lines[0]?.includes('POST /programmes/{programmeId}/profiles'));
    expect(signUp?.join('\n')).toContain('[operations.checks.positive_data_acceptance]');
    expect(signUp?.join('\n')).toMatch(/# Also accepted in positive cases: answers are checked/);
    const list = blocks.find((lines) => lines[0]?.includes('GET /programmes'));
    expect(list?.join('\n')).toContain('[operations.phases.coverage.checks.positive_data_acceptance]');
    expect(config.match(/"400"\]/g)).toHaveLength(2);
  });

  it('sets the seed, the bound, the reports, the admin key and the link token', () => {
    expect(config).toMatch(/^seed = 42$/m);
    expect(config).toMatch(/^max-examples = 7$/m);
    expect(config).toContain('[reports.junit]\nenabled = true');
    expect(config).toContain('[auth.openapi.apiKey]\nbearer = "admin-key"');
    expect(config).toContain('[auth.openapi.linkToken]\napi_key = "verify.token.x"');
    expect(config).toContain(
      'expected-statuses = ["400","401","403","404","405","406","409","415","422","428","429","5xx","413"]',
    );
  });
});
