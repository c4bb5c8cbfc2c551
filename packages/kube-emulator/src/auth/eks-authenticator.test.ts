import { describe, expect, it } from 'vitest';
import { authenticateEksToken, eksUserFor, findAccessEntry } from './eks-authenticator.ts';
import type { AccessEntry, EksCallerIdentity, EksTokenVerifier } from './types.ts';

const ACCT = '111122223333';

/** A verifier double: tokens map to identities; anything else is rejected like a bad signature. */
class FakeEksVerifier implements EksTokenVerifier {
  readonly calls: { token: string; clusterName: string }[] = [];
  private readonly identities: Map<string, EksCallerIdentity>;

  constructor(identities: Record<string, EksCallerIdentity>) {
    this.identities = new Map(Object.entries(identities));
  }

  verify(token: string, clusterName: string): Promise<EksCallerIdentity> {
    this.calls.push({ token, clusterName });
    const identity = this.identities.get(token);
    if (identity === undefined || clusterName !== 'blue') return Promise.reject(new Error('SignatureDoesNotMatch: secret detail'));
    return Promise.resolve(identity);
  }
}

const entries: AccessEntry[] = [
  { principalArn: `arn:aws:iam::${ACCT}:role/platform/hub-controller`, username: 'trellis:{{SessionName}}', groups: ['trellis-admins'] },
  { principalArn: `arn:aws:iam::${ACCT}:role/viewer`, username: '', groups: ['viewers'] },
  { principalArn: `arn:aws:iam::${ACCT}:user/ops/bob`, username: '', groups: [] },
  { principalArn: `arn:aws:iam::${ACCT}:role/node`, username: 'system:node:{{SessionNameRaw}}', groups: ['acct-{{AccountID}}'] },
];

describe('findAccessEntry', () => {
  it('matches an assumed-role session to its role entry, ignoring the role path', () => {
    expect(findAccessEntry(`arn:aws:sts::${ACCT}:assumed-role/hub-controller/s1`, entries)).toBe(entries[0]);
    expect(findAccessEntry(`arn:aws:iam::${ACCT}:role/hub-controller`, entries)).toBe(entries[0]);
  });

  it('does not match other accounts or partitions', () => {
    expect(findAccessEntry(`arn:aws:sts::999999999999:assumed-role/hub-controller/s1`, entries)).toBeUndefined();
    expect(findAccessEntry(`arn:aws-cn:sts::${ACCT}:assumed-role/hub-controller/s1`, entries)).toBeUndefined();
  });

  it('matches users by ARN', () => {
    expect(findAccessEntry(`arn:aws:iam::${ACCT}:user/ops/bob`, entries)).toBe(entries[2]);
    expect(findAccessEntry(`arn:aws:iam::${ACCT}:user/bob`, entries)).toBeUndefined();
  });
});

describe('eksUserFor', () => {
  it('renders {{SessionName}} with @ turned into -', () => {
    const user = eksUserFor({ arn: `arn:aws:sts::${ACCT}:assumed-role/hub-controller/alice@corp`, accountId: ACCT, userId: 'AROAEXAMPLE:alice@corp' }, entries);
    expect(user).toMatchObject({
      username: 'trellis:alice-corp',
      uid: `aws-iam-authenticator:${ACCT}:AROAEXAMPLE:alice@corp`,
      groups: ['trellis-admins', 'system:authenticated'],
      extra: {
        arn: [`arn:aws:sts::${ACCT}:assumed-role/hub-controller/alice@corp`],
        canonicalArn: [`arn:aws:iam::${ACCT}:role/hub-controller`],
        sessionName: ['alice@corp'],
      },
    });
  });

  it('renders {{SessionNameRaw}} and {{AccountID}}, in groups too', () => {
    const user = eksUserFor({ arn: `arn:aws:sts::${ACCT}:assumed-role/node/i-0abc@x`, accountId: ACCT }, entries);
    expect(user?.username).toBe('system:node:i-0abc@x');
    expect(user?.groups).toEqual([`acct-${ACCT}`, 'system:authenticated']);
  });

  it("uses EKS's default usernames", () => {
    expect(eksUserFor({ arn: `arn:aws:sts::${ACCT}:assumed-role/viewer/s-1`, accountId: ACCT }, entries)?.username).toBe(
      `arn:aws:sts::${ACCT}:assumed-role/viewer/s-1`,
    );
    expect(eksUserFor({ arn: `arn:aws:iam::${ACCT}:user/ops/bob`, accountId: ACCT }, entries)?.username).toBe(`arn:aws:iam::${ACCT}:user/ops/bob`);
  });

  it('takes the session from sessionArn/sessionName when arn is the canonical role (the AWS emulator verifier)', () => {
    const identity = {
      arn: `arn:aws:iam::${ACCT}:role/hub-controller`,
      sessionArn: `arn:aws:sts::${ACCT}:assumed-role/hub-controller/bot@ci`,
      sessionName: 'bot@ci',
      accountId: ACCT,
      userId: 'AROAX:bot@ci',
      accessKeyId: 'ASIAX',
    };
    expect(eksUserFor(identity, entries)).toMatchObject({
      username: 'trellis:bot-ci',
      extra: { arn: [identity.sessionArn], canonicalArn: [identity.arn], sessionName: ['bot@ci'], accessKeyId: ['ASIAX'], principalId: ['AROAX:bot@ci'] },
    });
    expect(eksUserFor({ arn: identity.arn, accountId: ACCT }, entries)?.username).toBe('trellis:');
  });

  it('returns undefined without an access entry', () => {
    expect(eksUserFor({ arn: `arn:aws:sts::${ACCT}:assumed-role/stranger/s`, accountId: ACCT }, entries)).toBeUndefined();
  });
});

describe('authenticateEksToken', () => {
  const verifier = new FakeEksVerifier({
    'k8s-aws-v1.good': { arn: `arn:aws:sts::${ACCT}:assumed-role/hub-controller/hub`, accountId: ACCT },
    'k8s-aws-v1.unmapped': { arn: `arn:aws:sts::${ACCT}:assumed-role/other/x`, accountId: ACCT },
  });

  it('verifies against the cluster and maps through the current access entries', async () => {
    let current: AccessEntry[] = [];
    const eks = { verifier, clusterName: 'blue', accessEntries: () => current };
    expect(await authenticateEksToken('k8s-aws-v1.good', eks)).toBeUndefined();
    current = entries;
    expect((await authenticateEksToken('k8s-aws-v1.good', eks))?.username).toBe('trellis:hub');
    expect(verifier.calls.at(-1)).toEqual({ token: 'k8s-aws-v1.good', clusterName: 'blue' });
  });

  it('turns verifier rejections and throws into undefined', async () => {
    expect(await authenticateEksToken('k8s-aws-v1.bad', { verifier, clusterName: 'blue', accessEntries: () => entries })).toBeUndefined();
    expect(await authenticateEksToken('k8s-aws-v1.good', { verifier, clusterName: 'green', accessEntries: () => entries })).toBeUndefined();
    const throwing: EksTokenVerifier = {
      verify: () => {
        throw new Error('boom');
      },
    };
    expect(await authenticateEksToken('k8s-aws-v1.x', { verifier: throwing, clusterName: 'blue', accessEntries: () => entries })).toBeUndefined();
    expect(await authenticateEksToken('k8s-aws-v1.unmapped', { verifier, clusterName: 'blue', accessEntries: () => entries })).toBeUndefined();
  });
});
