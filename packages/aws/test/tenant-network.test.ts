// Tenant onboarding's AWS side, end to end on the emulator through the SDK: a service network in
// the tenant's network account, a RAM share to a cluster account, the invitation accepted there,
// and the cluster VPC associated with the shared network.
import {
  CreateServiceNetworkCommand,
  GetServiceNetworkVpcAssociationCommand,
  ListAccessLogSubscriptionsCommand,
  CreateAccessLogSubscriptionCommand,
  GetAuthPolicyCommand,
} from '@aws-sdk/client-vpc-lattice';
import { isOwnedBy, ownershipTags } from '@trellis/core';
import { startAwsEmulator, type AwsEmulator } from '@trellis/aws-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acceptShareInvitation,
  clientToken,
  createAwsClients,
  ensureAccessLogSubscription,
  ensureAuthPolicy,
  ensureResourceShare,
  ensureServiceNetwork,
  ensureVpcAssociation,
  removeVpcAssociation,
  VpcAlreadyAssociatedError,
  type AwsClients,
} from '../src/index.ts';

// Implicit accounts: a 12-digit access key id is that account's root, secret "test".
const NETWORK = '222233334444';
const CLUSTERS = '555566667777';
const OTHER = '888899990000';
const VPC = 'vpc-0a1b2c3d4e5f60718';
const scope = { hubId: 'hub-test', tenant: 'acme' };
const tags = ownershipTags(scope);
const isOwned = (t: Record<string, string> | undefined) => isOwnedBy(t, scope);

describe('tenant networking on the AWS emulator', () => {
  let aws: AwsEmulator;
  let network: AwsClients;
  let clusters: AwsClients;

  const clientsFor = (account: string) =>
    createAwsClients({
      region: 'us-west-2',
      endpoint: aws.endpoint,
      credentials: async () => ({ accessKeyId: account, secretAccessKey: 'test' }),
    });

  beforeAll(async () => {
    aws = await startAwsEmulator({ implicitAccounts: true });
    network = clientsFor(NETWORK);
    clusters = clientsFor(CLUSTERS);
  });
  afterAll(async () => {
    network.destroy();
    clusters.destroy();
    await aws.stop();
  });

  it('creates the service network once and makes no mutating call when it is already right', async () => {
    const intent = {
      name: 'trellis-acme',
      authType: 'NONE' as const,
      tags,
      clientToken: clientToken('hub-test', 'acme', 'sn'),
    };
    const first = await ensureServiceNetwork(network.lattice, NETWORK, intent);
    expect(first).toMatchObject({ name: 'trellis-acme', adopted: false, changes: ['created'] });
    expect(first.id).toMatch(/^sn-[0-9a-z]{17}$/);

    aws.calls.clear();
    const again = await ensureServiceNetwork(network.lattice, NETWORK, intent);
    expect(again).toMatchObject({ id: first.id, changes: [] });
    expect(aws.calls.mutating()).toEqual([]);

    const toIam = await ensureServiceNetwork(network.lattice, NETWORK, {
      ...intent,
      authType: 'AWS_IAM',
    });
    expect(toIam.changes).toEqual(['authType']);
  });

  it('adopts an existing network it did not create, without claiming it', async () => {
    await network.lattice.send(new CreateServiceNetworkCommand({ name: 'preexisting-net' }));
    const adopted = await ensureServiceNetwork(network.lattice, NETWORK, {
      name: 'preexisting-net',
      authType: 'NONE',
      tags,
      clientToken: clientToken('x'),
    });
    expect(adopted).toMatchObject({ adopted: true, changes: [] });
  });

  it('keeps the auth policy equal to the intent, comparing JSON by meaning', async () => {
    const sn = await ensureServiceNetwork(network.lattice, NETWORK, {
      name: 'trellis-acme',
      authType: 'AWS_IAM',
      tags,
      clientToken: clientToken('hub-test', 'acme', 'sn'),
    });
    const policy = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: 'vpc-lattice-svcs:Invoke', Resource: '*' },
      ],
    };
    expect(await ensureAuthPolicy(network.lattice, sn.id, policy)).toBe(true);
    const reordered = { Statement: policy.Statement, Version: policy.Version };
    expect(await ensureAuthPolicy(network.lattice, sn.id, reordered)).toBe(false);
    const stored = await network.lattice.send(
      new GetAuthPolicyCommand({ resourceIdentifier: sn.id }),
    );
    expect(JSON.parse(stored.policy ?? '{}')).toEqual(policy);
    expect(await ensureAuthPolicy(network.lattice, sn.id, undefined)).toBe(true);
  });

  it('moves its access-log subscription and never touches someone else’s', async () => {
    const sn = await ensureServiceNetwork(network.lattice, NETWORK, {
      name: 'trellis-acme',
      authType: 'AWS_IAM',
      tags,
      clientToken: clientToken('hub-test', 'acme', 'sn'),
    });
    const foreign = 'arn:aws:logs:us-west-2:222233334444:log-group:security-team';
    await network.lattice.send(
      new CreateAccessLogSubscriptionCommand({
        resourceIdentifier: sn.id,
        destinationArn: foreign,
      }),
    );
    const first = 'arn:aws:s3:::acme-lattice-logs';
    const second = 'arn:aws:firehose:us-west-2:222233334444:deliverystream/acme-lattice';
    const third = 'arn:aws:logs:us-west-2:222233334444:log-group:acme-lattice';
    const intent = (destinationArn: string | undefined) => ({
      destinationArn,
      tags,
      clientToken: clientToken('hub-test', 'acme', 'als', destinationArn ?? ''),
      isOwned,
    });
    expect(await ensureAccessLogSubscription(network.lattice, sn.id, intent(first))).toBe(true);
    expect(await ensureAccessLogSubscription(network.lattice, sn.id, intent(first))).toBe(false);
    expect(await ensureAccessLogSubscription(network.lattice, sn.id, intent(second))).toBe(true);
    const list = await network.lattice.send(
      new ListAccessLogSubscriptionsCommand({ resourceIdentifier: sn.id }),
    );
    expect(list.items?.map((s) => s.destinationArn).sort()).toEqual([second, foreign].sort());
    // a log group while someone else's log-group subscription exists: AWS's conflict, named
    await expect(
      ensureAccessLogSubscription(network.lattice, sn.id, intent(third)),
    ).rejects.toMatchObject({
      code: 'ConflictException',
      operation: 'CreateAccessLogSubscription',
      retryable: false,
    });
  });

  it('shares the network with a cluster account, accepts the invitation there and associates the VPC', async () => {
    const sn = await ensureServiceNetwork(network.lattice, NETWORK, {
      name: 'trellis-acme',
      authType: 'AWS_IAM',
      tags,
      clientToken: clientToken('hub-test', 'acme', 'sn'),
    });
    const shareIntent = {
      name: 'trellis-acme',
      resourceArn: sn.arn,
      principals: [CLUSTERS],
      allowExternalPrincipals: true,
      tags,
      clientToken: clientToken('hub-test', 'acme', 'share'),
    };
    const share = await ensureResourceShare(network.ram, shareIntent);
    expect(share.changes).toEqual(['created']);

    // Before accepting, the cluster account cannot use the network.
    await expect(
      ensureVpcAssociation(clusters.lattice, {
        serviceNetworkArn: sn.arn,
        vpcId: VPC,
        tags,
        clientToken: clientToken('a'),
      }),
    ).rejects.toThrow();

    expect(await acceptShareInvitation(clusters.ram, share.arn)).toBe('accepted');
    expect(await acceptShareInvitation(clusters.ram, share.arn)).toBe('already-accepted');

    const association = await ensureVpcAssociation(clusters.lattice, {
      serviceNetworkArn: sn.arn,
      vpcId: VPC,
      tags,
      clientToken: clientToken('hub-test', 'acme', 'blue', 'snva'),
    });
    expect(association.created).toBe(true);
    expect(association.id).toMatch(/^snva-[0-9a-z]{17}$/);
    const again = await ensureVpcAssociation(clusters.lattice, {
      serviceNetworkArn: sn.arn,
      vpcId: VPC,
      tags,
      clientToken: clientToken('hub-test', 'acme', 'blue', 'snva'),
    });
    expect(again).toMatchObject({ id: association.id, created: false });
    // the association becomes ACTIVE asynchronously, as in AWS
    let status = association.status;
    for (let i = 0; i < 100 && status !== 'ACTIVE'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const got = await clusters.lattice.send(
        new GetServiceNetworkVpcAssociationCommand({
          serviceNetworkVpcAssociationIdentifier: association.id,
        }),
      );
      status = got.status ?? '';
    }
    expect(status).toBe('ACTIVE');

    // principals follow the clusters: add one account, then remove it again
    expect(
      (await ensureResourceShare(network.ram, { ...shareIntent, principals: [CLUSTERS, OTHER] }))
        .changes,
    ).toEqual(['associated']);
    expect((await ensureResourceShare(network.ram, shareIntent)).changes).toEqual([
      'disassociated',
    ]);
    aws.calls.clear();
    expect((await ensureResourceShare(network.ram, shareIntent)).changes).toEqual([]);
    expect(aws.calls.mutating()).toEqual([]);

    // a second network cannot take the same VPC; removal deletes only our association
    const other = await ensureServiceNetwork(clusters.lattice, CLUSTERS, {
      name: 'other-net',
      authType: 'NONE',
      tags,
      clientToken: clientToken('other'),
    });
    await expect(
      ensureVpcAssociation(clusters.lattice, {
        serviceNetworkArn: other.arn,
        vpcId: VPC,
        tags,
        clientToken: clientToken('b'),
      }),
    ).rejects.toBeInstanceOf(VpcAlreadyAssociatedError);
    expect(
      await removeVpcAssociation(clusters.lattice, {
        serviceNetworkArn: sn.arn,
        vpcId: VPC,
        isOwned,
      }),
    ).toBe('deleting');
  });
});
