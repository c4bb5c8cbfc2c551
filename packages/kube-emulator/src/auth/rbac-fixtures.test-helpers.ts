// Builders for RBAC objects in tests.
import type { JsonObject } from '../json.ts';
import type { RbacObjects, RequestAttributes, UserInfo } from './types.ts';

export function emptyRbac(): RbacObjects {
  return { roles: [], roleBindings: [], clusterRoles: [], clusterRoleBindings: [] };
}

export function role(namespace: string, name: string, rules: JsonObject[]): JsonObject {
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { namespace, name }, rules };
}

export function clusterRole(name: string, rules: JsonObject[], labels: Record<string, string> = {}, aggregationRule?: JsonObject): JsonObject {
  const obj: JsonObject = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name, labels }, rules };
  if (aggregationRule !== undefined) obj.aggregationRule = aggregationRule;
  return obj;
}

export function roleBinding(namespace: string, name: string, roleRef: { kind: string; name: string }, subjects: JsonObject[]): JsonObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { namespace, name },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef },
    subjects,
  };
}

export function clusterRoleBinding(name: string, roleName: string, subjects: JsonObject[]): JsonObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName },
    subjects,
  };
}

export const userSubject = (name: string): JsonObject => ({ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name });
export const groupSubject = (name: string): JsonObject => ({ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name });
export const saSubject = (name: string, namespace?: string): JsonObject =>
  namespace === undefined ? { kind: 'ServiceAccount', name } : { kind: 'ServiceAccount', name, namespace };

export function user(username: string, ...groups: string[]): UserInfo {
  return { username, groups: [...groups, 'system:authenticated'] };
}

export function req(u: UserInfo, verb: string, resource: string, extra: Partial<RequestAttributes> = {}): RequestAttributes {
  return { user: u, verb, apiGroup: '', resource, ...extra };
}
