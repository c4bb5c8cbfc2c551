// The Kubernetes extensions that client-node's models drop but strategic merge patch, server-side
// apply and kubectl need: which lists merge by which key, and which fields retain keys. Taken
// from the `patchStrategy`/`patchMergeKey`/`listType`/`listMapKey` tags of the real Go types, for
// the kinds the emulator serves. Lists not named here are atomic (replaced whole), as in Go.

export interface ListExtension {
  definition: string;
  property: string;
  /** x-kubernetes-patch-strategy */
  strategy?: 'merge' | 'retainKeys' | 'merge,retainKeys';
  /** x-kubernetes-patch-merge-key */
  mergeKey?: string;
  /** x-kubernetes-list-type */
  listType?: 'atomic' | 'set' | 'map';
  /** x-kubernetes-list-map-keys */
  listMapKeys?: string[];
}

const CORE = 'io.k8s.api.core.v1';
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';

function byName(
  definition: string,
  property: string,
  strategy: ListExtension['strategy'] = 'merge',
): ListExtension {
  return {
    definition,
    property,
    strategy,
    mergeKey: 'name',
    listType: 'map',
    listMapKeys: ['name'],
  };
}

function conditions(definition: string): ListExtension {
  return {
    definition,
    property: 'conditions',
    strategy: 'merge',
    mergeKey: 'type',
    listType: 'map',
    listMapKeys: ['type'],
  };
}

function containerLists(definition: string): ListExtension[] {
  return [
    {
      definition,
      property: 'ports',
      strategy: 'merge',
      mergeKey: 'containerPort',
      listType: 'map',
      listMapKeys: ['containerPort', 'protocol'],
    },
    byName(definition, 'env'),
    {
      definition,
      property: 'volumeMounts',
      strategy: 'merge',
      mergeKey: 'mountPath',
      listType: 'map',
      listMapKeys: ['mountPath'],
    },
    {
      definition,
      property: 'volumeDevices',
      strategy: 'merge',
      mergeKey: 'devicePath',
      listType: 'map',
      listMapKeys: ['devicePath'],
    },
    { definition, property: 'resizePolicy', listType: 'atomic' },
  ];
}

export const LIST_EXTENSIONS: readonly ListExtension[] = [
  { definition: `${META}.ObjectMeta`, property: 'finalizers', strategy: 'merge', listType: 'set' },
  {
    definition: `${META}.ObjectMeta`,
    property: 'ownerReferences',
    strategy: 'merge',
    mergeKey: 'uid',
    listType: 'map',
    listMapKeys: ['uid'],
  },
  { definition: `${META}.LabelSelector`, property: 'matchExpressions', listType: 'atomic' },

  byName(`${CORE}.PodSpec`, 'containers'),
  byName(`${CORE}.PodSpec`, 'initContainers'),
  byName(`${CORE}.PodSpec`, 'ephemeralContainers'),
  byName(`${CORE}.PodSpec`, 'volumes', 'merge,retainKeys'),
  byName(`${CORE}.PodSpec`, 'imagePullSecrets'),
  byName(`${CORE}.PodSpec`, 'resourceClaims', 'merge,retainKeys'),
  byName(`${CORE}.PodSpec`, 'schedulingGates'),
  {
    definition: `${CORE}.PodSpec`,
    property: 'hostAliases',
    strategy: 'merge',
    mergeKey: 'ip',
    listType: 'map',
    listMapKeys: ['ip'],
  },
  {
    definition: `${CORE}.PodSpec`,
    property: 'topologySpreadConstraints',
    strategy: 'merge',
    mergeKey: 'topologyKey',
    listType: 'map',
    listMapKeys: ['topologyKey', 'whenUnsatisfiable'],
  },
  { definition: `${CORE}.PodSpec`, property: 'tolerations', listType: 'atomic' },
  { definition: `${CORE}.PodSpec`, property: 'readinessGates', listType: 'atomic' },
  ...containerLists(`${CORE}.Container`),
  ...containerLists(`${CORE}.EphemeralContainer`),
  {
    definition: `${CORE}.ResourceRequirements`,
    property: 'claims',
    listType: 'map',
    listMapKeys: ['name'],
  },
  conditions(`${CORE}.PodStatus`),
  {
    definition: `${CORE}.PodStatus`,
    property: 'podIPs',
    strategy: 'merge',
    mergeKey: 'ip',
    listType: 'map',
    listMapKeys: ['ip'],
  },
  {
    definition: `${CORE}.PodStatus`,
    property: 'hostIPs',
    strategy: 'merge',
    mergeKey: 'ip',
    listType: 'atomic',
  },
  byName(`${CORE}.PodStatus`, 'resourceClaimStatuses', 'merge,retainKeys'),

  {
    definition: `${CORE}.ServiceSpec`,
    property: 'ports',
    strategy: 'merge',
    mergeKey: 'port',
    listType: 'map',
    listMapKeys: ['port', 'protocol'],
  },
  { definition: `${CORE}.ServiceSpec`, property: 'clusterIPs', listType: 'atomic' },
  { definition: `${CORE}.ServiceSpec`, property: 'ipFamilies', listType: 'atomic' },
  conditions(`${CORE}.ServiceStatus`),
  byName(`${CORE}.ServiceAccount`, 'secrets'),
  conditions(`${CORE}.NamespaceStatus`),
  conditions(`${CORE}.NodeStatus`),
  {
    definition: `${CORE}.NodeStatus`,
    property: 'addresses',
    strategy: 'merge',
    mergeKey: 'type',
    listType: 'map',
    listMapKeys: ['type'],
  },
  { definition: `${CORE}.NodeSpec`, property: 'podCIDRs', strategy: 'merge', listType: 'set' },

  { definition: 'io.k8s.api.apps.v1.DeploymentSpec', property: 'strategy', strategy: 'retainKeys' },
  conditions('io.k8s.api.apps.v1.DeploymentStatus'),
  {
    definition: 'io.k8s.api.discovery.v1.EndpointSlice',
    property: 'endpoints',
    listType: 'atomic',
  },
  { definition: 'io.k8s.api.discovery.v1.EndpointSlice', property: 'ports', listType: 'atomic' },
  { definition: 'io.k8s.api.rbac.v1.Role', property: 'rules', listType: 'atomic' },
  { definition: 'io.k8s.api.rbac.v1.ClusterRole', property: 'rules', listType: 'atomic' },
  { definition: 'io.k8s.api.rbac.v1.RoleBinding', property: 'subjects', listType: 'atomic' },
  { definition: 'io.k8s.api.rbac.v1.ClusterRoleBinding', property: 'subjects', listType: 'atomic' },
  {
    definition:
      'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionStatus',
    property: 'conditions',
    listType: 'map',
    listMapKeys: ['type'],
  },
];

/** Struct-valued fields whose maps are atomic (x-kubernetes-map-type). */
export const ATOMIC_MAP_DEFINITIONS: readonly string[] = [
  `${META}.LabelSelector`,
  `${CORE}.ObjectReference`,
  `${CORE}.LocalObjectReference`,
  `${CORE}.ConfigMapKeySelector`,
  `${CORE}.SecretKeySelector`,
  `${CORE}.ObjectFieldSelector`,
  `${CORE}.ResourceFieldSelector`,
];
