import { describe, expect, it } from '@jest/globals';
import { buildApp } from '../src/app.ts';

describe('matching service', () => {
  it('is alive', async () => {
    const app = buildApp();
    const response = await app.inject({ method: 'GET', url: '/health' });
    expect(response.json()).toMatchObject({ status: 'ok', service: 'matching' });
    await app.close();
  });
});
