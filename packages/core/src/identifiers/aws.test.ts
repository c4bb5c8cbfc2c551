import { describe, expect, it } from 'vitest';
import { checkExternalId, checkRegion, checkRoleInAccount, parseRoleArn, VPC_ID } from './aws.ts';

describe('AWS identifiers', () => {
  it('parses role ARNs with and without paths', () => {
    expect(parseRoleArn('arn:aws:iam::111122223333:role/trellis-network')).toEqual({
      partition: 'aws',
      accountId: '111122223333',
      path: '/',
      roleName: 'trellis-network',
    });
    expect(parseRoleArn('arn:aws-us-gov:iam::111122223333:role/ops/trellis')).toMatchObject({
      partition: 'aws-us-gov',
      path: '/ops/',
      roleName: 'trellis',
    });
    expect(parseRoleArn('arn:aws:iam::111122223333:user/bob')).toBeUndefined();
    expect(parseRoleArn('arn:aws:iam::1111:role/x')).toBeUndefined();
  });

  it('requires the role to live in the named account', () => {
    expect(
      checkRoleInAccount('spec.networkAccount', '111122223333', 'arn:aws:iam::111122223333:role/r'),
    ).toEqual([]);
    expect(
      checkRoleInAccount('spec.networkAccount', '111122223333', 'arn:aws:iam::444455556666:role/r'),
    ).toEqual([
      {
        field: 'spec.networkAccount.roleArn',
        message: 'names account 444455556666, but accountId is 111122223333',
      },
    ]);
    expect(checkRoleInAccount('x', '12', 'nope').map((p) => p.field)).toEqual([
      'x.accountId',
      'x.roleArn',
    ]);
  });

  it('checks ExternalId and region syntax', () => {
    expect(checkExternalId('e', 'tenant-acme:7f3a')).toEqual([]);
    expect(checkExternalId('e', 'x')).toHaveLength(1);
    expect(checkExternalId('e', 'has space')).toHaveLength(1);
    expect(checkExternalId('e', 'a'.repeat(1225))).toHaveLength(1);
    expect(checkRegion('r', 'us-west-2')).toEqual([]);
    expect(checkRegion('r', 'us-gov-west-1')).toEqual([]);
    expect(checkRegion('r', 'uswest2')).toHaveLength(1);
    expect(VPC_ID.test('vpc-0123456789abcdef0')).toBe(true);
    expect(VPC_ID.test('vpc-xyz')).toBe(false);
  });
});
