import { describe, expect, it } from 'vitest';
import { ORG_MEMBER, OWNER, RECEIVER, createWorld } from './testing/ram-test-world.ts';

type Row = Record<string, unknown>;
const rows = (value: unknown): Row[] => value as Row[];

describe('sharing with an account outside the organisation', () => {
  it('sends a PENDING invitation and shows nothing to the receiver until it accepts', async () => {
    const world = createWorld();
    const network = world.addServiceNetwork(OWNER);
    const created = await world.call(OWNER, 'CreateResourceShare', {
      name: 'trellis-tenant-a',
      resourceArns: [network],
      principals: [RECEIVER],
    });
    const share = created['resourceShare'] as Row;
    expect(share['resourceShareArn']).toMatch(
      /^arn:aws:ram:us-west-2:111111111111:resource-share\/[0-9a-f-]{36}$/,
    );
    expect(share['status']).toBe('ACTIVE');
    expect(share['allowExternalPrincipals']).toBe(true);

    const invitations = rows(
      (await world.call(RECEIVER, 'GetResourceShareInvitations'))['resourceShareInvitations'],
    );
    expect(invitations).toHaveLength(1);
    expect(invitations[0]).toMatchObject({
      resourceShareArn: share['resourceShareArn'],
      resourceShareName: 'trellis-tenant-a',
      senderAccountId: OWNER,
      receiverAccountId: RECEIVER,
      status: 'PENDING',
    });
    expect(invitations[0]?.['resourceShareInvitationArn']).toMatch(
      /^arn:aws:ram:us-west-2:111111111111:resource-share-invitation\/[0-9a-f-]{36}$/,
    );

    // The owner's own view: the principal waits in ASSOCIATING, flagged external.
    const principals = rows(
      (
        await world.call(OWNER, 'GetResourceShareAssociations', {
          associationType: 'PRINCIPAL',
        })
      )['resourceShareAssociations'],
    );
    expect(principals[0]).toMatchObject({
      associatedEntity: RECEIVER,
      status: 'ASSOCIATING',
      external: true,
    });

    // Pending shares are visible through the invitation only.
    expect(
      rows(
        (await world.call(RECEIVER, 'GetResourceShares', { resourceOwner: 'OTHER-ACCOUNTS' }))[
          'resourceShares'
        ],
      ),
    ).toEqual([]);
    expect(
      rows(
        (await world.call(RECEIVER, 'ListResources', { resourceOwner: 'OTHER-ACCOUNTS' }))[
          'resources'
        ],
      ),
    ).toEqual([]);
    expect(world.ram.isSharedWith(network, RECEIVER)).toBe(false);

    const pendingResources = rows(
      (
        await world.call(RECEIVER, 'ListPendingInvitationResources', {
          resourceShareInvitationArn: invitations[0]?.['resourceShareInvitationArn'],
        })
      )['resources'],
    );
    expect(pendingResources.map((r) => r['arn'])).toEqual([network]);

    const accepted = await world.call(RECEIVER, 'AcceptResourceShareInvitation', {
      resourceShareInvitationArn: invitations[0]?.['resourceShareInvitationArn'],
    });
    expect((accepted['resourceShareInvitation'] as Row)['status']).toBe('ACCEPTED');

    const received = rows(
      (await world.call(RECEIVER, 'GetResourceShares', { resourceOwner: 'OTHER-ACCOUNTS' }))[
        'resourceShares'
      ],
    );
    expect(received.map((s) => s['resourceShareArn'])).toEqual([share['resourceShareArn']]);
    expect(received[0]?.['owningAccountId']).toBe(OWNER);
    const resources = rows(
      (
        await world.call(RECEIVER, 'ListResources', {
          resourceOwner: 'OTHER-ACCOUNTS',
          resourceType: 'vpc-lattice:ServiceNetwork',
        })
      )['resources'],
    );
    expect(resources).toEqual([
      expect.objectContaining({
        arn: network,
        type: 'vpc-lattice:ServiceNetwork',
        resourceShareArn: share['resourceShareArn'],
        status: 'AVAILABLE',
        resourceRegionScope: 'REGIONAL',
      }),
    ]);
    expect(world.ram.isSharedWith(network, RECEIVER)).toBe(true);
    // Only the receiver gets access; the owner is not "shared with" its own resource.
    expect(world.ram.isSharedWith(network, '555555555555')).toBe(false);
    expect(world.ram.isSharedWith(network, OWNER)).toBe(false);
  });

  it('refuses a second answer and answers from other accounts', async () => {
    const world = createWorld();
    const network = world.addServiceNetwork(OWNER);
    await world.call(OWNER, 'CreateResourceShare', {
      name: 's',
      resourceArns: [network],
      principals: [RECEIVER],
    });
    const [invitation] = rows(
      (await world.call(RECEIVER, 'GetResourceShareInvitations'))['resourceShareInvitations'],
    );
    const arn = invitation?.['resourceShareInvitationArn'];

    const stranger = await world.fail(ORG_MEMBER, 'AcceptResourceShareInvitation', {
      resourceShareInvitationArn: arn,
    });
    expect(stranger.code).toBe('ResourceShareInvitationArnNotFoundException');
    // The sender does not receive its own invitations either.
    expect(
      rows((await world.call(OWNER, 'GetResourceShareInvitations'))['resourceShareInvitations']),
    ).toEqual([]);

    await world.call(RECEIVER, 'AcceptResourceShareInvitation', {
      resourceShareInvitationArn: arn,
    });
    const again = await world.fail(RECEIVER, 'AcceptResourceShareInvitation', {
      resourceShareInvitationArn: arn,
    });
    expect(again.code).toBe('ResourceShareInvitationAlreadyAcceptedException');
    expect(again.status).toBe(400);
    const reject = await world.fail(RECEIVER, 'RejectResourceShareInvitation', {
      resourceShareInvitationArn: arn,
    });
    expect(reject.code).toBe('ResourceShareInvitationAlreadyAcceptedException');

    const malformed = await world.fail(RECEIVER, 'AcceptResourceShareInvitation', {
      resourceShareInvitationArn: 'arn:aws:ram:us-west-2:111111111111:resource-share/nope',
    });
    expect(malformed.code).toBe('MalformedArnException');
  });

  it('rejecting leaves the share invisible and refuses a later accept', async () => {
    const world = createWorld();
    const network = world.addServiceNetwork(OWNER);
    await world.call(OWNER, 'CreateResourceShare', {
      name: 's',
      resourceArns: [network],
      principals: [RECEIVER],
    });
    const [invitation] = rows(
      (await world.call(RECEIVER, 'GetResourceShareInvitations'))['resourceShareInvitations'],
    );
    const arn = invitation?.['resourceShareInvitationArn'];
    const rejected = await world.call(RECEIVER, 'RejectResourceShareInvitation', {
      resourceShareInvitationArn: arn,
    });
    expect((rejected['resourceShareInvitation'] as Row)['status']).toBe('REJECTED');
    const accept = await world.fail(RECEIVER, 'AcceptResourceShareInvitation', {
      resourceShareInvitationArn: arn,
    });
    expect(accept.code).toBe('ResourceShareInvitationAlreadyRejectedException');
    expect(world.ram.isSharedWith(network, RECEIVER)).toBe(false);
    const [principal] = rows(
      (await world.call(OWNER, 'GetResourceShareAssociations', { associationType: 'PRINCIPAL' }))[
        'resourceShareAssociations'
      ],
    );
    expect(principal?.['status']).toBe('DISASSOCIATED');
  });

  it('expires a Lattice invitation left unanswered for 12 hours and disassociates the principal', async () => {
    const world = createWorld();
    const network = world.addServiceNetwork(OWNER);
    await world.call(OWNER, 'CreateResourceShare', {
      name: 's',
      resourceArns: [network],
      principals: [RECEIVER],
    });
    const [invitation] = rows(
      (await world.call(RECEIVER, 'GetResourceShareInvitations'))['resourceShareInvitations'],
    );
    world.clock.advance(12 * 60 * 60 * 1000 - 1);
    expect(
      rows(
        (await world.call(RECEIVER, 'GetResourceShareInvitations'))['resourceShareInvitations'],
      )[0]?.['status'],
    ).toBe('PENDING');
    world.clock.advance(1);
    const expired = await world.fail(RECEIVER, 'AcceptResourceShareInvitation', {
      resourceShareInvitationArn: invitation?.['resourceShareInvitationArn'],
    });
    expect(expired.code).toBe('ResourceShareInvitationExpiredException');
    const [listed] = rows(
      (await world.call(RECEIVER, 'GetResourceShareInvitations'))['resourceShareInvitations'],
    );
    expect(listed?.['status']).toBe('EXPIRED');
    const [principal] = rows(
      (await world.call(OWNER, 'GetResourceShareAssociations', { associationType: 'PRINCIPAL' }))[
        'resourceShareAssociations'
      ],
    );
    expect(principal?.['status']).toBe('DISASSOCIATED');
  });

  it('lets the receiver leave a share it accepted', async () => {
    const world = createWorld();
    const network = world.addServiceNetwork(OWNER);
    const created = await world.call(OWNER, 'CreateResourceShare', {
      name: 's',
      resourceArns: [network],
      principals: [RECEIVER],
    });
    const shareArn = (created['resourceShare'] as Row)['resourceShareArn'];
    const [invitation] = rows(
      (await world.call(RECEIVER, 'GetResourceShareInvitations'))['resourceShareInvitations'],
    );
    await world.call(RECEIVER, 'AcceptResourceShareInvitation', {
      resourceShareInvitationArn: invitation?.['resourceShareInvitationArn'],
    });
    expect(world.ram.isSharedWith(network, RECEIVER)).toBe(true);

    // A receiver cannot change anything else about the share.
    const grab = await world.fail(RECEIVER, 'DisassociateResourceShare', {
      resourceShareArn: shareArn,
      resourceArns: [network],
    });
    expect(grab.code).toBe('UnknownResourceException');

    const left = await world.call(RECEIVER, 'DisassociateResourceShare', {
      resourceShareArn: shareArn,
      principals: [RECEIVER],
    });
    expect(rows(left['resourceShareAssociations'])[0]).toMatchObject({
      associatedEntity: RECEIVER,
      status: 'DISASSOCIATING',
    });
    expect(world.ram.isSharedWith(network, RECEIVER)).toBe(false);
  });
});

describe('sharing inside an organisation', () => {
  it('associates member accounts directly when organisation sharing is enabled', async () => {
    const world = createWorld({ sharingEnabled: true });
    const network = world.addServiceNetwork(OWNER);
    const created = await world.call(OWNER, 'CreateResourceShare', {
      name: 'org',
      resourceArns: [network],
      principals: [ORG_MEMBER],
      allowExternalPrincipals: false,
    });
    expect((created['resourceShare'] as Row)['allowExternalPrincipals']).toBe(false);
    expect(
      rows(
        (await world.call(ORG_MEMBER, 'GetResourceShareInvitations'))['resourceShareInvitations'],
      ),
    ).toEqual([]);
    const [principal] = rows(
      (await world.call(OWNER, 'GetResourceShareAssociations', { associationType: 'PRINCIPAL' }))[
        'resourceShareAssociations'
      ],
    );
    expect(principal).toMatchObject({
      associatedEntity: ORG_MEMBER,
      status: 'ASSOCIATED',
      external: false,
    });
    expect(world.ram.isSharedWith(network, ORG_MEMBER)).toBe(true);
    const received = rows(
      (await world.call(ORG_MEMBER, 'GetResourceShares', { resourceOwner: 'OTHER-ACCOUNTS' }))[
        'resourceShares'
      ],
    );
    expect(received).toHaveLength(1);
  });

  it('does not let an organisation member leave a share it received without an invitation', async () => {
    const world = createWorld({ sharingEnabled: true });
    const network = world.addServiceNetwork(OWNER);
    const created = await world.call(OWNER, 'CreateResourceShare', {
      name: 'org',
      resourceArns: [network],
      principals: [ORG_MEMBER],
    });
    const error = await world.fail(ORG_MEMBER, 'DisassociateResourceShare', {
      resourceShareArn: (created['resourceShare'] as Row)['resourceShareArn'],
      principals: [ORG_MEMBER],
    });
    expect(error.code).toBe('OperationNotPermittedException');
    expect(world.ram.isSharedWith(network, ORG_MEMBER)).toBe(true);
  });

  it('still sends invitations when organisation sharing is off', async () => {
    const world = createWorld({ sharingEnabled: false });
    const network = world.addServiceNetwork(OWNER);
    await world.call(OWNER, 'CreateResourceShare', {
      name: 'org',
      resourceArns: [network],
      principals: [ORG_MEMBER],
    });
    const invitations = rows(
      (await world.call(ORG_MEMBER, 'GetResourceShareInvitations'))['resourceShareInvitations'],
    );
    expect(invitations.map((i) => i['status'])).toEqual(['PENDING']);
    expect(world.ram.isSharedWith(network, ORG_MEMBER)).toBe(false);

    // Enabling it (EnableSharingWithAwsOrganization) makes later shares invitation-free.
    expect(await world.call(OWNER, 'EnableSharingWithAwsOrganization')).toEqual({
      returnValue: true,
    });
    const second = world.addServiceNetwork(OWNER);
    await world.call(OWNER, 'CreateResourceShare', {
      name: 'org2',
      resourceArns: [second],
      principals: [ORG_MEMBER],
    });
    expect(world.ram.isSharedWith(second, ORG_MEMBER)).toBe(true);
  });

  it('shares with the whole organisation by its ARN', async () => {
    const world = createWorld();
    const network = world.addServiceNetwork(OWNER);
    const orgArn = `arn:aws:organizations::${OWNER}:organization/o-abcdef1234`;
    await world.call(OWNER, 'CreateResourceShare', {
      name: 'org',
      resourceArns: [network],
      principals: [orgArn],
    });
    expect(world.ram.isSharedWith(network, ORG_MEMBER)).toBe(true);
    expect(world.ram.isSharedWith(network, RECEIVER)).toBe(false);
    const principals = rows(
      (await world.call(ORG_MEMBER, 'ListPrincipals', { resourceOwner: 'OTHER-ACCOUNTS' }))[
        'principals'
      ],
    );
    expect(principals.map((p) => p['id'])).toEqual([orgArn]);

    const otherOrg = await world.fail(OWNER, 'CreateResourceShare', {
      name: 'x',
      principals: [`arn:aws:organizations::${RECEIVER}:organization/o-zzzzzzzzzz`],
    });
    expect(otherOrg.code).toBe('UnknownResourceException');
    expect(otherOrg.message).toBe('Organization o-zzzzzzzzzz could not be found.');
    const otherOu = await world.fail(OWNER, 'CreateResourceShare', {
      name: 'x',
      principals: [`arn:aws:organizations::${RECEIVER}:ou/o-zzzzzzzzzz/ou-zzzz-zzzzzzzz`],
    });
    expect(otherOu.message).toBe('OrganizationalUnit ou-zzzz-zzzzzzzz could not be found.');
  });

  it('refuses external principals when allowExternalPrincipals is false', async () => {
    const world = createWorld();
    const network = world.addServiceNetwork(OWNER);
    const error = await world.fail(OWNER, 'CreateResourceShare', {
      name: 'internal',
      resourceArns: [network],
      principals: [RECEIVER],
      allowExternalPrincipals: false,
    });
    expect(error.code).toBe('OperationNotPermittedException');
    // Nothing was created by the failed call.
    expect(
      rows(
        (await world.call(OWNER, 'GetResourceShares', { resourceOwner: 'SELF' }))['resourceShares'],
      ),
    ).toEqual([]);
  });
});
