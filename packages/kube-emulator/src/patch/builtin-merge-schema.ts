// Merge information for built-in kinds, transcribed from the Kubernetes API types'
// patchStrategy/patchMergeKey tags and +listType/+listMapKey/+structType markers
// (k8s.io/api core/v1, apps/v1, batch/v1, discovery/v1; k8s.io/apimachinery meta/v1).
// Lists not named here are atomic, as in the real types.
import type { ListMergeInfo, MergeSchema } from './merge-schema.ts';

type Entries = Record<string, ListMergeInfo>;

const byName: ListMergeInfo = { listType: 'map', keys: ['name'] };
const byType: ListMergeInfo = { listType: 'map', keys: ['type'] };
const atomic: ListMergeInfo = { listType: 'atomic' };
const mergedSet: ListMergeInfo = { listType: 'set', patchStrategy: 'merge' };

/** Container, InitContainer and EphemeralContainer share these. */
const containerEntries: Entries = {
  '': byName,
  ports: {
    listType: 'map',
    keys: ['containerPort', 'protocol'],
    keyDefaults: { protocol: 'TCP' },
    patchMergeKey: 'containerPort',
  },
  env: byName,
  'env.valueFrom.fieldRef': atomic,
  'env.valueFrom.resourceFieldRef': atomic,
  'env.valueFrom.configMapKeyRef': atomic,
  'env.valueFrom.secretKeyRef': atomic,
  'env.valueFrom.fileKeyRef': atomic,
  volumeMounts: { listType: 'map', keys: ['mountPath'] },
  volumeDevices: { listType: 'map', keys: ['devicePath'] },
  // +listType=map without a patchStrategy: strategic merge patch replaces it.
  'resources.claims': { listType: 'map', keys: ['name'], patchStrategy: 'replace' },
};

const objectMetaEntries: Entries = {
  ownerReferences: { listType: 'map', keys: ['uid'], itemsAtomic: true },
  finalizers: mergedSet,
};

const podSpecEntries: Entries = {
  ...prefixed('containers', containerEntries),
  ...prefixed('initContainers', containerEntries),
  ...prefixed('ephemeralContainers', containerEntries),
  volumes: { listType: 'map', keys: ['name'], retainKeys: true },
  imagePullSecrets: { ...byName, itemsAtomic: true },
  hostAliases: { listType: 'map', keys: ['ip'] },
  topologySpreadConstraints: {
    listType: 'map',
    keys: ['topologyKey', 'whenUnsatisfiable'],
    patchMergeKey: 'topologyKey',
  },
  schedulingGates: byName,
  resourceClaims: { listType: 'map', keys: ['name'], retainKeys: true },
  nodeSelector: atomic,
  'affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution': atomic,
};

const podStatusEntries: Entries = {
  conditions: byType,
  podIPs: { listType: 'map', keys: ['ip'] },
  // patchStrategy merge by ip, yet +listType=atomic for apply.
  hostIPs: { listType: 'atomic', patchStrategy: 'merge', patchMergeKey: 'ip' },
  resourceClaimStatuses: { listType: 'map', keys: ['name'], retainKeys: true },
};

const podTemplateEntries: Entries = {
  ...prefixed('metadata', objectMetaEntries),
  ...prefixed('spec', podSpecEntries),
};

/** Workloads with a label selector and a pod template under spec. */
const workloadEntries: Entries = {
  'spec.selector': atomic,
  ...prefixed('spec.template', podTemplateEntries),
  'status.conditions': byType,
};

const kindEntries: Record<string, Entries> = {
  '/Pod': { ...prefixed('spec', podSpecEntries), ...prefixed('status', podStatusEntries) },
  '/PodTemplate': prefixed('template', podTemplateEntries),
  '/ReplicationController': {
    'spec.selector': atomic,
    ...prefixed('spec.template', podTemplateEntries),
    'status.conditions': byType,
  },
  'apps/Deployment': workloadEntries,
  'apps/ReplicaSet': workloadEntries,
  'apps/StatefulSet': workloadEntries,
  'apps/DaemonSet': workloadEntries,
  'batch/Job': {
    ...workloadEntries,
    // patchStrategy merge by type, yet +listType=atomic for apply.
    'status.conditions': { listType: 'atomic', patchStrategy: 'merge', patchMergeKey: 'type' },
  },
  'batch/CronJob': {
    ...prefixed('spec.jobTemplate.metadata', objectMetaEntries),
    'spec.jobTemplate.spec.selector': atomic,
    ...prefixed('spec.jobTemplate.spec.template', podTemplateEntries),
  },
  '/Service': {
    'spec.ports': {
      listType: 'map',
      keys: ['port', 'protocol'],
      keyDefaults: { protocol: 'TCP' },
      patchMergeKey: 'port',
    },
    'spec.selector': atomic,
    'status.conditions': byType,
  },
  '/Endpoints': { subsets: atomic },
  'discovery.k8s.io/EndpointSlice': { endpoints: atomic, ports: atomic },
  '/Node': {
    'spec.podCIDRs': mergedSet,
    'status.conditions': byType,
    'status.addresses': byType,
  },
  '/Namespace': { 'status.conditions': byType },
  '/PersistentVolumeClaim': { 'status.conditions': byType },
  '/ServiceAccount': { secrets: { ...byName, itemsAtomic: true } },
  'policy/PodDisruptionBudget': { 'spec.selector': atomic, 'status.conditions': byType },
};

function prefixed(prefix: string, entries: Entries): Entries {
  const out: Entries = {};
  for (const [path, info] of Object.entries(entries)) {
    out[path === '' ? prefix : `${prefix}.${path}`] = info;
  }
  return out;
}

const schemaCache = new Map<string, MergeSchema>();

/** The merge schema for a built-in kind (containers by name, ports by containerPort, …). */
export function builtinMergeSchema(group: string, _version: string, kind: string): MergeSchema {
  const id = `${group}/${kind}`;
  let schema = schemaCache.get(id);
  if (!schema) {
    const entries: Entries = { ...prefixed('metadata', objectMetaEntries), ...kindEntries[id] };
    const table = new Map(Object.entries(entries));
    schema = { listAt: (path) => table.get(path.join('.')) };
    schemaCache.set(id, schema);
  }
  return schema;
}
