// The generated types follow the committed OpenAPI documents, and the client sends what the
// types describe (checked against a local HTTP server, no Belong service needed).
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generatedSource, services } from '../src/generate.ts';
import { createBelongClient } from '../src/index.ts';

const root = join(import.meta.dirname, '..', '..', '..');

describe('the generated types', () => {
  it.each(services)('are current for the %s service', async (service) => {
    const fresh = await generatedSource(join(root, 'docs', 'api', `${service}.openapi.yaml`));
    const committed = await readFile(
      join(root, 'packages', 'api-client', 'src', 'generated', `${service}.ts`),
      'utf8',
    );
    expect(committed === fresh).toBe(true);
  });
});

describe('the client', () => {
  let server: Server;
  let url: string;
  const seen: { method?: string; url?: string; authorization?: string; body: string }[] = [];
  beforeAll(async () => {
    server = createServer((request: IncomingMessage, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        seen.push({
          method: request.method,
          url: request.url,
          authorization: request.headers.authorization,
          body,
        });
        const created = request.method === 'POST';
        response.writeHead(created ? 409 : 200, {
          'content-type': created ? 'application/problem+json' : 'application/json',
        });
        response.end(
          JSON.stringify(
            created
              ? { type: 'about:blank', title: 'Slug taken', status: 409, code: 'PROFILE_SLUG_TAKEN' }
              : { items: [], nextCursor: null },
          ),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends the API key, the path parameters and the query, and reads problem+json errors', async () => {
    const belong = createBelongClient({
      profileUrl: url,
      matchingUrl: url,
      notificationUrl: url,
      apiKey: 'blg_k_s',
    });
    const list = await belong.matching.GET('/programmes/{programmeId}/matches', {
      params: { path: { programmeId: 'prg_1' }, query: { status: 'active', limit: 5 } },
    });
    expect(list.data).toEqual({ items: [], nextCursor: null });
    const created = await belong.profile.POST('/programmes', {
      body: {
        slug: 'x',
        name: 'X',
        coordinator: { name: 'A', email: 'a@example.org' },
        matchingMode: 'instant',
      },
    });
    expect(created.error).toMatchObject({ code: 'PROFILE_SLUG_TAKEN' });
    expect(seen[0]).toMatchObject({
      method: 'GET',
      url: '/programmes/prg_1/matches?status=active&limit=5',
      authorization: 'Bearer blg_k_s',
    });
    expect(JSON.parse(seen[1]?.body ?? '{}')).toMatchObject({ slug: 'x', matchingMode: 'instant' });
  });
});
