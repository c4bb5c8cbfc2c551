import { describe, expect, it } from 'vitest';
import { bearerTokenFromHeader, createAuthenticator } from './authenticator.ts';
import { issueServiceAccountToken, verifyServiceAccountToken } from './service-account-tokens.ts';
import type { EksTokenVerifier, UserInfo } from './types.ts';

const KEY = 'k';

describe('createAuthenticator', () => {
  const tokens = new Map<string, UserInfo>([['admin-token', { username: 'admin', groups: ['system:masters'] }]]);
  const verifier: EksTokenVerifier = {
    verify: (token) =>
      token === 'k8s-aws-v1.ok'
        ? Promise.resolve({ arn: 'arn:aws:sts::111122223333:assumed-role/r/s', accountId: '111122223333' })
        : Promise.reject(new Error('bad')),
  };
  const auth = createAuthenticator({
    staticTokens: tokens,
    serviceAccountTokens: (t) => verifyServiceAccountToken(t, KEY),
    eks: { verifier, clusterName: 'c', accessEntries: () => [{ principalArn: 'arn:aws:iam::111122223333:role/r', username: 'eks-user', groups: [] }] },
  });

  it('authenticates static tokens and adds system:authenticated', async () => {
    expect(await auth.authenticate('admin-token')).toEqual({ username: 'admin', groups: ['system:masters', 'system:authenticated'] });
  });

  it('sees tokens added to the map later', async () => {
    tokens.set('late', { username: 'late', groups: [] });
    expect((await auth.authenticate('late'))?.username).toBe('late');
  });

  it('accepts a Record of static tokens', async () => {
    const a = createAuthenticator({ staticTokens: { t1: { username: 'u1', groups: [] } } });
    expect(await a.authenticate('t1')).toEqual({ username: 'u1', groups: ['system:authenticated'] });
    expect(await a.authenticate('toString')).toBeUndefined();
  });

  it('authenticates service-account tokens', async () => {
    const user = await auth.authenticate(issueServiceAccountToken('ns', 'sa', 'u', KEY));
    expect(user?.username).toBe('system:serviceaccount:ns:sa');
    expect(user?.groups).toEqual(['system:serviceaccounts', 'system:serviceaccounts:ns', 'system:authenticated']);
  });

  it('sends k8s-aws-v1. tokens to the EKS verifier only', async () => {
    expect((await auth.authenticate('k8s-aws-v1.ok'))?.username).toBe('eks-user');
    expect(await auth.authenticate('k8s-aws-v1.nope')).toBeUndefined();
    tokens.set('k8s-aws-v1.static', { username: 'x', groups: [] });
    expect(await auth.authenticate('k8s-aws-v1.static')).toBeUndefined();
    expect(await createAuthenticator({ staticTokens: {} }).authenticate('k8s-aws-v1.ok')).toBeUndefined();
  });

  it('returns undefined for missing and unknown tokens, and for a throwing SA callback', async () => {
    expect(await auth.authenticate(undefined)).toBeUndefined();
    expect(await auth.authenticate('')).toBeUndefined();
    expect(await auth.authenticate('nope')).toBeUndefined();
    const throwing = createAuthenticator({
      staticTokens: {},
      serviceAccountTokens: () => {
        throw new Error('x');
      },
    });
    expect(await throwing.authenticate('t')).toBeUndefined();
  });
});

describe('bearerTokenFromHeader', () => {
  it('reads Bearer tokens like kube-apiserver', () => {
    expect(bearerTokenFromHeader('Bearer abc')).toBe('abc');
    expect(bearerTokenFromHeader('bearer abc')).toBe('abc');
    expect(bearerTokenFromHeader('  Bearer abc  ')).toBe('abc');
    expect(bearerTokenFromHeader('Bearer abc def')).toBe('abc');
    expect(bearerTokenFromHeader('Bearer  abc')).toBeUndefined();
    expect(bearerTokenFromHeader('Basic abc')).toBeUndefined();
    expect(bearerTokenFromHeader('Bearer')).toBeUndefined();
    expect(bearerTokenFromHeader(undefined)).toBeUndefined();
  });
});
