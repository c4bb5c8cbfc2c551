// The RBAC objects kube-apiserver bootstraps into every cluster that matter to users and tools,
// transcribed from plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata/cluster-roles.yaml and
// cluster-role-bindings.yaml. Omitted: the roles of control-plane components (system:node,
// system:kube-scheduler, system:controller:*, ...), which nothing in the emulator runs as.
import type { JsonObject } from '../json.ts';
import { RbacRoleResolver } from './rbac-objects.ts';
import type { PolicyRule } from './rbac-objects.ts';
import type { RbacObjects } from './types.ts';

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function rule(apiGroups: string[], resources: string[], verbs: string[]): JsonObject {
  return { apiGroups, resources, verbs };
}

function nonResource(urls: string[], verbs: string[]): JsonObject {
  return { nonResourceURLs: urls, verbs };
}

function clusterRole(name: string, rules: JsonObject[], extraLabels: Record<string, string> = {}, aggregateFrom?: string): JsonObject {
  const role: JsonObject = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: {
      name,
      annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' },
      labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults', ...extraLabels },
    },
    rules,
  };
  if (aggregateFrom !== undefined) {
    role.aggregationRule = { clusterRoleSelectors: [{ matchLabels: { [`rbac.authorization.k8s.io/${aggregateFrom}`]: 'true' } }] };
  }
  return role;
}

function groupBinding(name: string, roleName: string, groups: string[]): JsonObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: {
      name,
      annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' },
      labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' },
    },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName },
    subjects: groups.map((g) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: g })),
  };
}

const aggregateToView = [
  rule([''], ['configmaps', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'pods', 'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status'], READ),
  rule([''], ['bindings', 'events', 'limitranges', 'namespaces/status', 'pods/log', 'pods/status', 'replicationcontrollers/status', 'resourcequotas', 'resourcequotas/status'], READ),
  rule([''], ['namespaces'], READ),
  rule(['discovery.k8s.io'], ['endpointslices'], READ),
  rule(['apps'], ['controllerrevisions', 'daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'replicasets', 'replicasets/scale', 'replicasets/status', 'statefulsets', 'statefulsets/scale', 'statefulsets/status'], READ),
  rule(['autoscaling'], ['horizontalpodautoscalers', 'horizontalpodautoscalers/status'], READ),
  rule(['batch'], ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status'], READ),
  rule(['extensions'], ['daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'ingresses', 'ingresses/status', 'networkpolicies', 'replicasets', 'replicasets/scale', 'replicasets/status', 'replicationcontrollers/scale'], READ),
  rule(['policy'], ['poddisruptionbudgets', 'poddisruptionbudgets/status'], READ),
  rule(['networking.k8s.io'], ['ingresses', 'ingresses/status', 'networkpolicies'], READ),
];

const aggregateToEdit = [
  rule([''], ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'secrets', 'services/proxy'], READ),
  rule([''], ['serviceaccounts'], ['impersonate']),
  rule([''], ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy'], WRITE),
  rule([''], ['pods/eviction'], ['create']),
  rule([''], ['configmaps', 'events', 'persistentvolumeclaims', 'replicationcontrollers', 'replicationcontrollers/scale', 'secrets', 'serviceaccounts', 'services', 'services/proxy'], WRITE),
  rule([''], ['serviceaccounts/token'], ['create']),
  rule(['apps'], ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'replicasets', 'replicasets/scale', 'statefulsets', 'statefulsets/scale'], WRITE),
  rule(['autoscaling'], ['horizontalpodautoscalers'], WRITE),
  rule(['batch'], ['cronjobs', 'jobs'], WRITE),
  rule(['extensions'], ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'ingresses', 'networkpolicies', 'replicasets', 'replicasets/scale', 'replicationcontrollers/scale'], WRITE),
  rule(['policy'], ['poddisruptionbudgets'], WRITE),
  rule(['networking.k8s.io'], ['ingresses', 'networkpolicies'], WRITE),
  rule(['coordination.k8s.io'], ['leases'], ALL_VERBS),
];

const aggregateToAdmin = [
  rule(['authorization.k8s.io'], ['localsubjectaccessreviews'], ['create']),
  rule(['rbac.authorization.k8s.io'], ['rolebindings', 'roles'], ALL_VERBS),
];

function bootstrapClusterRoles(): JsonObject[] {
  return [
    clusterRole('cluster-admin', [rule(['*'], ['*'], ['*']), nonResource(['*'], ['*'])]),
    clusterRole('admin', [], {}, 'aggregate-to-admin'),
    clusterRole('edit', [], { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' }, 'aggregate-to-edit'),
    clusterRole('view', [], { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' }, 'aggregate-to-view'),
    clusterRole('system:aggregate-to-admin', aggregateToAdmin, { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' }),
    clusterRole('system:aggregate-to-edit', aggregateToEdit, { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' }),
    clusterRole('system:aggregate-to-view', aggregateToView, { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' }),
    clusterRole('system:discovery', [
      nonResource(['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'], ['get']),
    ]),
    clusterRole('system:basic-user', [
      rule(['authorization.k8s.io'], ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'], ['create']),
      rule(['authentication.k8s.io'], ['selfsubjectreviews'], ['create']),
    ]),
    clusterRole('system:public-info-viewer', [nonResource(['/healthz', '/livez', '/readyz', '/version', '/version/'], ['get'])]),
    clusterRole('system:monitoring', [
      nonResource(['/healthz', '/healthz/*', '/livez', '/livez/*', '/metrics', '/metrics/slis', '/readyz', '/readyz/*'], ['get']),
    ]),
    clusterRole('system:auth-delegator', [
      rule(['authentication.k8s.io'], ['tokenreviews'], ['create']),
      rule(['authorization.k8s.io'], ['subjectaccessreviews'], ['create']),
    ]),
    clusterRole('system:service-account-issuer-discovery', [nonResource(['/.well-known/openid-configuration', '/openid/v1/jwks'], ['get'])]),
  ];
}

function toJsonRule(r: PolicyRule): JsonObject {
  const out: JsonObject = { verbs: r.verbs };
  if (r.apiGroups.length > 0) out.apiGroups = r.apiGroups;
  if (r.resources.length > 0) out.resources = r.resources;
  if (r.resourceNames.length > 0) out.resourceNames = r.resourceNames;
  if (r.nonResourceURLs.length > 0) out.nonResourceURLs = r.nonResourceURLs;
  return out;
}

/**
 * The rules the aggregation controller would store in an aggregated ClusterRole. authorize()
 * never needs them (it aggregates itself); the core may write them into `rules` so that
 * `kubectl get clusterrole admin -o yaml` shows what a real cluster shows.
 */
export function aggregatedClusterRoleRules(name: string, rbac: RbacObjects): JsonObject[] | undefined {
  return new RbacRoleResolver(rbac).clusterRoleRules(name, new Set())?.map(toJsonRule);
}

/**
 * The bootstrap ClusterRoles and ClusterRoleBindings every cluster starts with: cluster-admin for
 * system:masters; discovery, basic-user (self reviews) and public-info for every authenticated
 * user; admin/edit/view aggregated as upstream, with their `rules` already filled in.
 */
export function defaultClusterRbac(): RbacObjects {
  const clusterRoles = bootstrapClusterRoles();
  const seeded: RbacObjects = { roles: [], roleBindings: [], clusterRoles, clusterRoleBindings: [] };
  for (const role of clusterRoles) {
    if (role.aggregationRule !== undefined) {
      const metadata = role.metadata as JsonObject;
      role.rules = aggregatedClusterRoleRules(metadata.name as string, seeded) ?? [];
    }
  }
  seeded.clusterRoleBindings = [
    groupBinding('cluster-admin', 'cluster-admin', ['system:masters']),
    groupBinding('system:basic-user', 'system:basic-user', ['system:authenticated']),
    groupBinding('system:discovery', 'system:discovery', ['system:authenticated']),
    groupBinding('system:public-info-viewer', 'system:public-info-viewer', ['system:authenticated', 'system:unauthenticated']),
    groupBinding('system:monitoring', 'system:monitoring', ['system:monitoring']),
    groupBinding('system:service-account-issuer-discovery', 'system:service-account-issuer-discovery', ['system:serviceaccounts']),
  ];
  return seeded;
}
