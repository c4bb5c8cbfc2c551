// Field ownership after ordinary writes (create, update, patch): the writer takes what it
// changed, other managers lose it, and managers left with nothing disappear.
import type { JsonObject } from '../json.ts';
import { isJsonObject } from '../json.ts';
import { difference, isEmptyFieldSet, toFieldsV1, union } from './field-set.ts';
import type { FieldSet } from './field-set.ts';
import type { ManagedFieldsEntry, ManagerFields } from './managed-fields-entry.ts';
import {
  decodeManagedFields,
  sameManager,
  sortManagedFields,
  withoutManagedFields,
  withoutServerOwnedFields,
} from './managed-fields-entry.ts';
import type { MergeSchema } from './merge-schema.ts';
import { atomicListsSchema } from './merge-schema.ts';
import { builtinMergeSchema } from './builtin-merge-schema.ts';
import { compareObjects } from './object-compare.ts';

export function encodeManagedFields(managers: ManagerFields[]): ManagedFieldsEntry[] {
  return sortManagedFields(
    managers
      .filter((m) => !isEmptyFieldSet(m.set))
      .map((m) => ({
        manager: m.manager,
        operation: m.operation,
        apiVersion: m.apiVersion,
        time: m.time,
        fieldsType: 'FieldsV1' as const,
        fieldsV1: toFieldsV1(m.set),
        ...(m.subresource ? { subresource: m.subresource } : {}),
      })),
  );
}

const apiVersionOf = (obj: JsonObject): string =>
  typeof obj['apiVersion'] === 'string' ? obj['apiVersion'] : '';

const managedFieldsOf = (obj: JsonObject | undefined): unknown =>
  obj && isJsonObject(obj['metadata']) ? obj['metadata']['managedFields'] : undefined;

/**
 * The managers to start from: those the writer sent (that is how clients reset managedFields,
 * e.g. with `[{}]`), else the live object's. Subresource writes never set them.
 */
function startingManagers(
  before: JsonObject | undefined,
  after: JsonObject,
  subresource: string | undefined,
): ManagerFields[] {
  const sent = managedFieldsOf(after);
  if (!subresource && Array.isArray(sent) && sent.length > 0) return decodeManagedFields(sent);
  return decodeManagedFields(managedFieldsOf(before));
}

/** Ownership after a write, on decoded managers; shared with server-side apply's first step. */
export function updateOwnership(args: {
  managers: ManagerFields[];
  before: JsonObject;
  after: JsonObject;
  manager: string;
  apiVersion: string;
  now: string;
  subresource: string | undefined;
  schema: MergeSchema;
}): ManagerFields[] {
  const comparison = compareObjects(
    withoutManagedFields(args.before),
    withoutManagedFields(args.after),
    args.schema,
  );
  const changed = withoutServerOwnedFields(union(comparison.added, comparison.modified));
  const writer = {
    manager: args.manager,
    operation: 'Update' as const,
    apiVersion: args.apiVersion,
    subresource: args.subresource,
  };
  const out: ManagerFields[] = [];
  let previous: FieldSet | undefined;
  for (const m of args.managers) {
    const set = difference(difference(m.set, changed), comparison.removed);
    if (sameManager(m, writer)) {
      previous = set;
      if (isEmptyFieldSet(changed)) out.push({ ...m, set });
      continue;
    }
    out.push({ ...m, set });
  }
  if (!isEmptyFieldSet(changed)) {
    out.push({ ...writer, time: args.now, set: union(previous ?? union(), changed) });
  }
  return out.filter((m) => !isEmptyFieldSet(m.set));
}

/** Without a schema from the caller, the built-in kind's (metadata lists only for others). */
function schemaFromObject(obj: JsonObject): MergeSchema {
  const apiVersion = apiVersionOf(obj);
  const kind = typeof obj['kind'] === 'string' ? obj['kind'] : '';
  if (!apiVersion || !kind) return atomicListsSchema;
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  return builtinMergeSchema(group, apiVersion.slice(slash + 1), kind);
}

/**
 * After a non-apply write (create/update/patch), record `manager`'s ownership of the fields it
 * changed and remove those fields from other managers' sets. Returns the new managedFields.
 * `schema` lets list items be owned one by one; without it the built-in merge schema for the
 * object's apiVersion/kind is used (custom resources should pass theirs).
 */
export function recordUpdate(args: {
  before: JsonObject | undefined;
  after: JsonObject;
  manager: string;
  now: string;
  subresource?: string;
  schema?: MergeSchema;
}): ManagedFieldsEntry[] {
  try {
    const managers = updateOwnership({
      managers: startingManagers(args.before, args.after, args.subresource),
      before: args.before ?? {},
      after: args.after,
      manager: args.manager,
      apiVersion: apiVersionOf(args.after),
      now: args.now,
      subresource: args.subresource,
      schema: args.schema ?? schemaFromObject(args.after),
    });
    return encodeManagedFields(managers);
  } catch {
    // Like the apiserver's UpdateNoErrors: ownership tracking never fails a write; an object it
    // cannot track (say, duplicate list keys) just loses its managedFields.
    return [];
  }
}
