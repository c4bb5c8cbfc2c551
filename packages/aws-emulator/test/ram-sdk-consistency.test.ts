// RAM's asynchronous side over the wire: association states under a consistency fault, a
// receiver leaving a share, and the call log seeing RAM's operations as RAM names them.
import {
  AcceptResourceShareInvitationCommand,
  AssociateResourceShareCommand,
  CreateResourceShareCommand,
  DisassociateResourceShareCommand,
  GetResourceShareAssociationsCommand,
  GetResourceShareInvitationsCommand,
  GetResourceSharesCommand,
  ListResourcesCommand,
} from '@aws-sdk/client-ram';
import { CreateServiceNetworkCommand, GetServiceNetworkCommand } from '@aws-sdk/client-vpc-lattice';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RamWorld } from './ram-harness.ts';
import { rejectionOf, startRamWorld } from './ram-harness.ts';

const NETWORK = '220000000001';
const CLUSTER = '220000000002';
const ORG_CLUSTER = '220000000003';

describe('RAM asynchronous behaviour over the wire', () => {
  let world: RamWorld;
  beforeEach(async () => {
    world = await startRamWorld();
  });
  afterEach(async () => {
    await world.close();
  });

  it('keeps resource associations ASSOCIATING while a consistency fault delays them', async () => {
    world.emulator.identity.addOrganization({
      id: 'o-trellis0002',
      accountIds: [NETWORK, ORG_CLUSTER],
      ramSharingEnabled: true,
    });
    world.emulator.faults.consistencyDelay({
      service: 'ram',
      operation: 'AssociateResourceShare',
      delayMs: 60_000,
    });
    const networkArn = (
      await world.latticeClient(NETWORK).send(new CreateServiceNetworkCommand({ name: 'delayed' }))
    ).arn!;
    const owner = world.ramClient(NETWORK);
    const share = (
      await owner.send(
        new CreateResourceShareCommand({ name: 'delayed', principals: [ORG_CLUSTER] }),
      )
    ).resourceShare!;
    const associated = await owner.send(
      new AssociateResourceShareCommand({
        resourceShareArn: share.resourceShareArn,
        resourceArns: [networkArn],
      }),
    );
    expect(associated.resourceShareAssociations?.[0]?.status).toBe('ASSOCIATING');

    const lattice = world.latticeClient(ORG_CLUSTER);
    const hidden = await rejectionOf(
      lattice.send(new GetServiceNetworkCommand({ serviceNetworkIdentifier: networkArn })),
    );
    expect(hidden.name).toBe('ResourceNotFoundException');

    world.clock.advance(60_000);
    const resources = await owner.send(
      new GetResourceShareAssociationsCommand({
        associationType: 'RESOURCE',
        resourceShareArns: [share.resourceShareArn!],
      }),
    );
    expect(resources.resourceShareAssociations?.[0]?.status).toBe('ASSOCIATED');
    const visible = await lattice.send(
      new GetServiceNetworkCommand({ serviceNetworkIdentifier: networkArn }),
    );
    expect(visible.arn).toBe(networkArn);
  });

  it('lets an invited account leave the share, which withdraws the service network', async () => {
    const networkArn = (
      await world.latticeClient(NETWORK).send(new CreateServiceNetworkCommand({ name: 'leave-me' }))
    ).arn!;
    const share = (
      await world.ramClient(NETWORK).send(
        new CreateResourceShareCommand({
          name: 'leave-me',
          resourceArns: [networkArn],
          principals: [CLUSTER],
        }),
      )
    ).resourceShare!;
    const cluster = world.ramClient(CLUSTER);
    const [invitation] = (await cluster.send(new GetResourceShareInvitationsCommand({})))
      .resourceShareInvitations!;
    await cluster.send(
      new AcceptResourceShareInvitationCommand({
        resourceShareInvitationArn: invitation.resourceShareInvitationArn,
      }),
    );
    expect(
      (await cluster.send(new ListResourcesCommand({ resourceOwner: 'OTHER-ACCOUNTS' }))).resources,
    ).toHaveLength(1);

    const left = await cluster.send(
      new DisassociateResourceShareCommand({
        resourceShareArn: share.resourceShareArn,
        principals: [CLUSTER],
      }),
    );
    expect(left.resourceShareAssociations?.[0]).toMatchObject({
      associatedEntity: CLUSTER,
      associationType: 'PRINCIPAL',
      status: 'DISASSOCIATING',
    });
    expect(
      (await cluster.send(new GetResourceSharesCommand({ resourceOwner: 'OTHER-ACCOUNTS' })))
        .resourceShares,
    ).toEqual([]);
    const gone = await rejectionOf(
      world
        .latticeClient(CLUSTER)
        .send(new GetServiceNetworkCommand({ serviceNetworkIdentifier: networkArn })),
    );
    expect(gone.name).toBe('ResourceNotFoundException');
  });

  it('reports RAM operations and whether they mutate to the call log', async () => {
    const owner = world.ramClient(NETWORK);
    await owner.send(new CreateResourceShareCommand({ name: 'logged' }));
    await owner.send(new GetResourceSharesCommand({ resourceOwner: 'SELF' }));
    await rejectionOf(
      owner.send(new GetResourceSharesCommand({ resourceOwner: 'SELF', maxResults: 0 })),
    );
    const calls = world.emulator.calls.list({ service: 'ram' });
    expect(calls.map((c) => [c.operation, c.mutating, c.status, c.errorCode])).toEqual([
      ['CreateResourceShare', true, 200, undefined],
      ['GetResourceShares', false, 200, undefined],
      ['GetResourceShares', false, 400, 'InvalidMaxResultsException'],
    ]);
  });
});
