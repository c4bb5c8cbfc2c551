import { ListClustersCommand } from '@aws-sdk/client-eks';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsEmulator } from '../src/index.ts';
import { AdjustableClock, startAwsEmulator } from '../src/index.ts';
import { assumeRole, eksClient, rejectionOf, stsClient } from './support/sdk.ts';
import { HUB_ROLE_ARN, HUB_USER_KEY, testSeed } from './support/test-seed.ts';

describe('SigV4 verification answers as the real services do', () => {
  let emulator: AwsEmulator;
  const clock = new AdjustableClock();

  beforeAll(async () => {
    emulator = await startAwsEmulator({ seed: testSeed, clock });
  });
  afterAll(async () => {
    await emulator.stop();
  });

  it('bad secret → SignatureDoesNotMatch (STS) / InvalidSignatureException (restJson1)', async () => {
    const wrong = { accessKeyId: HUB_USER_KEY.accessKeyId, secretAccessKey: 'not-the-secret' };
    const sts = await rejectionOf(stsClient(emulator.endpoint, wrong, { maxAttempts: 1 }).send(new GetCallerIdentityCommand({})));
    expect(sts.name).toBe('SignatureDoesNotMatch');
    expect(sts.message).toMatch(/^The request signature we calculated does not match the signature you provided/);
    expect(sts.$metadata?.httpStatusCode).toBe(403);
    const eks = await rejectionOf(eksClient(emulator.endpoint, wrong, { maxAttempts: 1 }).send(new ListClustersCommand({})));
    expect(eks.name).toBe('InvalidSignatureException');
  });

  it('unknown access key → InvalidClientTokenId (STS) / UnrecognizedClientException (restJson1)', async () => {
    const unknown = { accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x' };
    const sts = await rejectionOf(stsClient(emulator.endpoint, unknown).send(new GetCallerIdentityCommand({})));
    expect(sts.name).toBe('InvalidClientTokenId');
    expect(sts.message).toBe('The security token included in the request is invalid.');
    const eks = await rejectionOf(eksClient(emulator.endpoint, unknown).send(new ListClustersCommand({})));
    expect(eks.name).toBe('UnrecognizedClientException');
  });

  it('temporary keys need their own session token', async () => {
    const creds = await assumeRole(emulator.endpoint, HUB_USER_KEY, HUB_ROLE_ARN);
    const withoutToken = { accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey };
    const error = await rejectionOf(stsClient(emulator.endpoint, withoutToken).send(new GetCallerIdentityCommand({})));
    expect(error.name).toBe('InvalidClientTokenId');
  });

  it('requests signed more than 15 minutes off → SignatureDoesNotMatch "Signature expired"', async () => {
    clock.advance(20 * 60 * 1000);
    try {
      await expectSkewHandling();
    } finally {
      clock.advance(-20 * 60 * 1000);
    }
  });

  async function expectSkewHandling(): Promise<void> {
    const client = stsClient(emulator.endpoint, HUB_USER_KEY, { maxAttempts: 1 });
    const error = await rejectionOf(client.send(new GetCallerIdentityCommand({})));
    expect(error.name).toBe('SignatureDoesNotMatch');
    expect(error.message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/);
    // with retries the SDK corrects its clock from our Date header, as it does against AWS
    const retrying = stsClient(emulator.endpoint, HUB_USER_KEY);
    const out = await retrying.send(new GetCallerIdentityCommand({}));
    expect(out.Account).toBe('111111111111');
    expect(out.$metadata.attempts).toBe(2);
  }

  it('missing Authorization → MissingAuthenticationToken', async () => {
    const response = await fetch(`${emulator.endpoint}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('<Code>MissingAuthenticationToken</Code>');
    const json = await fetch(`${emulator.endpoint}/clusters`);
    expect(json.status).toBe(403);
    expect(json.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
  });

  it('a signing name no module serves → the signature error of its protocol', async () => {
    const signer = new SignatureV4({ credentials: HUB_USER_KEY, region: 'us-west-2', service: 'dynamodb', sha256: Sha256 });
    const url = new URL(emulator.endpoint);
    const signed = await signer.sign({
      method: 'POST',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: '/',
      headers: { host: url.host, 'content-type': 'application/x-amz-json-1.0' },
      body: '{}',
    });
    const response = await fetch(`${emulator.endpoint}/`, { method: 'POST', headers: signed.headers as Record<string, string>, body: '{}' });
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('InvalidSignatureException');
    expect(((await response.json()) as { message: string }).message).toContain("'dynamodb'");
  });
});
