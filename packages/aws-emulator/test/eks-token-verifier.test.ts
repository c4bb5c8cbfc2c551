import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsEmulator } from '../src/index.ts';
import { AdjustableClock, startAwsEmulator } from '../src/index.ts';
import { mintEksToken, tokenUrl, urlToken } from './support/mint-eks-token.ts';
import { assumeRole, rejectionOf, REGION } from './support/sdk.ts';
import { HUB, HUB_ROLE_ARN, HUB_USER_KEY, testSeed } from './support/test-seed.ts';

describe('EKS token verifier', () => {
  let emulator: AwsEmulator;
  const clock = new AdjustableClock();

  beforeAll(async () => {
    emulator = await startAwsEmulator({ seed: testSeed, clock });
  });
  afterAll(async () => {
    await emulator.stop();
  });

  it('accepts a token minted with assumed-role credentials and returns the role ARN', async () => {
    const creds = await assumeRole(emulator.endpoint, HUB_USER_KEY, HUB_ROLE_ARN, { sessionName: 'hub-controller' });
    const token = await mintEksToken({ credentials: creds, region: REGION, clusterName: 'blue' });
    const identity = await emulator.eksTokenVerifier.verify(token, 'blue');
    expect(identity).toMatchObject({
      arn: HUB_ROLE_ARN,
      accountId: HUB,
      sessionArn: `arn:aws:sts::${HUB}:assumed-role/TrellisHub/hub-controller`,
      sessionName: 'hub-controller',
    });
    // the kube-emulator cluster name backing EKS cluster "blue" is accepted too
    await expect(emulator.eksTokenVerifier.verify(token, 'tenant-a-blue')).resolves.toMatchObject({ arn: HUB_ROLE_ARN });
    // and the access entry maps it to a Kubernetes user
    expect(emulator.eks.resolveUser('tenant-a-blue', identity)).toEqual({
      username: 'trellis-hub',
      groups: ['trellis:admins'],
      principalArn: HUB_ROLE_ARN,
    });
  });

  it('accepts long-term user credentials', async () => {
    const token = await mintEksToken({ credentials: HUB_USER_KEY, region: REGION, clusterName: 'green' });
    await expect(emulator.eksTokenVerifier.verify(token, 'green')).resolves.toMatchObject({
      arn: `arn:aws:iam::${HUB}:user/trellis-hub`,
      accountId: HUB,
    });
  });

  it('rejects a token minted for another cluster', async () => {
    const token = await mintEksToken({ credentials: HUB_USER_KEY, region: REGION, clusterName: 'green' });
    const error = await rejectionOf(emulator.eksTokenVerifier.verify(token, 'blue'));
    expect(error.name).toBe('EksTokenError');
    expect(error.message).toContain('SignatureDoesNotMatch');
  });

  it('rejects tokens older than 15 minutes whatever X-Amz-Expires says', async () => {
    const token = await mintEksToken({
      credentials: HUB_USER_KEY,
      region: REGION,
      clusterName: 'blue',
      signingDate: new Date(clock.now().getTime() - 16 * 60 * 1000),
      expiresIn: 900,
    });
    const error = await rejectionOf(emulator.eksTokenVerifier.verify(token, 'blue'));
    expect(error.message).toMatch(/^X-Amz-Date parameter is expired \(15 minute expiration\)/);
  });

  it('rejects tampered, malformed and foreign tokens', async () => {
    const token = await mintEksToken({ credentials: HUB_USER_KEY, region: REGION, clusterName: 'blue' });
    const url = tokenUrl(token);
    const tampered = new URL(url);
    tampered.searchParams.set('X-Amz-Credential', url.searchParams.get('X-Amz-Credential')!.replace('AKIAHUB0000000000001', 'AKIAHUB0000000000002'));
    await expect(emulator.eksTokenVerifier.verify(urlToken(tampered), 'blue')).rejects.toThrow(/security token included in the request is invalid/);

    const badSig = new URL(url);
    badSig.searchParams.set('X-Amz-Signature', '0'.repeat(64));
    await expect(emulator.eksTokenVerifier.verify(urlToken(badSig), 'blue')).rejects.toThrow(/SignatureDoesNotMatch/);

    const extra = new URL(url);
    extra.searchParams.set('Foo', 'bar');
    await expect(emulator.eksTokenVerifier.verify(urlToken(extra), 'blue')).rejects.toThrow('non-whitelisted query parameter "Foo"');

    const otherHost = await mintEksToken({ credentials: HUB_USER_KEY, region: REGION, clusterName: 'blue', endpointHost: 'evil.example.com' });
    await expect(emulator.eksTokenVerifier.verify(otherHost, 'blue')).rejects.toThrow('unexpected hostname "evil.example.com" in pre-signed URL');

    const longExpiry = new URL(url);
    longExpiry.searchParams.set('X-Amz-Expires', '901');
    await expect(emulator.eksTokenVerifier.verify(urlToken(longExpiry), 'blue')).rejects.toThrow('invalid X-Amz-Expires parameter');

    const otherRegion = await mintEksToken({ credentials: HUB_USER_KEY, region: 'us-east-2', clusterName: 'blue', endpointHost: 'sts.us-west-2.amazonaws.com' });
    await expect(emulator.eksTokenVerifier.verify(otherRegion, 'blue')).rejects.toThrow(/scoped to a valid region/);
    const global = await mintEksToken({ credentials: HUB_USER_KEY, region: 'us-east-1', clusterName: 'blue', endpointHost: 'sts.amazonaws.com' });
    await expect(emulator.eksTokenVerifier.verify(global, 'blue')).resolves.toMatchObject({ accountId: HUB });

    await expect(emulator.eksTokenVerifier.verify('Bearer-nonsense', 'blue')).rejects.toThrow('token is missing expected "k8s-aws-v1." prefix');
  });

  it('rejects tokens of expired session credentials', async () => {
    const creds = await assumeRole(emulator.endpoint, HUB_USER_KEY, HUB_ROLE_ARN, { durationSeconds: 900 });
    const token = await mintEksToken({ credentials: creds, region: REGION, clusterName: 'blue' });
    clock.advance(901_000);
    try {
      // the token itself is still inside its 15 minutes, the credentials are not
      await expect(emulator.eksTokenVerifier.verify(token, 'blue')).rejects.toThrow(/expired/);
    } finally {
      clock.advance(-901_000);
    }
  });

  it('serves the presigned URL itself as STS would (GET with x-k8s-aws-id, JSON answer)', async () => {
    const token = await mintEksToken({ credentials: HUB_USER_KEY, region: REGION, clusterName: 'blue' });
    const url = tokenUrl(token);
    // Point the URL at the emulator but keep the signed Host header, as a proxy would (fetch cannot set Host).
    const { status, text } = await rawGet(`${emulator.endpoint}/${url.search}`, {
      'x-k8s-aws-id': 'blue',
      accept: 'application/json',
      host: url.host,
    });
    const body = JSON.parse(text) as { GetCallerIdentityResponse: { GetCallerIdentityResult: { Arn: string } } };
    expect(status).toBe(200);
    expect(body.GetCallerIdentityResponse.GetCallerIdentityResult.Arn).toBe(`arn:aws:iam::${HUB}:user/trellis-hub`);
  });
});

function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end();
  });
}
