// The hub under stress: AWS throttling and errors, a flushed Redis, a controller restarted
// mid-onboarding. Each must converge to the same end state with no duplicate AWS resources.
import { createConnection } from 'node:net';
import { ListServiceNetworksCommand } from '@aws-sdk/client-vpc-lattice';
import { DEMO } from '@trellis/testbed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TENANTS, type Tenant } from '../src/index.ts';
import {
  condition,
  demoTenant,
  latticeAs,
  startHarness,
  waitFor,
  type Harness,
} from './support.ts';

async function tenantReady(h: Harness, name: string, timeoutMs = 30_000): Promise<Tenant> {
  return waitFor(
    async () => {
      const t = await h.mgmt.get<Tenant>(TENANTS, { name });
      return condition(t, 'Ready')?.status === 'True' ? t : undefined;
    },
    timeoutMs,
    `tenant ${name} Ready`,
  );
}

async function networksNamed(h: Harness, name: string): Promise<number> {
  const out = await latticeAs(h.world, DEMO.networkAccount).send(
    new ListServiceNetworksCommand({ maxResults: 100 }),
  );
  return (out.items ?? []).filter((n) => n.name === name).length;
}

function flushRedis(url: string): Promise<void> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: hostname, port: Number(port) }, () =>
      socket.write('FLUSHALL\r\n'),
    );
    socket.once('data', (data) => {
      socket.destroy();
      if (data.toString().startsWith('+OK')) resolve();
      else reject(new Error(`FLUSHALL answered ${data.toString()}`));
    });
    socket.once('error', reject);
  });
}

describe('hub resilience', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  }, 60_000);
  afterAll(async () => {
    await h.stop();
  });

  it('converges through AWS throttling and server errors without duplicate resources', async () => {
    // more throttles than the SDK's own retries, so the queue's backoff has to carry it
    h.world.aws.faults.throttle({ service: 'vpc-lattice', count: 6 });
    h.world.aws.faults.fail({
      service: 'ram',
      operation: 'CreateResourceShare',
      count: 2,
      status: 500,
    });
    await h.mgmt.create(TENANTS, demoTenant('throttled'));
    await tenantReady(h, 'throttled', 45_000);
    expect(await networksNamed(h, 'trellis-throttled')).toBe(1);
    const throttled = h.world.aws.calls
      .list({ service: 'vpc-lattice' })
      .filter((c) => c.status === 429);
    expect(throttled.length).toBeGreaterThanOrEqual(6);
  }, 60_000);

  it('rebuilds its queues after Redis is flushed mid-run', async () => {
    await h.mgmt.create(TENANTS, demoTenant('flushed'));
    await flushRedis(h.redis.url);
    const tenant = await tenantReady(h, 'flushed');
    expect(tenant.status?.serviceNetwork?.name).toBe('trellis-flushed');
    expect(await networksNamed(h, 'trellis-flushed')).toBe(1);
  }, 60_000);

  it('picks up where it left off after the controller restarts mid-onboarding', async () => {
    // slow AWS down so the stop lands while the tenant is being onboarded
    const slow = h.world.aws.faults.latency({ service: 'vpc-lattice', latencyMs: 300 });
    await h.mgmt.create(TENANTS, demoTenant('restarted'));
    await waitFor(
      () => h.world.aws.calls.list({ operation: 'ListServiceNetworks' }).length > 0 || undefined,
      10_000,
      'onboarding started',
    );
    await h.manager.stop();
    h.world.aws.faults.remove(slow.id);
    const successor = await h.startManager();
    // the stopped manager's in-flight reconcile may finish the onboarding before the successor
    // holds the Lease: wait for the successor to lead, then for the tenant
    await waitFor(() => successor.isLeader || undefined, 30_000, 'successor leads');
    await tenantReady(h, 'restarted');
    expect(await networksNamed(h, 'trellis-restarted')).toBe(1);
  }, 90_000);
});
