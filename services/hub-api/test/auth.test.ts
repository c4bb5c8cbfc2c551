// Admin and tenant tokens: tenant tokens see and change only their own tenant; another tenant's
// things are 404 (indistinguishable from absent); tokens are stored only as hashes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreResources } from '@trellis/kube';
import type { Secret } from '../src/resources.ts';
import {
  ADMIN,
  ADMIN_TOKEN,
  createTenant,
  eksClusterBody,
  json,
  mintToken,
  startHarness,
  tenantBody,
  type Harness,
} from './support.ts';

let h: Harness;
let acme: Record<string, string>;
let globex: Record<string, string>;
let acmeToken: string;

beforeAll(async () => {
  h = await startHarness();
  await createTenant(h, 'acme');
  await createTenant(h, 'globex');
  acmeToken = await mintToken(h, 'acme');
  acme = { authorization: `Bearer ${acmeToken}` };
  globex = { authorization: `Bearer ${await mintToken(h, 'globex')}` };
  for (const [tenant, cluster] of [
    ['acme', 'blue'],
    ['globex', 'red'],
  ] as const) {
    const r = await h.app.inject({
      method: 'POST',
      url: `/v1/tenants/${tenant}/clusters`,
      headers: ADMIN,
      payload: eksClusterBody(cluster),
    });
    expect(r.statusCode).toBe(202);
  }
});
afterAll(async () => {
  await h.stop();
});

describe('authentication', () => {
  it.each([
    ['no token', {}],
    ['an empty bearer', { authorization: 'Bearer ' }],
    ['a wrong admin token', { authorization: `Bearer ${ADMIN_TOKEN}x` }],
    [
      'basic auth',
      { authorization: `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64')}` },
    ],
    ['a forged tenant token', { authorization: `Bearer trls_acme_${'0'.repeat(52)}` }],
  ])('%s is a 401 problem on every /v1 route', async (_what, headers) => {
    for (const [method, url] of [
      ['GET', '/v1/tenants'],
      ['POST', '/v1/tenants'],
      ['GET', '/v1/tenants/acme'],
      ['PUT', '/v1/tenants/acme'],
      ['PATCH', '/v1/tenants/acme'],
      ['DELETE', '/v1/tenants/acme'],
      ['GET', '/v1/tenants/acme/clusters'],
      ['POST', '/v1/tenants/acme/clusters'],
      ['GET', '/v1/tenants/acme/clusters/blue'],
      ['DELETE', '/v1/tenants/acme/clusters/blue'],
      ['GET', '/v1/tenants/acme/tokens'],
      ['POST', '/v1/tenants/acme/tokens'],
      ['DELETE', '/v1/tenants/acme/tokens/0123456789ab'],
      ['GET', '/v1/nothing-here'],
    ] as const) {
      const response = await h.app.inject({
        method,
        url,
        headers,
        payload: method === 'GET' || method === 'DELETE' ? undefined : {},
      });
      expect(response.statusCode, `${method} ${url}`).toBe(401);
      expect(response.headers['www-authenticate']).toContain('Bearer');
      expect(json(response).type).toBe('https://trellis.dev/problems/unauthorized');
    }
  });

  it('health, readiness, metrics and docs need no token', async () => {
    for (const url of ['/healthz', '/readyz', '/metrics', '/openapi.json', '/docs']) {
      const response = await h.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBeLessThan(400);
    }
  });
});

describe('tenant tokens', () => {
  it('see only their own tenant in lists', async () => {
    const list = json<{ items: { name: string }[] }>(
      await h.app.inject({ method: 'GET', url: '/v1/tenants', headers: acme }),
    );
    expect(list.items.map((t) => t.name)).toEqual(['acme']);
    const all = json<{ items: { name: string }[] }>(
      await h.app.inject({ method: 'GET', url: '/v1/tenants', headers: ADMIN }),
    );
    expect(all.items.map((t) => t.name)).toEqual(['acme', 'globex']);
  });

  it('read and manage their own clusters and tokens', async () => {
    expect(
      (await h.app.inject({ method: 'GET', url: '/v1/tenants/acme', headers: acme })).statusCode,
    ).toBe(200);
    const clusters = json<{ items: { name: string }[] }>(
      await h.app.inject({ method: 'GET', url: '/v1/tenants/acme/clusters', headers: acme }),
    );
    expect(clusters.items.map((c) => c.name)).toEqual(['blue']);
    const created = await h.app.inject({
      method: 'POST',
      url: '/v1/tenants/acme/clusters',
      headers: acme,
      payload: eksClusterBody('green'),
    });
    expect(created.statusCode).toBe(202);
    const removed = await h.app.inject({
      method: 'DELETE',
      url: '/v1/tenants/acme/clusters/green',
      headers: acme,
    });
    expect([202, 204]).toContain(removed.statusCode);
  });

  it('get 404 — not 403 — for everything of another tenant, exactly like a missing tenant', async () => {
    for (const [method, url, payload] of [
      ['GET', '/v1/tenants/globex', undefined],
      ['GET', '/v1/tenants/globex/clusters', undefined],
      ['GET', '/v1/tenants/globex/clusters/red', undefined],
      ['DELETE', '/v1/tenants/globex/clusters/red', undefined],
      ['POST', '/v1/tenants/globex/clusters', eksClusterBody('sneaky')],
      ['GET', '/v1/tenants/globex/tokens', undefined],
      ['POST', '/v1/tenants/globex/tokens', { name: 'sneaky' }],
      ['PUT', '/v1/tenants/globex', tenantBody('globex')],
      ['PATCH', '/v1/tenants/globex', { spec: {} }],
      ['DELETE', '/v1/tenants/globex', undefined],
    ] as const) {
      const other = await h.app.inject({
        method,
        url,
        headers: acme,
        ...(payload !== undefined ? { payload } : {}),
      });
      const missing = await h.app.inject({
        method,
        url: url.replace('globex', 'no-such-tenant'),
        headers: acme,
        ...(payload !== undefined ? { payload } : {}),
      });
      expect(other.statusCode, `${method} ${url}`).toBe(404);
      expect(missing.statusCode).toBe(404);
      expect(json(other).type).toBe(json(missing).type);
    }
    // and nothing of globex changed
    const red = await h.app.inject({
      method: 'GET',
      url: '/v1/tenants/globex/clusters/red',
      headers: globex,
    });
    expect(red.statusCode).toBe(200);
    expect(json(red).deletingSince).toBeUndefined();
  });

  it('cannot create, replace, patch or delete tenants (403 on their own)', async () => {
    const create = await h.app.inject({
      method: 'POST',
      url: '/v1/tenants',
      headers: acme,
      payload: tenantBody('mine'),
    });
    expect(create.statusCode).toBe(403);
    expect(json(create).type).toBe('https://trellis.dev/problems/forbidden');
    for (const [method, payload] of [
      ['PUT', tenantBody('acme')],
      ['PATCH', { spec: {} }],
      ['DELETE', undefined],
    ] as const) {
      const response = await h.app.inject({
        method,
        url: '/v1/tenants/acme',
        headers: acme,
        ...(payload !== undefined ? { payload } : {}),
      });
      expect(response.statusCode, method).toBe(403);
    }
  });

  it('are stored only as SHA-256 hashes, in labelled Secrets of the tenant namespace', async () => {
    const secrets = await h.mgmt.list<Secret>(CoreResources.secrets, {
      namespace: 'tenant-acme',
      labelSelector: 'trellis.dev/tenant-token=true',
    });
    expect(secrets.items.length).toBeGreaterThan(0);
    const raw = JSON.stringify(secrets.items);
    expect(raw).not.toContain(acmeToken);
    expect(raw).not.toContain(Buffer.from(acmeToken).toString('base64'));
    const secret = acmeToken.slice(-40);
    expect(raw).not.toContain(secret);
    const { createHash } = await import('node:crypto');
    const digest = createHash('sha256').update(acmeToken).digest('hex');
    expect(
      secrets.items.map((s) => Buffer.from(s.data?.sha256 ?? '', 'base64').toString()),
    ).toContain(digest);
  });

  it('list ids, names and creation times, never the token', async () => {
    const response = await h.app.inject({
      method: 'GET',
      url: '/v1/tenants/acme/tokens',
      headers: acme,
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain(acmeToken);
    expect(response.body).not.toContain('trls_');
    const items = json<{ items: Record<string, unknown>[] }>(response).items;
    expect(items[0]).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{12}$/) as string,
      name: 'ci',
      tenant: 'acme',
      createdAt: expect.any(String) as string,
    });
  });

  it('once revoked, stop working at once', async () => {
    const token = await mintToken(h, 'acme', 'temporary');
    const headers = { authorization: `Bearer ${token}` };
    expect(
      (await h.app.inject({ method: 'GET', url: '/v1/tenants/acme', headers })).statusCode,
    ).toBe(200);
    const id = token.slice('trls_acme_'.length, 'trls_acme_'.length + 12);
    const revoked = await h.app.inject({
      method: 'DELETE',
      url: `/v1/tenants/acme/tokens/${id}`,
      headers: acme,
    });
    expect(revoked.statusCode).toBe(204);
    expect(
      (await h.app.inject({ method: 'GET', url: '/v1/tenants/acme', headers })).statusCode,
    ).toBe(401);
    // a token of another tenant cannot be revoked through this tenant's path
    const globexId =
      globex.authorization?.slice(
        'Bearer trls_globex_'.length,
        'Bearer trls_globex_'.length + 12,
      ) ?? '';
    expect(
      (
        await h.app.inject({
          method: 'DELETE',
          url: `/v1/tenants/acme/tokens/${globexId}`,
          headers: acme,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await h.app.inject({ method: 'GET', url: '/v1/tenants/globex', headers: globex }))
        .statusCode,
    ).toBe(200);
  });

  it('mint responses are not cacheable and carry the token once', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/v1/tenants/acme/tokens',
      headers: acme,
      payload: { name: 'deploy' },
    });
    expect(response.statusCode).toBe(201);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(json(response)).toMatchObject({
      name: 'deploy',
      tenant: 'acme',
      token: expect.stringMatching(/^trls_acme_/) as string,
    });
  });
});
