import { defaultCustomResourceDefinition, validateCustomResourceDefinition } from '../../schema/index.ts';
import { metadataOf } from '../../store/object-meta.ts';
import { crdStatus, typesFromCrd } from '../crd.ts';
import { resourceKeyOf } from '../registry.ts';
import type { KindStrategy } from '../strategies.ts';
import type { ClusterState } from '../../cluster/cluster-state.ts';
import type { JsonObject } from '../../json.ts';

function register(state: ClusterState, crd: JsonObject): void {
  const name = metadataOf(crd).name ?? '';
  if (metadataOf(crd).deletionTimestamp) return;
  state.types.setCustom(name, typesFromCrd(crd));
}

/** The real server stores a CRD with its defaults (singular, listKind, conversion strategy...). */
function storeDefaults(obj: JsonObject): void {
  Object.assign(obj, defaultCustomResourceDefinition(obj));
}

export const crdStrategy: KindStrategy = {
  validate(_state, obj) {
    return validateCustomResourceDefinition(obj);
  },
  prepareCreate(state, obj) {
    storeDefaults(obj);
    obj.status = crdStatus(obj, undefined, state.now());
  },
  prepareUpdate(state, live, obj) {
    storeDefaults(obj);
    obj.status = crdStatus(obj, live, state.now());
  },
  afterCreate: register,
  afterUpdate(state, _previous, obj) {
    register(state, obj);
  },
  afterDelete(state, obj) {
    // the real server's customresourcecleanup finalizer: every object of the type goes first
    const types = typesFromCrd(obj);
    const first = types[0];
    if (first) {
      const key = resourceKeyOf(first);
      for (const item of state.store.list(key)) {
        const meta = metadataOf(item);
        state.store.delete(key, meta.namespace ?? '', meta.name ?? '');
      }
    }
    state.types.removeCustom(metadataOf(obj).name ?? '');
  },
};
