// CONTRACT (owned by the auth helper): authentication and RBAC evaluation. Pure apart from the
// async EKS verifier.
import type { JsonObject } from '../json.ts';

export interface UserInfo {
  username: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

/** Verifies `k8s-aws-v1.` tokens; the AWS emulator provides the real one. */
export interface EksTokenVerifier {
  /** Resolves the caller's IAM ARN (role ARN for assumed roles) or rejects with a reason. */
  verify(token: string, clusterName: string): Promise<{ arn: string; accountId: string }>;
}

/** One access entry: an IAM principal ARN mapped to a Kubernetes user and groups (EKS access entries). */
export interface AccessEntry {
  principalArn: string;
  username: string;
  groups: string[];
}

export interface Authenticator {
  /** Resolves the user of a bearer token, or undefined for unknown/invalid tokens (→ 401). */
  authenticate(bearerToken: string | undefined): Promise<UserInfo | undefined>;
}

export interface RequestAttributes {
  user: UserInfo;
  verb: string; // get list watch create update patch delete deletecollection
  apiGroup: string; // '' for core
  resource: string; // plural, e.g. 'pods'
  subresource?: string;
  namespace?: string;
  name?: string;
  /** for non-resource URLs such as /version, /api, /openapi/v2 */
  nonResourcePath?: string;
}

/** The RBAC objects of one cluster, as stored (rbac.authorization.k8s.io/v1). */
export interface RbacObjects {
  roles: JsonObject[];
  roleBindings: JsonObject[];
  clusterRoles: JsonObject[];
  clusterRoleBindings: JsonObject[];
}

export interface Decision {
  allowed: boolean;
  /** why not, in Kubernetes' words, for the 403 message */
  reason?: string;
}

/** system:masters is always allowed; otherwise evaluate RBAC (including aggregated ClusterRoles). */
export function authorize(_attrs: RequestAttributes, _rbac: RbacObjects): Decision {
  return { allowed: true };
}
