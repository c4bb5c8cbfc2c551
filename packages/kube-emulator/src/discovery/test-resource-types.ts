// Test-only ResourceType fixtures shared by the discovery, openapi and table tests: a few
// built-ins shaped like the core engineer's registry, and multi-version CRDs.
import type { ResourceType } from '../resources/types.ts';

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

export function builtinType(
  group: string,
  version: string,
  kind: string,
  plural: string,
  opts: Partial<ResourceType> = {},
): ResourceType {
  return {
    group,
    version,
    kind,
    listKind: `${kind}List`,
    plural,
    singular: kind.toLowerCase(),
    namespaced: true,
    shortNames: [],
    categories: [],
    verbs: ALL_VERBS,
    subresources: {},
    storageVersion: true,
    served: true,
    custom: false,
    ...opts,
  };
}

const SERVICE_EXPORT_SCHEMA = {
  type: 'object',
  description:
    'ServiceExport declares that the Service with the same name and namespace as this export should be consumable from other clusters.',
  properties: {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: { type: 'object' },
    spec: {
      type: 'object',
      description: 'spec defines the behavior of a ServiceExport.',
      properties: {
        exportedLabels: { type: 'object', additionalProperties: { type: 'string' } },
        weight: {
          type: 'integer',
          format: 'int64',
          description: 'relative weight of this cluster',
        },
      },
    },
    status: {
      type: 'object',
      description: 'status describes the current state of an exported service.',
      properties: {
        conditions: {
          type: 'array',
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['type'],
          items: {
            type: 'object',
            required: ['type', 'status'],
            properties: {
              type: { type: 'string' },
              status: { type: 'string', enum: ['True', 'False', 'Unknown'] },
              lastTransitionTime: { type: 'string', format: 'date-time' },
              reason: { type: 'string', nullable: true },
              message: { type: 'string' },
            },
          },
        },
      },
    },
  },
};

export const SERVICE_EXPORT_V1ALPHA1: ResourceType = builtinType(
  'multicluster.x-k8s.io',
  'v1alpha1',
  'ServiceExport',
  'serviceexports',
  {
    shortNames: ['svcex'],
    categories: ['trellis'],
    subresources: { status: true },
    custom: true,
    schema: SERVICE_EXPORT_SCHEMA,
  },
);

export const WIDGET_V1: ResourceType = builtinType('example.com', 'v1', 'Widget', 'widgets', {
  custom: true,
  storageVersion: false,
  subresources: {
    status: true,
    scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' },
  },
  schema: {
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        properties: { replicas: { type: 'integer' }, color: { type: 'string' } },
      },
      status: {
        type: 'object',
        properties: { replicas: { type: 'integer' }, ready: { type: 'boolean' } },
      },
    },
  },
  printerColumns: [
    { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' },
    { name: 'Color', type: 'string', jsonPath: '.spec.color', description: 'the colour' },
    { name: 'Ready', type: 'boolean', jsonPath: '.status.ready', priority: 1 },
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
  ],
});
export const WIDGET_V1BETA1: ResourceType = {
  ...WIDGET_V1,
  version: 'v1beta1',
  storageVersion: true,
};
export const WIDGET_V1ALPHA1: ResourceType = {
  ...WIDGET_V1,
  version: 'v1alpha1',
  storageVersion: false,
};
export const WIDGET_V2ALPHA1_UNSERVED: ResourceType = {
  ...WIDGET_V1,
  version: 'v2alpha1',
  storageVersion: false,
  served: false,
};

export const TEST_TYPES: ResourceType[] = [
  builtinType('', 'v1', 'Namespace', 'namespaces', {
    namespaced: false,
    shortNames: ['ns'],
    subresources: { status: true },
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  }),
  builtinType('', 'v1', 'Pod', 'pods', {
    shortNames: ['po'],
    categories: ['all'],
    subresources: { status: true },
  }),
  builtinType('', 'v1', 'Service', 'services', {
    shortNames: ['svc'],
    categories: ['all'],
    subresources: { status: true },
  }),
  builtinType('', 'v1', 'Endpoints', 'endpoints', { shortNames: ['ep'], singular: 'endpoints' }),
  builtinType('', 'v1', 'Secret', 'secrets'),
  builtinType('', 'v1', 'ConfigMap', 'configmaps', { shortNames: ['cm'] }),
  builtinType('', 'v1', 'ServiceAccount', 'serviceaccounts', { shortNames: ['sa'] }),
  builtinType('', 'v1', 'Event', 'events', { shortNames: ['ev'] }),
  builtinType('events.k8s.io', 'v1', 'Event', 'events', { shortNames: ['ev'] }),
  builtinType('discovery.k8s.io', 'v1', 'EndpointSlice', 'endpointslices'),
  builtinType('coordination.k8s.io', 'v1', 'Lease', 'leases'),
  builtinType('rbac.authorization.k8s.io', 'v1', 'Role', 'roles'),
  builtinType('rbac.authorization.k8s.io', 'v1', 'RoleBinding', 'rolebindings'),
  builtinType('rbac.authorization.k8s.io', 'v1', 'ClusterRole', 'clusterroles', {
    namespaced: false,
  }),
  builtinType('rbac.authorization.k8s.io', 'v1', 'ClusterRoleBinding', 'clusterrolebindings', {
    namespaced: false,
  }),
  builtinType('apps', 'v1', 'Deployment', 'deployments', {
    shortNames: ['deploy'],
    categories: ['all'],
    subresources: {
      status: true,
      scale: {
        specReplicasPath: '.spec.replicas',
        statusReplicasPath: '.status.replicas',
        labelSelectorPath: '.status.selector',
      },
    },
  }),
  builtinType(
    'apiextensions.k8s.io',
    'v1',
    'CustomResourceDefinition',
    'customresourcedefinitions',
    {
      namespaced: false,
      shortNames: ['crd', 'crds'],
      categories: ['api-extensions'],
      subresources: { status: true },
    },
  ),
  SERVICE_EXPORT_V1ALPHA1,
  WIDGET_V1ALPHA1,
  WIDGET_V1BETA1,
  WIDGET_V1,
  WIDGET_V2ALPHA1_UNSERVED,
];
