// Active health checks seen through the control plane (ListTargets) and the traffic: a target
// failing its health path goes UNHEALTHY and gets nothing, and comes back when fixed; matcher
// ranges; targets of unused groups are not probed; draining targets get no new requests.
import { DeregisterTargetsCommand, ListTargetsCommand } from '@aws-sdk/client-vpc-lattice';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { World } from './data-plane-harness.ts';
import { forwardTo, startWorld, tally } from './data-plane-harness.ts';

async function eventually(
  check: () => Promise<boolean> | boolean,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('Lattice data plane: health checks', () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld();
  });

  afterAll(async () => {
    await world?.close();
  });

  it('takes a target failing its health check out of service and puts it back when fixed', async () => {
    const sn = await world.serviceNetwork('health-network');
    const svc = await world.service('payments', sn.id);
    const good = await world.pod('good');
    const flaky = await world.pod('flaky');
    flaky.healthStatus = 500;
    const group = await world.targetGroup('payments', [good, flaky]);
    await world.listener(svc.id, forwardTo({ id: group.id }));

    const statusOf = async (port: number) => {
      const out = await world.lattice.send(
        new ListTargetsCommand({ targetGroupIdentifier: group.id }),
      );
      return out.items?.find((t) => t.port === port);
    };
    await eventually(async () => (await statusOf(good.port))?.status === 'HEALTHY');
    await eventually(async () => (await statusOf(flaky.port))?.status === 'UNHEALTHY');
    expect((await statusOf(flaky.port))?.reasonCode).toBe('Target.ResponseCodeMismatch');
    expect(tally(await world.sendMany(svc.dnsName, 60))).toEqual({ good: 60 });

    flaky.healthStatus = 200;
    await eventually(async () => (await statusOf(flaky.port))?.status === 'HEALTHY');
    const counts = tally(await world.sendMany(svc.dnsName, 60));
    // round-robin over the two healthy targets
    expect(counts['good']).toBeGreaterThanOrEqual(20);
    expect(counts['flaky']).toBeGreaterThanOrEqual(20);

    // a healthy target that starts failing leaves after unhealthyThresholdCount failures
    good.healthStatus = 503;
    await eventually(async () => (await statusOf(good.port))?.status === 'UNHEALTHY');
    expect(tally(await world.sendMany(svc.dnsName, 30))).toEqual({ flaky: 30 });

    // no healthy target at all: 503, not fail-open (Lattice routes only to healthy targets)
    flaky.healthStatus = 500;
    await eventually(async () => (await statusOf(flaky.port))?.status === 'UNHEALTHY');
    expect((await world.send(svc.dnsName, '/')).status).toBe(503);
  });

  it('accepts any status in the matcher range and probes the configured path only', async () => {
    const sn = await world.serviceNetwork('matcher-network', { associateVpc: false });
    const svc = await world.service('reports', sn.id);
    const pod = await world.pod('reports');
    pod.healthStatus = 204;
    const strict = await world.targetGroup('reports-strict', [pod]);
    const ranged = await world.targetGroup('reports-ranged', [pod], {
      healthCheck: {
        enabled: true,
        path: '/healthz',
        healthCheckIntervalSeconds: 5,
        matcher: { httpCode: '200-299' },
      },
    });
    await world.listener(
      svc.id,
      forwardTo({ id: strict.id, weight: 1 }, { id: ranged.id, weight: 1 }),
    );
    await world.waitForTargets(ranged.id, 'HEALTHY');
    await world.waitForTargets(strict.id, 'UNHEALTHY');
    expect(pod.served).toBe(0);
  });

  it('does not probe targets of a group no listener uses (UNUSED)', async () => {
    const idle = await world.pod('idle');
    const group = await world.targetGroup('idle-group', [idle]);
    await world.waitForTargets(group.id, 'UNUSED');
    await new Promise((r) => setTimeout(r, 500)); // five scaled intervals
    expect(idle.healthChecks).toBe(0);
  });

  it('sends no new requests to a draining target', async () => {
    world.aws.faults.consistencyDelay({
      service: 'vpc-lattice',
      operation: 'DeregisterTargets',
      delayMs: 60_000,
    });
    const sn = await world.serviceNetwork('drain-network', { associateVpc: false });
    const svc = await world.service('search', sn.id);
    const staying = await world.pod('staying');
    const leaving = await world.pod('leaving');
    const group = await world.targetGroup('search', [staying, leaving]);
    await world.listener(svc.id, forwardTo({ id: group.id }));
    await world.waitForTargets(group.id, 'HEALTHY');
    await world.lattice.send(
      new DeregisterTargetsCommand({
        targetGroupIdentifier: group.id,
        targets: [{ id: '127.0.0.1', port: leaving.port }],
      }),
    );
    const out = await world.lattice.send(
      new ListTargetsCommand({ targetGroupIdentifier: group.id }),
    );
    expect(out.items?.find((t) => t.port === leaving.port)?.status).toBe('DRAINING');
    expect(tally(await world.sendMany(svc.dnsName, 20))).toEqual({ staying: 20 });
  });
});
