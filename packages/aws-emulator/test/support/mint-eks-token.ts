// Test-only EKS token minting, as `aws eks get-token` does it: presign STS GetCallerIdentity with
// the x-k8s-aws-id header signed, then `k8s-aws-v1.` + base64url(URL) without padding.
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity } from './sdk.ts';

export async function mintEksToken(options: {
  credentials: AwsCredentialIdentity;
  region: string;
  clusterName: string;
  endpointHost?: string;
  signingDate?: Date;
  expiresIn?: number;
}): Promise<string> {
  const host = options.endpointHost ?? `sts.${options.region}.amazonaws.com`;
  const signer = new SignatureV4({ credentials: options.credentials, region: options.region, service: 'sts', sha256: Sha256 });
  const presigned = await signer.presign(
    {
      method: 'GET',
      protocol: 'https:',
      hostname: host,
      path: '/',
      query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
      headers: { host, 'x-k8s-aws-id': options.clusterName },
    },
    { expiresIn: options.expiresIn ?? 60, signingDate: options.signingDate },
  );
  const query = Object.entries(presigned.query ?? {})
    .map(([key, value]) => `${rfc3986(key)}=${rfc3986(String(value))}`)
    .join('&');
  const url = `https://${host}/?${query}`;
  return `k8s-aws-v1.${Buffer.from(url, 'utf8').toString('base64url')}`;
}

function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Decodes a token back to its URL, for tampering in tests. */
export function tokenUrl(token: string): URL {
  return new URL(Buffer.from(token.slice('k8s-aws-v1.'.length), 'base64url').toString('utf8'));
}

export function urlToken(url: URL | string): string {
  return `k8s-aws-v1.${Buffer.from(url.toString(), 'utf8').toString('base64url')}`;
}
