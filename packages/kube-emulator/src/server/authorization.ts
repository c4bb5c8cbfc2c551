// RBAC on every request, with the real Forbidden messages. system:masters skips the RBAC
// evaluation entirely (as the real server's authorizer chain does).
import type { Decision, RbacObjects, RequestAttributes, UserInfo } from '../auth/index.ts';
import { authorize } from '../auth/index.ts';
import type { ClusterState } from '../cluster/cluster-state.ts';
import { forbidden, qualifiedResource } from './api-error.ts';
import type { ApiError } from './api-error.ts';
import type { RequestInfo } from './request-info.ts';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

const RBAC_KEYS = new Set(['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings'].map((r) => `${RBAC_GROUP}/${r}`));

// RBAC objects change rarely and are read on every non-admin request: cache them per cluster
// until an RBAC write (a store listener clears the entry)
const rbacCache = new WeakMap<ClusterState, RbacObjects | null>();

export function rbacObjectsOf(state: ClusterState): RbacObjects {
  const cached = rbacCache.get(state);
  if (cached) return cached;
  if (cached === undefined) {
    state.store.subscribe((event) => {
      if (RBAC_KEYS.has(event.resourceKey)) rbacCache.set(state, null);
    });
  }
  const rbac: RbacObjects = {
    roles: state.store.list(`${RBAC_GROUP}/roles`),
    roleBindings: state.store.list(`${RBAC_GROUP}/rolebindings`),
    clusterRoles: state.store.list(`${RBAC_GROUP}/clusterroles`),
    clusterRoleBindings: state.store.list(`${RBAC_GROUP}/clusterrolebindings`),
  };
  rbacCache.set(state, rbac);
  return rbac;
}

export function isMaster(user: UserInfo): boolean {
  return user.groups.includes('system:masters');
}

export function decide(state: ClusterState, attrs: RequestAttributes): Decision {
  if (isMaster(attrs.user)) return { allowed: true };
  return authorize(attrs, rbacObjectsOf(state));
}

export function attributesOf(user: UserInfo, info: RequestInfo): RequestAttributes {
  if (info.kind === 'nonResource') return { user, verb: info.verb, apiGroup: '', resource: '', nonResourcePath: info.path };
  return {
    user,
    verb: info.verb,
    apiGroup: info.group,
    resource: info.plural,
    ...(info.subresource ? { subresource: info.subresource } : {}),
    ...(info.namespace ? { namespace: info.namespace } : {}),
    ...(info.name ? { name: info.name } : {}),
  };
}

export function forbiddenError(attrs: RequestAttributes, decision: Decision): ApiError {
  const suffix = decision.reason ? `: ${decision.reason}` : '';
  const user = attrs.user.username;
  if (attrs.nonResourcePath !== undefined) {
    return forbidden(`forbidden: User "${user}" cannot ${attrs.verb} path "${attrs.nonResourcePath}"${suffix}`, {});
  }
  const resource = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
  const subject = attrs.name
    ? `${qualifiedResource(attrs.apiGroup, resource)} "${attrs.name}"`
    : qualifiedResource(attrs.apiGroup, resource);
  const scope = attrs.namespace ? `in the namespace "${attrs.namespace}"` : 'at the cluster scope';
  return forbidden(
    `${subject} is forbidden: User "${user}" cannot ${attrs.verb} resource "${resource}" in API group "${attrs.apiGroup}" ${scope}${suffix}`,
    { ...(attrs.name ? { name: attrs.name } : {}), group: attrs.apiGroup, kind: attrs.resource },
  );
}

