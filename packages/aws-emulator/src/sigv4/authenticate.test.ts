import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { AdjustableClock } from '../core/clock.ts';
import { IdentityStore } from '../identity/identity-store.ts';
import { authenticate } from './authenticate.ts';
import { NodeSha256 } from './node-sha256.ts';

describe('authenticate', () => {
  it('rejects a credential scope dated differently from X-Amz-Date', async () => {
    const identity = new IdentityStore({ implicit: true });
    const clock = new AdjustableClock();
    clock.set(new Date('2015-08-30T12:36:00Z'));
    const request = {
      method: 'GET',
      path: '/',
      query: [],
      headers: {
        host: 'example.amazonaws.com',
        'x-amz-date': '20150830T123600Z',
        authorization:
          'AWS4-HMAC-SHA256 Credential=123456789012/20150829/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=00',
      },
      body: Buffer.alloc(0),
    };
    await expect(authenticate(request, identity, clock)).rejects.toMatchObject({
      kind: 'mismatch',
      message:
        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20150829' != '20150830', from '20150830T123600Z'.",
    });
  });

  it('identifies implicit account roots (LocalStack convention)', async () => {
    const identity = new IdentityStore({ implicit: true });
    const clock = new AdjustableClock();
    clock.set(new Date('2015-08-30T12:36:00Z'));
    // get-vanilla signed with secret "test" for access key 123456789012
    const signer = new SignatureV4({
      credentials: { accessKeyId: '123456789012', secretAccessKey: 'test' },
      region: 'us-east-1',
      service: 'sts',
      sha256: NodeSha256,
    });
    const signed = await signer.sign(
      { method: 'GET', protocol: 'https:', hostname: 'sts.amazonaws.com', path: '/', headers: { host: 'sts.amazonaws.com' } },
      { signingDate: clock.now() },
    );
    const result = await authenticate(
      { method: 'GET', path: '/', query: [], headers: signed.headers, body: Buffer.alloc(0) },
      identity,
      clock,
    );
    expect(result.caller).toMatchObject({ kind: 'root', accountId: '123456789012', arn: 'arn:aws:iam::123456789012:root' });
  });
});
