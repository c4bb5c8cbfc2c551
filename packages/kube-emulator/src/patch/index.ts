// CONTRACT (owned by the patch helper): pure functions, no I/O. See each function's doc.
// The implementation lives in one file per concept; this module only re-exports.
export { PatchError } from './patch-error.ts';
export type { ListMergeInfo, MergeSchema } from './merge-schema.ts';
export { atomicListsSchema } from './merge-schema.ts';
export { applyJsonPatch, JSON_PATCH_REJECTED_MESSAGE } from './json-patch.ts';
export { applyMergePatch } from './merge-patch.ts';
export { applyStrategicMergePatch } from './strategic-merge.ts';
export { builtinMergeSchema } from './builtin-merge-schema.ts';
export type { ManagedFieldsEntry } from './managed-fields-entry.ts';
export type { FieldConflict } from './apply-conflict-error.ts';
export { ApplyConflictError } from './apply-conflict-error.ts';
export { serverSideApply, BEFORE_FIRST_APPLY_MANAGER } from './server-side-apply.ts';
export type { ServerSideApplyArgs } from './server-side-apply.ts';
export { recordUpdate } from './managed-fields.ts';
export { appliedFieldSet } from './applied-field-set.ts';
export { fromFieldsV1, toFieldsV1, pathToString } from './field-set.ts';
export type { FieldSet, FieldPath } from './field-set.ts';
