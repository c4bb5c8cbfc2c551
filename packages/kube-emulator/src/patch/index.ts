// CONTRACT (owned by the patch helper): pure functions, no I/O. See each function's doc.
import type { JsonObject } from '../json.ts';

/** Why a patch could not be applied; the server maps `reason` to a metav1.Status. */
export class PatchError extends Error {
  /** Invalid → 422, BadRequest → 400, Conflict → 409, UnsupportedMediaType → 415 */
  readonly reason: 'Invalid' | 'BadRequest' | 'Conflict' | 'UnsupportedMediaType';

  constructor(message: string, reason: PatchError['reason']) {
    super(message);
    this.name = 'PatchError';
    this.reason = reason;
  }
}

/** How lists at a path merge: from Kubernetes' patchStrategy/patchMergeKey tags or x-kubernetes-list-* */
export interface ListMergeInfo {
  /** 'map' lists merge items by `keys`; 'set' lists merge scalar items; 'atomic' lists are replaced. */
  listType: 'atomic' | 'set' | 'map';
  keys?: string[];
  /** strategic merge patch `retainKeys` strategy on the object at this path */
  retainKeys?: boolean;
}

/**
 * Answers, for a path of field names from the object root (array levels omitted,
 * e.g. ['spec','template','spec','containers']), how the list there merges.
 * Undefined means atomic list / plain field.
 */
export interface MergeSchema {
  listAt(path: readonly string[]): ListMergeInfo | undefined;
}

/** RFC 6902 JSON Patch (application/json-patch+json), including `test`. Returns a new object. */
export function applyJsonPatch(_target: JsonObject, _patch: unknown): JsonObject {
  throw new PatchError('json patch not implemented yet', 'UnsupportedMediaType');
}

/** RFC 7386 JSON Merge Patch (application/merge-patch+json). Returns a new object. */
export function applyMergePatch(_target: JsonObject, _patch: unknown): JsonObject {
  throw new PatchError('merge patch not implemented yet', 'UnsupportedMediaType');
}

/**
 * Strategic merge patch (application/strategic-merge-patch+json) as kubectl sends it for built-in
 * kinds: merge lists by key, `$patch: delete|replace|merge`, `$retainKeys`,
 * `$setElementOrder/<field>`, `$deleteFromPrimitiveList/<field>`. Returns a new object.
 */
export function applyStrategicMergePatch(
  _target: JsonObject,
  _patch: unknown,
  _schema: MergeSchema,
): JsonObject {
  throw new PatchError('strategic merge patch not implemented yet', 'UnsupportedMediaType');
}

/** The merge schema for a built-in kind (containers by name, ports by containerPort, …). */
export function builtinMergeSchema(_group: string, _version: string, _kind: string): MergeSchema {
  return { listAt: () => undefined };
}

export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: JsonObject;
  subresource?: string;
}

export interface FieldConflict {
  manager: string;
  /** a path in kubectl's notation, e.g. `.spec.replicas` */
  field: string;
}

/** Thrown by serverSideApply when fields owned by other managers would change and force is false. */
export class ApplyConflictError extends PatchError {
  readonly conflicts: FieldConflict[];

  constructor(conflicts: FieldConflict[]) {
    super(
      `Apply failed with ${conflicts.length} conflict${conflicts.length === 1 ? '' : 's'}: ` +
        conflicts.map((c) => `conflict with "${c.manager}": ${c.field}`).join(', '),
      'Conflict',
    );
    this.name = 'ApplyConflictError';
    this.conflicts = conflicts;
  }
}

/**
 * Server-side apply (application/apply-patch+yaml, already parsed). `live` is undefined when the
 * object does not exist yet. Returns the merged object whose metadata.managedFields records the
 * manager's ownership; throws ApplyConflictError unless `force`.
 */
export function serverSideApply(_args: {
  live: JsonObject | undefined;
  applied: JsonObject;
  manager: string;
  force: boolean;
  schema: MergeSchema;
  now: string;
  subresource?: string;
}): JsonObject {
  throw new PatchError('server-side apply not implemented yet', 'UnsupportedMediaType');
}

/**
 * After a non-apply write (create/update/patch), record `manager`'s ownership of the fields it
 * changed and remove those fields from other managers' sets. Returns the new managedFields.
 */
export function recordUpdate(_args: {
  before: JsonObject | undefined;
  after: JsonObject;
  manager: string;
  now: string;
  subresource?: string;
}): ManagedFieldsEntry[] {
  return [];
}
