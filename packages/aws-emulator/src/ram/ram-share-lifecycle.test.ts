import { describe, expect, it } from 'vitest';
import { ORG_MEMBER, OWNER, RECEIVER, REGION, createWorld } from './testing/ram-test-world.ts';

type Row = Record<string, unknown>;
const rows = (value: unknown): Row[] => value as Row[];

describe('asynchronous association and deletion', () => {
  it('answers ASSOCIATING and reports ASSOCIATED once the consistency delay has passed', async () => {
    const world = createWorld({ consistencyDelayMs: 5_000 });
    const network = world.addServiceNetwork(OWNER);
    const created = await world.call(OWNER, 'CreateResourceShare', {
      name: 's',
      principals: [ORG_MEMBER],
    });
    const shareArn = (created['resourceShare'] as Row)['resourceShareArn'];
    const associated = await world.call(OWNER, 'AssociateResourceShare', {
      resourceShareArn: shareArn,
      resourceArns: [network],
    });
    expect(rows(associated['resourceShareAssociations'])).toEqual([
      expect.objectContaining({
        associatedEntity: network,
        associationType: 'RESOURCE',
        status: 'ASSOCIATING',
        resourceShareName: 's',
      }),
    ]);
    expect(world.ram.isSharedWith(network, ORG_MEMBER)).toBe(false);

    world.clock.advance(5_000);
    const [resource] = rows(
      (await world.call(OWNER, 'GetResourceShareAssociations', { associationType: 'RESOURCE' }))[
        'resourceShareAssociations'
      ],
    );
    expect(resource?.['status']).toBe('ASSOCIATED');
    expect(world.ram.isSharedWith(network, ORG_MEMBER)).toBe(true);
  });

  it('deletes through DELETING to DELETED and withdraws access', async () => {
    const world = createWorld({ consistencyDelayMs: 1_000 });
    const network = world.addServiceNetwork(OWNER);
    const created = await world.call(OWNER, 'CreateResourceShare', {
      name: 's',
      resourceArns: [network],
      principals: [ORG_MEMBER],
    });
    const shareArn = String((created['resourceShare'] as Row)['resourceShareArn']);
    world.clock.advance(1_000);
    expect(world.ram.isSharedWith(network, ORG_MEMBER)).toBe(true);

    const deleted = await world.call(OWNER, 'DeleteResourceShare', undefined, {
      method: 'DELETE',
      query: { resourceShareArn: shareArn, clientToken: 'delete-1' },
    });
    expect(deleted).toEqual({ returnValue: true, clientToken: 'delete-1' });
    const shares = async () =>
      rows(
        (await world.call(OWNER, 'GetResourceShares', { resourceOwner: 'SELF' }))['resourceShares'],
      );
    expect((await shares())[0]?.['status']).toBe('DELETING');
    expect(world.ram.isSharedWith(network, ORG_MEMBER)).toBe(false);
    world.clock.advance(1_000);
    expect((await shares())[0]?.['status']).toBe('DELETED');
    const associations = rows(
      (await world.call(OWNER, 'GetResourceShareAssociations', { associationType: 'RESOURCE' }))[
        'resourceShareAssociations'
      ],
    );
    expect(associations.map((a) => a['status'])).toEqual(['DISASSOCIATED']);

    // The same token replays the answer; a deleted share cannot be deleted again.
    expect(
      await world.call(OWNER, 'DeleteResourceShare', undefined, {
        method: 'DELETE',
        query: { resourceShareArn: shareArn, clientToken: 'delete-1' },
      }),
    ).toEqual({ returnValue: true, clientToken: 'delete-1' });
    const again = await world.fail(OWNER, 'DeleteResourceShare', undefined, {
      method: 'DELETE',
      query: { resourceShareArn: shareArn },
    });
    expect(again.code).toBe('InvalidStateTransitionException');
  });

  it('removes a principal and re-invites an external account that is added again', async () => {
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
    await world.call(OWNER, 'DisassociateResourceShare', {
      resourceShareArn: shareArn,
      principals: [RECEIVER],
    });
    expect(world.ram.isSharedWith(network, RECEIVER)).toBe(false);
    const notThere = await world.fail(OWNER, 'DisassociateResourceShare', {
      resourceShareArn: shareArn,
      principals: [RECEIVER],
    });
    expect(notThere.code).toBe('UnknownResourceException');

    world.clock.advance(1_000);
    await world.call(OWNER, 'AssociateResourceShare', {
      resourceShareArn: shareArn,
      principals: [RECEIVER],
    });
    const invitations = rows(
      (await world.call(RECEIVER, 'GetResourceShareInvitations'))['resourceShareInvitations'],
    );
    expect(invitations.map((i) => i['status'])).toEqual(['ACCEPTED', 'PENDING']);
    expect(world.ram.isSharedWith(network, RECEIVER)).toBe(false);
  });

  it('stops listing a deleted share two hours after deletion', async () => {
    const world = createWorld();
    const created = await world.call(OWNER, 'CreateResourceShare', { name: 'gone' });
    const shareArn = String((created['resourceShare'] as Row)['resourceShareArn']);
    await world.call(OWNER, 'DeleteResourceShare', undefined, {
      method: 'DELETE',
      query: { resourceShareArn: shareArn },
    });
    const shares = async () =>
      rows(
        (await world.call(OWNER, 'GetResourceShares', { resourceOwner: 'SELF' }))['resourceShares'],
      );
    world.clock.advance(2 * 60 * 60 * 1000 - 1);
    expect((await shares()).map((s) => s['status'])).toEqual(['DELETED']);
    world.clock.advance(1);
    expect(await shares()).toEqual([]);
  });

  it('gives the owning account access without an invitation when it is named as a principal', async () => {
    const world = createWorld();
    const network = world.addServiceNetwork(OWNER);
    const created = await world.call(OWNER, 'CreateResourceShare', {
      name: 'self',
      resourceArns: [network],
      principals: [OWNER],
    });
    expect((created['resourceShare'] as Row)['status']).toBe('ACTIVE');
    expect(
      rows((await world.call(OWNER, 'GetResourceShareInvitations'))['resourceShareInvitations']),
    ).toEqual([]);
    const [principal] = rows(
      (await world.call(OWNER, 'GetResourceShareAssociations', { associationType: 'PRINCIPAL' }))[
        'resourceShareAssociations'
      ],
    );
    expect(principal).toMatchObject({
      associatedEntity: OWNER,
      status: 'ASSOCIATED',
      external: false,
    });
  });

  it('updates name and allowExternalPrincipals', async () => {
    const world = createWorld();
    const created = await world.call(OWNER, 'CreateResourceShare', { name: 'before' });
    const shareArn = (created['resourceShare'] as Row)['resourceShareArn'];
    const updated = await world.call(OWNER, 'UpdateResourceShare', {
      resourceShareArn: shareArn,
      name: 'after',
      allowExternalPrincipals: false,
    });
    expect(updated['resourceShare']).toMatchObject({
      name: 'after',
      allowExternalPrincipals: false,
    });
    const foreign = await world.fail(RECEIVER, 'UpdateResourceShare', {
      resourceShareArn: shareArn,
      name: 'x',
    });
    expect(foreign.code).toBe('UnknownResourceException');
  });
});

describe('clientToken idempotency', () => {
  it('returns the same share for a retry and refuses changed parameters', async () => {
    const world = createWorld();
    const network = world.addServiceNetwork(OWNER);
    const request = {
      name: 'tenant',
      resourceArns: [network],
      principals: [RECEIVER],
      clientToken: 'tok-1',
    };
    const first = await world.call(OWNER, 'CreateResourceShare', request);
    const retry = await world.call(OWNER, 'CreateResourceShare', request);
    expect(retry).toEqual(first);
    expect(first['clientToken']).toBe('tok-1');
    const shares = rows(
      (await world.call(OWNER, 'GetResourceShares', { resourceOwner: 'SELF' }))['resourceShares'],
    );
    expect(shares).toHaveLength(1);
    expect(
      rows((await world.call(RECEIVER, 'GetResourceShareInvitations'))['resourceShareInvitations']),
    ).toHaveLength(1);

    const mismatch = await world.fail(OWNER, 'CreateResourceShare', { ...request, name: 'other' });
    expect(mismatch.code).toBe('IdempotentParameterMismatchException');
    // Tokens belong to the calling account.
    const otherAccount = await world.call(ORG_MEMBER, 'CreateResourceShare', {
      name: 'tenant',
      clientToken: 'tok-1',
    });
    expect(otherAccount['resourceShare']).toMatchObject({ owningAccountId: ORG_MEMBER });
  });

  it('generates a clientToken when none is given', async () => {
    const world = createWorld();
    const created = await world.call(OWNER, 'CreateResourceShare', { name: 'x' });
    expect(created['clientToken']).toMatch(/^[0-9a-f-]{36}$/);
    const bad = await world.fail(OWNER, 'CreateResourceShare', {
      name: 'x',
      clientToken: 'x'.repeat(65),
    });
    expect(bad.code).toBe('InvalidClientTokenException');
  });
});

describe('validation errors', () => {
  it('names the modelled error for each bad input', async () => {
    const world = createWorld();
    const mine = world.addServiceNetwork(OWNER);
    const theirs = world.addServiceNetwork(RECEIVER);
    const cases: [Row, string][] = [
      [{ name: 'x', resourceArns: ['not-an-arn'] }, 'MalformedArnException'],
      [
        {
          name: 'x',
          resourceArns: [
            `arn:aws:vpc-lattice:${REGION}:${OWNER}:servicenetwork/sn-0000000000000dead`,
          ],
        },
        'UnknownResourceException',
      ],
      [{ name: 'x', resourceArns: [theirs] }, 'OperationNotPermittedException'],
      [{ name: 'x', principals: ['12345'] }, 'InvalidParameterException'],
      [
        { name: 'x', principals: ['arn:aws:iam::222222222222:role/admin'] },
        'InvalidParameterException',
      ],
      [{ name: 'x', principals: ['arn:aws:organizations::bad'] }, 'MalformedArnException'],
      [{ resourceArns: [mine] }, 'MissingRequiredParameterException'],
      [{ name: 'x', tags: [{ key: 'aws:reserved', value: 'v' }] }, 'TagPolicyViolationException'],
      [
        { name: 'x', tags: Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: 'v' })) },
        'TagLimitExceededException',
      ],
      [
        { name: 'x', permissionArns: ['arn:aws:ram::aws:permission/NoSuchPermission'] },
        'UnknownResourceException',
      ],
    ];
    for (const [body, code] of cases) {
      const error = await world.fail(OWNER, 'CreateResourceShare', body);
      expect({ body, code: error.code }).toEqual({ body, code });
      expect(error.status).toBe(400);
    }
    expect(
      rows(
        (await world.call(OWNER, 'GetResourceShares', { resourceOwner: 'SELF' }))['resourceShares'],
      ),
    ).toEqual([]);
  });

  it('refuses unknown share ARNs, missing and invalid enum members, and unknown operations', async () => {
    const world = createWorld();
    const unknownShare = `arn:aws:ram:${REGION}:${OWNER}:resource-share/00000000-0000-4000-8000-000000000000`;
    expect(
      (
        await world.fail(OWNER, 'AssociateResourceShare', {
          resourceShareArn: unknownShare,
          principals: [RECEIVER],
        })
      ).code,
    ).toBe('UnknownResourceException');
    expect(
      (await world.fail(OWNER, 'AssociateResourceShare', { resourceShareArn: 'arn:aws:ram:x' }))
        .code,
    ).toBe('MalformedArnException');
    expect((await world.fail(OWNER, 'GetResourceShares', {})).code).toBe(
      'MissingRequiredParameterException',
    );
    expect((await world.fail(OWNER, 'GetResourceShares', { resourceOwner: 'ME' })).code).toBe(
      'InvalidParameterException',
    );
    expect(
      (
        await world.fail(OWNER, 'ListResources', {
          resourceOwner: 'SELF',
          resourceType: 'ec2:Nope',
        })
      ).code,
    ).toBe('InvalidResourceTypeException');
    expect(
      (
        await world.fail(OWNER, 'GetResourceShareAssociations', {
          associationType: 'PRINCIPAL',
          resourceArn:
            'arn:aws:vpc-lattice:us-west-2:111111111111:servicenetwork/sn-00000000000000001',
        })
      ).code,
    ).toBe('InvalidParameterException');
    const unknown = await world.fail(OWNER, 'CreatePermissionVersionX');
    expect(unknown.code).toBe('UnknownOperationException');
    expect(unknown.status).toBe(404);
  });
});
