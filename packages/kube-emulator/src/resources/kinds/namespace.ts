import type { JsonObject } from '../../json.ts';
import { isJsonObject } from '../../json.ts';
import { builtinType, createInternal } from '../../cluster/internal-create.ts';
import { metadataOf } from '../../store/object-meta.ts';
import type { KindStrategy } from '../strategies.ts';

function ensureNameLabel(obj: JsonObject): void {
  const meta = obj.metadata as JsonObject;
  const labels = isJsonObject(meta.labels) ? meta.labels : {};
  labels['kubernetes.io/metadata.name'] = typeof meta.name === 'string' ? meta.name : '';
  meta.labels = labels;
}

export const namespaceStrategy: KindStrategy = {
  prepareCreate(_state, obj) {
    ensureNameLabel(obj);
    const spec = isJsonObject(obj.spec) ? obj.spec : {};
    spec.finalizers ??= ['kubernetes'];
    obj.spec = spec;
    obj.status = { phase: 'Active' };
  },
  prepareUpdate(_state, live, obj) {
    ensureNameLabel(obj);
    // spec.finalizers change only through the /finalize subresource
    if (live.spec !== undefined) obj.spec = live.spec;
  },
  afterCreate(state, obj) {
    // the ServiceAccount controller's job in a real cluster
    const namespace = metadataOf(obj).name ?? '';
    createInternal(
      state,
      builtinType('', 'serviceaccounts'),
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace } },
      namespace,
    );
  },
};
