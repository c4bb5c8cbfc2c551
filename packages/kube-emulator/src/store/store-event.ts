import type { JsonObject } from '../json.ts';

export type StoreEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One change in a cluster's store, as watchers and the history window see it. */
export interface StoreEvent {
  type: StoreEventType;
  /** `<group>/<plural>`: the storage identity of the resource, independent of version */
  resourceKey: string;
  namespace: string;
  /** the object after the change (for DELETED: the last state, with the deletion's resourceVersion) */
  object: JsonObject;
  /** the object before the change, so selector watchers can tell "moved out of my selection" */
  previous: JsonObject | undefined;
  rv: number;
}
