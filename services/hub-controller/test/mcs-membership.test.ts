// Member clusters and accounts changing under exported services, on the emulators: removing a
// cluster from the tenant removes exactly its target group (the others keep serving, imports
// follow); when the winning export moves to another account, or the Lattice service name changes,
// a new Lattice service serves and the retired one is removed; and hand-made resources without
// Trellis's tags in the same service network survive all of it.
import { DEMO, demoSeed } from '@trellis/testbed';
import type { Seed } from '@trellis/aws-emulator';
import {
  latticeServiceName,
  listenerName,
  MCS_ANNOTATIONS,
  SERVICE_IMPORT_ANNOTATIONS,
  targetGroupName,
} from '@trellis/core';
import { ServiceExports, ServiceImports } from '@trellis/kube';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKLOAD_CLUSTERS, type WorkloadCluster } from '../src/index.ts';
import { condition, latticeAs, waitFor } from './support.ts';
import {
  addMember,
  clusterReady,
  exportOf,
  exportService,
  expectForeignIntact,
  forwardsOf,
  importOf,
  latticeServiceNamed,
  mutatingCallsSince,
  NAMESPACE,
  plantForeignResources,
  readModelOf,
  serve,
  startMcsWorld,
  targetGroupsByName,
  targetsOf,
  TENANT,
  waitForConditions,
  type ForeignResources,
  type McsWorld,
} from './mcs-support.ts';

/** A fourth cluster, red, in an AWS account of its own. */
const RED = {
  account: '444444444444',
  roleArn: 'arn:aws:iam::444444444444:role/TrellisClusterAdmin',
  externalId: 'acme-red-5e8a1c',
  vpc: 'vpc-0fed0000000000004',
};

function seedWithRed(): Seed {
  const seed = demoSeed();
  seed.accounts.push({
    id: RED.account,
    name: 'acme-red',
    roles: [
      {
        name: 'TrellisClusterAdmin',
        trustPolicy: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: `arn:aws:iam::${DEMO.hubAccount}:root` },
              Action: 'sts:AssumeRole',
              Condition: { StringEquals: { 'sts:ExternalId': RED.externalId } },
            },
          ],
        },
      },
    ],
    vpcs: [{ id: RED.vpc, region: DEMO.region }],
    eksClusters: [
      {
        name: 'red',
        region: DEMO.region,
        version: '1.31',
        vpcId: RED.vpc,
        kubeCluster: 'red',
        accessEntries: [
          {
            principalArn: RED.roleArn,
            username: 'trellis-hub',
            kubernetesGroups: ['system:masters'],
          },
        ],
      },
    ],
  });
  return seed;
}

const HTTP = listenerName('http', 80);
const tg = (cluster: string, name: string) => targetGroupName(cluster, NAMESPACE, name, 80);
const svc = (name: string) => latticeServiceName(NAMESPACE, name);

describe('multi-cluster services: clusters leaving, accounts and names changing', () => {
  let w: McsWorld;
  let foreign: ForeignResources;

  beforeAll(async () => {
    w = await startMcsWorld({ extraClusters: ['red'], seed: seedWithRed() });
    foreign = await plantForeignResources(w, 'handmade');
  }, 120_000);
  afterAll(async () => {
    await w?.stop();
  });

  const redLattice = () => latticeAs(w.h.world, RED.account);
  const dnsOfImport = async (cluster: string, name: string) =>
    (await importOf(w.member[cluster], name))?.metadata?.annotations?.[
      SERVICE_IMPORT_ANNOTATIONS.latticeDns
    ];

  it('onboards red, a cluster in another account', async () => {
    await w.h.mgmt.create<WorkloadCluster>(WORKLOAD_CLUSTERS, {
      metadata: { name: 'red', namespace: `tenant-${TENANT}` },
      spec: {
        eks: {
          accountId: RED.account,
          roleArn: RED.roleArn,
          externalId: RED.externalId,
          clusterName: 'red',
          region: DEMO.region,
        },
      },
    });
    await clusterReady(w.h, 'red');
    await addMember(w, 'red');
  }, 90_000);

  it('removing green from the tenant removes exactly its target group; blue keeps serving', async () => {
    await serve(w.member.blue, 'inventory', {
      ports: [{ name: 'http', port: 80 }],
      ips: ['10.1.0.1'],
    });
    await serve(w.member.green, 'inventory', {
      ports: [{ name: 'http', port: 80 }],
      ips: ['10.2.0.1'],
    });
    await exportService(w.member.blue, 'inventory');
    await exportService(w.member.green, 'inventory');
    for (const cluster of ['blue', 'green'])
      await waitForConditions(
        w.member[cluster],
        'inventory',
        { Ready: ['True'] },
        `${cluster} Ready`,
      );
    await waitFor(
      async () =>
        Object.keys((await forwardsOf(w.lattice, svc('inventory')))?.[HTTP] ?? {}).length === 2 ||
        undefined,
      20_000,
      'both clusters forwarded',
    );
    const blueGroup = (await targetGroupsByName(w.lattice)).get(tg('blue', 'inventory'))!.id;

    await w.h.mgmt.delete(WORKLOAD_CLUSTERS, { name: 'green', namespace: `tenant-${TENANT}` });
    await waitFor(
      async () =>
        (await w.h.mgmt.get(WORKLOAD_CLUSTERS, {
          name: 'green',
          namespace: `tenant-${TENANT}`,
        })) === undefined || undefined,
      45_000,
      'green WorkloadCluster gone',
    );
    const groups = await targetGroupsByName(w.lattice);
    expect(groups.has(tg('green', 'inventory'))).toBe(false);
    expect(groups.get(tg('blue', 'inventory'))?.id).toBe(blueGroup);
    expect(await targetsOf(w.lattice, tg('blue', 'inventory'))).toEqual(['10.1.0.1:80']);
    expect(await forwardsOf(w.lattice, svc('inventory'))).toEqual({
      [HTTP]: { [tg('blue', 'inventory')]: 100 },
    });
    const si = await waitFor(
      async () => {
        const s = await importOf(w.member.client, 'inventory');
        return s?.status?.clusters?.length === 1 ? s : undefined;
      },
      20_000,
      'import with blue only',
    );
    expect(si.status?.clusters).toEqual([{ cluster: 'blue' }]);
    // green itself: its export released (still there, no finalizer), its import removed
    const greenExport = await exportOf(w.member.green, 'inventory');
    expect(greenExport?.metadata?.finalizers ?? []).not.toContain(
      'multicluster.trellis.dev/service-export-cleanup',
    );
    expect(
      await w.member.green.get(ServiceImports, { name: 'inventory', namespace: NAMESPACE }),
    ).toBeUndefined();
    const model = await readModelOf(w.h, 'inventory');
    expect(model?.status?.clusters?.map((c) => c.name)).toEqual(['blue']);
    await waitForConditions(w.member.blue, 'inventory', { Ready: ['True'] }, 'blue still Ready');
  }, 90_000);

  it('an export from another account than the winner’s is AccountMismatch', async () => {
    await serve(w.member.red, 'payments', {
      ports: [{ name: 'http', port: 80 }],
      ips: ['10.4.0.1'],
    });
    await exportService(w.member.red, 'payments');
    await waitForConditions(w.member.red, 'payments', { Ready: ['True'] }, 'red payments Ready');
    await new Promise((r) => setTimeout(r, 1_100)); // blue's export is strictly newer
    await serve(w.member.blue, 'payments', {
      ports: [{ name: 'http', port: 80 }],
      ips: ['10.1.0.2'],
    });
    await exportService(w.member.blue, 'payments');
    const blue = await waitForConditions(
      w.member.blue,
      'payments',
      { Valid: ['False', 'AccountMismatch'] },
      'blue AccountMismatch',
    );
    expect(condition(blue, 'Valid')?.message).toContain(RED.account);
    // the service lives in red's account, with red's target group only
    expect(await forwardsOf(redLattice(), svc('payments'))).toEqual({
      [HTTP]: { [tg('red', 'payments')]: 100 },
    });
    expect(await latticeServiceNamed(w.lattice, svc('payments'))).toBeUndefined();
    const dns = (await latticeServiceNamed(redLattice(), svc('payments')))?.dnsEntry?.domainName;
    await waitFor(
      async () => ((await dnsOfImport('client', 'payments')) === dns ? true : undefined),
      20_000,
      'import points at red’s service',
    );
  }, 60_000);

  it('when the winner moves to another account, the new service serves and the old one goes', async () => {
    const oldDns = (await latticeServiceNamed(redLattice(), svc('payments')))?.dnsEntry?.domainName;
    await w.member.red.delete(ServiceExports, { name: 'payments', namespace: NAMESPACE });
    await waitForConditions(
      w.member.blue,
      'payments',
      { Valid: ['True'], Ready: ['True', 'Ready'] },
      'blue now the winner, Ready',
      30_000,
    );
    expect(await forwardsOf(w.lattice, svc('payments'))).toEqual({
      [HTTP]: { [tg('blue', 'payments')]: 100 },
    });
    const newDns = (await latticeServiceNamed(w.lattice, svc('payments')))?.dnsEntry?.domainName;
    expect(newDns).toBeDefined();
    expect(newDns).not.toBe(oldDns);
    await waitFor(
      async () =>
        (await latticeServiceNamed(redLattice(), svc('payments'))) === undefined ? true : undefined,
      30_000,
      'the retired service in red’s account removed',
    );
    await waitFor(
      async () =>
        (await targetGroupsByName(redLattice())).has(tg('red', 'payments')) ? undefined : true,
      20_000,
      'red’s target group removed',
    );
    await waitFor(
      async () => ((await dnsOfImport('client', 'payments')) === newDns ? true : undefined),
      20_000,
      'import points at the new service',
    );
    await waitFor(
      async () => ((await exportOf(w.member.red, 'payments')) === undefined ? true : undefined),
      20_000,
      'red’s export released',
    );
    const model = await waitFor(
      async () => {
        const m = await readModelOf(w.h, 'payments');
        return m?.status?.latticeService?.accountId === DEMO.clusterAccount &&
          m.status.retiredLatticeServices === undefined
          ? m
          : undefined;
      },
      20_000,
      'read model: service in the cluster account, nothing retired',
    );
    expect(model.status?.latticeService?.dnsName).toBe(newDns);
  }, 90_000);

  it('renaming the Lattice service serves under the new name and removes the old one', async () => {
    const before = (await targetGroupsByName(w.lattice)).get(tg('blue', 'payments'))!.id;
    await w.member.blue.mergePatch(
      ServiceExports,
      { name: 'payments', namespace: NAMESPACE },
      { metadata: { annotations: { [MCS_ANNOTATIONS.latticeServiceName]: 'payments-v2' } } },
    );
    await waitFor(
      async () =>
        (await latticeServiceNamed(w.lattice, svc('payments'))) === undefined ? true : undefined,
      30_000,
      'the old service removed',
    );
    const forwards = await waitFor(
      async () => {
        const f = await forwardsOf(w.lattice, 'payments-v2');
        return f?.[HTTP] !== undefined ? f : undefined;
      },
      20_000,
      'payments-v2 listener',
    );
    expect(forwards).toEqual({
      [HTTP]: { [tg('blue', 'payments')]: 100 },
    });
    // the target group moved over, not recreated
    expect((await targetGroupsByName(w.lattice)).get(tg('blue', 'payments'))?.id).toBe(before);
    const dns = (await latticeServiceNamed(w.lattice, 'payments-v2'))?.dnsEntry?.domainName;
    await waitFor(
      async () => ((await dnsOfImport('client', 'payments')) === dns ? true : undefined),
      20_000,
      'import points at payments-v2',
    );
    await waitForConditions(w.member.blue, 'payments', { Ready: ['True'] }, 'blue Ready');
  }, 60_000);

  it('removing an unreachable cluster removes its target group too; blue keeps serving', async () => {
    await serve(w.member.client, 'inventory', {
      ports: [{ name: 'http', port: 80 }],
      ips: ['10.3.0.1'],
    });
    await exportService(w.member.client, 'inventory');
    await waitFor(
      async () =>
        JSON.stringify(await forwardsOf(w.lattice, svc('inventory'))) ===
          JSON.stringify({
            [HTTP]: { [tg('blue', 'inventory')]: 100, [tg('client', 'inventory')]: 100 },
          }) || undefined,
      20_000,
      'blue and client forwarded',
    );
    w.h.world.kube.faults('client').partition();
    try {
      await waitFor(
        async () =>
          condition(
            await w.h.mgmt.get<WorkloadCluster>(WORKLOAD_CLUSTERS, {
              name: 'client',
              namespace: `tenant-${TENANT}`,
            }),
            'Connected',
          )?.status === 'False' || undefined,
        30_000,
        'client Connected=False',
      );
      // unreachable, its target group is kept as it is
      await new Promise((r) => setTimeout(r, 2_500));
      expect((await targetGroupsByName(w.lattice)).has(tg('client', 'inventory'))).toBe(true);
      await w.h.mgmt.delete(WORKLOAD_CLUSTERS, { name: 'client', namespace: `tenant-${TENANT}` });
      await waitFor(
        async () =>
          (await w.h.mgmt.get(WORKLOAD_CLUSTERS, {
            name: 'client',
            namespace: `tenant-${TENANT}`,
          })) === undefined || undefined,
        45_000,
        'client WorkloadCluster gone',
      );
      const groups = await targetGroupsByName(w.lattice);
      expect(groups.has(tg('client', 'inventory'))).toBe(false);
      expect(groups.has(tg('blue', 'inventory'))).toBe(true);
      expect(await forwardsOf(w.lattice, svc('inventory'))).toEqual({
        [HTTP]: { [tg('blue', 'inventory')]: 100 },
      });
      await waitFor(
        async () =>
          (await readModelOf(w.h, 'inventory'))?.status?.clusters?.map((c) => c.name).join() ===
            'blue' || undefined,
        20_000,
        'read model with blue only',
      );
    } finally {
      w.h.world.kube.faults('client').heal();
    }
  }, 120_000);

  it('settles: no mutating AWS call across resyncs, nothing left retired', async () => {
    await waitFor(
      async () =>
        (await readModelOf(w.h, 'payments'))?.status?.retiredLatticeServices === undefined
          ? true
          : undefined,
      20_000,
      'nothing retired',
    );
    const since = w.h.world.aws.clock.now().toISOString();
    await new Promise((r) => setTimeout(r, 5_000));
    expect(mutatingCallsSince(w, since)).toEqual([]);
  }, 30_000);

  it('left every resource without Trellis tags alone', async () => {
    await expectForeignIntact(w, foreign);
  });
});
