// Bound service-account tokens: JWTs shaped like the ones kube-apiserver issues through the
// TokenRequest API (claims `iss`, `sub`, `aud`, `exp`, `iat`, `nbf`, `jti`, `kubernetes.io`),
// signed with HS256 and a per-cluster secret instead of the server's RSA key — clients treat the
// token as opaque, so only the shape and the claims matter to them.
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { UserInfo } from './types.ts';
import { GROUP_AUTHENTICATED, GROUP_SERVICE_ACCOUNTS, serviceAccountUsername } from './user-info.ts';

export const DEFAULT_SERVICE_ACCOUNT_ISSUER = 'https://kubernetes.default.svc.cluster.local';
/** TokenRequest's default lifetime */
export const DEFAULT_TOKEN_EXPIRATION_SECONDS = 3600;

export interface ServiceAccountTokenClaims {
  iss: string;
  sub: string;
  aud: string[];
  exp: number;
  iat: number;
  nbf: number;
  jti: string;
  'kubernetes.io': {
    namespace: string;
    serviceaccount: { name: string; uid: string };
    pod?: { name: string; uid: string };
  };
}

export interface IssueServiceAccountTokenOptions {
  issuer?: string;
  /** default: [issuer], what the API server accepts by default */
  audiences?: string[];
  expirationSeconds?: number;
  /** the clock, in milliseconds since the epoch; default Date.now() */
  now?: number;
  /** bind the token to a pod, as projected volume tokens are */
  pod?: { name: string; uid: string };
}

export interface VerifyServiceAccountTokenOptions {
  issuer?: string;
  /** accepted audiences; the token must name one of them. Default: [issuer] */
  audiences?: string[];
  now?: number;
}

export type SecretKey = string | Uint8Array;

function base64url(data: string | Uint8Array): string {
  return Buffer.from(data).toString('base64url');
}

function sign(signingInput: string, secretKey: SecretKey): Buffer {
  return createHmac('sha256', secretKey).update(signingInput).digest();
}

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

/** Issues a token for the service account `<namespace>/<name>` whose object uid is `uid`. */
export function issueServiceAccountToken(
  namespace: string,
  name: string,
  uid: string,
  secretKey: SecretKey,
  options: IssueServiceAccountTokenOptions = {},
): string {
  const issuer = options.issuer ?? DEFAULT_SERVICE_ACCOUNT_ISSUER;
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  const claims: ServiceAccountTokenClaims = {
    aud: options.audiences ?? [issuer],
    exp: now + (options.expirationSeconds ?? DEFAULT_TOKEN_EXPIRATION_SECONDS),
    iat: now,
    iss: issuer,
    jti: randomUUID(),
    'kubernetes.io': {
      namespace,
      ...(options.pod === undefined ? {} : { pod: { ...options.pod } }),
      serviceaccount: { name, uid },
    },
    nbf: now,
    sub: serviceAccountUsername(namespace, name),
  };
  const signingInput = `${HEADER}.${base64url(JSON.stringify(claims))}`;
  return `${signingInput}.${sign(signingInput, secretKey).toString('base64url')}`;
}

function decodeJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function asClaims(payload: unknown): ServiceAccountTokenClaims | undefined {
  if (!isRecord(payload)) return undefined;
  const k8s = payload['kubernetes.io'];
  if (!isRecord(k8s) || typeof k8s.namespace !== 'string') return undefined;
  const sa = k8s.serviceaccount;
  if (!isRecord(sa) || typeof sa.name !== 'string' || typeof sa.uid !== 'string') return undefined;
  const { iss, sub, exp, iat, nbf, jti } = payload;
  if (typeof iss !== 'string' || typeof sub !== 'string' || typeof exp !== 'number') return undefined;
  const aud = typeof payload.aud === 'string' ? [payload.aud] : payload.aud;
  if (!Array.isArray(aud) || !aud.every((a) => typeof a === 'string')) return undefined;
  const pod = isRecord(k8s.pod) && typeof k8s.pod.name === 'string' && typeof k8s.pod.uid === 'string' ? { name: k8s.pod.name, uid: k8s.pod.uid } : undefined;
  return {
    iss,
    sub,
    aud,
    exp,
    iat: typeof iat === 'number' ? iat : 0,
    nbf: typeof nbf === 'number' ? nbf : 0,
    jti: typeof jti === 'string' ? jti : '',
    'kubernetes.io': { namespace: k8s.namespace, serviceaccount: { name: sa.name, uid: sa.uid }, ...(pod === undefined ? {} : { pod }) },
  };
}

/**
 * Checks signature, algorithm, issuer, audience, expiry and the subject, and returns the claims;
 * undefined for anything else (a token of another issuer, a tampered or expired one).
 */
export function readServiceAccountTokenClaims(
  token: string,
  secretKey: SecretKey,
  options: VerifyServiceAccountTokenOptions = {},
): ServiceAccountTokenClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = decodeJson(headerPart);
  // Only HS256: never let the token choose a weaker algorithm ("none").
  if (!isRecord(header) || header.alg !== 'HS256') return undefined;
  const expected = sign(`${headerPart}.${payloadPart}`, secretKey);
  const actual = Buffer.from(signaturePart, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return undefined;

  const claims = asClaims(decodeJson(payloadPart));
  if (claims === undefined) return undefined;
  const issuer = options.issuer ?? DEFAULT_SERVICE_ACCOUNT_ISSUER;
  if (claims.iss !== issuer) return undefined;
  const audiences = options.audiences ?? [issuer];
  if (!claims.aud.some((a) => audiences.includes(a))) return undefined;
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  if (now >= claims.exp || now < claims.nbf) return undefined;
  const { namespace, serviceaccount } = claims['kubernetes.io'];
  if (claims.sub !== serviceAccountUsername(namespace, serviceaccount.name)) return undefined;
  return claims;
}

/** The user a service-account token authenticates as. */
export function serviceAccountUserInfo(claims: ServiceAccountTokenClaims): UserInfo {
  const { namespace, serviceaccount, pod } = claims['kubernetes.io'];
  const extra: Record<string, string[]> = {};
  if (pod !== undefined) {
    extra['authentication.kubernetes.io/pod-name'] = [pod.name];
    extra['authentication.kubernetes.io/pod-uid'] = [pod.uid];
  }
  if (claims.jti !== '') extra['authentication.kubernetes.io/credential-id'] = [`JTI=${claims.jti}`];
  return {
    username: serviceAccountUsername(namespace, serviceaccount.name),
    uid: serviceaccount.uid,
    groups: [GROUP_SERVICE_ACCOUNTS, `${GROUP_SERVICE_ACCOUNTS}:${namespace}`, GROUP_AUTHENTICATED],
    extra,
  };
}

/**
 * Verifies a token from issueServiceAccountToken and returns its user, or undefined (→ 401).
 * It does not know whether the service account still exists with that uid; the caller checks
 * that against its store, as the real server does.
 */
export function verifyServiceAccountToken(
  token: string,
  secretKey: SecretKey,
  options: VerifyServiceAccountTokenOptions = {},
): UserInfo | undefined {
  const claims = readServiceAccountTokenClaims(token, secretKey, options);
  return claims === undefined ? undefined : serviceAccountUserInfo(claims);
}
