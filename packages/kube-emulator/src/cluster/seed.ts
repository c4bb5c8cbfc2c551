// What a fresh cluster holds: the four standard namespaces (each gets its `default`
// ServiceAccount through the namespace strategy) and the RBAC objects kube-apiserver
// bootstraps (cluster-admin for system:masters, discovery and self-review rights for every
// authenticated user, admin/edit/view). The RBAC bodies are built once per process and shared
// by all clusters: only metadata is per cluster (stored objects are never mutated).
import { randomUUID } from 'node:crypto';
import { defaultClusterRbac } from '../auth/index.ts';
import type { JsonObject } from '../json.ts';
import type { ClusterState } from './cluster-state.ts';
import { builtinType, createInternal } from './internal-create.ts';

const NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

let bootstrapRbac: { clusterRoles: JsonObject[]; clusterRoleBindings: JsonObject[] } | undefined;

function rbacSeed(): { clusterRoles: JsonObject[]; clusterRoleBindings: JsonObject[] } {
  if (!bootstrapRbac) {
    const rbac = defaultClusterRbac();
    bootstrapRbac = { clusterRoles: rbac.clusterRoles, clusterRoleBindings: rbac.clusterRoleBindings };
  }
  return bootstrapRbac;
}

function insertShared(state: ClusterState, plural: string, obj: JsonObject, now: string): void {
  const metadata = { ...(obj.metadata as JsonObject), uid: randomUUID(), creationTimestamp: now, generation: 1 };
  state.insert(builtinType('rbac.authorization.k8s.io', plural), { ...obj, metadata });
}

export function seedCluster(state: ClusterState): void {
  const namespaces = builtinType('', 'namespaces');
  for (const name of NAMESPACES) {
    createInternal(state, namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }
  const now = state.now();
  const { clusterRoles, clusterRoleBindings } = rbacSeed();
  for (const role of clusterRoles) insertShared(state, 'clusterroles', role, now);
  for (const binding of clusterRoleBindings) insertShared(state, 'clusterrolebindings', binding, now);
}
