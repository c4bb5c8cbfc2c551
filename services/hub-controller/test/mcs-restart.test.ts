// A hub restart on the emulators: the last export seen in each cluster is persisted on the
// MultiClusterService read model and restored at start, so a hub that comes back while a cluster
// is unreachable keeps serving that cluster exactly as it was (no black hole), while an export
// deleted during the downtime is cleaned up (finalizer) and only its target group goes.
import { latticeServiceName, listenerName, targetGroupName } from '@trellis/core';
import { ServiceExports } from '@trellis/kube';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKLOAD_CLUSTERS, type WorkloadCluster } from '../src/index.ts';
import { condition, waitFor } from './support.ts';
import {
  exportOf,
  exportService,
  forwardsOf,
  importOf,
  latticeServiceNamed,
  NAMESPACE,
  readModelOf,
  serve,
  startMcsWorld,
  targetGroupsByName,
  targetsOf,
  TENANT,
  waitForConditions,
  type McsWorld,
  type ForeignResources,
  plantForeignResources,
  expectForeignIntact,
} from './mcs-support.ts';

const NAME = 'inventory';
const SERVICE = latticeServiceName(NAMESPACE, NAME);
const HTTP = listenerName('http', 80);
const BLUE_TG = targetGroupName('blue', NAMESPACE, NAME, 80);
const GREEN_TG = targetGroupName('green', NAMESPACE, NAME, 80);

describe('multi-cluster services: across a hub restart', () => {
  let w: McsWorld;
  let dns: string | undefined;

  let foreign: ForeignResources;

  beforeAll(async () => {
    w = await startMcsWorld();
    foreign = await plantForeignResources(w, 'handmade');
  }, 120_000);
  afterAll(async () => {
    w?.h.world.kube.faults('green').heal();
    await w?.stop();
  });

  const connected = (name: string) =>
    w.h.mgmt
      .get<WorkloadCluster>(WORKLOAD_CLUSTERS, { name, namespace: `tenant-${TENANT}` })
      .then((c) => condition(c, 'Connected')?.status);

  it('exports inventory from blue and green and records both on the read model', async () => {
    await serve(w.member.blue, NAME, {
      ports: [{ name: 'http', port: 80, targetPort: 8080 }],
      ips: ['10.1.0.1', '10.1.0.2'],
    });
    await serve(w.member.green, NAME, {
      ports: [{ name: 'http', port: 80, targetPort: 8080 }],
      ips: ['10.2.0.1'],
    });
    await exportService(w.member.blue, NAME);
    await exportService(w.member.green, NAME);
    for (const cluster of ['blue', 'green'])
      await waitForConditions(w.member[cluster], NAME, { Ready: ['True'] }, `${cluster} Ready`);
    const model = await waitFor(
      async () => {
        const m = await readModelOf(w.h, NAME);
        return m?.status?.lastSeenExports?.length === 2 ? m : undefined;
      },
      20_000,
      'read model with both last-seen exports',
    );
    const seen = model.status!.lastSeenExports as { cluster: string; endpoints: unknown[] }[];
    expect(seen.map((e) => [e.cluster, e.endpoints.length])).toEqual([
      ['blue', 2],
      ['green', 1],
    ]);
    dns = model.status?.latticeService?.dnsName;
    expect(dns).toBeDefined();
    expect(await forwardsOf(w.lattice, SERVICE)).toEqual({
      [HTTP]: { [BLUE_TG]: 100, [GREEN_TG]: 100 },
    });
  }, 60_000);

  it('while the hub is down, green becomes unreachable and blue unexports', async () => {
    await w.stopHub();
    w.h.world.kube.faults('green').partition();
    await w.member.blue.delete(ServiceExports, { name: NAME, namespace: NAMESPACE });
    // held by the finalizer until a hub cleans up
    expect((await exportOf(w.member.blue, NAME))?.metadata?.deletionTimestamp).toBeDefined();
    await w.startHub();
  }, 60_000);

  it('the restarted hub keeps green as last seen and removes only blue', async () => {
    await waitFor(
      async () => ((await connected('green')) === 'False' ? true : undefined),
      30_000,
      'green Connected=False',
    );
    await waitFor(
      async () => ((await exportOf(w.member.blue, NAME)) === undefined ? true : undefined),
      30_000,
      "blue's export released",
    );
    await waitFor(
      async () => ((await targetGroupsByName(w.lattice)).has(BLUE_TG) ? undefined : true),
      20_000,
      "blue's target group deleted",
    );
    // green, never seen by this process, still serves from what the read model remembered
    const forwards = await waitFor(
      async () => {
        const f = await forwardsOf(w.lattice, SERVICE);
        return f !== undefined && Object.keys(f[HTTP] ?? {}).length === 1 ? f : undefined;
      },
      20_000,
      'listener with green only',
    );
    expect(forwards).toEqual({ [HTTP]: { [GREEN_TG]: 100 } });
    expect(await targetsOf(w.lattice, GREEN_TG)).toEqual(['10.2.0.1:8080']);
    expect((await latticeServiceNamed(w.lattice, SERVICE))?.dnsEntry?.domainName).toBe(dns);
    const model = await waitFor(
      async () => {
        const m = await readModelOf(w.h, NAME);
        return m?.status?.unreachableClusters?.includes('green') && m.status.clusters?.length === 1
          ? m
          : undefined;
      },
      20_000,
      'read model: green unreachable, blue gone',
    );
    expect(model.status?.clusters?.[0]).toMatchObject({
      name: 'green',
      reachable: false,
      weight: 100,
    });
    expect(condition(model, 'Degraded')).toMatchObject({
      status: 'True',
      reason: 'ClusterUnreachable',
    });
    expect((model.status?.lastSeenExports as { cluster: string }[]).map((e) => e.cluster)).toEqual([
      'green',
    ]);
    const si = await waitFor(
      async () => {
        const s = await importOf(w.member.client, NAME);
        return s?.status?.clusters?.length === 1 ? s : undefined;
      },
      20_000,
      'import with green only',
    );
    expect(si.status?.clusters).toEqual([{ cluster: 'green' }]);
  }, 90_000);

  it('green coming back is Ready again, with its target group untouched', async () => {
    const before = (await targetGroupsByName(w.lattice)).get(GREEN_TG)?.id;
    w.h.world.kube.faults('green').heal();
    await waitForConditions(
      w.member.green,
      NAME,
      { Ready: ['True', 'Ready'], Degraded: ['False'] },
      'green Ready, not degraded',
      30_000,
    );
    expect((await targetGroupsByName(w.lattice)).get(GREEN_TG)?.id).toBe(before);
    expect(await forwardsOf(w.lattice, SERVICE)).toEqual({ [HTTP]: { [GREEN_TG]: 100 } });
    const model = await waitFor(
      async () => {
        const m = await readModelOf(w.h, NAME);
        return m?.status?.unreachableClusters?.length === 0 ? m : undefined;
      },
      20_000,
      'read model: nothing unreachable',
    );
    expect(model.status?.clusters?.[0]).toMatchObject({ name: 'green', reachable: true });
  }, 60_000);

  it('an export deleted before its cluster became unreachable is cleaned up once it is back', async () => {
    await exportService(w.member.blue, NAME);
    await waitFor(
      async () =>
        JSON.stringify(await forwardsOf(w.lattice, SERVICE)) ===
          JSON.stringify({ [HTTP]: { [BLUE_TG]: 100, [GREEN_TG]: 100 } }) || undefined,
      20_000,
      'blue and green forwarded again',
    );
    await w.stopHub();
    await w.member.green.delete(ServiceExports, { name: NAME, namespace: NAMESPACE });
    w.h.world.kube.faults('green').partition();
    await w.startHub();
    await waitFor(
      async () => ((await connected('green')) === 'False' ? true : undefined),
      30_000,
      'green Connected=False',
    );
    // the hub cannot see the deletion: green stays as last seen, nothing of it is removed
    await new Promise((r) => setTimeout(r, 2_500));
    expect(await forwardsOf(w.lattice, SERVICE)).toEqual({
      [HTTP]: { [BLUE_TG]: 100, [GREEN_TG]: 100 },
    });
    w.h.world.kube.faults('green').heal();
    await waitFor(
      async () => ((await exportOf(w.member.green, NAME)) === undefined ? true : undefined),
      30_000,
      "green's export released",
    );
    await waitFor(
      async () => ((await targetGroupsByName(w.lattice)).has(GREEN_TG) ? undefined : true),
      20_000,
      "green's target group deleted",
    );
    expect(await forwardsOf(w.lattice, SERVICE)).toEqual({ [HTTP]: { [BLUE_TG]: 100 } });
    await waitFor(
      async () =>
        JSON.stringify((await importOf(w.member.client, NAME))?.status?.clusters) ===
          JSON.stringify([{ cluster: 'blue' }]) || undefined,
      20_000,
      'import with blue only',
    );
  }, 120_000);

  it('left every resource without Trellis tags alone', async () => {
    await expectForeignIntact(w, foreign);
  });
});
