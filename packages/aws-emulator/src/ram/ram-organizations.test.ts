// Organisation structure as the account directory describes it: OU principals reach only the
// accounts in the OU, organisation ARNs must name the management account, and only that account
// may turn on sharing within the organisation.
import { describe, expect, it } from 'vitest';
import { ORG_ID, ORG_MEMBER, OWNER, createWorld } from './testing/ram-test-world.ts';

const OTHER_MEMBER = '555555555555';
const OU = 'ou-abcd-11111111';

function organisation() {
  return createWorld({
    organizations: { [OWNER]: ORG_ID, [ORG_MEMBER]: ORG_ID, [OTHER_MEMBER]: ORG_ID },
    organizationalUnits: { [ORG_MEMBER]: [OU] },
  });
}

describe('organisational unit principals', () => {
  it('share with the accounts in the OU only', async () => {
    const world = organisation();
    const network = world.addServiceNetwork(OWNER);
    const ouArn = `arn:aws:organizations::${OWNER}:ou/${ORG_ID}/${OU}`;
    await world.call(OWNER, 'CreateResourceShare', {
      name: 'ou',
      resourceArns: [network],
      principals: [ouArn],
    });
    expect(world.ram.isSharedWith(network, ORG_MEMBER)).toBe(true);
    expect(world.ram.isSharedWith(network, OTHER_MEMBER)).toBe(false);
    const listed = async (account: string) =>
      (
        (await world.call(account, 'ListResources', { resourceOwner: 'OTHER-ACCOUNTS' }))[
          'resources'
        ] as { arn: string }[]
      ).map((r) => r.arn);
    expect(await listed(ORG_MEMBER)).toEqual([network]);
    expect(await listed(OTHER_MEMBER)).toEqual([]);
  });

  it('an organisation principal still covers every member', async () => {
    const world = organisation();
    const network = world.addServiceNetwork(OWNER);
    await world.call(OWNER, 'CreateResourceShare', {
      name: 'org',
      resourceArns: [network],
      principals: [`arn:aws:organizations::${OWNER}:organization/${ORG_ID}`],
    });
    expect(world.ram.isSharedWith(network, ORG_MEMBER)).toBe(true);
    expect(world.ram.isSharedWith(network, OTHER_MEMBER)).toBe(true);
  });

  it('organisation and OU ARNs must name the management account', async () => {
    const world = organisation();
    const network = world.addServiceNetwork(OWNER);
    const wrongOrg = await world.fail(OWNER, 'CreateResourceShare', {
      name: 'x',
      resourceArns: [network],
      principals: [`arn:aws:organizations::${ORG_MEMBER}:organization/${ORG_ID}`],
    });
    expect(wrongOrg.code).toBe('UnknownResourceException');
    expect(wrongOrg.message).toBe(`Organization ${ORG_ID} could not be found.`);
    const wrongOu = await world.fail(OWNER, 'CreateResourceShare', {
      name: 'x',
      resourceArns: [network],
      principals: [`arn:aws:organizations::${ORG_MEMBER}:ou/${ORG_ID}/${OU}`],
    });
    expect(wrongOu.message).toBe(`OrganizationalUnit ${OU} could not be found.`);
  });
});

describe('EnableSharingWithAwsOrganization', () => {
  it('is refused to member accounts and allowed to the management account', async () => {
    const world = createWorld({ sharingEnabled: false, managementAccount: ORG_MEMBER });
    const refused = await world.fail(OWNER, 'EnableSharingWithAwsOrganization');
    expect(refused.code).toBe('OperationNotPermittedException');
    expect(refused.message).toContain('only the management account');

    const network = world.addServiceNetwork(OWNER);
    await world.call(OWNER, 'CreateResourceShare', {
      name: 'before',
      resourceArns: [network],
      principals: [ORG_MEMBER],
    });
    expect(world.ram.isSharedWith(network, ORG_MEMBER)).toBe(false); // invitation pending

    expect(await world.call(ORG_MEMBER, 'EnableSharingWithAwsOrganization')).toEqual({
      returnValue: true,
    });
    const second = world.addServiceNetwork(OWNER);
    await world.call(OWNER, 'CreateResourceShare', {
      name: 'after',
      resourceArns: [second],
      principals: [ORG_MEMBER],
    });
    expect(world.ram.isSharedWith(second, ORG_MEMBER)).toBe(true);
  });
});
