import { describe, expect, it } from 'vitest';
import { ORG_MEMBER, OWNER, RECEIVER, createWorld } from './testing/ram-test-world.ts';

type Row = Record<string, unknown>;
const rows = (value: unknown): Row[] => value as Row[];

describe('listing and pagination', () => {
  it('pages GetResourceShares with maxResults/nextToken and refuses foreign tokens', async () => {
    const world = createWorld();
    for (let i = 0; i < 5; i++) {
      await world.call(OWNER, 'CreateResourceShare', { name: `share-${i}` });
      world.clock.advance(1_000);
    }
    const names: unknown[] = [];
    let nextToken: unknown;
    let pages = 0;
    do {
      const page = await world.call(OWNER, 'GetResourceShares', {
        resourceOwner: 'SELF',
        maxResults: 2,
        ...(nextToken === undefined ? {} : { nextToken }),
      });
      names.push(...rows(page['resourceShares']).map((s) => s['name']));
      nextToken = page['nextToken'];
      pages++;
    } while (nextToken !== undefined);
    expect(pages).toBe(3);
    expect(names).toEqual(['share-0', 'share-1', 'share-2', 'share-3', 'share-4']);

    const first = await world.call(OWNER, 'GetResourceShares', {
      resourceOwner: 'SELF',
      maxResults: 2,
    });
    const reused = await world.fail(OWNER, 'GetResourceShares', {
      resourceOwner: 'SELF',
      name: 'share-1',
      maxResults: 2,
      nextToken: first['nextToken'],
    });
    expect(reused.code).toBe('InvalidNextTokenException');
    expect(
      (
        await world.fail(OWNER, 'GetResourceShares', {
          resourceOwner: 'SELF',
          nextToken: 'garbage',
        })
      ).code,
    ).toBe('InvalidNextTokenException');
    expect(
      (await world.fail(OWNER, 'GetResourceShares', { resourceOwner: 'SELF', maxResults: 0 })).code,
    ).toBe('InvalidMaxResultsException');
    expect(
      (await world.fail(OWNER, 'GetResourceShares', { resourceOwner: 'SELF', maxResults: 501 }))
        .code,
    ).toBe('InvalidMaxResultsException');
  });

  it('filters shares by name, status, ARN and tags', async () => {
    const world = createWorld();
    const a = await world.call(OWNER, 'CreateResourceShare', {
      name: 'a',
      tags: [
        { key: 'ManagedBy', value: 'trellis' },
        { key: 'tenant', value: 'acme' },
      ],
    });
    await world.call(OWNER, 'CreateResourceShare', {
      name: 'b',
      tags: [{ key: 'ManagedBy', value: 'someone' }],
    });
    const names = async (body: Row) =>
      rows(
        (await world.call(OWNER, 'GetResourceShares', { resourceOwner: 'SELF', ...body }))[
          'resourceShares'
        ],
      ).map((s) => s['name']);
    expect(await names({ name: 'b' })).toEqual(['b']);
    expect(await names({ tagFilters: [{ tagKey: 'ManagedBy', tagValues: ['trellis'] }] })).toEqual([
      'a',
    ]);
    expect(await names({ tagFilters: [{ tagKey: 'ManagedBy', tagValues: [] }] })).toHaveLength(2);
    expect(
      await names({ resourceShareArns: [(a['resourceShare'] as Row)['resourceShareArn']] }),
    ).toEqual(['a']);
    expect(await names({ resourceShareStatus: 'DELETED' })).toEqual([]);

    await world.call(OWNER, 'TagResource', {
      resourceShareArn: (a['resourceShare'] as Row)['resourceShareArn'],
      tags: [{ key: 'stage', value: 'blue' }],
    });
    expect(await names({ tagFilters: [{ tagKey: 'stage', tagValues: ['blue'] }] })).toEqual(['a']);
    await world.call(OWNER, 'UntagResource', {
      resourceShareArn: (a['resourceShare'] as Row)['resourceShareArn'],
      tagKeys: ['stage'],
    });
    expect(await names({ tagFilters: [{ tagKey: 'stage', tagValues: ['blue'] }] })).toEqual([]);
  });

  it('lists the owner resources and principals, filtered by principal and resource', async () => {
    const world = createWorld();
    const n1 = world.addServiceNetwork(OWNER);
    const n2 = world.addServiceNetwork(OWNER);
    await world.call(OWNER, 'CreateResourceShare', {
      name: 'one',
      resourceArns: [n1],
      principals: [ORG_MEMBER],
    });
    world.clock.advance(1_000);
    await world.call(OWNER, 'CreateResourceShare', {
      name: 'two',
      resourceArns: [n2],
      principals: [RECEIVER],
    });

    const list = async (account: string, body: Row) =>
      rows(
        (await world.call(account, 'ListResources', { resourceOwner: 'SELF', ...body }))[
          'resources'
        ],
      ).map((r) => r['arn']);
    expect(await list(OWNER, {})).toEqual([n1, n2]);
    expect(await list(OWNER, { principal: RECEIVER })).toEqual([n2]);
    expect(await list(OWNER, { resourceArns: [n1] })).toEqual([n1]);
    expect(await list(ORG_MEMBER, {})).toEqual([]);

    const principals = rows(
      (await world.call(OWNER, 'ListPrincipals', { resourceOwner: 'SELF', resourceArn: n2 }))[
        'principals'
      ],
    );
    expect(principals).toEqual([expect.objectContaining({ id: RECEIVER, external: true })]);

    // The organisation member received its share at once; the outside account has not accepted.
    expect(
      rows(
        (await world.call(ORG_MEMBER, 'ListResources', { resourceOwner: 'OTHER-ACCOUNTS' }))[
          'resources'
        ],
      ).map((r) => r['arn']),
    ).toEqual([n1]);
    expect(
      rows(
        (await world.call(RECEIVER, 'ListResources', { resourceOwner: 'OTHER-ACCOUNTS' }))[
          'resources'
        ],
      ),
    ).toEqual([]);
  });

  it('reports a shared resource its owner deleted as UNAVAILABLE and stops sharing it', async () => {
    const world = createWorld();
    const network = world.addServiceNetwork(OWNER);
    await world.call(OWNER, 'CreateResourceShare', {
      name: 'n',
      resourceArns: [network],
      principals: [ORG_MEMBER],
    });
    expect(world.ram.isSharedWith(network, ORG_MEMBER)).toBe(true);
    world.resources.delete(network);
    const [resource] = rows(
      (await world.call(OWNER, 'ListResources', { resourceOwner: 'SELF' }))['resources'],
    );
    expect(resource).toMatchObject({ arn: network, status: 'UNAVAILABLE' });
    expect(world.ram.isSharedWith(network, ORG_MEMBER)).toBe(false);
  });

  it('describes the shareable resource types and their managed permissions', async () => {
    const world = createWorld();
    const types = rows((await world.call(OWNER, 'ListResourceTypes'))['resourceTypes']);
    expect(types).toEqual(
      expect.arrayContaining([
        {
          resourceType: 'vpc-lattice:ServiceNetwork',
          serviceName: 'vpc-lattice',
          resourceRegionScope: 'REGIONAL',
        },
        {
          resourceType: 'vpc-lattice:Service',
          serviceName: 'vpc-lattice',
          resourceRegionScope: 'REGIONAL',
        },
      ]),
    );
    const permissions = rows(
      (await world.call(OWNER, 'ListPermissions', { resourceType: 'vpc-lattice:servicenetwork' }))[
        'permissions'
      ],
    );
    expect(permissions).toEqual([
      expect.objectContaining({
        arn: 'arn:aws:ram::aws:permission/AWSRAMPermissionVpcLatticeServiceNetworkReadWrite',
        resourceType: 'vpc-lattice:ServiceNetwork',
        isResourceTypeDefault: true,
        permissionType: 'AWS_MANAGED',
        status: 'ATTACHABLE',
      }),
    ]);
    const permissionArn = permissions[0]?.['arn'];
    const detail = await world.call(OWNER, 'GetPermission', { permissionArn });
    expect(JSON.parse(String((detail['permission'] as Row)['permission']))).toMatchObject({
      Effect: 'Allow',
    });

    // A share created without permissionArns grants the default one.
    const network = world.addServiceNetwork(OWNER);
    await world.call(OWNER, 'CreateResourceShare', { name: 'p', resourceArns: [network] });
    const byPermission = rows(
      (await world.call(OWNER, 'GetResourceShares', { resourceOwner: 'SELF', permissionArn }))[
        'resourceShares'
      ],
    );
    expect(byPermission.map((s) => s['name'])).toEqual(['p']);
  });
});
