// The management cluster misbehaving: readiness reports it, failed writes are 503 problems
// (not the client's fault, never a stack trace), and everything recovers when it heals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTenant, json, startHarness, tenantBody, type Harness } from './support.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await createTenant(h, 'acme');
});
afterAll(async () => {
  await h.stop();
});

describe('an unreachable management cluster', () => {
  it('makes /readyz 503 and writes 503 problems, while cached reads keep working', async () => {
    const faults = h.kube.faults('mgmt');
    faults.partition('reset');
    try {
      await h.app.hub.caches.tenants.until(
        () => !h.app.hub.caches.tenants.collection.connected,
        10_000,
      );
      const ready = await h.app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(json(ready)).toMatchObject({ ready: false });
      expect((await h.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      const read = await h.app.inject({ method: 'GET', url: '/v1/tenants/acme', headers: ADMIN });
      expect(read.statusCode).toBe(200);
      const write = await h.app.inject({
        method: 'POST',
        url: '/v1/tenants',
        headers: ADMIN,
        payload: tenantBody('during-partition'),
      });
      expect(write.statusCode).toBe(503);
      expect(json(write).type).toBe('https://trellis.dev/problems/dependency-unavailable');
      expect(write.body).not.toMatch(/\.ts:\d+/);
    } finally {
      faults.heal();
    }
    const healed = await h.app.hub.caches.tenants.until(
      () => h.app.hub.caches.readiness().ready,
      20_000,
    );
    expect(healed).toBe(true);
    expect((await h.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });

  it('a 500 from the API server is a 503 problem, and the retry succeeds', async () => {
    h.kube.faults('mgmt').failNext(1, 500, { verb: 'create', resource: 'tenants' });
    const failed = await h.app.inject({
      method: 'POST',
      url: '/v1/tenants',
      headers: ADMIN,
      payload: tenantBody('flaky'),
    });
    expect(failed.statusCode).toBe(503);
    const retried = await h.app.inject({
      method: 'POST',
      url: '/v1/tenants',
      headers: ADMIN,
      payload: tenantBody('flaky'),
    });
    expect(retried.statusCode).toBe(202);
  });
});
