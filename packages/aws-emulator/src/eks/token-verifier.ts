// Verifies EKS bearer tokens the way EKS's aws-iam-authenticator does — `k8s-aws-v1.` +
// base64url(presigned STS GetCallerIdentity URL) — except that instead of forwarding the URL to
// STS it checks the presigned SigV4 signature against the emulator's own credential store.
// Rules (aws-iam-authenticator pkg/token): https, an STS host, path '/', only whitelisted query
// parameters, each once, Action=GetCallerIdentity, x-k8s-aws-id among the signed headers and
// equal to the cluster, X-Amz-Expires 0..900, valid for 15 minutes from X-Amz-Date whatever
// X-Amz-Expires says.
import type { Clock } from '../core/contracts.ts';
import type { IdentityStore } from '../identity/identity-store.ts';
import type { AccessKey } from '../identity/principals.ts';
import { callerOf } from '../identity/principals.ts';
import { parseAmzDate } from '../sigv4/parse-signature.ts';
import { parseSignature } from '../sigv4/parse-signature.ts';
import { parseRawQuery, queryMap } from '../sigv4/raw-query.ts';
import { SignatureFailure } from '../sigv4/signature-errors.ts';
import { verifySignature } from '../sigv4/verify-signature.ts';
import type { EksClusterStore } from './eks-cluster-store.ts';

/** Structurally the kube-emulator's EksTokenVerifier (packages/kube-emulator/src/auth). */
export interface EksTokenVerifier {
  verify(token: string, clusterName: string): Promise<{ arn: string; accountId: string }>;
}

export interface VerifiedEksIdentity {
  /** canonical ARN: the IAM role ARN (without path) for assumed roles, else the caller ARN */
  arn: string;
  accountId: string;
  /** the STS ARN GetCallerIdentity returns (assumed-role/…/session for roles) */
  sessionArn: string;
  userId: string;
  sessionName?: string;
  accessKeyId: string;
}

export class EksTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EksTokenError';
  }
}

const PREFIX = 'k8s-aws-v1.';
const MAX_TOKEN_BYTES = 4 * 1024;
const VALIDITY_MS = 15 * 60 * 1000;
const CLUSTER_ID_HEADER = 'x-k8s-aws-id';
const ALLOWED_PARAMETERS = new Set([
  'action',
  'version',
  'x-amz-algorithm',
  'x-amz-credential',
  'x-amz-date',
  'x-amz-expires',
  'x-amz-security-token',
  'x-amz-signature',
  'x-amz-signedheaders',
]);
const STS_HOST = /^sts(-fips)?(\.[a-z0-9-]+)?\.(amazonaws\.com|api\.aws)(\.cn)?$/;

export class EmulatorEksTokenVerifier implements EksTokenVerifier {
  private readonly identity: IdentityStore;
  private readonly clock: Clock;
  private readonly clusters: EksClusterStore | undefined;

  constructor(deps: { identity: IdentityStore; clock: Clock; clusters?: EksClusterStore }) {
    this.identity = deps.identity;
    this.clock = deps.clock;
    this.clusters = deps.clusters;
  }

  async verify(token: string, clusterName: string): Promise<VerifiedEksIdentity> {
    if (token.length > MAX_TOKEN_BYTES) throw new EksTokenError('token is too large');
    if (!token.startsWith(PREFIX)) throw new EksTokenError(`token is missing expected "${PREFIX}" prefix`);
    const encoded = token.slice(PREFIX.length);
    if (!/^[A-Za-z0-9_-]*$/.test(encoded)) throw new EksTokenError('illegal base64 data in token');
    let url: URL;
    try {
      url = new URL(Buffer.from(encoded, 'base64url').toString('utf8'));
    } catch {
      throw new EksTokenError('input token was not properly formatted: not a URL');
    }
    if (url.protocol !== 'https:') throw new EksTokenError(`unexpected scheme "${url.protocol.replace(/:$/, '')}" in pre-signed URL`);
    if (!STS_HOST.test(url.host)) throw new EksTokenError(`unexpected hostname "${url.host}" in pre-signed URL`);
    if (url.pathname !== '/') throw new EksTokenError('unexpected path in pre-signed URL');

    const rawQuery = url.search.replace(/^\?/, '');
    const pairs = parseRawQuery(rawQuery);
    const seen = new Set<string>();
    for (const [key] of pairs) {
      const lower = key.toLowerCase();
      if (!ALLOWED_PARAMETERS.has(lower)) throw new EksTokenError(`non-whitelisted query parameter "${key}"`);
      if (seen.has(lower)) throw new EksTokenError(`duplicate query parameter found: "${key}"`);
      seen.add(lower);
    }
    const lower = new Map(pairs.map(([k, v]) => [k.toLowerCase(), v]));
    if (lower.get('action') !== 'GetCallerIdentity') throw new EksTokenError('unexpected action parameter in pre-signed URL');
    const signedHeaders = (lower.get('x-amz-signedheaders') ?? '').split(';').map((h) => h.toLowerCase());
    if (!signedHeaders.includes(CLUSTER_ID_HEADER)) {
      throw new EksTokenError(`client did not sign the ${CLUSTER_ID_HEADER} header in the pre-signed URL`);
    }
    const expires = Number(lower.get('x-amz-expires'));
    if (!Number.isInteger(expires) || expires < 0 || expires > 900) {
      throw new EksTokenError(`invalid X-Amz-Expires parameter in pre-signed URL: ${lower.get('x-amz-expires') ?? ''}`);
    }
    const amzDate = lower.get('x-amz-date');
    if (amzDate === undefined) throw new EksTokenError('X-Amz-Date parameter must be present in pre-signed URL');
    let date: Date;
    try {
      date = parseAmzDate(amzDate);
    } catch {
      throw new EksTokenError(`error parsing X-Amz-Date parameter ${amzDate}`);
    }
    const now = this.clock.now().getTime();
    if (now > date.getTime() + VALIDITY_MS) {
      throw new EksTokenError(`X-Amz-Date parameter is expired (15 minute expiration) ${date.toISOString()}`);
    }
    if (date.getTime() - now > VALIDITY_MS) throw new EksTokenError('X-Amz-Date parameter is in the future');

    if (clusterName === '') throw new EksTokenError('cluster name is empty');
    const headers = { host: url.host, [CLUSTER_ID_HEADER]: clusterName };
    const key = await this.checkSignature({ method: 'GET', path: url.pathname, query: pairs, headers, body: Buffer.alloc(0) }, clusterName);
    return identityOf(key);
  }

  private async checkSignature(
    request: { method: string; path: string; query: Array<[string, string]>; headers: Record<string, string>; body: Buffer },
    clusterName: string,
  ): Promise<AccessKey> {
    // x-k8s-aws-id is signed: the signature only verifies with the cluster id the token was minted
    // for. Try the given name, then the EKS names of clusters backed by that kube-emulator cluster.
    const candidates = [clusterName, ...(this.clusters?.findByName(clusterName).map((c) => c.name) ?? [])];
    let lastError: unknown;
    for (const candidate of [...new Set(candidates)]) {
      try {
        return await this.verifyPresigned({ ...request, headers: { ...request.headers, [CLUSTER_ID_HEADER]: candidate } });
      } catch (error) {
        lastError = error;
        if (!(error instanceof SignatureFailure) || error.kind !== 'mismatch') break;
      }
    }
    if (lastError instanceof SignatureFailure) {
      throw new EksTokenError(
        lastError.kind === 'mismatch'
          ? `STS rejected the token (SignatureDoesNotMatch): signature invalid for cluster ${clusterName}`
          : `STS rejected the token: ${lastError.message}`,
      );
    }
    throw lastError;
  }

  private async verifyPresigned(request: {
    method: string;
    path: string;
    query: Array<[string, string]>;
    headers: Record<string, string>;
    body: Buffer;
  }): Promise<AccessKey> {
    const params = parseSignature(request.headers, queryMap(request.query));
    if (params.service !== 'sts') throw new SignatureFailure('incomplete', `credential scope service is ${params.service}, not sts`);
    // A regional STS endpoint only accepts its own region in the scope; the global one us-east-1.
    const hostRegion = /^sts(?:-fips)?\.([a-z0-9-]+)\.(?:amazonaws\.com|api\.aws)/.exec(request.headers['host'] ?? '')?.[1] ?? 'us-east-1';
    if (params.region !== hostRegion) {
      throw new SignatureFailure('incomplete', `Credential should be scoped to a valid region, not '${params.region}'.`);
    }
    const key = this.identity.findAccessKey(params.accessKeyId);
    if (!key) throw new SignatureFailure('unknown-key', 'The security token included in the request is invalid.');
    if (params.sessionToken !== key.sessionToken) {
      throw new SignatureFailure('unknown-key', 'The security token included in the request is invalid.');
    }
    await verifySignature(request, params, key.secretAccessKey);
    if (key.expiration !== undefined && this.clock.now().getTime() >= key.expiration.getTime()) {
      throw new SignatureFailure('expired-token', 'The security token included in the request is expired');
    }
    return key;
  }
}

function identityOf(key: AccessKey): VerifiedEksIdentity {
  const caller = callerOf(key);
  const principal = key.principal;
  const canonical =
    principal.kind === 'assumed-role' ? `arn:aws:iam::${principal.accountId}:role/${principal.roleName}` : caller.arn;
  return {
    arn: canonical,
    accountId: caller.accountId,
    sessionArn: caller.arn,
    userId: caller.userId,
    sessionName: principal.kind === 'assumed-role' ? principal.sessionName : undefined,
    accessKeyId: key.accessKeyId,
  };
}
