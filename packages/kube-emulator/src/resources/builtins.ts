// The built-in resource types every virtual cluster serves. Built once per process and shared by
// all clusters (1,000 clusters must not each hold their own copy).
import type { ResourceType } from './types.ts';

const ALL_VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];
const CREATE_ONLY = ['create'];

interface BuiltinOptions {
  namespaced?: boolean;
  shortNames?: string[];
  categories?: string[];
  verbs?: string[];
  status?: boolean;
  scale?: boolean;
  singular?: string;
}

function builtin(
  group: string,
  version: string,
  kind: string,
  plural: string,
  opts: BuiltinOptions = {},
): ResourceType {
  return Object.freeze({
    group,
    version,
    kind,
    listKind: `${kind}List`,
    plural,
    singular: opts.singular ?? kind.toLowerCase(),
    namespaced: opts.namespaced ?? true,
    shortNames: opts.shortNames ?? [],
    categories: opts.categories ?? [],
    verbs: opts.verbs ?? ALL_VERBS,
    subresources: {
      ...(opts.status ? { status: true } : {}),
      ...(opts.scale
        ? {
            scale: {
              specReplicasPath: '.spec.replicas',
              statusReplicasPath: '.status.replicas',
              labelSelectorPath: '.status.selector',
            },
          }
        : {}),
    },
    storageVersion: true,
    served: true,
    custom: false,
  });
}

export const BUILTIN_TYPES: readonly ResourceType[] = Object.freeze([
  builtin('', 'v1', 'Namespace', 'namespaces', {
    namespaced: false,
    shortNames: ['ns'],
    status: true,
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  }),
  builtin('', 'v1', 'Service', 'services', {
    shortNames: ['svc'],
    categories: ['all'],
    status: true,
  }),
  builtin('', 'v1', 'Endpoints', 'endpoints', { shortNames: ['ep'], singular: 'endpoints' }),
  builtin('', 'v1', 'Secret', 'secrets'),
  builtin('', 'v1', 'ConfigMap', 'configmaps', { shortNames: ['cm'] }),
  builtin('', 'v1', 'ServiceAccount', 'serviceaccounts', { shortNames: ['sa'] }),
  builtin('', 'v1', 'Event', 'events', { shortNames: ['ev'] }),
  builtin('', 'v1', 'Pod', 'pods', { shortNames: ['po'], categories: ['all'], status: true }),
  builtin('', 'v1', 'Node', 'nodes', { namespaced: false, shortNames: ['no'], status: true }),
  builtin('events.k8s.io', 'v1', 'Event', 'events', { shortNames: ['ev'] }),
  builtin('discovery.k8s.io', 'v1', 'EndpointSlice', 'endpointslices'),
  builtin('coordination.k8s.io', 'v1', 'Lease', 'leases'),
  builtin('rbac.authorization.k8s.io', 'v1', 'Role', 'roles'),
  builtin('rbac.authorization.k8s.io', 'v1', 'RoleBinding', 'rolebindings'),
  builtin('rbac.authorization.k8s.io', 'v1', 'ClusterRole', 'clusterroles', { namespaced: false }),
  builtin('rbac.authorization.k8s.io', 'v1', 'ClusterRoleBinding', 'clusterrolebindings', {
    namespaced: false,
  }),
  builtin('apps', 'v1', 'Deployment', 'deployments', {
    shortNames: ['deploy'],
    categories: ['all'],
    status: true,
    scale: true,
  }),
  builtin('policy', 'v1', 'PodDisruptionBudget', 'poddisruptionbudgets', {
    shortNames: ['pdb'],
    status: true,
  }),
  builtin('networking.k8s.io', 'v1', 'Ingress', 'ingresses', { shortNames: ['ing'], status: true }),
  builtin('networking.k8s.io', 'v1', 'IngressClass', 'ingressclasses', { namespaced: false }),
  builtin('networking.k8s.io', 'v1', 'NetworkPolicy', 'networkpolicies', {
    shortNames: ['netpol'],
  }),
  builtin('apiextensions.k8s.io', 'v1', 'CustomResourceDefinition', 'customresourcedefinitions', {
    namespaced: false,
    shortNames: ['crd', 'crds'],
    categories: ['api-extensions'],
    status: true,
  }),
  builtin('authorization.k8s.io', 'v1', 'SelfSubjectAccessReview', 'selfsubjectaccessreviews', {
    namespaced: false,
    verbs: CREATE_ONLY,
  }),
  builtin('authorization.k8s.io', 'v1', 'SubjectAccessReview', 'subjectaccessreviews', {
    namespaced: false,
    verbs: CREATE_ONLY,
  }),
  builtin('authorization.k8s.io', 'v1', 'SelfSubjectRulesReview', 'selfsubjectrulesreviews', {
    namespaced: false,
    verbs: CREATE_ONLY,
  }),
  builtin('authentication.k8s.io', 'v1', 'SelfSubjectReview', 'selfsubjectreviews', {
    namespaced: false,
    verbs: CREATE_ONLY,
  }),
  builtin('authentication.k8s.io', 'v1', 'TokenReview', 'tokenreviews', {
    namespaced: false,
    verbs: CREATE_ONLY,
  }),
]);

/** Kinds whose objects are never stored: a create is answered, like the real review APIs. */
export function isReviewType(type: ResourceType): boolean {
  return type.group === 'authorization.k8s.io' || type.group === 'authentication.k8s.io';
}

/** Kinds whose names must be DNS-1123 labels (63 chars, no dots) rather than subdomains. */
export function nameRuleFor(type: ResourceType): 'label' | 'dns1035' | 'subdomain' | 'path' {
  if (type.custom) return 'subdomain';
  if (type.group === '' && type.plural === 'namespaces') return 'label';
  if (type.group === '' && type.plural === 'services') return 'dns1035';
  // RBAC names are path segments: `system:controller:foo` is a valid ClusterRole name
  if (type.group === 'rbac.authorization.k8s.io') return 'path';
  return 'subdomain';
}
