// How Kubernetes orders API groups and versions in discovery. kubectl picks the first group
// version it sees for a resource, so the order is behaviour, not cosmetics.

const KUBE_VERSION = /^v(\d+)(?:(alpha|beta)(\d+))?$/;

interface ParsedVersion {
  major: number;
  /** 0 = GA, 1 = beta, 2 = alpha: lower sorts first */
  stability: number;
  minor: number;
}

function parseKubeVersion(v: string): ParsedVersion | undefined {
  const m = KUBE_VERSION.exec(v);
  if (!m) return undefined;
  const stability = m[2] === undefined ? 0 : m[2] === 'beta' ? 1 : 2;
  return { major: Number(m[1]), stability, minor: m[3] === undefined ? 0 : Number(m[3]) };
}

/**
 * Kubernetes' kube-aware version order (apimachinery `CompareKubeAwareVersionStrings`), as a sort
 * comparator: GA before beta before alpha before anything not shaped like `v1beta2`; within a
 * level the higher major, then the higher minor first; non-kube versions alphabetically.
 * e.g. v2 > v1 > v2beta1 > v1beta2 > v1beta1 > v1alpha1 > foo.
 */
export function compareKubeAwareVersions(a: string, b: string): number {
  const pa = parseKubeVersion(a);
  const pb = parseKubeVersion(b);
  if (pa && pb) {
    if (pa.stability !== pb.stability) return pa.stability - pb.stability;
    if (pa.major !== pb.major) return pb.major - pa.major;
    return pb.minor - pa.minor;
  }
  if (pa) return -1;
  if (pb) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

// kube-apiserver's built-in APIService priorities (GroupPriorityMinimum). Groups from CRDs get
// 1000, so they follow the built-ins; ties sort by group name, as the aggregator does.
const BUILTIN_GROUP_PRIORITY: Readonly<Record<string, number>> = {
  'apiregistration.k8s.io': 18000,
  apps: 17800,
  'events.k8s.io': 17750,
  'authentication.k8s.io': 17700,
  'authorization.k8s.io': 17600,
  autoscaling: 17500,
  batch: 17400,
  'certificates.k8s.io': 17300,
  'networking.k8s.io': 17200,
  policy: 17100,
  'rbac.authorization.k8s.io': 17000,
  'storage.k8s.io': 16800,
  'admissionregistration.k8s.io': 16700,
  'apiextensions.k8s.io': 16700,
  'scheduling.k8s.io': 16600,
  'coordination.k8s.io': 16500,
  'node.k8s.io': 16300,
  'discovery.k8s.io': 16200,
  'flowcontrol.apiserver.k8s.io': 16100,
  'internal.apiserver.k8s.io': 16000,
  'resource.k8s.io': 15900,
  'storagemigration.k8s.io': 15800,
};

const CUSTOM_GROUP_PRIORITY = 1000;

export function groupPriority(group: string): number {
  return BUILTIN_GROUP_PRIORITY[group] ?? CUSTOM_GROUP_PRIORITY;
}

/** Sort comparator for group names in `/apis` order: higher priority first, then by name. */
export function compareGroups(a: string, b: string): number {
  const d = groupPriority(b) - groupPriority(a);
  if (d !== 0) return d;
  return a < b ? -1 : a > b ? 1 : 0;
}
