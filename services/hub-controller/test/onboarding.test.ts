// The hub controller end to end on the emulators: a Tenant and an EKS WorkloadCluster become
// Ready, and AWS and the workload cluster show what the conditions claim.
import {
  GetServiceNetworkVpcAssociationCommand,
  ListServiceNetworksCommand,
  ListServiceNetworkVpcAssociationsCommand,
} from '@aws-sdk/client-vpc-lattice';
import { DEMO } from '@trellis/testbed';
import { CoreResources, kubeConfigFromYaml, ResourceClient } from '@trellis/kube';
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

describe('tenant and cluster onboarding', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  }, 60_000);
  afterAll(async () => {
    await h.stop();
  });

  it('makes a tenant Ready with its service network, and an EKS cluster Ready in it', async () => {
    await h.mgmt.create(TENANTS, demoTenant('acme'));
    const tenant = await waitFor(
      async () => {
        const t = await h.mgmt.get<Tenant>(TENANTS, { name: 'acme' });
        return condition(t, 'Ready')?.status === 'True' ? t : undefined;
      },
      20_000,
      'tenant Ready',
    );
    expect(tenant.status?.serviceNetwork?.name).toBe('trellis-acme');
    expect(tenant.status?.observedGeneration).toBe(tenant.metadata?.generation);
    expect(await h.mgmt.get(CoreResources.namespaces, { name: 'tenant-acme' })).toBeDefined();

    await h.mgmt.create(WORKLOAD_CLUSTERS, demoCluster('acme', 'blue'));
    const cluster = await waitFor(
      async () => {
        const c = await h.mgmt.get<WorkloadCluster>(WORKLOAD_CLUSTERS, {
          name: 'blue',
          namespace: 'tenant-acme',
        });
        return condition(c, 'Ready')?.status === 'True' ? c : undefined;
      },
      30_000,
      'cluster Ready',
    );
    expect(cluster.status).toMatchObject({
      vpcId: DEMO.vpcs.blue,
      kubernetesVersion: '1.29',
      accountId: DEMO.clusterAccount,
    });
    expect(condition(cluster, 'Connected')).toMatchObject({ status: 'True', reason: 'Heartbeat' });

    // AWS agrees: the network exists in the network account, shared to and associated from the cluster account
    const networks = await latticeAs(h.world, DEMO.networkAccount).send(
      new ListServiceNetworksCommand({}),
    );
    expect(networks.items?.map((n) => n.name)).toContain('trellis-acme');
    const tenantNow = await h.mgmt.get<Tenant>(TENANTS, { name: 'acme' });
    expect(tenantNow?.status?.sharedWithAccounts).toEqual([DEMO.clusterAccount]);
    const associations = await latticeAs(h.world, DEMO.clusterAccount).send(
      new ListServiceNetworkVpcAssociationsCommand({ vpcIdentifier: DEMO.vpcs.blue }),
    );
    expect(associations.items?.[0]).toMatchObject({
      status: 'ACTIVE',
      serviceNetworkName: 'trellis-acme',
    });

    // the workload cluster got the MCS CRDs, installed with an EKS token of the assumed role
    const blue = new ResourceClient(kubeConfigFromYaml(h.world.kube.kubeconfig, 'blue'));
    expect(
      await blue.get(CoreResources.customResourceDefinitions, {
        name: 'serviceexports.multicluster.x-k8s.io',
      }),
    ).toBeDefined();
    expect(h.world.aws.calls.list({ operation: 'AssumeRole' }).some((c) => c.status === 200)).toBe(
      true,
    );
  }, 60_000);

  it('makes no mutating AWS call at steady state', async () => {
    await new Promise((r) => setTimeout(r, 500));
    const since = h.world.aws.clock.now().toISOString();
    await new Promise((r) => setTimeout(r, 5_000)); // more than two resync periods
    expect(h.world.aws.calls.mutating({ since })).toEqual([]);
  }, 30_000);

  it('reports a wrong ExternalId on the tenant and creates nothing', async () => {
    await h.mgmt.create(TENANTS, demoTenant('mallory', { externalId: 'not-the-right-one' }));
    const tenant = await waitFor(
      async () => {
        const t = await h.mgmt.get<Tenant>(TENANTS, { name: 'mallory' });
        return condition(t, 'CredentialsReady')?.status === 'False' ? t : undefined;
      },
      20_000,
      'CredentialsReady=False',
    );
    expect(condition(tenant, 'CredentialsReady')).toMatchObject({ reason: 'AssumeRoleFailed' });
    expect(condition(tenant, 'CredentialsReady')?.message).toContain(DEMO.networkRoleArn);
    expect(condition(tenant, 'CredentialsReady')?.message).toContain('AccessDenied');
    expect(condition(tenant, 'Ready')).toMatchObject({
      status: 'False',
      reason: 'AssumeRoleFailed',
    });
    const networks = await latticeAs(h.world, DEMO.networkAccount).send(
      new ListServiceNetworksCommand({}),
    );
    expect(networks.items?.map((n) => n.name)).not.toContain('trellis-mallory');

    // a tenant that never reached AWS can still be deleted: there is nothing of ours there
    await h.mgmt.delete(TENANTS, { name: 'mallory' });
    await waitFor(
      async () =>
        (await h.mgmt.get(TENANTS, { name: 'mallory' })) === undefined ? true : undefined,
      20_000,
      'mallory deleted',
    );
  }, 45_000);

  it('marks an unreachable cluster and deletes nothing, then recovers', async () => {
    h.world.kube.faults('blue').partition();
    const marked = await waitFor(
      async () => {
        const c = await h.mgmt.get<WorkloadCluster>(WORKLOAD_CLUSTERS, {
          name: 'blue',
          namespace: 'tenant-acme',
        });
        return condition(c, 'Connected')?.status === 'False' ? c : undefined;
      },
      20_000,
      'Connected=False',
    );
    expect(condition(marked, 'Connected')?.reason).toBe('Unreachable');
    const association = await latticeAs(h.world, DEMO.clusterAccount).send(
      new GetServiceNetworkVpcAssociationCommand({
        serviceNetworkVpcAssociationIdentifier: marked.status!.vpcAssociation!.id,
      }),
    );
    expect(association.status).toBe('ACTIVE');
    h.world.kube.faults('blue').heal();
    await waitFor(
      async () => {
        const c = await h.mgmt.get<WorkloadCluster>(WORKLOAD_CLUSTERS, {
          name: 'blue',
          namespace: 'tenant-acme',
        });
        return condition(c, 'Ready')?.status === 'True' ? c : undefined;
      },
      20_000,
      'Ready again',
    );
  }, 60_000);
});
