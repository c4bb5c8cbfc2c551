import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import {
  AdjustableClock,
  startAwsEmulator,
  type AwsEmulator,
  type Seed,
} from '@trellis/aws-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssumeRoleError, CredentialBroker, mintEksToken } from '../src/index.ts';

const HUB = '111111111111';
const TENANT = '222222222222';
const HUB_KEY = { accessKeyId: 'AKIAHUBTEST000000001', secretAccessKey: 'hub-secret' };
const HUB_ROLE = `arn:aws:iam::${HUB}:role/TrellisHub`;
const NETWORK_ROLE = `arn:aws:iam::${TENANT}:role/TrellisNetwork`;
const EXTERNAL_ID = 'acme-network-7f3a';

const seed: Seed = {
  accounts: [
    {
      id: HUB,
      users: [{ name: 'trellis-hub', accessKeys: [HUB_KEY] }],
      roles: [
        {
          name: 'TrellisHub',
          trustPolicy: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { AWS: `arn:aws:iam::${HUB}:user/trellis-hub` },
                Action: 'sts:AssumeRole',
              },
            ],
          },
        },
      ],
    },
    {
      id: TENANT,
      roles: [
        {
          name: 'TrellisNetwork',
          trustPolicy: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { AWS: [HUB_ROLE, `arn:aws:iam::${HUB}:user/trellis-hub`] },
                Action: 'sts:AssumeRole',
                Condition: { StringEquals: { 'sts:ExternalId': EXTERNAL_ID } },
              },
            ],
          },
        },
      ],
    },
  ],
};

describe('CredentialBroker against the AWS emulator', () => {
  let aws: AwsEmulator;
  const clock = new AdjustableClock();

  beforeAll(async () => {
    aws = await startAwsEmulator({ seed, clock });
  });
  afterAll(async () => {
    await aws.stop();
  });

  function broker(): CredentialBroker {
    return new CredentialBroker({
      baseCredentials: async () => HUB_KEY,
      region: 'us-west-2',
      stsEndpoint: aws.endpoint,
      sessionName: 'trellis-hub',
      now: () => clock.now().getTime(),
    });
  }

  async function whoAmI(
    credentials: Awaited<ReturnType<CredentialBroker['credentialsFor']>>,
  ): Promise<string | undefined> {
    const sts = new STSClient({ region: 'us-west-2', endpoint: aws.endpoint, credentials });
    const out = await sts.send(new GetCallerIdentityCommand({}));
    sts.destroy();
    return out.Arn;
  }

  it('assumes a tenant role directly and through a chain, with the ExternalId', async () => {
    const b = broker();
    const direct = await b.credentialsFor([{ roleArn: NETWORK_ROLE, externalId: EXTERNAL_ID }]);
    expect(await whoAmI(direct)).toBe(
      `arn:aws:sts::${TENANT}:assumed-role/TrellisNetwork/trellis-hub`,
    );
    const chained = await b.credentialsFor([
      { roleArn: HUB_ROLE },
      { roleArn: NETWORK_ROLE, externalId: EXTERNAL_ID },
    ]);
    expect(await whoAmI(chained)).toBe(
      `arn:aws:sts::${TENANT}:assumed-role/TrellisNetwork/trellis-hub`,
    );
    // AWS caps role-chained sessions at one hour.
    expect(chained.expiration!.getTime() - clock.now().getTime()).toBeLessThanOrEqual(3600_000);
  });

  it('shares one AssumeRole among concurrent callers and serves later calls from cache', async () => {
    const b = broker();
    aws.calls.clear();
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        b.credentialsFor([{ roleArn: NETWORK_ROLE, externalId: EXTERNAL_ID }]),
      ),
    );
    expect(new Set(results.map((c) => c.accessKeyId)).size).toBe(1);
    await b.credentialsFor([{ roleArn: NETWORK_ROLE, externalId: EXTERNAL_ID }]);
    expect(aws.calls.list({ operation: 'AssumeRole' })).toHaveLength(1);
  });

  it('refreshes credentials before they expire', async () => {
    const b = broker();
    const first = await b.credentialsFor([{ roleArn: NETWORK_ROLE, externalId: EXTERNAL_ID }]);
    clock.advance(56 * 60_000); // within 5 minutes of the 1-hour expiry
    const second = await b.credentialsFor([{ roleArn: NETWORK_ROLE, externalId: EXTERNAL_ID }]);
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    expect(await whoAmI(second)).toContain('assumed-role/TrellisNetwork');
  });

  it('names the role and AWS’s error when the ExternalId is wrong, and does not cache the failure', async () => {
    const b = broker();
    const failure = b.credentialsFor([{ roleArn: NETWORK_ROLE, externalId: 'wrong-id' }]);
    await expect(failure).rejects.toBeInstanceOf(AssumeRoleError);
    await expect(failure).rejects.toMatchObject({
      roleArn: NETWORK_ROLE,
      awsCode: 'AccessDenied',
      retryable: false,
    });
    await expect(failure).rejects.toThrow(
      new RegExp(`assuming ${NETWORK_ROLE} failed: AccessDenied: User: .* is not authorized`),
    );
    const ok = await b.credentialsFor([{ roleArn: NETWORK_ROLE, externalId: EXTERNAL_ID }]);
    expect(ok.accessKeyId).toMatch(/^ASIA/);
  });

  it('mints EKS tokens that the emulator’s verifier accepts for the right cluster only', async () => {
    const credentials = await broker().credentialsFor([
      { roleArn: NETWORK_ROLE, externalId: EXTERNAL_ID },
    ]);
    const now = clock.now();
    const { token, expiresAt } = await mintEksToken({
      credentials,
      region: 'us-west-2',
      clusterName: 'blue',
      now,
    });
    expect(token).toMatch(/^k8s-aws-v1\.[A-Za-z0-9_-]+$/);
    expect(expiresAt.getTime() - now.getTime()).toBe(14 * 60_000);
    const url = new URL(Buffer.from(token.slice('k8s-aws-v1.'.length), 'base64url').toString());
    expect(url.host).toBe('sts.us-west-2.amazonaws.com');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('host;x-k8s-aws-id');
    // The API server maps the canonical role ARN (as aws-iam-authenticator does) to a user.
    expect(await aws.eksTokenVerifier.verify(token, 'blue')).toMatchObject({
      arn: `arn:aws:iam::${TENANT}:role/TrellisNetwork`,
      accountId: TENANT,
    });
    await expect(aws.eksTokenVerifier.verify(token, 'green')).rejects.toThrow();
  });
});
