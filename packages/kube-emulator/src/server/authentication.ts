// Who is calling: static tokens (an admin token per cluster by default), service-account tokens
// the emulator issues (HS256 JWTs bound to a cluster, a ServiceAccount and optionally a token
// Secret) and EKS `k8s-aws-v1.` tokens checked by a pluggable verifier plus access entries.
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { authenticateEksToken, isEksToken } from '../auth/index.ts';
import type { AccessEntry, EksTokenVerifier, UserInfo } from '../auth/index.ts';
import type { ClusterState } from '../cluster/cluster-state.ts';
import { builtinType } from '../cluster/internal-create.ts';
import { metadataOf } from '../store/object-meta.ts';

export interface StaticToken {
  token: string;
  username: string;
  groups?: string[];
  uid?: string;
  /** clusters this token is valid for; all when omitted */
  clusters?: string[];
}

export const ADMIN_USER = 'admin';
const AUTHENTICATED = 'system:authenticated';

interface ServiceAccountClaims {
  iss: string;
  sub: string;
  aud: string[];
  iat: number;
  exp: number;
  cluster: string;
  jti: string;
  'kubernetes.io': { namespace: string; serviceaccount: { name: string; uid: string }; secret?: { name: string } };
}

function b64url(s: string | Buffer): string {
  return Buffer.from(s).toString('base64url');
}

export interface AuthenticationContext {
  cluster: string;
  /** the cluster's state, materialized on demand (service-account tokens need it) */
  state: () => ClusterState;
  accessEntries: readonly AccessEntry[];
}

export class TokenAuthority {
  readonly #secret: Buffer;
  readonly #static = new Map<string, StaticToken>();
  eksVerifier: EksTokenVerifier | undefined;

  constructor(secret: Buffer, staticTokens: StaticToken[], eksVerifier: EksTokenVerifier | undefined) {
    this.#secret = secret;
    for (const t of staticTokens) this.#static.set(t.token, t);
    this.eksVerifier = eksVerifier;
  }

  readonly #adminTokens = new Map<string, string>();

  /** The admin token of a cluster: derived from the secret (cached: HMAC keys are costly to set up). */
  adminToken(cluster: string): string {
    let token = this.#adminTokens.get(cluster);
    if (!token) {
      token = `admin.${createHmac('sha256', this.#secret).update(`admin:${cluster}`).digest('base64url').slice(0, 32)}`;
      this.#adminTokens.set(cluster, token);
    }
    return token;
  }

  issueServiceAccountToken(
    cluster: string,
    namespace: string,
    serviceAccount: string,
    serviceAccountUid: string,
    opts: { secretName?: string; expirationSeconds?: number; audiences?: string[] } = {},
  ): { token: string; expiresAt: Date } {
    const iat = Math.floor(Date.now() / 1000);
    // token Secrets never expire, like legacy service-account tokens
    const exp = opts.secretName ? iat + 10 * 365 * 86400 : iat + (opts.expirationSeconds ?? 3600);
    const claims: ServiceAccountClaims = {
      iss: 'https://kubernetes.default.svc.cluster.local',
      sub: `system:serviceaccount:${namespace}:${serviceAccount}`,
      aud: opts.audiences ?? ['https://kubernetes.default.svc.cluster.local'],
      iat,
      exp,
      jti: randomUUID(),
      cluster,
      'kubernetes.io': {
        namespace,
        serviceaccount: { name: serviceAccount, uid: serviceAccountUid },
        ...(opts.secretName ? { secret: { name: opts.secretName } } : {}),
      },
    };
    const head = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}`;
    const sig = createHmac('sha256', this.#secret).update(head).digest('base64url');
    return { token: `${head}.${sig}`, expiresAt: new Date(exp * 1000) };
  }

  async authenticate(ctx: AuthenticationContext, bearer: string | undefined): Promise<UserInfo | undefined> {
    if (!bearer) return undefined;
    if (bearer === this.adminToken(ctx.cluster)) {
      return { username: ADMIN_USER, groups: ['system:masters', AUTHENTICATED] };
    }
    const fixed = this.#static.get(bearer);
    if (fixed) {
      if (fixed.clusters && !fixed.clusters.includes(ctx.cluster)) return undefined;
      return {
        username: fixed.username,
        ...(fixed.uid ? { uid: fixed.uid } : {}),
        groups: [...(fixed.groups ?? []), AUTHENTICATED],
      };
    }
    if (isEksToken(bearer)) {
      if (!this.eksVerifier) return undefined;
      // access-entry matching (assumed roles, username templates) is the auth module's
      return authenticateEksToken(bearer, {
        verifier: this.eksVerifier,
        clusterName: ctx.cluster,
        accessEntries: () => [...ctx.accessEntries],
      });
    }
    if (bearer.split('.').length === 3) return this.#authenticateServiceAccount(ctx, bearer);
    return undefined;
  }

  #authenticateServiceAccount(ctx: AuthenticationContext, token: string): UserInfo | undefined {
    const [head, body, sig] = token.split('.') as [string, string, string];
    const expected = createHmac('sha256', this.#secret).update(`${head}.${body}`).digest();
    const given = Buffer.from(sig, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    let claims: ServiceAccountClaims;
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as ServiceAccountClaims;
    } catch {
      return undefined;
    }
    if (claims.cluster !== ctx.cluster || claims.exp * 1000 < Date.now()) return undefined;
    const { namespace, serviceaccount, secret } = claims['kubernetes.io'];
    const state = ctx.state();
    const sa = state.get(builtinType('', 'serviceaccounts'), namespace, serviceaccount.name);
    // a token names the uid of the account it was issued for: a recreated account is another one
    if (!sa || (serviceaccount.uid && serviceaccount.uid !== metadataOf(sa).uid)) return undefined;
    if (secret && !state.get(builtinType('', 'secrets'), namespace, secret.name)) return undefined;
    return {
      username: claims.sub,
      ...(metadataOf(sa).uid ? { uid: metadataOf(sa).uid } : {}),
      groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, AUTHENTICATED],
    };
  }
}
