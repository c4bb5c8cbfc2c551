import { describe, expect, it } from 'vitest';
import { ORG_MEMBER, OWNER, RECEIVER, createWorld } from './testing/ram-test-world.ts';

type Row = Record<string, unknown>;
const rows = (value: unknown): Row[] => value as Row[];

describe('regions, accounts and filters', () => {
  it('keeps a share in the region that created it', async () => {
    const world = createWorld();
    const network = world.addServiceNetwork(OWNER);
    const created = await world.call(OWNER, 'CreateResourceShare', {
      name: 'west',
      resourceArns: [network],
      principals: [ORG_MEMBER],
    });
    const shareArn = (created['resourceShare'] as Row)['resourceShareArn'];
    const east = { region: 'us-east-1' };
    expect(
      rows(
        (await world.call(OWNER, 'GetResourceShares', { resourceOwner: 'SELF' }, east))[
          'resourceShares'
        ],
      ),
    ).toEqual([]);
    const elsewhere = await world.fail(
      OWNER,
      'AssociateResourceShare',
      { resourceShareArn: shareArn, principals: [RECEIVER] },
      east,
    );
    expect(elsewhere.code).toBe('UnknownResourceException');
    // A share made in us-east-1 cannot take a us-west-2 resource.
    const wrongRegion = await world.fail(
      OWNER,
      'CreateResourceShare',
      { name: 'e', resourceArns: [network] },
      east,
    );
    expect(wrongRegion.code).toBe('UnknownResourceException');
  });

  it('fails the association of an account that does not exist, without an invitation', async () => {
    const world = createWorld();
    const created = await world.call(OWNER, 'CreateResourceShare', {
      name: 'x',
      principals: ['999999999999'],
    });
    const shareArn = (created['resourceShare'] as Row)['resourceShareArn'];
    const [principal] = rows(
      (
        await world.call(OWNER, 'GetResourceShareAssociations', {
          associationType: 'PRINCIPAL',
          resourceShareArns: [shareArn],
        })
      )['resourceShareAssociations'],
    );
    expect(principal).toMatchObject({ associatedEntity: '999999999999', status: 'FAILED' });
    expect(principal?.['statusMessage']).toContain('does not exist');
  });

  it('filters invitations by invitation and share ARN, and refuses unknown invitation ARNs', async () => {
    const world = createWorld();
    const first = await world.call(OWNER, 'CreateResourceShare', {
      name: 'one',
      principals: [RECEIVER],
    });
    world.clock.advance(1_000);
    await world.call(OWNER, 'CreateResourceShare', { name: 'two', principals: [RECEIVER] });
    const all = rows(
      (await world.call(RECEIVER, 'GetResourceShareInvitations'))['resourceShareInvitations'],
    );
    expect(all.map((i) => i['resourceShareName'])).toEqual(['one', 'two']);

    const byShare = rows(
      (
        await world.call(RECEIVER, 'GetResourceShareInvitations', {
          resourceShareArns: [(first['resourceShare'] as Row)['resourceShareArn']],
        })
      )['resourceShareInvitations'],
    );
    expect(byShare.map((i) => i['resourceShareName'])).toEqual(['one']);
    const byArn = rows(
      (
        await world.call(RECEIVER, 'GetResourceShareInvitations', {
          resourceShareInvitationArns: [all[1]?.['resourceShareInvitationArn']],
        })
      )['resourceShareInvitations'],
    );
    expect(byArn.map((i) => i['resourceShareName'])).toEqual(['two']);

    const unknown = await world.fail(RECEIVER, 'GetResourceShareInvitations', {
      resourceShareInvitationArns: [
        `arn:aws:ram:us-west-2:${OWNER}:resource-share-invitation/00000000-0000-4000-8000-000000000000`,
      ],
    });
    expect(unknown.code).toBe('ResourceShareInvitationArnNotFoundException');
    const paged = await world.call(RECEIVER, 'GetResourceShareInvitations', { maxResults: 1 });
    expect(rows(paged['resourceShareInvitations'])).toHaveLength(1);
    expect(typeof paged['nextToken']).toBe('string');
  });

  it('filters principals by resource type and resource share', async () => {
    const world = createWorld();
    const network = world.addServiceNetwork(OWNER);
    const withNetwork = await world.call(OWNER, 'CreateResourceShare', {
      name: 'n',
      resourceArns: [network],
      principals: [ORG_MEMBER],
    });
    await world.call(OWNER, 'CreateResourceShare', { name: 'empty', principals: [RECEIVER] });
    const ids = async (body: Row) =>
      rows(
        (await world.call(OWNER, 'ListPrincipals', { resourceOwner: 'SELF', ...body }))[
          'principals'
        ],
      ).map((p) => p['id']);
    expect((await ids({})).sort()).toEqual([ORG_MEMBER, RECEIVER].sort());
    expect(await ids({ resourceType: 'vpc-lattice:ServiceNetwork' })).toEqual([ORG_MEMBER]);
    expect(await ids({ resourceType: 'vpc-lattice:Service' })).toEqual([]);
    expect(
      await ids({ resourceShareArns: [(withNetwork['resourceShare'] as Row)['resourceShareArn']] }),
    ).toEqual([ORG_MEMBER]);
    expect(await ids({ principals: [RECEIVER] })).toEqual([RECEIVER]);
  });

  it('refuses changes to a deleted share and empty association requests', async () => {
    const world = createWorld();
    const created = await world.call(OWNER, 'CreateResourceShare', { name: 'd' });
    const shareArn = String((created['resourceShare'] as Row)['resourceShareArn']);
    expect(
      (await world.fail(OWNER, 'AssociateResourceShare', { resourceShareArn: shareArn })).code,
    ).toBe('MissingRequiredParameterException');
    await world.call(OWNER, 'DeleteResourceShare', undefined, {
      method: 'DELETE',
      query: { resourceShareArn: shareArn },
    });
    expect(
      (await world.fail(OWNER, 'UpdateResourceShare', { resourceShareArn: shareArn, name: 'e' }))
        .code,
    ).toBe('InvalidStateTransitionException');
    expect(
      (
        await world.fail(OWNER, 'AssociateResourceShare', {
          resourceShareArn: shareArn,
          principals: [RECEIVER],
        })
      ).code,
    ).toBe('InvalidStateTransitionException');
    expect(
      (await world.fail(OWNER, 'DeleteResourceShare', undefined, { method: 'DELETE' })).code,
    ).toBe('MissingRequiredParameterException');
  });

  it('validates request bodies and member types', async () => {
    const world = createWorld();
    const request = {
      service: 'ram',
      region: 'us-west-2',
      method: 'POST',
      path: '/createresourceshare',
      query: new URLSearchParams(),
      headers: {},
      body: Buffer.from('{not json'),
      caller: {
        accountId: OWNER,
        arn: `arn:aws:iam::${OWNER}:root`,
        userId: OWNER,
        accessKeyId: 'AKIA',
        kind: 'root' as const,
      },
      requestId: 'r',
    };
    await expect(world.ram.handle(request)).rejects.toMatchObject({
      code: 'InvalidParameterException',
    });
    expect(
      (await world.fail(OWNER, 'CreateResourceShare', { name: 'x', resourceArns: 'one' })).code,
    ).toBe('InvalidParameterException');
    expect(
      (
        await world.fail(OWNER, 'CreateResourceShare', {
          name: 'x',
          allowExternalPrincipals: 'yes',
        })
      ).code,
    ).toBe('InvalidParameterException');
    expect(
      (await world.fail(OWNER, 'CreateResourceShare', { name: 'x', sources: ['111111111111'] }))
        .code,
    ).toBe('InvalidParameterException');
    // The same wrong method on a known path is not an operation.
    expect((await world.fail(OWNER, 'GetResourceShares', {}, { method: 'GET' })).code).toBe(
      'UnknownOperationException',
    );
  });
});
