// Objects the "control plane" creates by itself (seed namespaces, default ServiceAccounts),
// going through the same preparation as API writes.
import type { JsonObject } from '../json.ts';
import { BUILTIN_TYPES } from '../resources/builtins.ts';
import type { ResourceType } from '../resources/types.ts';
import type { ClusterState } from './cluster-state.ts';
import { prepareCreate } from './object-prep.ts';

export function builtinType(group: string, plural: string): ResourceType {
  const t = BUILTIN_TYPES.find((x) => x.group === group && x.plural === plural);
  if (!t) throw new Error(`no built-in type ${group}/${plural}`);
  return t;
}

export function createInternal(state: ClusterState, type: ResourceType, obj: JsonObject, namespace = ''): JsonObject {
  const prepared = prepareCreate(state, type, obj, { namespace, manager: 'kube-controller-manager' });
  return state.insert(type, prepared);
}
