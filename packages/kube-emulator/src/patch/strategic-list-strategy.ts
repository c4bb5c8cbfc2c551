import type { ListMergeInfo } from './merge-schema.ts';

export interface StrategicListStrategy {
  /** true: merge (by `mergeKey` for objects, as a set for scalars); false: replace. */
  merge: boolean;
  mergeKey: string | undefined;
}

/** Reads a list's patchStrategy/patchMergeKey out of the shared merge schema entry. */
export function strategicListStrategy(info: ListMergeInfo | undefined): StrategicListStrategy {
  if (!info) return { merge: false, mergeKey: undefined };
  const merge = info.patchStrategy
    ? info.patchStrategy === 'merge'
    : info.listType === 'map' || info.listType === 'set';
  return { merge, mergeKey: info.patchMergeKey ?? info.keys?.[0] };
}
