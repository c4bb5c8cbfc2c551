import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity } from '@smithy/types';

export interface EksToken {
  /** `k8s-aws-v1.` + base64url of a presigned STS GetCallerIdentity URL */
  token: string;
  /** when to stop using it: the API server accepts a token for 15 minutes after signing */
  expiresAt: Date;
}

export interface MintEksTokenOptions {
  credentials: AwsCredentialIdentity;
  region: string;
  clusterName: string;
  /** the STS host the URL names; the regional AWS endpoint by default */
  stsHost?: string;
  now?: Date;
}

/** Tokens are valid 15 minutes from signing; stop using them a minute early. */
const TOKEN_LIFETIME_MS = 14 * 60_000;

/**
 * Mint an EKS bearer token the way `aws eks get-token` and aws-iam-authenticator do: presign
 * GetCallerIdentity (60 s expiry) with the signed header `x-k8s-aws-id: <cluster>`, then wrap the
 * URL. The API server replays the URL to STS to learn who we are.
 */
export async function mintEksToken(options: MintEksTokenOptions): Promise<EksToken> {
  const host = options.stsHost ?? `sts.${options.region}.amazonaws.com`;
  const signingDate = options.now ?? new Date();
  const signer = new SignatureV4({
    service: 'sts',
    region: options.region,
    credentials: options.credentials,
    sha256: Sha256,
  });
  const request = new HttpRequest({
    method: 'GET',
    protocol: 'https:',
    hostname: host,
    path: '/',
    query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
    headers: { host, 'x-k8s-aws-id': options.clusterName },
  });
  const signed = await signer.presign(request, { expiresIn: 60, signingDate });
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(signed.query ?? {})) {
    if (typeof value === 'string') query.append(key, value);
  }
  const url = `https://${host}/?${query.toString()}`;
  const token = `k8s-aws-v1.${Buffer.from(url).toString('base64url')}`;
  return { token, expiresAt: new Date(signingDate.getTime() + TOKEN_LIFETIME_MS) };
}
