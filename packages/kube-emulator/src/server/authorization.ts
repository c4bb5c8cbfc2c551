// RBAC on every request, with the real Forbidden messages. system:masters skips the RBAC
// evaluation entirely (as the real server's authorizer chain does).
import type { Decision, RbacObjects, RequestAttributes, UserInfo } from '../auth/index.ts';
import { authorize, forbiddenStatus } from '../auth/index.ts';
import type { ClusterState } from '../cluster/cluster-state.ts';
import { forbidden } from './api-error.ts';
import type { ApiError, StatusDetails } from './api-error.ts';
import { fieldSelectorExactValue, parseFieldSelector } from '../selectors/index.ts';
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

const COLLECTION_VERBS = new Set(['list', 'watch', 'deletecollection']);

/**
 * A list, watch or deletecollection limited to one name by `fieldSelector=metadata.name=x` is
 * authorized for that name, as the real RequestInfoFactory does, so RBAC resourceNames apply.
 */
function collectionName(info: RequestInfo, query: URLSearchParams): string | undefined {
  if (info.kind !== 'resource' || info.name || !COLLECTION_VERBS.has(info.verb)) return info.kind === 'resource' ? info.name : undefined;
  const selector = query.get('fieldSelector');
  if (!selector) return undefined;
  try {
    return fieldSelectorExactValue(parseFieldSelector(selector), 'metadata.name');
  } catch {
    return undefined; // the handler answers the malformed selector with its 400
  }
}

export function attributesOf(user: UserInfo, info: RequestInfo, query: URLSearchParams = new URLSearchParams()): RequestAttributes {
  if (info.kind === 'nonResource') return { user, verb: info.verb, apiGroup: '', resource: '', nonResourcePath: info.path };
  const name = collectionName(info, query);
  return {
    user,
    verb: info.verb,
    apiGroup: info.group,
    resource: info.plural,
    ...(info.subresource ? { subresource: info.subresource } : {}),
    ...(info.namespace ? { namespace: info.namespace } : {}),
    ...(name ? { name } : {}),
  };
}

/** The 403 of a denied request, as the auth module words it (subresource and group rules included). */
export function forbiddenError(attrs: RequestAttributes, decision: Decision): ApiError {
  const status = forbiddenStatus(attrs, decision.reason);
  const message = decision.message ?? (status.message as string);
  return forbidden(message, status.details as StatusDetails);
}
