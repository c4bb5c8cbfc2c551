import { describe, expect, it } from 'vitest';
import type { Caller } from '../core/contracts.ts';
import { evaluateAuthPolicy } from './auth-policy.ts';

const SERVICE = 'arn:aws:vpc-lattice:us-west-2:111111111111:service/svc-0123456789abcdef0';
const role: Caller = {
  accountId: '222222222222',
  arn: 'arn:aws:sts::222222222222:assumed-role/app/pod-1',
  userId: 'AROAEXAMPLE:pod-1',
  accessKeyId: 'ASIAEXAMPLE',
  kind: 'assumed-role',
  roleArn: 'arn:aws:iam::222222222222:role/app',
};
const policy = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const invoke = { Action: 'vpc-lattice-svcs:Invoke', Resource: `${SERVICE}/*` };
const ask = (
  text: string,
  caller: Caller | undefined,
  path = '/x',
  context: Record<string, string> = {},
) => evaluateAuthPolicy(text, { caller, resource: `${SERVICE}${path}`, context });

describe('auth policy evaluation', () => {
  it('matches principals: *, account, role (its sessions), session ARN', () => {
    for (const principal of [
      '*',
      { AWS: '222222222222' },
      { AWS: 'arn:aws:iam::222222222222:root' },
      { AWS: role.roleArn },
      { AWS: role.arn },
    ]) {
      expect(ask(policy({ Effect: 'Allow', Principal: principal, ...invoke }), role)).toBe('allow');
    }
    expect(
      ask(policy({ Effect: 'Allow', Principal: { AWS: '333333333333' }, ...invoke }), role),
    ).toBe('implicit-deny');
  });

  it('lets only * admit the anonymous principal', () => {
    expect(ask(policy({ Effect: 'Allow', Principal: '*', ...invoke }), undefined)).toBe('allow');
    expect(
      ask(policy({ Effect: 'Allow', Principal: { AWS: '222222222222' }, ...invoke }), undefined),
    ).toBe('implicit-deny');
  });

  it('lets an explicit Deny win and matches resources by path', () => {
    const text = policy(
      { Effect: 'Allow', Principal: '*', ...invoke },
      { Effect: 'Deny', Principal: '*', Action: '*', Resource: `${SERVICE}/admin/*` },
    );
    expect(ask(text, role, '/orders')).toBe('allow');
    expect(ask(text, role, '/admin/x')).toBe('explicit-deny');
  });

  it('evaluates conditions, with IfExists and Null', () => {
    const text = policy({
      Effect: 'Allow',
      Principal: '*',
      ...invoke,
      Condition: {
        StringEquals: { 'aws:PrincipalOrgID': 'o-1' },
        StringLikeIfExists: { 'vpc-lattice-svcs:RequestHeader/x-team': 'pay*' },
        NumericEquals: { 'vpc-lattice-svcs:Port': '80' },
      },
    });
    const context = { 'aws:principalorgid': 'o-1', 'vpc-lattice-svcs:port': '80' };
    expect(ask(text, role, '/x', context)).toBe('allow');
    expect(
      ask(text, role, '/x', { ...context, 'vpc-lattice-svcs:requestheader/x-team': 'search' }),
    ).toBe('implicit-deny');
    expect(ask(text, role, '/x', { ...context, 'aws:principalorgid': 'o-2' })).toBe(
      'implicit-deny',
    );
    const nullCheck = policy({
      Effect: 'Allow',
      Principal: '*',
      ...invoke,
      Condition: { Null: { 'vpc-lattice-svcs:SourceVpc': 'false' } },
    });
    expect(ask(nullCheck, role, '/x', { 'vpc-lattice-svcs:sourcevpc': 'vpc-1' })).toBe('allow');
    expect(ask(nullCheck, role)).toBe('implicit-deny');
  });

  it('grants nothing for unknown operators, other actions or malformed policies', () => {
    expect(
      ask(
        policy({
          Effect: 'Allow',
          Principal: '*',
          ...invoke,
          Condition: { DateGreaterThan: { 'aws:CurrentTime': '2020-01-01' } },
        }),
        role,
      ),
    ).toBe('implicit-deny');
    expect(
      ask(
        policy({
          Effect: 'Allow',
          Principal: '*',
          Action: 'vpc-lattice-svcs:Connect',
          Resource: '*',
        }),
        role,
      ),
    ).toBe('implicit-deny');
    expect(ask('not json', role)).toBe('implicit-deny');
  });
});
