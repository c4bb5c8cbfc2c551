// DELETE semantics: preconditions, finalizers (deletionTimestamp first, removal when the last
// finalizer goes), propagation policies and namespace termination.
import type { JsonObject } from '../json.ts';
import { isJsonObject } from '../json.ts';
import type { ClusterState } from '../cluster/cluster-state.ts';
import type { ResourceType } from '../resources/types.ts';
import { resourceKeyOf } from '../resources/registry.ts';
import { conflict, notFound } from '../server/api-error.ts';
import { deepClone, metadataOf } from '../store/object-meta.ts';
import { dependentsOf, namespaceContents } from './dependents.ts';
import { FOREGROUND_FINALIZER, ORPHAN_FINALIZER, finalizeNamespaceIfEmpty } from './garbage-collector.ts';

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

export interface DeleteOptions {
  propagationPolicy?: PropagationPolicy;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
}

export interface DeleteResult {
  /** the object's last state (deleted) or its state while finalizers hold it */
  object: JsonObject;
  deleted: boolean;
}

export function deleteObject(
  state: ClusterState,
  type: ResourceType,
  namespace: string,
  name: string,
  opts: DeleteOptions,
): DeleteResult {
  const live = state.get(type, namespace, name);
  if (!live) throw notFound(type.group, type.plural, name);
  const meta = metadataOf(live);
  const pre = opts.preconditions;
  if (pre?.uid && pre.uid !== meta.uid) {
    throw conflict(type.group, type.plural, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${meta.uid ?? ''}`);
  }
  if (pre?.resourceVersion && pre.resourceVersion !== meta.resourceVersion) {
    throw conflict(
      type.group,
      type.plural,
      name,
      `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in meta: ${meta.resourceVersion ?? ''}`,
    );
  }
  if (opts.dryRun) return { object: live, deleted: false };
  if (!type.custom && type.group === '' && type.plural === 'namespaces') return terminateNamespace(state, type, live);
  if (meta.deletionTimestamp) return { object: live, deleted: false };

  const finalizers = [...(meta.finalizers ?? [])];
  const policy = opts.propagationPolicy ?? 'Background';
  if (policy === 'Orphan' && !finalizers.includes(ORPHAN_FINALIZER)) finalizers.push(ORPHAN_FINALIZER);
  if (policy === 'Foreground' && !finalizers.includes(FOREGROUND_FINALIZER)) finalizers.push(FOREGROUND_FINALIZER);
  if (finalizers.length === 0) {
    const removed = state.removeNow(type, live);
    return { object: removed ?? live, deleted: true };
  }

  const marked = deepClone(live);
  const markedMeta = marked.metadata as JsonObject;
  markedMeta.deletionTimestamp = state.now();
  markedMeta.deletionGracePeriodSeconds = 0;
  markedMeta.finalizers = finalizers;
  let current = state.replace(type, live, marked);
  const uid = meta.uid ?? '';

  if (finalizers.includes(ORPHAN_FINALIZER)) {
    for (const dep of dependentsOf(state, uid)) {
      const copy = deepClone(dep.object);
      const depMeta = copy.metadata as JsonObject;
      const refs = (metadataOf(copy).ownerReferences ?? []).filter((r) => r.uid !== uid);
      if (refs.length) depMeta.ownerReferences = refs as unknown as JsonObject[];
      else delete depMeta.ownerReferences;
      state.replace(dep.type, dep.object, copy);
    }
    current = removeFinalizer(state, type, current, ORPHAN_FINALIZER) ?? current;
  }
  if (finalizers.includes(FOREGROUND_FINALIZER)) {
    for (const dep of dependentsOf(state, uid)) {
      const depMeta = metadataOf(dep.object);
      deleteObject(state, dep.type, depMeta.namespace ?? '', depMeta.name ?? '', { propagationPolicy: 'Foreground' });
    }
    const still = state.get(type, namespace, name);
    if (still && metadataOf(still).uid === uid && dependentsOf(state, uid).length === 0) {
      current = removeFinalizer(state, type, still, FOREGROUND_FINALIZER) ?? still;
    }
  }
  const after = state.get(type, namespace, name);
  const gone = !after || metadataOf(after).uid !== uid;
  return { object: gone ? current : after, deleted: gone };
}

/** Remove one finalizer; returns the stored state (or the last state if that deleted it). */
export function removeFinalizer(
  state: ClusterState,
  type: ResourceType,
  obj: JsonObject,
  finalizer: string,
): JsonObject | undefined {
  const meta = metadataOf(obj);
  if (!meta.finalizers?.includes(finalizer)) return obj;
  const copy = deepClone(obj);
  const copyMeta = copy.metadata as JsonObject;
  const rest = (meta.finalizers ?? []).filter((f) => f !== finalizer);
  if (rest.length) copyMeta.finalizers = rest;
  else delete copyMeta.finalizers;
  return state.replace(type, obj, copy);
}

/** Namespaces: phase Terminating, delete everything inside, disappear once empty. */
function terminateNamespace(state: ClusterState, type: ResourceType, live: JsonObject): DeleteResult {
  const name = metadataOf(live).name ?? '';
  if (!metadataOf(live).deletionTimestamp) {
    const marked = deepClone(live);
    (marked.metadata as JsonObject).deletionTimestamp = state.now();
    (marked.metadata as JsonObject).deletionGracePeriodSeconds = 0;
    const status = isJsonObject(marked.status) ? marked.status : {};
    status.phase = 'Terminating';
    marked.status = status;
    // spec.finalizers ('kubernetes') hold it until the namespace is empty
    state.store.update(resourceKeyOf(type), marked);
    for (const { type: t, object } of namespaceContents(state, name)) {
      const m = metadataOf(object);
      if (m.deletionTimestamp) continue;
      if (!state.get(t, name, m.name ?? '')) continue;
      deleteObject(state, t, name, m.name ?? '', { propagationPolicy: 'Background' });
    }
  }
  const current = state.get(type, '', name);
  finalizeNamespaceIfEmpty(state, name);
  const after = state.get(type, '', name);
  return { object: after ?? current ?? live, deleted: !after };
}
