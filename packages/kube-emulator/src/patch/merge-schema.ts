/** How lists at a path merge: from Kubernetes' patchStrategy/patchMergeKey tags or x-kubernetes-list-* */
export interface ListMergeInfo {
  /** 'map' lists merge items by `keys`; 'set' lists merge scalar items; 'atomic' lists are replaced. */
  listType: 'atomic' | 'set' | 'map';
  keys?: string[];
  /** strategic merge patch `retainKeys` strategy on the object at this path */
  retainKeys?: boolean;
  /**
   * Defaults of key fields an item may omit (Kubernetes' `+default="TCP"` on `protocol` in
   * container and service ports), so `{containerPort: 80}` and `{containerPort: 80, protocol:
   * "TCP"}` are the same item for server-side apply.
   */
  keyDefaults?: Record<string, string | number | boolean>;
  /**
   * Strategic merge patch only, where its tags differ from the list type (built-in kinds):
   * 'merge' merges (by `patchMergeKey`, else `keys[0]`, or as a set for scalars), 'replace'
   * replaces. Left out, 'map' and 'set' lists merge and 'atomic' ones are replaced.
   */
  patchStrategy?: 'merge' | 'replace';
  /** Strategic merge patch merge key when it is not `keys[0]` (or the list is atomic for apply). */
  patchMergeKey?: string;
  /**
   * Server-side apply treats each item as one atomic value (Go's `+structType=atomic` items such
   * as ownerReferences and imagePullSecrets): an item is owned as a whole, never field by field.
   */
  itemsAtomic?: boolean;
}

/**
 * Answers, for a path of field names from the object root (array levels omitted,
 * e.g. ['spec','template','spec','containers']), how the list there merges.
 * Undefined means atomic list / plain field.
 *
 * For server-side apply, `{listType: 'atomic'}` at a path holding an object makes that object
 * atomic too (x-kubernetes-map-type: atomic, Go's `+structType=atomic` such as label selectors).
 */
export interface MergeSchema {
  listAt(path: readonly string[]): ListMergeInfo | undefined;
}

/** A schema with no merge information: every list is atomic, every object granular. */
export const atomicListsSchema: MergeSchema = { listAt: () => undefined };
