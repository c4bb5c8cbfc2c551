import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import {
  issueServiceAccountToken,
  readServiceAccountTokenClaims,
  verifyServiceAccountToken,
} from './service-account-tokens.ts';

const KEY = 'cluster-a-signing-key';
const NOW = Date.UTC(2026, 0, 1);

function decode(part: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('issueServiceAccountToken', () => {
  it('produces a base64url JWT with HS256 and the standard claims', () => {
    const token = issueServiceAccountToken('team-a', 'builder', 'uid-1', KEY, { now: NOW });
    const parts = token.split('.');
    expect(parts).toHaveLength(3);
    for (const part of parts) expect(part).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decode(parts[0])).toEqual({ alg: 'HS256', typ: 'JWT' });
    const claims = decode(parts[1]);
    expect(claims).toMatchObject({
      iss: 'https://kubernetes.default.svc.cluster.local',
      sub: 'system:serviceaccount:team-a:builder',
      aud: ['https://kubernetes.default.svc.cluster.local'],
      iat: NOW / 1000,
      nbf: NOW / 1000,
      exp: NOW / 1000 + 3600,
      'kubernetes.io': { namespace: 'team-a', serviceaccount: { name: 'builder', uid: 'uid-1' } },
    });
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
    const expectedSig = createHmac('sha256', KEY).update(`${parts[0]}.${parts[1]}`).digest('base64url');
    expect(parts[2]).toBe(expectedSig);
  });
});

describe('verifyServiceAccountToken', () => {
  it('returns the service-account user with its groups', () => {
    const token = issueServiceAccountToken('team-a', 'builder', 'uid-1', KEY, { now: NOW });
    const user = verifyServiceAccountToken(token, KEY, { now: NOW + 1000 });
    expect(user).toMatchObject({
      username: 'system:serviceaccount:team-a:builder',
      uid: 'uid-1',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:team-a', 'system:authenticated'],
    });
    expect(user?.extra?.['authentication.kubernetes.io/credential-id']?.[0]).toMatch(/^JTI=/);
  });

  it('adds pod claims to extra for pod-bound tokens', () => {
    const token = issueServiceAccountToken('ns', 'sa', 'u', KEY, { now: NOW, pod: { name: 'p', uid: 'pu' } });
    expect(verifyServiceAccountToken(token, KEY, { now: NOW })?.extra).toMatchObject({
      'authentication.kubernetes.io/pod-name': ['p'],
      'authentication.kubernetes.io/pod-uid': ['pu'],
    });
  });

  it('rejects another key, tampering, expiry, other issuers and audiences', () => {
    const token = issueServiceAccountToken('ns', 'sa', 'u', KEY, { now: NOW, expirationSeconds: 600 });
    expect(verifyServiceAccountToken(token, 'other-key', { now: NOW })).toBeUndefined();
    const [h, p, s] = token.split('.') as [string, string, string];
    const forged = Buffer.from(JSON.stringify({ ...decode(p), sub: 'system:serviceaccount:kube-system:admin' })).toString('base64url');
    expect(verifyServiceAccountToken(`${h}.${forged}.${s}`, KEY, { now: NOW })).toBeUndefined();
    expect(verifyServiceAccountToken(token, KEY, { now: NOW + 600_000 })).toBeUndefined();
    expect(verifyServiceAccountToken(token, KEY, { now: NOW - 1000 })).toBeUndefined();
    expect(verifyServiceAccountToken(token, KEY, { now: NOW, issuer: 'https://other' })).toBeUndefined();
    expect(verifyServiceAccountToken(token, KEY, { now: NOW, audiences: ['vault'] })).toBeUndefined();
  });

  it('accepts custom audiences when the verifier accepts them', () => {
    const token = issueServiceAccountToken('ns', 'sa', 'u', KEY, { now: NOW, audiences: ['vault'] });
    expect(verifyServiceAccountToken(token, KEY, { now: NOW, audiences: ['vault'] })).toBeDefined();
    expect(verifyServiceAccountToken(token, KEY, { now: NOW })).toBeUndefined();
  });

  it('refuses alg none and garbage', () => {
    const token = issueServiceAccountToken('ns', 'sa', 'u', KEY, { now: NOW });
    const [, p] = token.split('.') as [string, string];
    const none = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    expect(verifyServiceAccountToken(`${none}.${p}.`, KEY, { now: NOW })).toBeUndefined();
    expect(verifyServiceAccountToken('not-a-jwt', KEY)).toBeUndefined();
    expect(verifyServiceAccountToken('a.b.c', KEY)).toBeUndefined();
  });

  it('exposes verified claims', () => {
    const token = issueServiceAccountToken('ns', 'sa', 'u', KEY, { now: NOW });
    expect(readServiceAccountTokenClaims(token, KEY, { now: NOW })?.['kubernetes.io'].serviceaccount).toEqual({ name: 'sa', uid: 'u' });
  });
});
