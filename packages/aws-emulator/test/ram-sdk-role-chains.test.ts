// The onboarding flow as Trellis runs it, through STS role chains on the real server: the hub
// assumes the tenant network role (with ExternalId) to share the service network, and the
// cluster-account role to answer the invitation and associate the cluster's VPC.
import {
  AcceptResourceShareInvitationCommand,
  CreateResourceShareCommand,
  GetResourceShareInvitationsCommand,
  GetResourceSharesCommand,
  RAMClient,
} from '@aws-sdk/client-ram';
import {
  CreateServiceNetworkCommand,
  CreateServiceNetworkVpcAssociationCommand,
  VPCLatticeClient,
} from '@aws-sdk/client-vpc-lattice';
import { afterEach, describe, expect, it } from 'vitest';
import type { AwsEmulator, Seed } from '../src/index.ts';
import { startAwsEmulator } from '../src/index.ts';
import type { AwsCredentialIdentity } from './support/sdk.ts';
import { REGION, assumeRole, rejectionOf } from './support/sdk.ts';
import {
  CLUSTERS,
  CLUSTER_ROLE_ARN,
  EXTERNAL_ID,
  HUB_ROLE_ARN,
  HUB_USER_KEY,
  NETWORK,
  NETWORK_ROLE_ARN,
  testSeed,
} from './support/test-seed.ts';

const CLUSTER_VPC = 'vpc-0b1b2c3d4e5f60718';

describe('RAM through the hub role chains', () => {
  let emulator: AwsEmulator | undefined;
  const clients: { destroy(): void }[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await emulator?.stop();
  });

  async function start(
    seed: Seed,
  ): Promise<{ network: AwsCredentialIdentity; cluster: AwsCredentialIdentity }> {
    emulator = await startAwsEmulator({ seed });
    // A copy: the SDK marks the credentials object it is given (`$source`), and HUB_USER_KEY is
    // also the seed's key object, which the next start would then refuse as an unknown field.
    const hub = await assumeRole(emulator.endpoint, { ...HUB_USER_KEY }, HUB_ROLE_ARN);
    return {
      network: await assumeRole(emulator.endpoint, hub, NETWORK_ROLE_ARN, {
        externalId: EXTERNAL_ID,
      }),
      cluster: await assumeRole(emulator.endpoint, hub, CLUSTER_ROLE_ARN),
    };
  }

  function ram(credentials: AwsCredentialIdentity): RAMClient {
    const client = new RAMClient({
      endpoint: emulator!.endpoint,
      region: REGION,
      credentials,
      maxAttempts: 1,
    });
    clients.push(client);
    return client;
  }

  function lattice(credentials: AwsCredentialIdentity): VPCLatticeClient {
    const client = new VPCLatticeClient({
      endpoint: emulator!.endpoint,
      region: REGION,
      credentials,
      maxAttempts: 1,
    });
    clients.push(client);
    return client;
  }

  it('needs no invitation inside the tenant organisation with RAM sharing enabled', async () => {
    const { network, cluster } = await start(testSeed);
    const networkArn = (
      await lattice(network).send(new CreateServiceNetworkCommand({ name: 'trellis-tenant-a' }))
    ).arn!;
    const created = await ram(network).send(
      new CreateResourceShareCommand({
        name: 'trellis-tenant-a',
        resourceArns: [networkArn],
        principals: [CLUSTERS],
        allowExternalPrincipals: false,
      }),
    );
    expect(created.resourceShare?.owningAccountId).toBe(NETWORK);
    expect(
      (await ram(cluster).send(new GetResourceShareInvitationsCommand({})))
        .resourceShareInvitations,
    ).toEqual([]);
    const received = await ram(cluster).send(
      new GetResourceSharesCommand({ resourceOwner: 'OTHER-ACCOUNTS' }),
    );
    expect(received.resourceShares?.map((s) => s.name)).toEqual(['trellis-tenant-a']);
    const association = await lattice(cluster).send(
      new CreateServiceNetworkVpcAssociationCommand({
        serviceNetworkIdentifier: networkArn,
        vpcIdentifier: CLUSTER_VPC,
      }),
    );
    expect(association.createdBy).toBe(CLUSTERS);
  });

  it('sends an invitation the cluster role accepts when organisation sharing is off', async () => {
    const seed: Seed = {
      ...testSeed,
      organizations: (testSeed.organizations ?? []).map((org) => ({
        ...org,
        ramSharingEnabled: false,
      })),
    };
    const { network, cluster } = await start(seed);
    const networkArn = (
      await lattice(network).send(new CreateServiceNetworkCommand({ name: 'trellis-tenant-a' }))
    ).arn!;
    await ram(network).send(
      new CreateResourceShareCommand({
        name: 'trellis-tenant-a',
        resourceArns: [networkArn],
        principals: [CLUSTERS],
      }),
    );
    const early = await rejectionOf(
      lattice(cluster).send(
        new CreateServiceNetworkVpcAssociationCommand({
          serviceNetworkIdentifier: networkArn,
          vpcIdentifier: CLUSTER_VPC,
        }),
      ),
    );
    expect(early.name).toBe('ResourceNotFoundException');

    const [invitation] = (await ram(cluster).send(new GetResourceShareInvitationsCommand({})))
      .resourceShareInvitations!;
    expect(invitation).toMatchObject({
      senderAccountId: NETWORK,
      receiverAccountId: CLUSTERS,
      status: 'PENDING',
    });
    // The sender cannot answer its own invitation.
    const wrongSide = await rejectionOf(
      ram(network).send(
        new AcceptResourceShareInvitationCommand({
          resourceShareInvitationArn: invitation.resourceShareInvitationArn,
        }),
      ),
    );
    expect(wrongSide.name).toBe('ResourceShareInvitationArnNotFoundException');
    await ram(cluster).send(
      new AcceptResourceShareInvitationCommand({
        resourceShareInvitationArn: invitation.resourceShareInvitationArn,
      }),
    );
    const association = await lattice(cluster).send(
      new CreateServiceNetworkVpcAssociationCommand({
        serviceNetworkIdentifier: networkArn,
        vpcIdentifier: CLUSTER_VPC,
      }),
    );
    expect(association.id).toMatch(/^snva-/);
  });
});
