// CONTRACT (owned by the patch helper): pure functions, no I/O. See each function's doc.
// The implementation lives in one file per concept; this module only re-exports.
import type { JsonObject } from '../json.ts';
import { PatchError } from './patch-error.ts';

export { PatchError } from './patch-error.ts';
export type { ListMergeInfo, MergeSchema } from './merge-schema.ts';
export { atomicListsSchema } from './merge-schema.ts';
export { applyJsonPatch, JSON_PATCH_REJECTED_MESSAGE } from './json-patch.ts';
export { applyMergePatch } from './merge-patch.ts';
export { applyStrategicMergePatch } from './strategic-merge.ts';
export { builtinMergeSchema } from './builtin-merge-schema.ts';
import type { MergeSchema } from './merge-schema.ts';

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
