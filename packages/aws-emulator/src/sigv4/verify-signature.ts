// Recomputes a request's SigV4 signature with the secret of its access key and compares it in
// constant time. The expected signature comes from @smithy/signature-v4 — the signer the SDK
// clients use — fed with exactly the headers the client listed as signed, the raw path (it
// double-escapes it as non-S3 clients do) and the decoded query.
import { createHash, timingSafeEqual } from 'node:crypto';
import { NodeSha256 } from './node-sha256.ts';
import { SignatureV4 } from '@smithy/signature-v4';
import type { SignatureParameters } from './parse-signature.ts';
import { SignatureFailure } from './signature-errors.ts';

export interface RequestToVerify {
  method: string;
  /** raw path as received, still percent-encoded */
  path: string;
  query: Array<[string, string]>;
  /** lower-cased names */
  headers: Record<string, string>;
  body: Buffer;
}

const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/** What @smithy/signature-v4 needs of an HttpRequest; it clones plain objects itself. */
interface SignableRequest {
  method: string;
  protocol: string;
  hostname: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  body?: Uint8Array;
}

export async function expectedSignature(
  request: RequestToVerify,
  params: SignatureParameters,
  secretAccessKey: string,
): Promise<string> {
  const signer = new SignatureV4({
    credentials: { accessKeyId: params.accessKeyId, secretAccessKey },
    region: params.region,
    service: params.service,
    sha256: NodeSha256,
    uriEscapePath: true,
    applyChecksum: false,
  });
  const signed = new Set(params.signedHeaders.map((name) => name.toLowerCase()));
  const headers: Record<string, string> = {};
  for (const name of signed) {
    const value = request.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of request.query) {
    if (params.presigned && key === 'X-Amz-Signature') continue;
    const existing = query[key];
    if (existing === undefined) query[key] = value;
    else query[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  const signable: SignableRequest = {
    method: request.method,
    protocol: 'https:',
    hostname: request.headers['host'] ?? '',
    path: request.path,
    query,
    headers,
    body: request.body.length > 0 ? request.body : undefined,
  };
  const scopeDate = params.requestDate;
  if (params.presigned) {
    const presigned = await signer.presign(signable, {
      signingDate: scopeDate,
      expiresIn: params.expiresSeconds,
      signableHeaders: signed,
      // keep x-amz-* headers the client signed as headers, where it had them
      unhoistableHeaders: signed,
    });
    return String(presigned.query?.['X-Amz-Signature']);
  }
  const result = await signer.sign(signable, { signingDate: scopeDate, signableHeaders: signed });
  const authorization = String(result.headers['authorization']);
  return authorization.slice(authorization.lastIndexOf('Signature=') + 'Signature='.length);
}

/** Throws SignatureFailure('mismatch') unless the signature is the one the secret produces. */
export async function verifySignature(
  request: RequestToVerify,
  params: SignatureParameters,
  secretAccessKey: string,
): Promise<void> {
  if (!params.signedHeaders.some((name) => name.toLowerCase() === 'host')) {
    throw new SignatureFailure('incomplete', "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }
  const declaredHash = request.headers['x-amz-content-sha256'];
  if (declaredHash !== undefined && declaredHash !== 'UNSIGNED-PAYLOAD') {
    const actual = createHash('sha256').update(request.body).digest('hex');
    if (actual !== declaredHash) {
      throw new SignatureFailure('mismatch', 'The provided x-amz-content-sha256 header does not match what was computed.');
    }
  }
  const expected = Buffer.from(await expectedSignature(request, params, secretAccessKey), 'utf8');
  const given = Buffer.from(params.signature, 'utf8');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new SignatureFailure('mismatch', SIGNATURE_MISMATCH);
  }
}
