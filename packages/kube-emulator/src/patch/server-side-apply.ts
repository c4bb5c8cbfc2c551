// Server-side apply (application/apply-patch+yaml) following structured-merge-diff's Updater:
// merge the configuration into the live object, drop what this applier stopped applying unless
// someone else owns it, refuse to change other managers' fields unless forced.
import type { JsonObject, JsonValue } from '../json.ts';
import { isJsonObject } from '../json.ts';
import { ApplyConflictError } from './apply-conflict-error.ts';
import type { FieldConflict } from './apply-conflict-error.ts';
import { appliedFieldSet } from './applied-field-set.ts';
import { removeFields } from './field-removal.ts';
import {
  difference,
  emptyFieldSet,
  intersection,
  isEmptyFieldSet,
  memberPaths,
  pathToString,
  union,
} from './field-set.ts';
import { SchemaMismatchError } from './list-items.ts';
import { encodeManagedFields, updateOwnership } from './managed-fields.ts';
import type { ManagerFields } from './managed-fields-entry.ts';
import {
  decodeManagedFields,
  describeManager,
  sameManager,
  withoutManagedFields,
  withoutServerOwnedFields,
} from './managed-fields-entry.ts';
import { mergeAppliedConfig } from './apply-merge.ts';
import type { MergeSchema } from './merge-schema.ts';
import { compareObjects } from './object-compare.ts';
import { PatchError } from './patch-error.ts';

/** Who owns the fields of an object that was written before anyone tracked ownership. */
export const BEFORE_FIRST_APPLY_MANAGER = 'before-first-apply';

export interface ServerSideApplyArgs {
  live: JsonObject | undefined;
  applied: JsonObject;
  manager: string;
  force: boolean;
  schema: MergeSchema;
  now: string;
  subresource?: string;
}

/**
 * Server-side apply (application/apply-patch+yaml, already parsed). `live` is undefined when the
 * object does not exist yet. Returns the merged object whose metadata.managedFields records the
 * manager's ownership; throws ApplyConflictError unless `force`.
 */
export function serverSideApply(args: ServerSideApplyArgs): JsonObject {
  const { applied, schema } = args;
  const { apiVersion, kind } = validateApplied(applied, args.live);
  const live = args.live ? withoutManagedFields(args.live) : {};
  const typeName = `${apiVersion}, Kind=${kind}`;

  let managers = args.live ? decodeManagedFields(managedFieldsOf(args.live)) : [];
  if (args.live && managers.length === 0) {
    managers = attempt(`failed to create manager for existing fields (${typeName})`, () =>
      updateOwnership({
        managers: [],
        before: {},
        after: live,
        manager: BEFORE_FIRST_APPLY_MANAGER,
        apiVersion: typeof live['apiVersion'] === 'string' ? live['apiVersion'] : apiVersion,
        now: args.now,
        subresource: undefined,
        schema,
      }),
    );
  }

  const applier: ManagerFields = {
    manager: args.manager,
    operation: 'Apply',
    apiVersion,
    time: args.now,
    subresource: args.subresource,
    set: attempt(`failed to create typed patch object (${typeName})`, () =>
      withoutServerOwnedFields(appliedFieldSet(applied, schema)),
    ),
  };
  const previous = managers.find((m) => sameManager(m, applier));
  const others = managers.filter((m) => !sameManager(m, applier));

  const merged = attempt(`failed to merge config (${typeName})`, () =>
    mergeAppliedConfig(live, applied, schema),
  );
  // Prune: what this applier applied last time but no longer does, and nobody else owns.
  const owned = union(applier.set, ...others.map((m) => m.set));
  const stale = previous ? difference(previous.set, owned) : emptyFieldSet();
  const pruned = isEmptyFieldSet(stale) ? merged : removeFields(merged, stale, owned, schema);

  const comparison = attempt(`failed to compare objects (${typeName})`, () =>
    compareObjects(live, pruned, schema),
  );
  const changed = union(comparison.added, comparison.modified);

  const conflicts: FieldConflict[] = [];
  const updatedOthers = others.map((m) => {
    const taken = intersection(m.set, changed);
    if (!isEmptyFieldSet(taken)) {
      for (const path of memberPaths(taken)) {
        conflicts.push({
          manager: m.manager,
          field: pathToString(path),
          message: `conflict with ${describeManager(m)}`,
        });
      }
    }
    return { ...m, set: difference(difference(m.set, taken), comparison.removed) };
  });
  if (conflicts.length > 0 && !args.force) {
    conflicts.sort((a, b) => a.message.localeCompare(b.message));
    throw new ApplyConflictError(conflicts);
  }

  const result = dropConfigNulls(pruned, applied);
  const entries = encodeManagedFields([applier, ...updatedOthers]);
  const metadata = isJsonObject(result['metadata']) ? result['metadata'] : {};
  if (entries.length > 0) metadata['managedFields'] = entries as unknown as JsonValue;
  else delete metadata['managedFields'];
  result['metadata'] = metadata;
  return result;
}

function managedFieldsOf(obj: JsonObject): unknown {
  return isJsonObject(obj['metadata']) ? obj['metadata']['managedFields'] : undefined;
}

/** The checks the apiserver makes on an apply patch before merging it. */
function validateApplied(
  applied: JsonObject,
  live: JsonObject | undefined,
): { apiVersion: string; kind: string } {
  const apiVersion = applied['apiVersion'];
  const kind = applied['kind'];
  if (typeof apiVersion !== 'string' || apiVersion === '' || typeof kind !== 'string' || kind === '') {
    throw new PatchError(
      'apiVersion and kind must be set in the applied configuration',
      'BadRequest',
    );
  }
  const metadata = applied['metadata'];
  if (isJsonObject(metadata) && metadata['managedFields'] != null) {
    throw new PatchError('metadata.managedFields must be nil', 'BadRequest');
  }
  if (live) {
    if (typeof live['apiVersion'] === 'string' && live['apiVersion'] !== apiVersion) {
      throw new PatchError(
        `Incorrect version specified in apply patch. Specified patch version: ${apiVersion}, expected: ${live['apiVersion']}`,
        'BadRequest',
      );
    }
    if (typeof live['kind'] === 'string' && live['kind'] !== kind) {
      throw new PatchError(
        `the kind in the data (${kind}) does not match the expected kind (${live['kind']})`,
        'BadRequest',
      );
    }
  }
  return { apiVersion, kind };
}

/** Objects that do not fit the merge schema are the client's fault (400). */
function attempt<T>(context: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof SchemaMismatchError) {
      throw new PatchError(`${context}: ${err.message}`, 'BadRequest');
    }
    throw err;
  }
}

/**
 * A null in the configuration clears the field: it took part in merging and conflict detection,
 * and now leaves the object. Nulls the live object already had are not the applier's business.
 */
function dropConfigNulls(merged: JsonObject, config: JsonObject): JsonObject {
  for (const [key, value] of Object.entries(config)) {
    const target = merged[key];
    if (value === null) delete merged[key];
    else if (isJsonObject(value) && isJsonObject(target)) dropConfigNulls(target, value);
  }
  return merged;
}
