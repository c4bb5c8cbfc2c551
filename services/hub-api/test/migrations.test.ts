// ClusterMigration and UpgradeSchedule routes against the kube-emulator: create/list/get/patch/
// delete, operations as spec edits (409 when the phase forbids them, simulated by writing status
// through the status subresource), immutability, 422 for bad plans, tenant scoping, OpenAPI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTER_MIGRATIONS, type ClusterMigration } from '../src/resources.ts';
import { ADMIN, createTenant, json, mintToken, startHarness, type Harness } from './support.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await createTenant(h, 'acme');
  await createTenant(h, 'other');
});
afterAll(async () => {
  await h.stop();
});

const spec = { fromCluster: 'blue', toCluster: 'green', services: { all: true } };

async function setPhase(name: string, phase: string): Promise<void> {
  const written = await h.mgmt.mergePatch<ClusterMigration>(
    CLUSTER_MIGRATIONS,
    { name, namespace: 'tenant-acme' },
    { status: { phase } },
    'status',
  );
  await h.app.hub.caches.migrations.untilObserved(written);
}

describe('migrations', () => {
  it('creates (202 + Location + progress), conflicts on a second create, lists and gets', async () => {
    const created = await h.app.inject({
      method: 'POST',
      url: '/v1/tenants/acme/migrations',
      headers: ADMIN,
      payload: { name: 'm1', spec },
    });
    expect(created.statusCode).toBe(202);
    expect(created.headers.location).toBe('/v1/tenants/acme/migrations/m1');
    expect(json(created)).toMatchObject({
      name: 'm1',
      tenant: 'acme',
      spec,
      status: { conditions: [] },
      progress: { phase: 'Pending', percentDone: 0, stepsTotal: 4, toPercent: 0 },
    });
    const again = await h.app.inject({
      method: 'POST',
      url: '/v1/tenants/acme/migrations',
      headers: ADMIN,
      payload: { name: 'm1', spec },
    });
    expect(again.statusCode).toBe(409);
    const list = await h.app.inject({ url: '/v1/tenants/acme/migrations', headers: ADMIN });
    expect(json<{ items: { name: string }[] }>(list).items.map((i) => i.name)).toEqual(['m1']);
    const one = await h.app.inject({ url: '/v1/tenants/acme/migrations/m1', headers: ADMIN });
    expect(one.statusCode).toBe(200);
  });

  it('fills a health gate given in part with the documented defaults', async () => {
    const created = await h.app.inject({
      method: 'POST',
      url: '/v1/tenants/acme/migrations',
      headers: ADMIN,
      payload: {
        name: 'gate-defaults',
        spec: {
          ...spec,
          services: { list: [{ namespace: 'shop', name: 'cart' }] },
          healthGate: { probe: { path: '/' } },
        },
      },
    });
    expect(created.statusCode, created.body).toBe(202);
    const stored = await h.mgmt.get<ClusterMigration>(CLUSTER_MIGRATIONS, {
      name: 'gate-defaults',
      namespace: 'tenant-acme',
    });
    expect(stored?.spec.healthGate).toMatchObject({
      minHealthyTargetRatio: 1,
      holdSeconds: 30,
      probe: { path: '/', expectedStatus: 200 },
    });
    const outOfRange = await h.app.inject({
      method: 'POST',
      url: '/v1/tenants/acme/migrations',
      headers: ADMIN,
      payload: { name: 'gate-bad', spec: { ...spec, healthGate: { minHealthyTargetRatio: 2 } } },
    });
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.body).toContain('minHealthyTargetRatio');
    await h.app.inject({
      method: 'DELETE',
      url: '/v1/tenants/acme/migrations/gate-defaults',
      headers: ADMIN,
    });
  });

  it('answers 422 for a bad plan, 400 for an unknown field, 404 for an unknown tenant', async () => {
    const bad = await h.app.inject({
      method: 'POST',
      url: '/v1/tenants/acme/migrations',
      headers: ADMIN,
      payload: {
        name: 'bad',
        spec: {
          ...spec,
          toCluster: 'blue',
          steps: [
            { weightPercent: 50, pauseSeconds: 0 },
            { weightPercent: 20, pauseSeconds: 0 },
          ],
        },
      },
    });
    expect(bad.statusCode).toBe(422);
    expect(json<{ errors: unknown[] }>(bad).errors.length).toBeGreaterThan(0);
    const unknown = await h.app.inject({
      method: 'POST',
      url: '/v1/tenants/acme/migrations',
      headers: ADMIN,
      payload: { name: 'u', spec: { ...spec, bogus: 1 } },
    });
    expect(unknown.statusCode).toBeGreaterThanOrEqual(400);
    expect(unknown.statusCode).toBeLessThan(500);
    const noTenant = await h.app.inject({
      method: 'POST',
      url: '/v1/tenants/nope/migrations',
      headers: ADMIN,
      payload: { name: 'm', spec },
    });
    expect(noTenant.statusCode).toBe(404);
  });

  it('refuses changes to fromCluster/toCluster/services (422) and allows steps edits', async () => {
    const immutable = await h.app.inject({
      method: 'PATCH',
      url: '/v1/tenants/acme/migrations/m1',
      headers: { ...ADMIN, 'content-type': 'application/merge-patch+json' },
      payload: { spec: { toCluster: 'red' } },
    });
    expect(immutable.statusCode).toBe(422);
    expect(json(immutable)).toMatchObject({ errors: [{ field: 'spec.toCluster' }] });
    const ok = await h.app.inject({
      method: 'PATCH',
      url: '/v1/tenants/acme/migrations/m1',
      headers: { ...ADMIN, 'content-type': 'application/merge-patch+json' },
      payload: { spec: { failurePolicy: 'Pause' } },
    });
    expect(ok.statusCode).toBe(202);
    expect(json(ok)).toMatchObject({ spec: { failurePolicy: 'Pause' } });
  });

  it('operations are spec edits; impossible ones are 409 with the operation error code', async () => {
    await setPhase('m1', 'Progressing');
    const pause = await h.app.inject({
      method: 'POST',
      url: '/v1/tenants/acme/migrations/m1/pause',
      headers: ADMIN,
    });
    expect(pause.statusCode).toBe(202);
    expect(json(pause)).toMatchObject({ spec: { paused: true } });
    const resume = await h.app.inject({
      method: 'POST',
      url: '/v1/tenants/acme/migrations/m1/resume',
      headers: ADMIN,
    });
    expect(json(resume)).toMatchObject({ spec: { paused: false, action: { type: 'Resume' } } });
    const promote = await h.app.inject({
      method: 'POST',
      url: '/v1/tenants/acme/migrations/m1/promote',
      headers: ADMIN,
    });
    expect(json(promote)).toMatchObject({ spec: { action: { type: 'Promote' } } });
    await setPhase('m1', 'Succeeded');
    const abort = await h.app.inject({
      method: 'POST',
      url: '/v1/tenants/acme/migrations/m1/abort',
      headers: ADMIN,
    });
    expect(abort.statusCode).toBe(409);
    expect(json(abort)).toMatchObject({ reason: 'AlreadyFinished' });
    const patched = await h.app.inject({
      method: 'PATCH',
      url: '/v1/tenants/acme/migrations/m1',
      headers: ADMIN,
      payload: { spec: { paused: true } },
    });
    expect(patched.statusCode).toBe(409);
    const bogus = await h.app.inject({
      method: 'POST',
      url: '/v1/tenants/acme/migrations/m1/explode',
      headers: ADMIN,
    });
    expect(bogus.statusCode).toBe(400);
  });

  it('tenant tokens touch only their own tenant', async () => {
    const token = await mintToken(h, 'other');
    const auth = { authorization: `Bearer ${token}` };
    const foreign = await h.app.inject({ url: '/v1/tenants/acme/migrations/m1', headers: auth });
    expect(foreign.statusCode).toBe(404);
    const own = await h.app.inject({
      method: 'POST',
      url: '/v1/tenants/other/migrations',
      headers: auth,
      payload: { name: 'mine', spec },
    });
    expect(own.statusCode).toBe(202);
  });

  it('deletes (202 or 204) and then 404s', async () => {
    const del = await h.app.inject({
      method: 'DELETE',
      url: '/v1/tenants/acme/migrations/m1',
      headers: ADMIN,
    });
    expect([202, 204]).toContain(del.statusCode);
    const gone = await h.app.inject({ url: '/v1/tenants/acme/migrations/m1', headers: ADMIN });
    expect(del.statusCode === 204 ? gone.statusCode : 404).toBe(404);
  });
});

describe('upgrade schedules', () => {
  const schedule = {
    cron: '0 3 * * Sat',
    timeZone: 'Europe/Paris',
    window: { days: ['Sat'], start: '02:00', end: '06:00' },
    migrationTemplate: { spec },
  };

  it('creates with next ticks and window state, suspends, resumes, patches, deletes', async () => {
    const created = await h.app.inject({
      method: 'POST',
      url: '/v1/tenants/acme/upgrade-schedules',
      headers: ADMIN,
      payload: { name: 'weekly', spec: schedule },
    });
    expect(created.statusCode).toBe(202);
    expect(created.headers.location).toBe('/v1/tenants/acme/upgrade-schedules/weekly');
    const view = json<{ nextTicks: string[]; windowOpen: boolean; suspended: boolean }>(created);
    expect(view.nextTicks).toHaveLength(3);
    expect(typeof view.windowOpen).toBe('boolean');
    expect(view.suspended).toBe(false);
    const suspend = await h.app.inject({
      method: 'POST',
      url: '/v1/tenants/acme/upgrade-schedules/weekly/suspend',
      headers: ADMIN,
    });
    expect(json(suspend)).toMatchObject({ suspended: true, spec: { suspend: true } });
    const resume = await h.app.inject({
      method: 'POST',
      url: '/v1/tenants/acme/upgrade-schedules/weekly/resume',
      headers: ADMIN,
    });
    expect(json(resume)).toMatchObject({ suspended: false });
    const badCron = await h.app.inject({
      method: 'PATCH',
      url: '/v1/tenants/acme/upgrade-schedules/weekly',
      headers: ADMIN,
      payload: { spec: { cron: 'every tuesday' } },
    });
    expect(badCron.statusCode).toBe(422);
    const list = await h.app.inject({ url: '/v1/tenants/acme/upgrade-schedules', headers: ADMIN });
    expect(json<{ items: unknown[] }>(list).items).toHaveLength(1);
    const del = await h.app.inject({
      method: 'DELETE',
      url: '/v1/tenants/acme/upgrade-schedules/weekly',
      headers: ADMIN,
    });
    expect([202, 204]).toContain(del.statusCode);
  });

  it('answers 422 for an invalid time zone', async () => {
    const bad = await h.app.inject({
      method: 'POST',
      url: '/v1/tenants/acme/upgrade-schedules',
      headers: ADMIN,
      payload: { name: 'bad', spec: { ...schedule, timeZone: 'Mars/Olympus' } },
    });
    expect(bad.statusCode).toBe(422);
  });

  it('the OpenAPI document lists the routes', async () => {
    const doc = json<{ paths: Record<string, unknown> }>(
      await h.app.inject({ url: '/openapi.json' }),
    );
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/tenants/{tenant}/migrations',
        '/v1/tenants/{tenant}/migrations/{name}',
        '/v1/tenants/{tenant}/migrations/{name}/{operation}',
        '/v1/tenants/{tenant}/upgrade-schedules',
        '/v1/tenants/{tenant}/upgrade-schedules/{name}/{operation}',
      ]),
    );
  });
});
