// Webhooks against a receiver in the test (a local HTTP server): registration with a key bound to
// the programme (secret shown once), signed deliveries that the receiver verifies with the
// documented recipe, retries after a 500 with the same webhook-id, the delivery log, and an
// endpoint disabled after a run of failures with the reason visible.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { KitApp } from '@belong/kit';
import { createTestNamespace } from '@belong/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ADMIN_KEY, auth, buildTestApp, createKey, eventually, Publisher, uid } from './helpers.ts';

const ns = createTestNamespace('notification webhooks');
const publisher = new Publisher(ns);
let app: KitApp;
let server: Server;
let base: string;
const programmeId = uid('prg');

interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  verified: boolean;
}
const received: Received[] = [];
/** Answers per path: a queue of statuses, then 200. */
const plans = new Map<string, number[]>();
const secrets = new Map<string, string>();

/** The verification recipe of docs/notification.md, written out as an integrator would. */
function verify(secret: string, headers: IncomingMessage['headers'], body: string): boolean {
  const id = String(headers['webhook-id']);
  const timestamp = String(headers['webhook-timestamp']);
  const signatures = String(headers['webhook-signature']).split(' ');
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = Buffer.from(
    `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`,
  );
  return signatures.some((s) => s.length === expected.length && timingSafeEqual(Buffer.from(s), expected));
}

async function register(path: string, eventTypes: string[], key: string) {
  const response = await app.inject({
    method: 'POST',
    url: `/programmes/${programmeId}/webhooks`,
    headers: auth(key),
    payload: { url: `${base}${path}`, eventTypes, description: `receiver ${path}` },
  });
  expect(response.statusCode).toBe(201);
  const body = response.json() as { endpoint: { id: string }; secret: string };
  secrets.set(path, body.secret);
  return { response, ...body };
}

const accepted = () => ({
  matchId: uid('m'),
  programmeId,
  menteeId: uid('pfl'),
  mentorId: uid('pfl'),
  by: 'mentor' as const,
  status: 'awaiting_mentee' as const,
  acceptedAt: new Date().toISOString(),
});

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = request.url ?? '';
      received.push({
        path,
        headers: request.headers,
        body,
        verified: verify(secrets.get(path) ?? '', request.headers, body),
      });
      const plan = plans.get(path) ?? [];
      response.statusCode = plan.shift() ?? 200;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  app = buildTestApp(ns, { WEBHOOK_DISABLE_AFTER_FAILURES: '4', WEBHOOK_DISABLE_AFTER_MINUTES: '0' });
  await app.ready();
  await publisher.start();
}, 60_000);

afterAll(async () => {
  await publisher.stop();
  await app?.close();
  await new Promise((resolve) => server.close(resolve));
  await ns.cleanup();
}, 30_000);

describe('registration', () => {
  it('needs notifications:write bound to the programme, and shows the secret once', async () => {
    const writer = await createKey(app, ['notifications:write', 'notifications:read'], programmeId);
    const foreign = await createKey(app, ['notifications:write'], 'prg_elsewhere');
    const reader = await createKey(app, ['notifications:read'], programmeId);
    const payload = { url: `${base}/x`, eventTypes: ['belong.match.accepted.v1'] };
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/programmes/${programmeId}/webhooks`,
          headers: auth(foreign),
          payload,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/programmes/${programmeId}/webhooks`,
          headers: auth(reader),
          payload,
        })
      ).statusCode,
    ).toBe(403);
    const bad = await app.inject({
      method: 'POST',
      url: `/programmes/${programmeId}/webhooks`,
      headers: auth(writer),
      payload: { url: 'http://user:pw@example.test/hook', eventTypes: ['belong.match.accepted.v1'] },
    });
    expect(bad.json()).toMatchObject({ status: 400, code: 'NOTIF_INVALID_WEBHOOK_URL' });
    const submitted = await app.inject({
      method: 'POST',
      url: `/programmes/${programmeId}/webhooks`,
      headers: auth(writer),
      payload: { url: `${base}/x`, eventTypes: ['belong.profile.submitted.v1'] },
    });
    expect(submitted.statusCode).toBe(400);

    const { response, endpoint, secret } = await register(
      '/registered',
      ['belong.match.declined.v1'],
      writer,
    );
    expect(response.headers['cache-control']).toBe('no-store');
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const read = await app.inject({
      method: 'GET',
      url: `/programmes/${programmeId}/webhooks/${endpoint.id}`,
      headers: auth(reader),
    });
    expect(read.statusCode).toBe(200);
    expect(read.body).not.toContain(secret.slice(6));
    expect(read.json()).toMatchObject({
      id: endpoint.id,
      status: 'active',
      eventTypes: ['belong.match.declined.v1'],
    });
    const list = await app.inject({
      method: 'GET',
      url: `/programmes/${programmeId}/webhooks`,
      headers: auth(reader),
    });
    expect((list.json() as { items: { id: string }[] }).items.map((i) => i.id)).toContain(endpoint.id);
  });
});

describe('deliveries', () => {
  it('are signed, retried after a 500 with the same webhook-id, and logged', async () => {
    const { endpoint } = await register('/flaky', ['belong.match.accepted.v1'], ADMIN_KEY);
    plans.set('/flaky', [500, 500]);
    const event = await publisher.publish('belong.match.accepted.v1', accepted());
    const attempts = await eventually(async () => {
      const got = received.filter((r) => r.path === '/flaky');
      return got.length >= 3 ? got : undefined;
    });
    expect(attempts).toHaveLength(3);
    expect(attempts.every((a) => a.verified)).toBe(true);
    expect(new Set(attempts.map((a) => a.headers['webhook-id']))).toEqual(new Set([event.id]));
    expect(JSON.parse(attempts[0]?.body ?? '{}')).toEqual(event);
    expect(attempts[0]?.headers['content-type']).toBe('application/json');
    // A tampered body does not verify.
    expect(verify(secrets.get('/flaky') ?? '', attempts[0]?.headers ?? {}, `${attempts[0]?.body} `)).toBe(
      false,
    );

    const log = await eventually(async () => {
      const response = await app.inject({
        method: 'GET',
        url: `/programmes/${programmeId}/webhooks/${endpoint.id}/deliveries`,
        headers: auth(ADMIN_KEY),
      });
      const items = (
        response.json() as {
          items: {
            status: string;
            attempts: number;
            history: { status: number | null }[];
            eventId: string;
          }[];
        }
      ).items;
      return items[0]?.status === 'delivered' ? items : undefined;
    });
    expect(log[0]).toMatchObject({ eventId: event.id, attempts: 3 });
    expect(log[0]?.history.map((h) => h.status)).toEqual([500, 500, 200]);
    // Another event type is not sent to this endpoint; the same event again adds nothing.
    const { status: _s, acceptedAt: _a, ...ids } = accepted();
    await publisher.publish('belong.match.declined.v1', {
      ...ids,
      reason: null,
      declinedAt: new Date().toISOString(),
    });
    await publisher.republish(event, 'belong.match.v1');
    await eventually(async () => received.some((r) => r.path === '/registered'));
    expect(received.filter((r) => r.path === '/flaky')).toHaveLength(3);
  });

  it('an endpoint that keeps failing is disabled, with the reason visible', async () => {
    const { endpoint } = await register('/down', ['belong.match.accepted.v1'], ADMIN_KEY);
    plans.set('/down', Array(50).fill(503));
    await publisher.publish('belong.match.accepted.v1', accepted());
    const disabled = await eventually(async () => {
      const response = await app.inject({
        method: 'GET',
        url: `/programmes/${programmeId}/webhooks/${endpoint.id}`,
        headers: auth(ADMIN_KEY),
      });
      const body = response.json() as { status: string; disabledReason: string | null };
      return body.status === 'disabled' ? body : undefined;
    });
    expect(disabled.disabledReason).toMatch(
      /^disabled after 4 failed attempts in a row since .+; last: HTTP 503$/,
    );
    expect(received.filter((r) => r.path === '/down')).toHaveLength(4);
    // Re-enabled by the integrator: the streak starts again.
    const enabled = await app.inject({
      method: 'PATCH',
      url: `/programmes/${programmeId}/webhooks/${endpoint.id}`,
      headers: auth(ADMIN_KEY),
      payload: { enabled: true },
    });
    expect(enabled.json()).toMatchObject({ status: 'active', failureStreak: 0, disabledReason: null });
    expect(
      (
        await app.inject({
          method: 'DELETE',
          url: `/programmes/${programmeId}/webhooks/${endpoint.id}`,
          headers: auth(ADMIN_KEY),
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (
        await app.inject({
          method: 'GET',
          url: `/programmes/${programmeId}/webhooks/${endpoint.id}`,
          headers: auth(ADMIN_KEY),
        })
      ).statusCode,
    ).toBe(404);
  });
});
