import { readFileSync } from 'node:fs';
import { exportOpenApi, type KitApp, validateOpenApi } from '@belong/kit';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildForExport } from '../src/app.ts';

let app: KitApp;

beforeAll(async () => {
  app = await buildForExport();
  await app.ready();
});

afterAll(async () => {
  await app.close();
});

describe('profile service (no servers)', () => {
  it('is alive', async () => {
    const response = await app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', service: 'profile' });
  });

  it('answers an unknown route with problem+json and its own error prefix', async () => {
    const response = await app.inject({ method: 'GET', url: '/no-such-route' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 404, code: 'PROFILE_ROUTE_NOT_FOUND' });
  });

  it('serves a valid OpenAPI 3.1 document and Swagger UI', async () => {
    const json = await app.inject({ method: 'GET', url: '/docs/json' });
    const validation = await validateOpenApi(json.json());
    expect(validation.errors).toEqual([]);
    const ui = await app.inject({ method: 'GET', url: '/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
  });

  it('matches the committed docs/api/profile.openapi.yaml (run ./belong pnpm --filter @belong/profile openapi:export)', async () => {
    const committed = readFileSync(
      new URL('../../../docs/api/profile.openapi.yaml', import.meta.url),
      'utf8',
    );
    expect(committed).toBe(await exportOpenApi(app));
  });
});
