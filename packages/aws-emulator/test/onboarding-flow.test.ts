// Trellis's tenant onboarding and cluster registration, end to end over the SDK: every call is
// signed with credentials from the real role chain, as against AWS.
import { DescribeClusterCommand } from '@aws-sdk/client-eks';
import { CreateResourceShareCommand, GetResourceSharesCommand, RAMClient } from '@aws-sdk/client-ram';
import {
  CreateServiceNetworkCommand,
  CreateServiceNetworkVpcAssociationCommand,
  GetServiceNetworkVpcAssociationCommand,
  ListServiceNetworksCommand,
  VPCLatticeClient,
} from '@aws-sdk/client-vpc-lattice';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsEmulator } from '../src/index.ts';
import { startAwsEmulator } from '../src/index.ts';
import { mintEksToken } from './support/mint-eks-token.ts';
import { assumeRole, eksClient, REGION } from './support/sdk.ts';
import { CLUSTER_ROLE_ARN, CLUSTERS, EXTERNAL_ID, HUB_ROLE_ARN, HUB_USER_KEY, NETWORK, NETWORK_ROLE_ARN, testSeed } from './support/test-seed.ts';

describe('tenant onboarding across STS, Lattice, RAM and EKS', () => {
  let emulator: AwsEmulator;

  beforeAll(async () => {
    emulator = await startAwsEmulator({ seed: testSeed });
    // associations settle at once, so the flow reads ACTIVE without waiting
    emulator.faults.consistencyDelay({ delayMs: 0 });
  });
  afterAll(async () => {
    await emulator.stop();
  });

  it('creates the service network, shares it in the organisation and associates a cluster VPC', async () => {
    const hub = await assumeRole(emulator.endpoint, HUB_USER_KEY, HUB_ROLE_ARN, { sessionName: 'hub-controller' });
    const network = await assumeRole(emulator.endpoint, hub, NETWORK_ROLE_ARN, { externalId: EXTERNAL_ID, sessionName: 'tenant-a' });
    const clusterAccount = await assumeRole(emulator.endpoint, hub, CLUSTER_ROLE_ARN, { sessionName: 'tenant-a' });

    const latticeNet = new VPCLatticeClient({ endpoint: emulator.endpoint, region: REGION, credentials: network });
    const sn = await latticeNet.send(
      new CreateServiceNetworkCommand({ name: 'trellis-tenant-a', clientToken: 'trellis-tenant-a', tags: { ManagedBy: 'trellis' } }),
    );
    const ram = new RAMClient({ endpoint: emulator.endpoint, region: REGION, credentials: network });
    await ram.send(
      new CreateResourceShareCommand({
        name: 'trellis-tenant-a',
        resourceArns: [sn.arn!],
        principals: [CLUSTERS],
        allowExternalPrincipals: false,
      }),
    );
    const shares = await ram.send(new GetResourceSharesCommand({ resourceOwner: 'SELF' }));
    expect(shares.resourceShares?.map((s) => s.name)).toContain('trellis-tenant-a');

    // cluster registration: DescribeCluster gives the VPC; the cluster account sees the shared network
    const { cluster } = await eksClient(emulator.endpoint, clusterAccount).send(new DescribeClusterCommand({ name: 'blue' }));
    const latticeCluster = new VPCLatticeClient({ endpoint: emulator.endpoint, region: REGION, credentials: clusterAccount });
    const visible = await latticeCluster.send(new ListServiceNetworksCommand({}));
    expect(visible.items?.map((n) => n.arn)).toContain(sn.arn);
    const association = await latticeCluster.send(
      new CreateServiceNetworkVpcAssociationCommand({
        serviceNetworkIdentifier: sn.arn!,
        vpcIdentifier: cluster!.resourcesVpcConfig!.vpcId!,
        clientToken: 'tenant-a-blue',
      }),
    );
    const settled = await latticeCluster.send(
      new GetServiceNetworkVpcAssociationCommand({ serviceNetworkVpcAssociationIdentifier: association.id! }),
    );
    expect(settled.status).toBe('ACTIVE');
    expect(settled.vpcId).toBe('vpc-0b1b2c3d4e5f60718');

    // the hub's token for the cluster verifies and maps to the access entry
    const token = await mintEksToken({ credentials: hub, region: REGION, clusterName: 'blue' });
    const who = await emulator.eksTokenVerifier.verify(token, 'tenant-a-blue');
    expect(emulator.eks.resolveUser('tenant-a-blue', who)?.groups).toEqual(['trellis:admins']);

    // the call log attributes each write to the account and session that made it
    const writes = emulator.calls.mutating().map((c) => [c.service, c.operation, c.accountId, c.callerArn]);
    expect(writes).toEqual([
      ['vpc-lattice', 'CreateServiceNetwork', NETWORK, `arn:aws:sts::${NETWORK}:assumed-role/TrellisNetwork/tenant-a`],
      ['ram', 'CreateResourceShare', NETWORK, `arn:aws:sts::${NETWORK}:assumed-role/TrellisNetwork/tenant-a`],
      [
        'vpc-lattice',
        'CreateServiceNetworkVpcAssociation',
        CLUSTERS,
        `arn:aws:sts::${CLUSTERS}:assumed-role/TrellisClusterAccess/tenant-a`,
      ],
    ]);
  });
});
