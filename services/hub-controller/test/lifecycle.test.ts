// Lifecycle beyond onboarding: two replicas, a kubeconfig-registered cluster, and deletion that
// waits for clusters and removes exactly what Trellis created.
import {
  ListServiceNetworksCommand,
  ListServiceNetworkVpcAssociationsCommand,
} from '@aws-sdk/client-vpc-lattice';
import { DEMO } from '@trellis/testbed';
import { CoreResources } from '@trellis/kube';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TENANTS, WORKLOAD_CLUSTERS, type Tenant, type WorkloadCluster } from '../src/index.ts';
import {
  condition,
  demoCluster,
  demoTenant,
  latticeAs,
  startHarness,
  waitFor,
  type Harness,
} from './support.ts';

describe('hub lifecycle', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  }, 60_000);
  afterAll(async () => {
    await h.stop();
  });

  const clusterReady = (name: string) =>
    waitFor(
      async () => {
        const c = await h.mgmt.get<WorkloadCluster>(WORKLOAD_CLUSTERS, {
          name,
          namespace: 'tenant-globex',
        });
        return condition(c, 'Ready')?.status === 'True' ? c : undefined;
      },
      30_000,
      `${name} Ready`,
    );

  it('runs one leader among two replicas', async () => {
    const second = await h.startManager();
    await new Promise((r) => setTimeout(r, 1_000));
    expect([h.manager.isLeader, second.isLeader].filter(Boolean)).toHaveLength(1);
  }, 30_000);

  it('connects a cluster registered with a kubeconfig Secret and associates its VPC', async () => {
    await h.mgmt.create(TENANTS, demoTenant('globex'));
    await waitFor(
      () => h.mgmt.get(CoreResources.namespaces, { name: 'tenant-globex' }),
      20_000,
      'namespace',
    );
    const kubeconfig = h.world.kube.kubeconfig.replace(
      /current-context: .*/,
      'current-context: green',
    );
    await h.mgmt.create(CoreResources.secrets, {
      metadata: { name: 'green-kubeconfig', namespace: 'tenant-globex' },
      data: { kubeconfig: Buffer.from(kubeconfig).toString('base64') },
    } as never);
    await h.mgmt.create(WORKLOAD_CLUSTERS, {
      metadata: { name: 'green', namespace: 'tenant-globex' },
      spec: {
        kubeconfigSecretRef: { name: 'green-kubeconfig' },
        vpcId: DEMO.vpcs.green,
        vpcAccount: {
          accountId: DEMO.clusterAccount,
          roleArn: DEMO.clusterRoleArn,
          externalId: DEMO.clusterExternalId,
        },
      },
    });
    const green = await clusterReady('green');
    expect(condition(green, 'CredentialsReady')?.reason).toBe('KubeconfigLoaded');
    expect(green.status?.kubernetesVersion).toMatch(/^v1\./);
  }, 60_000);

  it('refuses to delete a tenant while clusters remain, then removes only what it created', async () => {
    await h.mgmt.create(WORKLOAD_CLUSTERS, demoCluster('globex', 'client'));
    await clusterReady('client');
    await h.mgmt.delete(TENANTS, { name: 'globex' });
    const blocked = await waitFor(
      async () => {
        const t = await h.mgmt.get<Tenant>(TENANTS, { name: 'globex' });
        return condition(t, 'Deleting')?.reason === 'ClustersRemain' ? t : undefined;
      },
      20_000,
      'ClustersRemain',
    );
    expect(condition(blocked, 'Deleting')?.message).toMatch(/client|green/);

    // deleting one cluster removes its VPC association; the other stays associated
    await h.mgmt.delete(WORKLOAD_CLUSTERS, { name: 'client', namespace: 'tenant-globex' });
    await waitFor(
      async () =>
        (await h.mgmt.get(WORKLOAD_CLUSTERS, { name: 'client', namespace: 'tenant-globex' })) ===
          undefined || undefined,
      20_000,
      'client gone',
    );
    const cluster = latticeAs(h.world, DEMO.clusterAccount);
    const associationsOf = async (vpc: string) =>
      (
        (await cluster.send(new ListServiceNetworkVpcAssociationsCommand({ vpcIdentifier: vpc })))
          .items ?? []
      ).filter(
        (a) => a.serviceNetworkName === 'trellis-globex' && a.status !== 'DELETE_IN_PROGRESS',
      );
    expect(await associationsOf(DEMO.vpcs.client)).toEqual([]);
    expect(await associationsOf(DEMO.vpcs.green)).toHaveLength(1);

    await h.mgmt.delete(WORKLOAD_CLUSTERS, { name: 'green', namespace: 'tenant-globex' });
    await waitFor(
      async () => (await h.mgmt.get(TENANTS, { name: 'globex' })) === undefined || undefined,
      45_000,
      'tenant gone',
    );
    const networks = await latticeAs(h.world, DEMO.networkAccount).send(
      new ListServiceNetworksCommand({}),
    );
    expect(networks.items?.map((n) => n.name)).not.toContain('trellis-globex');
    await waitFor(
      async () => {
        const ns = await h.mgmt.get<{ metadata?: object; status?: { phase?: string } }>(
          CoreResources.namespaces,
          { name: 'tenant-globex' },
        );
        return ns === undefined || ns.status?.phase === 'Terminating' || undefined;
      },
      20_000,
      'namespace removed',
    );
  }, 120_000);
});
