// Contract types of the auth module (authentication, RBAC). Pure data; see index.ts for the API.
import type { JsonObject } from '../json.ts';

export interface UserInfo {
  username: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

/** What an EKS token verifier learned from the presigned GetCallerIdentity call. */
export interface EksCallerIdentity {
  /**
   * The caller's ARN as GetCallerIdentity returns it: `arn:aws:sts::<acct>:assumed-role/<role>/<session>`
   * for roles (needed for {{SessionName}}), `arn:aws:iam::<acct>:user/<path/name>` for users.
   * A canonical role ARN (`arn:aws:iam::<acct>:role/<role>`) is accepted too; the session is then unknown.
   */
  arn: string;
  accountId: string;
  /** the STS ARN GetCallerIdentity returned, when `arn` holds the canonical role ARN instead */
  sessionArn?: string;
  /** the role session name, when known separately */
  sessionName?: string;
  /** GetCallerIdentity `UserId` (e.g. `AROA...:session`); becomes part of the Kubernetes uid */
  userId?: string;
  /** the access key id that signed the request; {{AccessKeyID}} */
  accessKeyId?: string;
}

/** Verifies `k8s-aws-v1.` tokens; the AWS emulator provides the real one. */
export interface EksTokenVerifier {
  /** Resolves the caller's IAM ARN (role ARN for assumed roles) or rejects with a reason. */
  verify(token: string, clusterName: string): Promise<EksCallerIdentity>;
}

/** One access entry: an IAM principal ARN mapped to a Kubernetes user and groups (EKS access entries). */
export interface AccessEntry {
  principalArn: string;
  /**
   * May use {{AccountID}}, {{SessionName}} (`@` → `-`), {{SessionNameRaw}}, {{AccessKeyID}}.
   * Empty → EKS's default: the user ARN, or `arn:aws:sts::<acct>:assumed-role/<role>/{{SessionName}}`.
   */
  username: string;
  groups: string[];
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
  /**
   * Kubernetes' reason. Denied: "" unless a binding referenced a missing role
   * (`RBAC: clusterrole.rbac.authorization.k8s.io "x" not found`). Allowed: what allowed it
   * (`RBAC: allowed by ClusterRoleBinding "b" of ClusterRole "r" to User "u"`).
   */
  reason?: string;
  /** when denied: the complete 403 Status message (forbiddenMessage(attrs, reason)) */
  message?: string;
}
