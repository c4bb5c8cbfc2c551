import { describe, expect, it } from 'vitest';
import { canonicalPrincipalArn, parseAwsPrincipalArn } from './aws-principal-arn.ts';

describe('parseAwsPrincipalArn', () => {
  it('parses the principal kinds GetCallerIdentity returns', () => {
    expect(parseAwsPrincipalArn('arn:aws:sts::111122223333:assumed-role/deployer/alice@example.com')).toEqual({
      kind: 'assumed-role',
      partition: 'aws',
      accountId: '111122223333',
      roleName: 'deployer',
      sessionName: 'alice@example.com',
    });
    expect(parseAwsPrincipalArn('arn:aws:iam::111122223333:role/dev/apps/deployer')).toEqual({
      kind: 'role',
      partition: 'aws',
      accountId: '111122223333',
      roleName: 'deployer',
      path: '/dev/apps/',
    });
    expect(parseAwsPrincipalArn('arn:aws-cn:iam::111122223333:user/ops/bob')).toMatchObject({ kind: 'user', userName: 'bob', path: '/ops/' });
    expect(parseAwsPrincipalArn('arn:aws:iam::111122223333:root')).toMatchObject({ kind: 'root' });
    expect(parseAwsPrincipalArn('arn:aws:s3:::bucket')).toBeUndefined();
  });

  it('canonicalizes sessions to their role without path', () => {
    expect(canonicalPrincipalArn('arn:aws:sts::111122223333:assumed-role/deployer/s')).toBe('arn:aws:iam::111122223333:role/deployer');
    expect(canonicalPrincipalArn('arn:aws:iam::111122223333:user/bob')).toBe('arn:aws:iam::111122223333:user/bob');
  });
});
