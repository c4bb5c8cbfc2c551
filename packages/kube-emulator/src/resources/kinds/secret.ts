import type { JsonObject } from '../../json.ts';
import { isJsonObject } from '../../json.ts';
import type { ClusterState } from '../../cluster/cluster-state.ts';
import { builtinType } from '../../cluster/internal-create.ts';
import { metadataOf } from '../../store/object-meta.ts';
import type { KindStrategy } from '../strategies.ts';
import { immutableDataErrors } from './immutable-data.ts';

const SA_TOKEN_TYPE = 'kubernetes.io/service-account-token';
const SA_NAME_ANNOTATION = 'kubernetes.io/service-account.name';

/** stringData is write-only: the API server folds it into base64 data, stringData winning. */
function foldStringData(obj: JsonObject): void {
  if (isJsonObject(obj.stringData)) {
    const data = isJsonObject(obj.data) ? obj.data : {};
    for (const [k, v] of Object.entries(obj.stringData)) {
      data[k] = Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64');
    }
    obj.data = data;
  }
  delete obj.stringData;
}

/** The token controller's job: fill a service-account token Secret. */
function fillServiceAccountToken(state: ClusterState, obj: JsonObject): void {
  if (obj.type !== SA_TOKEN_TYPE || !state.tokenIssuer) return;
  const meta = metadataOf(obj);
  const sa = meta.annotations?.[SA_NAME_ANNOTATION];
  if (!sa) return;
  const data = isJsonObject(obj.data) ? obj.data : {};
  if (typeof data.token === 'string' && data.token) return;
  const namespace = meta.namespace ?? 'default';
  const account = state.get(builtinType('', 'serviceaccounts'), namespace, sa);
  const uid = account ? (metadataOf(account).uid ?? '') : '';
  data.token = Buffer.from(state.tokenIssuer(namespace, sa, uid, meta.name)).toString('base64');
  data.namespace = Buffer.from(namespace).toString('base64');
  if (state.caPem) data['ca.crt'] = Buffer.from(state.caPem).toString('base64');
  obj.data = data;
}

export const secretStrategy: KindStrategy = {
  prepareCreate(state, obj) {
    foldStringData(obj);
    obj.type ??= 'Opaque';
    fillServiceAccountToken(state, obj);
  },
  prepareUpdate(state, _live, obj) {
    foldStringData(obj);
    obj.type ??= 'Opaque';
    fillServiceAccountToken(state, obj);
  },
  validate(_state, obj, live) {
    if (live && live.type !== obj.type) {
      return [
        {
          type: 'FieldValueInvalid',
          field: 'type',
          message: `type: Invalid value: "${typeof obj.type === 'string' ? obj.type : ''}": field is immutable`,
        },
      ];
    }
    return immutableDataErrors(obj, live);
  },
};
