import { describe, expect, it } from 'vitest';
import type { Caller } from '../core/contracts.ts';
import type { PolicyDocument } from './trust-policy.ts';
import { MalformedPolicyError, parseTrustPolicy, trustPolicyAllows, wildcardMatch } from './trust-policy.ts';

const user: Caller = {
  accountId: '111111111111',
  arn: 'arn:aws:iam::111111111111:user/ops',
  userId: 'AIDAEXAMPLE',
  accessKeyId: 'AKIA1',
  kind: 'user',
};
const session: Caller = {
  accountId: '111111111111',
  arn: 'arn:aws:sts::111111111111:assumed-role/Hub/s1',
  userId: 'AROAEXAMPLE:s1',
  accessKeyId: 'ASIA1',
  kind: 'assumed-role',
  roleArn: 'arn:aws:iam::111111111111:role/Hub',
  chained: false,
};

function allows(policy: PolicyDocument, caller: Caller, context: Record<string, string | undefined> = {}, action: 'sts:AssumeRole' | 'sts:TagSession' = 'sts:AssumeRole') {
  return trustPolicyAllows(policy, { caller, action, context });
}

describe('trust policies', () => {
  it('matches principals by account, root ARN, role ARN, user ARN and *', () => {
    const by = (AWS: string): PolicyDocument => ({ Statement: { Effect: 'Allow', Principal: { AWS }, Action: 'sts:AssumeRole' } });
    expect(allows(by('111111111111'), user)).toBe(true);
    expect(allows(by('arn:aws:iam::111111111111:root'), session)).toBe(true);
    expect(allows(by('arn:aws:iam::222222222222:root'), user)).toBe(false);
    expect(allows(by('arn:aws:iam::111111111111:role/Hub'), session)).toBe(true);
    expect(allows(by('arn:aws:iam::111111111111:role/Hub'), user)).toBe(false);
    expect(allows(by('arn:aws:iam::111111111111:user/ops'), user)).toBe(true);
    expect(allows(by('*'), user)).toBe(true);
    expect(allows({ Statement: { Effect: 'Allow', Principal: '*', Action: 'sts:*' } }, user)).toBe(true);
    expect(allows({ Statement: { Effect: 'Allow', Principal: { Service: 'eks.amazonaws.com' }, Action: 'sts:AssumeRole' } }, user)).toBe(false);
  });

  it('enforces conditions on the ExternalId exactly, with wildcards only under StringLike', () => {
    const policy = (operator: string, value: string): PolicyDocument => ({
      Statement: { Effect: 'Allow', Principal: { AWS: '111111111111' }, Action: 'sts:AssumeRole', Condition: { [operator]: { 'sts:ExternalId': value } } },
    });
    expect(allows(policy('StringEquals', 'abc'), user, { 'sts:externalid': 'abc' })).toBe(true);
    expect(allows(policy('StringEquals', 'abc'), user, { 'sts:externalid': 'ABC' })).toBe(false);
    expect(allows(policy('StringEquals', 'abc'), user, {})).toBe(false);
    expect(allows(policy('StringEquals', 'a*'), user, { 'sts:externalid': 'abc' })).toBe(false);
    expect(allows(policy('StringLike', 'a*'), user, { 'sts:externalid': 'abc' })).toBe(true);
    expect(allows(policy('StringLike', 'a?c'), user, { 'sts:externalid': 'abbc' })).toBe(false);
    expect(allows(policy('StringNotEquals', 'abc'), user, {})).toBe(true);
    expect(allows(policy('StringEqualsIfExists', 'abc'), user, {})).toBe(true);
    expect(allows(policy('NumericEquals', '1'), user, { 'sts:externalid': '1' })).toBe(false);
  });

  it('lets an explicit Deny win and needs the action listed', () => {
    const policy: PolicyDocument = {
      Statement: [
        { Effect: 'Allow', Principal: { AWS: '111111111111' }, Action: ['sts:AssumeRole', 'sts:TagSession'] },
        { Effect: 'Deny', Principal: { AWS: 'arn:aws:iam::111111111111:user/ops' }, Action: 'sts:TagSession' },
      ],
    };
    expect(allows(policy, user)).toBe(true);
    expect(allows(policy, user, {}, 'sts:TagSession')).toBe(false);
    expect(allows(policy, session, {}, 'sts:TagSession')).toBe(true);
  });

  it('parses JSON text and rejects malformed documents', () => {
    expect(parseTrustPolicy('{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}]}').Statement).toHaveLength(1);
    expect(() => parseTrustPolicy('{')).toThrow(MalformedPolicyError);
    expect(() => parseTrustPolicy({ Statement: [{ Effect: 'Maybe', Principal: '*', Action: 'x' }] })).toThrow('Effect must be Allow or Deny');
    expect(() => parseTrustPolicy({ Statement: [{ Effect: 'Allow', Action: 'x' }] })).toThrow('need a Principal');
  });

  it('wildcards escape regex characters', () => {
    expect(wildcardMatch('a.b*', 'a.bc', false)).toBe(true);
    expect(wildcardMatch('a.b*', 'axbc', false)).toBe(false);
    expect(wildcardMatch('STS:assume*', 'sts:AssumeRole', true)).toBe(true);
  });
});
