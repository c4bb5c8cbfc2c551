// The unaggregated discovery documents: /api, /apis, /apis/<group>, /api/v1 and /apis/<g>/<v>.
// kubectl 1.30+ prefers the aggregated form (aggregated-discovery.ts) but falls back to these,
// and client-node and helm's older code paths still read them.
import type { JsonObject } from '../json.ts';
import type { ResourceType } from '../resources/types.ts';
import { storageVersionHash } from './storage-version-hash.ts';
import { groupVersionString, groupVersions, typesOf } from './served-types.ts';

const SUBRESOURCE_VERBS = ['get', 'patch', 'update'];

/** `GET /api`: the core group's versions. */
export function apiVersions(serverAddress?: string): JsonObject {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: serverAddress ? [{ clientCIDR: '0.0.0.0/0', serverAddress }] : [],
  };
}

function apiGroupOf(group: string, versions: string[]): JsonObject {
  const entries = versions.map((version) => ({
    groupVersion: groupVersionString(group, version),
    version,
  }));
  return { name: group, versions: entries, preferredVersion: entries[0] ?? null };
}

/** `GET /apis`: every named group (never the core group) in the real priority order. */
export function apiGroupList(types: readonly ResourceType[]): JsonObject {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groupVersions(types).map((g) => apiGroupOf(g.group, g.versions)),
  };
}

/** `GET /apis/<group>`; undefined when no version of the group is served (the server's 404). */
export function apiGroup(types: readonly ResourceType[], group: string): JsonObject | undefined {
  const found = groupVersions(types).find((g) => g.group === group);
  if (!found) return undefined;
  return { kind: 'APIGroup', apiVersion: 'v1', ...apiGroupOf(found.group, found.versions) };
}

function resourceEntries(types: readonly ResourceType[], t: ResourceType): JsonObject[] {
  const main: JsonObject = {
    name: t.plural,
    singularName: t.singular,
    namespaced: t.namespaced,
    kind: t.kind,
    verbs: [...t.verbs],
  };
  // the real server omits empty shortNames/categories (omitempty)
  if (t.shortNames.length > 0) main.shortNames = [...t.shortNames];
  if (t.categories.length > 0) main.categories = [...t.categories];
  main.storageVersionHash = storageVersionHash(types, t);
  const entries = [main];
  // subresources follow their resource, alphabetically (scale before status), as on a real server
  if (t.subresources.scale) {
    entries.push({
      name: `${t.plural}/scale`,
      singularName: '',
      namespaced: t.namespaced,
      group: 'autoscaling',
      version: 'v1',
      kind: 'Scale',
      verbs: [...SUBRESOURCE_VERBS],
    });
  }
  if (t.subresources.status) {
    entries.push({
      name: `${t.plural}/status`,
      singularName: '',
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: [...SUBRESOURCE_VERBS],
    });
  }
  return entries;
}

/**
 * `GET /api/v1` (group '') or `/apis/<group>/<version>`; undefined when that group version is not
 * served, which the server answers with 404.
 */
export function apiResourceList(
  types: readonly ResourceType[],
  group: string,
  version: string,
): JsonObject | undefined {
  const served = typesOf(types, group, version);
  if (served.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: groupVersionString(group, version),
    resources: served.flatMap((t) => resourceEntries(types, t)),
  };
}
