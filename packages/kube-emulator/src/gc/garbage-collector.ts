// What happens after an object is really gone: background deletion of dependents, owners in
// foreground deletion finishing, and terminating namespaces finalizing once empty. Done
// synchronously: tests then see a settled state right after the DELETE returns.
import type { JsonObject } from '../json.ts';
import type { ClusterState } from '../cluster/cluster-state.ts';
import { metadataOf } from '../store/object-meta.ts';
import { dependentsOf, namespaceContents } from './dependents.ts';
import { deleteObject, removeFinalizer } from './delete-object.ts';
import { builtinType } from '../cluster/internal-create.ts';

export const FOREGROUND_FINALIZER = 'foregroundDeletion';
export const ORPHAN_FINALIZER = 'orphan';

export function finishDeletion(state: ClusterState, removed: JsonObject): void {
  const meta = metadataOf(removed);
  const uid = meta.uid;
  if (uid) collectDependents(state, uid);
  for (const ref of meta.ownerReferences ?? []) finishForegroundOwner(state, ref, meta.namespace ?? '');
  if (meta.namespace) finalizeNamespaceIfEmpty(state, meta.namespace);
}

/** Background propagation: dependents with no other owner go too. */
function collectDependents(state: ClusterState, ownerUid: string): void {
  for (const { type, object } of dependentsOf(state, ownerUid)) {
    const meta = metadataOf(object);
    const others = (meta.ownerReferences ?? []).filter((r) => r.uid !== ownerUid);
    if (others.length > 0 || meta.deletionTimestamp) continue;
    deleteObject(state, type, meta.namespace ?? '', meta.name ?? '', { propagationPolicy: 'Background' });
  }
}

function finishForegroundOwner(
  state: ClusterState,
  ref: { apiVersion: string; kind: string; name: string; uid: string },
  namespace: string,
): void {
  const group = ref.apiVersion.includes('/') ? ref.apiVersion.slice(0, ref.apiVersion.indexOf('/')) : '';
  const type = state.types.findByKind(group, ref.kind);
  if (!type) return;
  const owner = state.get(type, type.namespaced ? namespace : '', ref.name);
  const ownerMeta = owner ? metadataOf(owner) : undefined;
  if (!owner || ownerMeta?.uid !== ref.uid || !ownerMeta.finalizers?.includes(FOREGROUND_FINALIZER)) return;
  if (dependentsOf(state, ref.uid).length > 0) return;
  removeFinalizer(state, type, owner, FOREGROUND_FINALIZER);
}

/** A terminating namespace disappears once its last object has. */
export function finalizeNamespaceIfEmpty(state: ClusterState, namespace: string): void {
  const namespaces = builtinType('', 'namespaces');
  const ns = state.get(namespaces, '', namespace);
  if (!ns || !metadataOf(ns).deletionTimestamp) return;
  if (namespaceContents(state, namespace).length > 0) return;
  state.removeNow(namespaces, ns);
}
