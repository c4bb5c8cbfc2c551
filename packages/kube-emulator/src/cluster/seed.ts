// What a fresh cluster holds: the four standard namespaces (each gets its `default`
// ServiceAccount through the namespace strategy) and the cluster-admin role bound to
// system:masters, as kubeadm sets them up.
import type { ClusterState } from './cluster-state.ts';
import { builtinType, createInternal } from './internal-create.ts';

const NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export function seedCluster(state: ClusterState): void {
  const namespaces = builtinType('', 'namespaces');
  for (const name of NAMESPACES) {
    createInternal(state, namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }
  const bootstrap = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
  createInternal(state, builtinType('rbac.authorization.k8s.io', 'clusterroles'), {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: 'cluster-admin', labels: bootstrap, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' } },
    rules: [
      { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
      { nonResourceURLs: ['*'], verbs: ['*'] },
    ],
  });
  createInternal(state, builtinType('rbac.authorization.k8s.io', 'clusterrolebindings'), {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'cluster-admin', labels: bootstrap, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' } },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:masters' }],
  });
}
