// RAM through @aws-sdk/client-ram against the real server, with Lattice: the tenant network
// account shares its service network with a cluster account, which accepts and associates its
// VPC — the flow Trellis runs during tenant onboarding and cluster registration.
import {
  AcceptResourceShareInvitationCommand,
  CreateResourceShareCommand,
  DeleteResourceShareCommand,
  GetResourceShareAssociationsCommand,
  GetResourceShareInvitationsCommand,
  GetResourceSharesCommand,
  ListPermissionsCommand,
  ListResourcesCommand,
  ListResourceTypesCommand,
  paginateGetResourceShares,
} from '@aws-sdk/client-ram';
import {
  CreateServiceNetworkCommand,
  CreateServiceNetworkVpcAssociationCommand,
  GetServiceNetworkCommand,
} from '@aws-sdk/client-vpc-lattice';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RamWorld } from './ram-harness.ts';
import { rejectionOf, startRamWorld } from './ram-harness.ts';

const NETWORK = '210000000001';
const CLUSTER = '210000000002';
const ORG_CLUSTER = '210000000003';
const VPC = 'vpc-0c1c2c3c4c5c6c7c8';

describe('RAM over the wire with Lattice', () => {
  let world: RamWorld;
  beforeEach(async () => {
    world = await startRamWorld();
  });
  afterEach(async () => {
    await world.close();
  });

  async function createServiceNetwork(name = 'trellis-tenant-a'): Promise<string> {
    const created = await world
      .latticeClient(NETWORK)
      .send(new CreateServiceNetworkCommand({ name }));
    return created.arn!;
  }

  it('shares a service network with an invited account, which associates its VPC after accepting', async () => {
    const networkArn = await createServiceNetwork();
    const owner = world.ramClient(NETWORK);
    const cluster = world.ramClient(CLUSTER);
    const created = await owner.send(
      new CreateResourceShareCommand({
        name: 'trellis-tenant-a',
        resourceArns: [networkArn],
        principals: [CLUSTER],
        tags: [{ key: 'ManagedBy', value: 'trellis' }],
        clientToken: 'tenant-a-share',
      }),
    );
    const share = created.resourceShare!;
    expect(share.resourceShareArn).toMatch(
      /^arn:aws:ram:us-west-2:210000000001:resource-share\/[0-9a-f-]{36}$/,
    );
    expect(share.status).toBe('ACTIVE');
    expect(share.creationTime).toBeInstanceOf(Date);
    expect(share.tags).toEqual([{ key: 'ManagedBy', value: 'trellis' }]);
    expect(created.clientToken).toBe('tenant-a-share');

    const { resourceShareInvitations } = await cluster.send(
      new GetResourceShareInvitationsCommand({}),
    );
    expect(resourceShareInvitations).toHaveLength(1);
    const invitation = resourceShareInvitations![0];
    expect(invitation).toMatchObject({
      status: 'PENDING',
      senderAccountId: NETWORK,
      receiverAccountId: CLUSTER,
      resourceShareArn: share.resourceShareArn,
    });
    expect(invitation.invitationTimestamp).toBeInstanceOf(Date);

    // Before acceptance the service network does not exist for the cluster account.
    const lattice = world.latticeClient(CLUSTER);
    const early = await rejectionOf(
      lattice.send(
        new CreateServiceNetworkVpcAssociationCommand({
          serviceNetworkIdentifier: networkArn,
          vpcIdentifier: VPC,
        }),
      ),
    );
    expect(early.name).toBe('ResourceNotFoundException');
    const pending = await cluster.send(
      new GetResourceSharesCommand({ resourceOwner: 'OTHER-ACCOUNTS' }),
    );
    expect(pending.resourceShares).toEqual([]);

    const accepted = await cluster.send(
      new AcceptResourceShareInvitationCommand({
        resourceShareInvitationArn: invitation.resourceShareInvitationArn,
      }),
    );
    expect(accepted.resourceShareInvitation?.status).toBe('ACCEPTED');

    const received = await cluster.send(
      new GetResourceSharesCommand({ resourceOwner: 'OTHER-ACCOUNTS' }),
    );
    expect(received.resourceShares?.map((s) => s.resourceShareArn)).toEqual([
      share.resourceShareArn,
    ]);
    const resources = await cluster.send(
      new ListResourcesCommand({ resourceOwner: 'OTHER-ACCOUNTS' }),
    );
    expect(resources.resources).toEqual([
      expect.objectContaining({
        arn: networkArn,
        type: 'vpc-lattice:ServiceNetwork',
        status: 'AVAILABLE',
      }),
    ]);

    const shared = await lattice.send(
      new GetServiceNetworkCommand({ serviceNetworkIdentifier: networkArn }),
    );
    expect(shared.arn).toBe(networkArn);
    const association = await lattice.send(
      new CreateServiceNetworkVpcAssociationCommand({
        serviceNetworkIdentifier: networkArn,
        vpcIdentifier: VPC,
      }),
    );
    expect(association.arn).toContain(':servicenetworkvpcassociation/snva-');

    const again = await rejectionOf(
      cluster.send(
        new AcceptResourceShareInvitationCommand({
          resourceShareInvitationArn: invitation.resourceShareInvitationArn,
        }),
      ),
    );
    expect(again.name).toBe('ResourceShareInvitationAlreadyAcceptedException');
    expect(again.$metadata?.httpStatusCode).toBe(400);

    const principals = await owner.send(
      new GetResourceShareAssociationsCommand({ associationType: 'PRINCIPAL' }),
    );
    expect(principals.resourceShareAssociations?.[0]).toMatchObject({
      associatedEntity: CLUSTER,
      status: 'ASSOCIATED',
      external: true,
    });
  });

  it('shares inside an organisation with RAM sharing enabled without an invitation', async () => {
    world.emulator.identity.addOrganization({
      id: 'o-trellis0001',
      accountIds: [NETWORK, ORG_CLUSTER],
      ramSharingEnabled: true,
    });
    const networkArn = await createServiceNetwork();
    await world.ramClient(NETWORK).send(
      new CreateResourceShareCommand({
        name: 'org-share',
        resourceArns: [networkArn],
        principals: [ORG_CLUSTER],
        allowExternalPrincipals: false,
      }),
    );
    const invitations = await world
      .ramClient(ORG_CLUSTER)
      .send(new GetResourceShareInvitationsCommand({}));
    expect(invitations.resourceShareInvitations).toEqual([]);
    const association = await world.latticeClient(ORG_CLUSTER).send(
      new CreateServiceNetworkVpcAssociationCommand({
        serviceNetworkIdentifier: networkArn,
        vpcIdentifier: VPC,
      }),
    );
    expect(association.id).toMatch(/^snva-/);

    const outside = await rejectionOf(
      world.ramClient(NETWORK).send(
        new CreateResourceShareCommand({
          name: 'x',
          resourceArns: [networkArn],
          principals: [CLUSTER],
          allowExternalPrincipals: false,
        }),
      ),
    );
    expect(outside.name).toBe('OperationNotPermittedException');
  });

  it('keeps clientToken retries idempotent and reports mismatches', async () => {
    const networkArn = await createServiceNetwork();
    const owner = world.ramClient(NETWORK);
    const input = {
      name: 'idem',
      resourceArns: [networkArn],
      principals: [CLUSTER],
      clientToken: 'idem-1',
    };
    const first = await owner.send(new CreateResourceShareCommand(input));
    const second = await owner.send(new CreateResourceShareCommand(input));
    expect(second.resourceShare?.resourceShareArn).toBe(first.resourceShare?.resourceShareArn);
    const mismatch = await rejectionOf(
      owner.send(new CreateResourceShareCommand({ ...input, name: 'other' })),
    );
    expect(mismatch.name).toBe('IdempotentParameterMismatchException');
  });

  it('reports modelled errors the SDK maps to its exception classes', async () => {
    const owner = world.ramClient(NETWORK);
    const foreignNetwork = (
      await world.latticeClient(CLUSTER).send(new CreateServiceNetworkCommand({ name: 'theirs' }))
    ).arn!;
    const cases: [Promise<unknown>, string][] = [
      [
        owner.send(new CreateResourceShareCommand({ name: 'x', resourceArns: ['nope'] })),
        'MalformedArnException',
      ],
      [
        owner.send(
          new CreateResourceShareCommand({
            name: 'x',
            resourceArns: [
              `arn:aws:vpc-lattice:us-west-2:${NETWORK}:servicenetwork/sn-0123456789abcdef0`,
            ],
          }),
        ),
        'UnknownResourceException',
      ],
      [
        owner.send(new CreateResourceShareCommand({ name: 'x', resourceArns: [foreignNetwork] })),
        'OperationNotPermittedException',
      ],
      [
        owner.send(new CreateResourceShareCommand({ name: 'x', principals: ['1234'] })),
        'InvalidParameterException',
      ],
      [
        owner.send(new GetResourceSharesCommand({ resourceOwner: 'SELF', maxResults: 1000 })),
        'InvalidMaxResultsException',
      ],
      [
        owner.send(new GetResourceSharesCommand({ resourceOwner: 'SELF', nextToken: 'bogus' })),
        'InvalidNextTokenException',
      ],
    ];
    for (const [promise, name] of cases) {
      const error = await rejectionOf(promise);
      expect(error.name).toBe(name);
      expect(error.$metadata?.httpStatusCode).toBe(400);
    }
  });

  it('pages with the SDK paginator and deletes through the DELETE binding', async () => {
    const owner = world.ramClient(NETWORK);
    for (let i = 0; i < 7; i++) {
      await owner.send(new CreateResourceShareCommand({ name: `page-${i}` }));
      world.clock.advance(1_000);
    }
    const names: string[] = [];
    let pages = 0;
    for await (const page of paginateGetResourceShares(
      { client: owner, pageSize: 3 },
      { resourceOwner: 'SELF' },
    )) {
      pages++;
      names.push(...(page.resourceShares ?? []).map((s) => s.name!));
    }
    expect(pages).toBe(3);
    expect(names).toEqual(['page-0', 'page-1', 'page-2', 'page-3', 'page-4', 'page-5', 'page-6']);

    const arn = (
      await owner.send(new GetResourceSharesCommand({ resourceOwner: 'SELF', name: 'page-0' }))
    ).resourceShares![0].resourceShareArn!;
    const deleted = await owner.send(
      new DeleteResourceShareCommand({ resourceShareArn: arn, clientToken: 'del-0' }),
    );
    expect(deleted.returnValue).toBe(true);
    expect(deleted.clientToken).toBe('del-0');
    const status = (
      await owner.send(
        new GetResourceSharesCommand({ resourceOwner: 'SELF', resourceShareArns: [arn] }),
      )
    ).resourceShares![0].status;
    expect(status).toBe('DELETED');
  });

  it('lists resource types and managed permissions', async () => {
    const owner = world.ramClient(NETWORK);
    const types = await owner.send(new ListResourceTypesCommand({}));
    expect(types.resourceTypes?.map((t) => t.resourceType)).toEqual(
      expect.arrayContaining(['vpc-lattice:ServiceNetwork', 'vpc-lattice:Service']),
    );
    const permissions = await owner.send(
      new ListPermissionsCommand({ resourceType: 'vpc-lattice:ServiceNetwork' }),
    );
    expect(permissions.permissions?.[0]?.creationTime).toBeInstanceOf(Date);
    expect(permissions.permissions?.[0]?.isResourceTypeDefault).toBe(true);
  });
});
