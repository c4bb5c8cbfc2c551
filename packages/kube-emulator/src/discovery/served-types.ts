import type { ResourceType } from '../resources/types.ts';
import { compareGroups, compareKubeAwareVersions } from './version-priority.ts';

/** Only served versions appear in discovery (a CRD version with `served: false` is invisible). */
export function servedTypes(types: readonly ResourceType[]): ResourceType[] {
  return types.filter((t) => t.served);
}

export interface GroupVersions {
  group: string;
  /** served versions, preferred first */
  versions: string[];
}

/**
 * Served groups in discovery order with their versions sorted the way Kubernetes sorts them.
 * The preferred version is the first: for built-ins the only version; for CRDs the highest by
 * kube-aware order among served versions (what the CRD discovery controller does — it is not
 * the storage version: a CRD storing v1beta1 and serving v1 prefers v1).
 */
export function groupVersions(types: readonly ResourceType[]): GroupVersions[] {
  const byGroup = new Map<string, Set<string>>();
  for (const t of servedTypes(types)) {
    if (t.group === '') continue;
    let versions = byGroup.get(t.group);
    if (!versions) byGroup.set(t.group, (versions = new Set()));
    versions.add(t.version);
  }
  return [...byGroup.keys()].sort(compareGroups).map((group) => ({
    group,
    versions: [...(byGroup.get(group) ?? [])].sort(compareKubeAwareVersions),
  }));
}

export function groupVersionString(group: string, version: string): string {
  return group === '' ? version : `${group}/${version}`;
}

/** Resources of one group version, in a stable order (by plural, as the real lists are). */
export function typesOf(
  types: readonly ResourceType[],
  group: string,
  version: string,
): ResourceType[] {
  return servedTypes(types)
    .filter((t) => t.group === group && t.version === version)
    .sort((a, b) => (a.plural < b.plural ? -1 : a.plural > b.plural ? 1 : 0));
}
