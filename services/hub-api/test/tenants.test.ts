import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tenant } from '../src/resources.ts';
import { TENANTS } from '../src/resources.ts';
import { ADMIN, createTenant, json, startHarness, tenantBody, type Harness } from './support.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

describe('tenants', () => {
  it('POST writes a Tenant CR and answers 202 with Location and a REST view', async () => {
    const response = await createTenant(h, 'acme');
    expect(response.statusCode).toBe(202);
    expect(response.headers.location).toBe('/v1/tenants/acme');
    const view = json(response);
    expect(view).toMatchObject({ name: 'acme', generation: 1, status: { conditions: [] } });
    expect(view).not.toHaveProperty('metadata');
    expect(view).not.toHaveProperty('apiVersion');
    const cr = await h.mgmt.get<Tenant>(TENANTS, { name: 'acme' });
    expect(cr?.spec.networkAccount.accountId).toBe('222222222222');
  });

  it('GET serves the status the controller wrote, with observedGeneration', async () => {
    const cr = await h.mgmt.get<Tenant>(TENANTS, { name: 'acme' });
    await h.mgmt.updateStatus(TENANTS, {
      ...cr,
      status: {
        observedGeneration: 1,
        namespace: 'tenant-acme',
        conditions: [
          {
            type: 'Ready',
            status: 'False',
            reason: 'RoleNotAssumable',
            message: 'fix the trust policy',
            lastTransitionTime: new Date().toISOString(),
          },
        ],
      },
    });
    await h.app.hub.caches.tenants.until(
      () => h.app.hub.caches.tenants.get('acme')?.status?.observedGeneration === 1,
    );
    const response = await h.app.inject({ method: 'GET', url: '/v1/tenants/acme', headers: ADMIN });
    expect(response.statusCode).toBe(200);
    expect(json(response)).toMatchObject({
      name: 'acme',
      observedGeneration: 1,
      status: {
        namespace: 'tenant-acme',
        conditions: [{ type: 'Ready', status: 'False', reason: 'RoleNotAssumable' }],
      },
    });
  });

  it('POST of an existing name is a 409 problem', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/v1/tenants',
      headers: ADMIN,
      payload: tenantBody('acme'),
    });
    expect(response.statusCode).toBe(409);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(json(response)).toMatchObject({
      type: 'https://trellis.dev/problems/conflict',
      status: 409,
      reason: 'AlreadyExists',
    });
  });

  it('PUT creates, then repeating it changes nothing (200, same generation)', async () => {
    const body = tenantBody('put-me');
    const first = await h.app.inject({
      method: 'PUT',
      url: '/v1/tenants/put-me',
      headers: ADMIN,
      payload: body,
    });
    expect(first.statusCode).toBe(202);
    expect(first.headers.location).toBe('/v1/tenants/put-me');
    const again = await h.app.inject({
      method: 'PUT',
      url: '/v1/tenants/put-me',
      headers: ADMIN,
      payload: body,
    });
    expect(again.statusCode).toBe(200);
    expect(json(again).generation).toBe(1);
    const changed = await h.app.inject({
      method: 'PUT',
      url: '/v1/tenants/put-me',
      headers: ADMIN,
      payload: { spec: { ...body.spec, displayName: 'Put Me' } },
    });
    expect(changed.statusCode).toBe(202);
    expect(json(changed)).toMatchObject({ generation: 2, spec: { displayName: 'Put Me' } });
    // replace, not merge: leaving displayName out removes it
    const replaced = await h.app.inject({
      method: 'PUT',
      url: '/v1/tenants/put-me',
      headers: ADMIN,
      payload: body,
    });
    expect(json(replaced).spec).not.toHaveProperty('displayName');
  });

  it('PUT with a body name that differs from the path is a 400', async () => {
    const response = await h.app.inject({
      method: 'PUT',
      url: '/v1/tenants/other',
      headers: ADMIN,
      payload: tenantBody('acme'),
    });
    expect(response.statusCode).toBe(400);
    expect(json(response).errors).toEqual([
      { field: 'name', message: expect.stringContaining('other') as string },
    ]);
  });

  it('PATCH merges into the spec, null removes, the result is validated in full', async () => {
    const patched = await h.app.inject({
      method: 'PATCH',
      url: '/v1/tenants/acme',
      headers: { ...ADMIN, 'content-type': 'application/merge-patch+json' },
      payload: JSON.stringify({
        spec: { displayName: 'ACME', serviceNetwork: { authType: 'AWS_IAM' } },
      }),
    });
    expect(patched.statusCode).toBe(202);
    expect(json(patched)).toMatchObject({
      generation: 2,
      spec: {
        displayName: 'ACME',
        serviceNetwork: { authType: 'AWS_IAM' },
        networkAccount: { accountId: '222222222222' },
      },
    });
    const removed = await h.app.inject({
      method: 'PATCH',
      url: '/v1/tenants/acme',
      headers: ADMIN,
      payload: { spec: { displayName: null } },
    });
    expect(removed.statusCode).toBe(202);
    expect(json(removed).spec).not.toHaveProperty('displayName');
    const bad = await h.app.inject({
      method: 'PATCH',
      url: '/v1/tenants/acme',
      headers: ADMIN,
      payload: {
        spec: {
          networkAccount: { roleArn: 'arn:aws:iam::999999999999:role/X', region: 'mars-1' },
          bogus: 1,
        },
      },
    });
    expect(bad.statusCode).toBe(400);
    const fields = (json(bad).errors as { field: string }[]).map((e) => e.field);
    expect(fields).toContain('spec.bogus');
    const unchanged = await h.app.inject({
      method: 'PATCH',
      url: '/v1/tenants/acme',
      headers: ADMIN,
      payload: { spec: {} },
    });
    expect(unchanged.statusCode).toBe(200);
  });

  it('PATCH reports semantic problems of the merged spec', async () => {
    const bad = await h.app.inject({
      method: 'PATCH',
      url: '/v1/tenants/acme',
      headers: ADMIN,
      payload: { spec: { networkAccount: { roleArn: 'arn:aws:iam::999999999999:role/X' } } },
    });
    expect(bad.statusCode).toBe(400);
    expect(json(bad).errors).toEqual([
      {
        field: 'spec.networkAccount.roleArn',
        message: 'names account 999999999999, but accountId is 222222222222',
      },
    ]);
  });

  it('Idempotency-Key: same key and body replays; same key, other body is a 409', async () => {
    const headers = { ...ADMIN, 'idempotency-key': 'create-globex-1' };
    const first = await h.app.inject({
      method: 'POST',
      url: '/v1/tenants',
      headers,
      payload: tenantBody('globex'),
    });
    expect(first.statusCode).toBe(202);
    const replay = await h.app.inject({
      method: 'POST',
      url: '/v1/tenants',
      headers,
      payload: tenantBody('globex'),
    });
    expect(replay.statusCode).toBe(202);
    expect(replay.body).toBe(first.body);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.headers.location).toBe('/v1/tenants/globex');
    const other = await h.app.inject({
      method: 'POST',
      url: '/v1/tenants',
      headers,
      payload: tenantBody('initech'),
    });
    expect(other.statusCode).toBe(409);
    expect(json(other).reason).toBe('IdempotencyKeyReused');
    // without the key, the same create is a conflict: the key is what makes retries safe
    const noKey = await h.app.inject({
      method: 'POST',
      url: '/v1/tenants',
      headers: ADMIN,
      payload: tenantBody('globex'),
    });
    expect(noKey.statusCode).toBe(409);
  });

  it('lists in name order, in pages with an opaque cursor', async () => {
    for (const name of ['p-3', 'p-1', 'p-2']) await createTenant(h, name);
    const all = json<{ items: { name: string }[] }>(
      await h.app.inject({ method: 'GET', url: '/v1/tenants', headers: ADMIN }),
    );
    const names = all.items.map((t) => t.name);
    expect(names).toEqual([...names].sort());
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const url = `/v1/tenants?limit=2${cursor !== undefined ? `&continue=${encodeURIComponent(cursor)}` : ''}`;
      const page = json<{ items: { name: string }[]; continue?: string }>(
        await h.app.inject({ method: 'GET', url, headers: ADMIN }),
      );
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((t) => t.name));
      cursor = page.continue;
      pages++;
    } while (cursor !== undefined);
    expect(seen).toEqual(names);
    expect(pages).toBe(Math.ceil(names.length / 2));
    const badCursor = await h.app.inject({
      method: 'GET',
      url: '/v1/tenants?continue=garbage',
      headers: ADMIN,
    });
    expect(badCursor.statusCode).toBe(400);
    const badLimit = await h.app.inject({
      method: 'GET',
      url: '/v1/tenants?limit=0',
      headers: ADMIN,
    });
    expect(badLimit.statusCode).toBe(400);
    expect(json(badLimit).errors).toEqual([
      { field: 'limit', message: expect.any(String) as string },
    ]);
  });

  it('DELETE removes the tenant (204 when gone) and a second DELETE is a 404', async () => {
    await createTenant(h, 'short-lived');
    const deleted = await h.app.inject({
      method: 'DELETE',
      url: '/v1/tenants/short-lived',
      headers: ADMIN,
    });
    expect(deleted.statusCode).toBe(204);
    const again = await h.app.inject({
      method: 'DELETE',
      url: '/v1/tenants/short-lived',
      headers: ADMIN,
    });
    expect(again.statusCode).toBe(404);
    const get = await h.app.inject({
      method: 'GET',
      url: '/v1/tenants/short-lived',
      headers: ADMIN,
    });
    expect(get.statusCode).toBe(404);
  });

  it('DELETE of a tenant held by a finalizer answers 202 with deletingSince', async () => {
    await createTenant(h, 'held');
    await h.mgmt.mergePatch(
      TENANTS,
      { name: 'held' },
      { metadata: { finalizers: ['trellis.dev/tenant-cleanup'] } },
    );
    const deleted = await h.app.inject({
      method: 'DELETE',
      url: '/v1/tenants/held',
      headers: ADMIN,
    });
    expect(deleted.statusCode).toBe(202);
    expect(deleted.headers.location).toBe('/v1/tenants/held');
    expect(json(deleted).deletingSince).toEqual(expect.any(String));
    const addCluster = await h.app.inject({
      method: 'POST',
      url: '/v1/tenants/held/tokens',
      headers: ADMIN,
      payload: { name: 'late' },
    });
    expect(addCluster.statusCode).toBe(409);
    await h.mgmt.mergePatch(TENANTS, { name: 'held' }, { metadata: { finalizers: null } });
  });
});
