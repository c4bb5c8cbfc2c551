// Aggregated discovery (KEP-3352): one document per root answering /api or /apis with every
// group, version and resource, so kubectl needs two requests instead of one per group version.
import type { JsonObject } from '../json.ts';
import type { ResourceType } from '../resources/types.ts';
import { groupVersions, typesOf } from './served-types.ts';

export type AggregatedDiscoveryVersion = 'v2' | 'v2beta1';

const SUBRESOURCE_VERBS = ['get', 'patch', 'update'];

function resourceEntry(t: ResourceType): JsonObject {
  const entry: JsonObject = {
    resource: t.plural,
    responseKind: { group: t.group, version: t.version, kind: t.kind },
    scope: t.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: t.singular,
    verbs: [...t.verbs],
  };
  if (t.shortNames.length > 0) entry.shortNames = [...t.shortNames];
  if (t.categories.length > 0) entry.categories = [...t.categories];
  const subresources: JsonObject[] = [];
  if (t.subresources.scale) {
    subresources.push({
      subresource: 'scale',
      responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' },
      verbs: [...SUBRESOURCE_VERBS],
    });
  }
  if (t.subresources.status) {
    subresources.push({
      subresource: 'status',
      responseKind: { group: t.group, version: t.version, kind: t.kind },
      verbs: [...SUBRESOURCE_VERBS],
    });
  }
  if (subresources.length > 0) entry.subresources = subresources;
  return entry;
}

function versionEntry(types: readonly ResourceType[], group: string, version: string): JsonObject {
  return {
    version,
    resources: typesOf(types, group, version).map(resourceEntry),
    // everything here is served by this process, so it is never stale
    freshness: 'Current',
  };
}

/**
 * The `APIGroupDiscoveryList` for `/api` (scope 'api': the core group only) or `/apis` (every
 * named group, in priority order, versions preferred-first).
 */
export function aggregatedDiscovery(
  types: readonly ResourceType[],
  scope: 'api' | 'apis',
  version: AggregatedDiscoveryVersion = 'v2',
): JsonObject {
  const items: JsonObject[] =
    scope === 'api'
      ? [{ metadata: { creationTimestamp: null }, versions: [versionEntry(types, '', 'v1')] }]
      : groupVersions(types).map((g) => ({
          metadata: { name: g.group, creationTimestamp: null },
          versions: g.versions.map((v) => versionEntry(types, g.group, v)),
        }));
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: `apidiscovery.k8s.io/${version}`,
    metadata: {},
    items,
  };
}
