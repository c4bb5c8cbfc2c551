// Finding objects by owner: the garbage collector's graph, computed by scanning the (small)
// store of one cluster instead of keeping an index per cluster.
import type { JsonObject } from '../json.ts';
import type { ClusterState } from '../cluster/cluster-state.ts';
import type { ResourceType } from '../resources/types.ts';
import { metadataOf } from '../store/object-meta.ts';

export interface StoredRef {
  type: ResourceType;
  object: JsonObject;
}

/** The storage type of a `<group>/<plural>` resource key. */
export function typeOfResourceKey(state: ClusterState, resourceKey: string): ResourceType | undefined {
  const slash = resourceKey.indexOf('/');
  return state.types.storageType(resourceKey.slice(0, slash), resourceKey.slice(slash + 1));
}

export function dependentsOf(state: ClusterState, ownerUid: string): StoredRef[] {
  const out: StoredRef[] = [];
  for (const key of state.store.resourceKeys()) {
    let type: ResourceType | undefined;
    for (const obj of state.store.list(key)) {
      const refs = metadataOf(obj).ownerReferences;
      if (!refs?.some((r) => r.uid === ownerUid)) continue;
      type ??= typeOfResourceKey(state, key);
      if (type) out.push({ type, object: obj });
    }
  }
  return out;
}

/** Everything stored in a namespace (namespaced resources only). */
export function namespaceContents(state: ClusterState, namespace: string): StoredRef[] {
  const out: StoredRef[] = [];
  for (const key of state.store.resourceKeys()) {
    const type = typeOfResourceKey(state, key);
    if (!type?.namespaced) continue;
    for (const obj of state.store.list(key, namespace)) out.push({ type, object: obj });
  }
  return out;
}
