// The queue board at /admin/queues: operator only (bearer admin token or the session cookie that
// POST /admin/queues/login sets), the hub's real BullMQ queues discovered from Redis, and a 404
// problem when hub-api runs without Redis. The token never reaches a log line.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { redisConnectionOptions } from '@trellis/queue';
import { getRedis, type RedisHandle } from '@trellis/testkit';
import {
  ADMIN,
  ADMIN_TOKEN,
  createTenant,
  json,
  mintToken,
  startHarness,
  type Harness,
} from './support.ts';

interface BoardQueue {
  name: string;
  counts: Record<string, number>;
  readOnlyMode: boolean;
}

let redis: RedisHandle;
let h: Harness;
let bare: Harness;
let tenant: Record<string, string>;
const hubId = `board-${randomBytes(4).toString('hex')}`;
const queues: Queue[] = [];

beforeAll(async () => {
  redis = await getRedis();
  // Queues as the hub-controller creates them: prefix trellis:<hubId>, one per controller.
  for (const name of ['tenant', 'workloadcluster']) {
    queues.push(
      new Queue(name, {
        connection: redisConnectionOptions(redis.url),
        prefix: `trellis:${hubId}`,
      }),
    );
  }
  const [tenantQueue] = queues;
  await tenantQueue?.add('reconcile', { key: 'acme' }, { jobId: 'acme', delay: 60_000 });
  await tenantQueue?.add('reconcile', { key: 'globex' }, { jobId: 'globex', delay: 60_000 });
  await queues[1]?.waitUntilReady();
  h = await startHarness({ queueBoard: { redisUrl: redis.url, hubId } });
  bare = await startHarness();
  await createTenant(h, 'acme');
  tenant = { authorization: `Bearer ${await mintToken(h, 'acme')}` };
});
afterAll(async () => {
  for (const queue of queues) await queue.obliterate({ force: true }).catch(() => undefined);
  await Promise.all(queues.map((q) => q.close()));
  await h?.stop();
  await bare?.stop();
  await redis?.stop();
});

describe('queue board access', () => {
  it.each([
    ['GET', '/admin/queues/api/queues'],
    ['GET', '/admin/queues'],
    ['PUT', '/admin/queues/api/queues/tenant/pause'],
  ] as const)('%s %s answers 401 without a token', async (method, url) => {
    const response = await h.app.inject({ method, url });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(json(response).type).toBe('https://trellis.dev/problems/unauthorized');
  });

  it('answers 403 to a tenant token', async () => {
    const response = await h.app.inject({
      method: 'GET',
      url: '/admin/queues/api/queues',
      headers: tenant,
    });
    expect(response.statusCode).toBe(403);
    expect(json(response).type).toBe('https://trellis.dev/problems/forbidden');
  });

  it('sends a browser without a session to the login form', async () => {
    const response = await h.app.inject({
      method: 'GET',
      url: '/admin/queues',
      headers: { accept: 'text/html' },
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/admin/queues/login');
    const form = await h.app.inject({ method: 'GET', url: '/admin/queues/login' });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="token"');
  });

  it('serves the board UI to the admin token', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/admin/queues', headers: ADMIN });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('<base href="/admin/queues/" />');
    // Its assets are behind the same gate.
    const css = /href="(static\/css\/[^"]+)"/.exec(response.body)?.[1];
    expect(css).toBeDefined();
    const asset = `/admin/queues/${css}`;
    expect((await h.app.inject({ method: 'GET', url: asset })).statusCode).toBe(401);
    expect((await h.app.inject({ method: 'GET', url: asset, headers: ADMIN })).statusCode).toBe(
      200,
    );
  });
});

describe('queue board API', () => {
  it("lists the hub's queues with their jobs", async () => {
    const response = await h.app.inject({
      method: 'GET',
      url: '/admin/queues/api/queues?activeQueue=tenant&status=delayed&page=1',
      headers: ADMIN,
    });
    expect(response.statusCode).toBe(200);
    const body = json<{ queues: (BoardQueue & { jobs: { id: string }[] })[] }>(response);
    expect(body.queues.map((q) => q.name)).toEqual(['tenant', 'workloadcluster']);
    const tenantQueue = body.queues.find((q) => q.name === 'tenant');
    expect(tenantQueue?.counts.delayed).toBe(2);
    expect(tenantQueue?.jobs.map((j) => j.id).sort()).toEqual(['acme', 'globex']);
    // Read-only by default: the reconcile queues are rebuilt by resync, not edited by hand.
    expect(tenantQueue?.readOnlyMode).toBe(true);
  });

  it('refuses actions in read-only mode', async () => {
    const response = await h.app.inject({
      method: 'PUT',
      url: '/admin/queues/api/queues/tenant/pause',
      headers: ADMIN,
    });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(await queues[0]?.isPaused()).toBe(false);
  });
});

describe('queue board session cookie', () => {
  it('is set by POST /admin/queues/login with the admin token and opens the board', async () => {
    const login = await h.app.inject({
      method: 'POST',
      url: '/admin/queues/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ token: ADMIN_TOKEN }).toString(),
    });
    expect(login.statusCode).toBe(303);
    expect(login.headers.location).toBe('/admin/queues/');
    const setCookie = String(login.headers['set-cookie']);
    expect(setCookie).toMatch(/^trellis_queue_board=\d+\.[\w-]{43}; /);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Path=/admin/queues');
    expect(setCookie).not.toContain(ADMIN_TOKEN);
    const cookie = setCookie.split(';')[0] ?? '';

    const api = await h.app.inject({
      method: 'GET',
      url: '/admin/queues/api/queues',
      headers: { cookie },
    });
    expect(api.statusCode).toBe(200);
    expect(json<{ queues: BoardQueue[] }>(api).queues.map((q) => q.name)).toContain('tenant');
  });

  it('is refused to a tenant token and to a wrong token', async () => {
    const asTenant = await h.app.inject({
      method: 'POST',
      url: '/admin/queues/login',
      headers: tenant,
    });
    expect(asTenant.statusCode).toBe(403);
    expect(asTenant.headers['set-cookie']).toBeUndefined();
    const wrong = await h.app.inject({
      method: 'POST',
      url: '/admin/queues/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'token=not-the-admin-token-at-all',
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('rejects a forged or tampered cookie', async () => {
    const login = await h.app.inject({
      method: 'POST',
      url: '/admin/queues/login',
      headers: ADMIN,
    });
    expect(login.statusCode).toBe(204);
    const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
    const [name, value] = cookie.split('=');
    const [expires, mac] = (value ?? '').split('.');
    for (const forged of [
      `${name}=${Number(expires) + 3600}.${mac}`,
      `${name}=${expires}.${'A'.repeat(43)}`,
      `${name}=${ADMIN_TOKEN}`,
    ]) {
      const response = await h.app.inject({
        method: 'GET',
        url: '/admin/queues/api/queues',
        headers: { cookie: forged },
      });
      expect(response.statusCode).toBe(401);
    }
  });

  it('never writes the admin token to a log line', () => {
    expect(h.logs.length).toBeGreaterThan(0);
    expect(h.logs.filter((line) => line.includes(ADMIN_TOKEN))).toEqual([]);
  });
});

describe('queue board without Redis', () => {
  it('answers a 404 problem saying it is not configured, to the admin only', async () => {
    const anonymous = await bare.app.inject({ method: 'GET', url: '/admin/queues/api/queues' });
    expect(anonymous.statusCode).toBe(401);
    for (const url of ['/admin/queues', '/admin/queues/api/queues', '/admin/queues/login']) {
      const response = await bare.app.inject({ method: 'GET', url, headers: ADMIN });
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(json<{ detail: string }>(response).detail).toContain('not configured');
    }
  });
});
