// The programmes API against the real servers (FerretDB, Redis, Kafka), through app.inject.
import { type KitApp, loadConfig } from '@belong/kit';
import { createTestNamespace, EventProbe, type TestNamespace } from '@belong/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildProfileApp } from '../src/app.ts';
import { ProfileConfigSchema } from '../src/config.ts';
import { IDEMPOTENCY_COLLECTION } from '../src/idempotency.ts';

const ns = createTestNamespace('profile programmes');
const probe = new EventProbe();
const adminKey = `admin-${'p'.repeat(40)}`;
let app: KitApp;

const auth = (key: string) => ({ authorization: `Bearer ${key}` });

function body(slug: string, extra: Record<string, unknown> = {}) {
  return {
    slug,
    name: `Programme ${slug}`,
    coordinator: { name: 'Amina Yusuf', email: 'amina@example.org' },
    matchingMode: 'instant',
    ...extra,
  };
}

async function create(payload: object, key = adminKey, headers: Record<string, string> = {}) {
  return app.inject({ method: 'POST', url: '/programmes', headers: { ...auth(key), ...headers }, payload });
}

async function createOk(slug: string, extra: Record<string, unknown> = {}) {
  const response = await create(body(slug, extra));
  expect(response.statusCode).toBe(201);
  return response.json();
}

async function createKey(scopes: string[], programmeId: string): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api-keys',
    headers: auth(adminKey),
    payload: { name: `${scopes.join('+')} for ${programmeId}`, scopes, programmeId },
  });
  expect(response.statusCode).toBe(201);
  return response.json().key;
}

const get = (url: string, key = adminKey) => app.inject({ method: 'GET', url, headers: auth(key) });
const patch = (id: string, payload: object, key = adminKey) =>
  app.inject({ method: 'PATCH', url: `/programmes/${id}`, headers: auth(key), payload });

function buildApp(namespace: TestNamespace): KitApp {
  const config = loadConfig(ProfileConfigSchema, {
    PORT: '0',
    MONGO_URL: namespace.mongoUrl,
    REDIS_URL: namespace.servers.redisUrl,
    REDIS_KEY_PREFIX: namespace.redisPrefix,
    KAFKA_BROKERS: namespace.servers.kafkaBrokers.join(','),
    SIGNING_SECRET: 'profile-programmes-signing-secret-0123456789',
    ADMIN_API_KEY: adminKey,
  });
  return buildProfileApp(config, {
    logger: false,
    events: { topicName: (t) => namespace.topic(t), groupName: (g) => namespace.groupId(g) },
  });
}

beforeAll(async () => {
  app = buildApp(ns);
  await app.ready();
  await probe.start(ns, 'belong.programme.v1');
}, 60_000);

afterAll(async () => {
  await probe.stop();
  await app?.close();
  await ns.cleanup();
}, 30_000);

describe('POST /programmes', () => {
  it('creates a draft programme with the policy defaults applied', async () => {
    const response = await create(body('defaults-2027', { policy: { weights: { topics: 40 } } }));
    expect(response.statusCode).toBe(201);
    const programme = response.json();
    expect(programme).toEqual({
      id: expect.stringMatching(/^prg_[A-Za-z0-9_-]{12}$/),
      slug: 'defaults-2027',
      name: 'Programme defaults-2027',
      description: '',
      coordinator: { name: 'Amina Yusuf', email: 'amina@example.org' },
      matchingMode: 'instant',
      policy: {
        weights: {
          topics: 40,
          text: 15,
          career_stage: 15,
          sector: 10,
          region_format: 10,
          languages: 10,
          availability: 5,
          preferences: 5,
        },
        hardRules: ['same_organisation', 'named_exclusions', 'previously_declined'],
        suggestions: 3,
        proposalTtlDays: 7,
      },
      status: 'draft',
      createdAt: expect.any(String),
      updatedAt: programme.createdAt,
    });
  });

  it('refuses an unknown field, and status or id in the body (mass assignment), naming the field', async () => {
    for (const [field, value] of [
      ['nickname', 'x'],
      ['status', 'open'],
      ['id', 'prg_aaaaaaaaaaaa'],
    ] as const) {
      const response = await create(body(`mass-${field}`, { [field]: value }));
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.json()).toMatchObject({
        code: 'PROFILE_VALIDATION',
        errors: [expect.objectContaining({ in: 'body', pointer: `/${field}` })],
      });
    }
    const list = await get('/programmes?limit=200');
    expect(list.json().items.filter((p: { slug: string }) => p.slug.startsWith('mass-'))).toEqual([]);
  });

  it('refuses a bad slug and an out-of-range weight', async () => {
    const badSlug = await create(body('Not A Slug'));
    expect(badSlug.statusCode).toBe(400);
    expect(badSlug.json().errors[0]).toMatchObject({ pointer: '/slug' });
    const badWeight = await create(body('weights-bad', { policy: { weights: { topics: 101 } } }));
    expect(badWeight.statusCode).toBe(400);
    expect(badWeight.json().errors[0]).toMatchObject({ pointer: '/policy/weights/topics' });
  });

  it('answers a taken slug with 409 PROFILE_SLUG_TAKEN', async () => {
    await createOk('clash-2027');
    const again = await create(body('clash-2027', { name: 'Another' }));
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'PROFILE_SLUG_TAKEN', status: 409 });
  });

  it('lets only one of two concurrent creates of one slug win', async () => {
    const results = await Promise.all([create(body('race-2027')), create(body('race-2027'))]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });

  it('replays an idempotent create, and refuses the same key with another body', async () => {
    const headers = { 'idempotency-key': 'create-idem-1' };
    const first = await create(body('idem-2027'), adminKey, headers);
    expect(first.statusCode).toBe(201);
    const replay = await create(body('idem-2027'), adminKey, headers);
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.json());

    const mismatch = await create(body('idem-2027', { name: 'Changed' }), adminKey, headers);
    expect(mismatch.statusCode).toBe(409);
    expect(mismatch.json()).toMatchObject({ code: 'PROFILE_IDEMPOTENCY_MISMATCH' });

    const record = await app.mongo
      .collection(IDEMPOTENCY_COLLECTION)
      .findOne({ _id: 'bootstrap:create-idem-1' } as never);
    expect(record).toMatchObject({ state: 'completed', resourceId: first.json().id });
    const { expiresAt, createdAt } = record as unknown as { expiresAt: Date; createdAt: Date };
    const ttl = expiresAt.getTime() - createdAt.getTime();
    expect(ttl).toBe(24 * 60 * 60 * 1000);
  });

  it('lets a key be retried after a failed create (slug taken), with the same key', async () => {
    await createOk('idem-taken-2027');
    const headers = { 'idempotency-key': 'create-idem-2' };
    const taken = await create(body('idem-taken-2027'), adminKey, headers);
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('PROFILE_SLUG_TAKEN');
    const retried = await create(body('idem-taken-2027'), adminKey, headers);
    expect(retried.statusCode).toBe(409);
    expect(retried.json().code).toBe('PROFILE_SLUG_TAKEN');
  });
});

describe('reading', () => {
  it('reads a programme by id and by slug', async () => {
    const created = await createOk('read-2027');
    const byId = await get(`/programmes/${created.id}`);
    expect(byId.statusCode).toBe(200);
    expect(byId.json()).toEqual(created);
    const bySlug = await get('/programmes/by-slug/read-2027');
    expect(bySlug.statusCode).toBe(200);
    expect(bySlug.json()).toEqual(created);
  });

  it('answers an unknown id or slug with a coded 404', async () => {
    for (const url of ['/programmes/prg_doesnotexist', '/programmes/by-slug/no-such-programme']) {
      const response = await get(url);
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.json()).toMatchObject({ code: 'PROFILE_PROGRAMME_NOT_FOUND', status: 404 });
    }
  });

  it('needs a key', async () => {
    const response = await app.inject({ method: 'GET', url: '/programmes' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'AUTH_REQUIRED' });
  });
});

describe('PATCH /programmes/:programmeId', () => {
  it('merges fields and the policy, and moves through the allowed transitions', async () => {
    const created = await createOk('patch-2027', { policy: { weights: { topics: 40 }, suggestions: 5 } });
    const changed = await patch(created.id, {
      name: 'Renamed',
      coordinator: { email: 'team@example.org' },
      policy: { weights: { languages: 20 }, proposalTtlDays: 14 },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      name: 'Renamed',
      slug: 'patch-2027',
      coordinator: { name: 'Amina Yusuf', email: 'team@example.org' },
      policy: {
        weights: { topics: 40, languages: 20, text: 15 },
        suggestions: 5,
        proposalTtlDays: 14,
        hardRules: ['same_organisation', 'named_exclusions', 'previously_declined'],
      },
      status: 'draft',
    });
    expect(changed.json().updatedAt >= created.updatedAt).toBe(true);

    for (const status of ['open', 'closed', 'open'] as const) {
      const moved = await patch(created.id, { status });
      expect(moved.statusCode).toBe(200);
      expect(moved.json().status).toBe(status);
    }
    expect((await get(`/programmes/${created.id}`)).json()).toMatchObject({
      status: 'open',
      name: 'Renamed',
    });
  });

  it('refuses a transition back to draft with 409 PROFILE_INVALID_TRANSITION', async () => {
    const created = await createOk('transition-2027');
    expect((await patch(created.id, { status: 'open' })).statusCode).toBe(200);
    const back = await patch(created.id, { status: 'draft' });
    expect(back.statusCode).toBe(409);
    expect(back.json()).toMatchObject({ code: 'PROFILE_INVALID_TRANSITION' });
    expect(back.json().detail).toMatch(/from open to draft/);

    const fresh = await createOk('transition-b-2027');
    const skip = await patch(fresh.id, { status: 'closed' });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().code).toBe('PROFILE_INVALID_TRANSITION');
  });

  it('refuses an unknown field, the slug and an empty body', async () => {
    const created = await createOk('patch-bad-2027');
    const unknown = await patch(created.id, { slug: 'other' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0]).toMatchObject({ in: 'body', pointer: '/slug' });
    expect((await patch(created.id, {})).statusCode).toBe(400);
  });

  it('answers an unknown programme with 404', async () => {
    const response = await patch('prg_doesnotexist', { name: 'x' });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('PROFILE_PROGRAMME_NOT_FOUND');
    expect(await app.events.store('programmes').get('prg_doesnotexist')).toBeNull();
  });
});

describe('programme.changed', () => {
  it('publishes the whole programme on create and on each change, not on a no-op', async () => {
    const programme = await createOk('events-2027');
    const [created] = await probe.waitFor('belong.programme.changed.v1', programme.id);
    expect(created?.data).toMatchObject({
      programmeId: programme.id,
      slug: 'events-2027',
      status: 'draft',
      coordinator: { name: 'Amina Yusuf', email: 'amina@example.org' },
      policy: {
        weights: { topics: 30 },
        hardRules: ['same_organisation', 'named_exclusions', 'previously_declined'],
      },
    });
    expect((await patch(programme.id, { status: 'open' })).statusCode).toBe(200);
    expect((await patch(programme.id, { status: 'open' })).statusCode).toBe(200);
    expect((await patch(programme.id, { policy: { weights: { languages: 25 } } })).statusCode).toBe(200);
    const events = await probe.waitFor('belong.programme.changed.v1', programme.id, 3);
    expect(events.map((e) => (e.data as { status: string }).status)).toEqual(['draft', 'open', 'open']);
    const last = events[2]?.data as { policy: { weights: { languages: number } } } | undefined;
    expect(last?.policy.weights.languages).toBe(25);
  });
});

describe('GET /programmes', () => {
  it('pages through the programmes and filters by status', async () => {
    // A separate database keeps the count exact: build the list from what this test created.
    const ids: string[] = [];
    for (const slug of ['page-a', 'page-b', 'page-c']) ids.push((await createOk(`${slug}-2027`)).id);
    await patch(ids[1] ?? '', { status: 'open' });

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/programmes?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const response = await get(url);
      expect(response.statusCode).toBe(200);
      const page = response.json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((p: { id: string }) => p.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of ids) expect(seen).toContain(id);

    const open = await get('/programmes?status=open&limit=200');
    const openIds = open.json().items.map((p: { id: string; status: string }) => {
      expect(p.status).toBe('open');
      return p.id;
    });
    expect(openIds).toContain(ids[1]);
    expect(openIds).not.toContain(ids[0]);

    expect((await get('/programmes?cursor=!!!')).statusCode).toBe(400);
  });

  it('pages exactly: 3 programmes with limit 2 are 2 pages (own database)', async () => {
    // A database of its own, so the count is exact whatever the other tests created.
    const listNs = createTestNamespace('profile programmes list');
    const listApp = buildApp(listNs);
    try {
      await listApp.ready();
      const call = (url: string, payload?: object) =>
        listApp.inject({ method: payload ? 'POST' : 'GET', url, headers: auth(adminKey), payload });
      const ids: string[] = [];
      for (const slug of ['one', 'two', 'three']) {
        const response = await call('/programmes', body(`list-${slug}`));
        expect(response.statusCode).toBe(201);
        ids.push(response.json().id);
      }
      ids.sort();
      const first = (await call('/programmes?limit=2')).json();
      expect(first.items.map((p: { id: string }) => p.id)).toEqual(ids.slice(0, 2));
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = (await call(`/programmes?limit=2&cursor=${first.nextCursor}`)).json();
      expect(second).toEqual({ items: [expect.objectContaining({ id: ids[2] })], nextCursor: null });

      const opened = await listApp.inject({
        method: 'PATCH',
        url: `/programmes/${ids[1]}`,
        headers: auth(adminKey),
        payload: { status: 'open' },
      });
      expect(opened.statusCode).toBe(200);
      const open = (await call('/programmes?status=open')).json();
      expect(open).toEqual({
        items: [expect.objectContaining({ id: ids[1], status: 'open' })],
        nextCursor: null,
      });
      const drafts = (await call('/programmes?status=draft&limit=1')).json();
      expect(drafts.items).toEqual([expect.objectContaining({ id: ids[0] })]);
      const lastDraft = (await call(`/programmes?status=draft&limit=1&cursor=${drafts.nextCursor}`)).json();
      expect(lastDraft).toEqual({ items: [expect.objectContaining({ id: ids[2] })], nextCursor: null });
    } finally {
      await listApp.close();
      await listNs.cleanup();
    }
  }, 60_000);
});

describe('keys bound to a programme, and scopes', () => {
  let own: { id: string; slug: string };
  let other: { id: string; slug: string };
  let writer: string;
  let reader: string;

  beforeAll(async () => {
    own = await createOk('bound-own-2027');
    other = await createOk('bound-other-2027');
    writer = await createKey(['programmes:read', 'programmes:write'], own.id);
    reader = await createKey(['programmes:read'], own.id);
  });

  it('cannot create programmes', async () => {
    const response = await create(body('bound-create-2027'), writer);
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'AUTH_FORBIDDEN_PROGRAMME' });
  });

  it('reads and changes its own programme only', async () => {
    expect((await get(`/programmes/${own.id}`, writer)).statusCode).toBe(200);
    expect((await get(`/programmes/by-slug/${own.slug}`, writer)).statusCode).toBe(200);
    expect((await patch(own.id, { name: 'Own renamed' }, writer)).statusCode).toBe(200);

    for (const response of [
      await get(`/programmes/${other.id}`, writer),
      await get(`/programmes/by-slug/${other.slug}`, writer),
      await patch(other.id, { name: 'Hijacked' }, writer),
    ]) {
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ code: 'AUTH_FORBIDDEN_PROGRAMME' });
    }
    expect((await get(`/programmes/${other.id}`)).json().name).toBe('Programme bound-other-2027');
  });

  it('lists only its own programme', async () => {
    const response = await get('/programmes', writer);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ items: [expect.objectContaining({ id: own.id })], nextCursor: null });
  });

  it('with only programmes:read cannot change it', async () => {
    expect((await get(`/programmes/${own.id}`, reader)).statusCode).toBe(200);
    const response = await patch(own.id, { name: 'Nope' }, reader);
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'AUTH_FORBIDDEN_SCOPE' });
  });
});
