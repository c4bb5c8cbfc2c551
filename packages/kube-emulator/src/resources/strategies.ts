// Kind-specific behaviour of built-in resources, beyond the generic write rules in
// cluster/object-prep.ts: defaults the real API server fills in, derived fields, and what
// the control plane does after a write (default ServiceAccounts, CRD registration).
import type { JsonObject } from '../json.ts';
import type { ClusterState } from '../cluster/cluster-state.ts';
import type { InvalidCause } from '../server/api-error.ts';
import { resourceKeyOf } from './registry.ts';
import type { ResourceType } from './types.ts';
import { namespaceStrategy } from './kinds/namespace.ts';
import { serviceStrategy } from './kinds/service.ts';
import { secretStrategy } from './kinds/secret.ts';
import { podStrategy } from './kinds/pod.ts';
import { deploymentStrategy } from './kinds/deployment.ts';
import { crdStrategy } from './kinds/custom-resource-definition.ts';
import { immutableDataErrors } from './kinds/immutable-data.ts';

export interface KindStrategy {
  /** defaults and derived fields of a new object (`obj` is caller-owned, mutate it) */
  prepareCreate?(state: ClusterState, obj: JsonObject): void;
  prepareUpdate?(state: ClusterState, live: JsonObject, obj: JsonObject): void;
  validate?(state: ClusterState, obj: JsonObject, live: JsonObject | undefined): InvalidCause[];
  afterCreate?(state: ClusterState, obj: JsonObject): void;
  afterUpdate?(state: ClusterState, previous: JsonObject, obj: JsonObject): void;
  afterDelete?(state: ClusterState, obj: JsonObject): void;
}

const STRATEGIES: ReadonlyMap<string, KindStrategy> = new Map([
  ['/namespaces', namespaceStrategy],
  ['/services', serviceStrategy],
  ['/secrets', secretStrategy],
  ['/pods', podStrategy],
  ['/configmaps', { validate: (_state, obj, live) => immutableDataErrors(obj, live) }],
  ['apps/deployments', deploymentStrategy],
  ['apiextensions.k8s.io/customresourcedefinitions', crdStrategy],
]);

export function strategyFor(type: ResourceType): KindStrategy | undefined {
  if (type.custom) return undefined;
  return STRATEGIES.get(resourceKeyOf(type));
}
