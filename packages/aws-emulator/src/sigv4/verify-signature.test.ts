// Checks verification against AWS's published SigV4 test vectors, so the emulator agrees with
// the specification and not merely with the SDK's own signer.
import { describe, expect, it } from 'vitest';
import { parseSignature } from './parse-signature.ts';
import { parseRawQuery, queryMap } from './raw-query.ts';
import { SignatureFailure } from './signature-errors.ts';
import { verifySignature } from './verify-signature.ts';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';

function request(method: string, pathAndQuery: string, headers: Record<string, string>, body = '') {
  const [path, rawQuery = ''] = pathAndQuery.split('?') as [string, string?];
  const query = parseRawQuery(rawQuery);
  return { method, path, query, headers, body: Buffer.from(body) };
}

describe('verifySignature', () => {
  it('accepts the aws-sig-v4-test-suite get-vanilla request', async () => {
    const req = request('GET', '/', {
      host: 'example.amazonaws.com',
      'x-amz-date': '20150830T123600Z',
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    });
    const params = parseSignature(req.headers, queryMap(req.query));
    await expect(verifySignature(req, params, SECRET)).resolves.toBeUndefined();
  });

  it('accepts the IAM ListUsers example of the SigV4 documentation', async () => {
    const req = request('GET', '/?Action=ListUsers&Version=2010-05-08', {
      host: 'iam.amazonaws.com',
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      'x-amz-date': '20150830T123600Z',
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
    });
    const params = parseSignature(req.headers, queryMap(req.query));
    await expect(verifySignature(req, params, SECRET)).resolves.toBeUndefined();
  });

  it('rejects a changed header, query or secret', async () => {
    const base = {
      host: 'iam.amazonaws.com',
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      'x-amz-date': '20150830T123600Z',
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
    };
    const cases = [
      request('GET', '/?Action=ListUsers&Version=2010-05-09', base),
      request('GET', '/?Action=ListUsers&Version=2010-05-08', { ...base, host: 'iam.us-east-1.amazonaws.com' }),
    ];
    for (const req of cases) {
      await expect(verifySignature(req, parseSignature(req.headers, queryMap(req.query)), SECRET)).rejects.toMatchObject({
        kind: 'mismatch',
      });
    }
    const req = request('GET', '/?Action=ListUsers&Version=2010-05-08', base);
    await expect(verifySignature(req, parseSignature(req.headers, queryMap(req.query)), 'other')).rejects.toBeInstanceOf(
      SignatureFailure,
    );
  });

  it('requires Host among the signed headers and a body matching x-amz-content-sha256', async () => {
    const noHost = request('GET', '/', {
      host: 'example.amazonaws.com',
      'x-amz-date': '20150830T123600Z',
      authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=x-amz-date, Signature=00',
    });
    await expect(verifySignature(noHost, parseSignature(noHost.headers, queryMap(noHost.query)), SECRET)).rejects.toMatchObject({
      kind: 'incomplete',
    });
    const wrongHash = request(
      'POST',
      '/',
      {
        host: 'example.amazonaws.com',
        'x-amz-date': '20150830T123600Z',
        'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=00',
      },
      'not empty',
    );
    await expect(
      verifySignature(wrongHash, parseSignature(wrongHash.headers, queryMap(wrongHash.query)), SECRET),
    ).rejects.toMatchObject({ kind: 'mismatch', message: 'The provided x-amz-content-sha256 header does not match what was computed.' });
  });
});

describe('parseSignature', () => {
  it('reads the Authorization header and the presigned query', () => {
    const header = parseSignature(
      {
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKID/20240102/us-west-2/sts/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc',
        'x-amz-date': '20240102T030405Z',
        'x-amz-security-token': 'tok',
      },
      new Map(),
    );
    expect(header).toMatchObject({
      accessKeyId: 'AKID',
      region: 'us-west-2',
      service: 'sts',
      signedHeaders: ['host', 'x-amz-date'],
      presigned: false,
      sessionToken: 'tok',
    });
    expect(header.requestDate.toISOString()).toBe('2024-01-02T03:04:05.000Z');
    const presigned = parseSignature(
      {},
      queryMap(
        parseRawQuery(
          'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20240102%2Fus-east-1%2Fsts%2Faws4_request&X-Amz-Date=20240102T030405Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host%3Bx-k8s-aws-id&X-Amz-Signature=ff',
        ),
      ),
    );
    expect(presigned).toMatchObject({ presigned: true, expiresSeconds: 60, signedHeaders: ['host', 'x-k8s-aws-id'], region: 'us-east-1' });
  });

  it('names what is missing', () => {
    expect(() => parseSignature({}, new Map())).toThrow(expect.objectContaining({ kind: 'missing' }) as Error);
    expect(() =>
      parseSignature({ authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20240102/us-west-2/sts/aws4_request', 'x-amz-date': '20240102T030405Z' }, new Map()),
    ).toThrow("Authorization header requires 'SignedHeaders', 'Signature' parameter.");
    expect(() => parseSignature({ authorization: 'AWS3 x' }, new Map())).toThrow(expect.objectContaining({ kind: 'incomplete' }) as Error);
  });
});
