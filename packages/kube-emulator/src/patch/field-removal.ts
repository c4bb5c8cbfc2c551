// Removing the fields an applier stopped applying (structured-merge-diff's RemoveItems), plus
// the objects and lists that only existed to hold them.
import type { JsonObject, JsonValue } from '../json.ts';
import { isJsonObject } from '../json.ts';
import type { FieldSet, PathElement } from './field-set.ts';
import { hasPath } from './field-set.ts';
import { isAtomicMap, itemElements, listShape } from './list-items.ts';
import type { MergeSchema } from './merge-schema.ts';

/**
 * Removes every member path of `toRemove` (with what lies below it). An object or list that
 * becomes empty this way goes too unless some manager owns it (`owned`): a real server's typed
 * objects drop such empty parents, and unowned they would only be clutter.
 */
export function removeFields(
  obj: JsonObject,
  toRemove: FieldSet,
  owned: FieldSet,
  schema: MergeSchema,
): JsonObject {
  const out = structuredClone(obj);
  removeFromObject(out, toRemove, [], [], owned, schema);
  return out;
}

/** Returns true when the object lost fields and is now empty. */
function removeFromObject(
  obj: JsonObject,
  node: FieldSet,
  path: PathElement[],
  schemaPath: string[],
  owned: FieldSet,
  schema: MergeSchema,
): boolean {
  let removedAny = false;
  for (const [pe, child] of node.children) {
    if (!pe.startsWith('f:')) continue;
    const key = pe.slice(2);
    if (!Object.hasOwn(obj, key)) continue;
    const childPath = [...path, pe];
    if (child.member) {
      delete obj[key];
      removedAny = true;
      continue;
    }
    const value = obj[key] ?? null;
    if (removeBelow(value, child, childPath, [...schemaPath, key], owned, schema)) {
      if (!hasPath(owned, childPath)) {
        delete obj[key];
        removedAny = true;
      }
    }
  }
  return removedAny && Object.keys(obj).length === 0;
}

function removeBelow(
  value: JsonValue,
  node: FieldSet,
  path: PathElement[],
  schemaPath: string[],
  owned: FieldSet,
  schema: MergeSchema,
): boolean {
  if (isJsonObject(value)) {
    if (isAtomicMap(schema, schemaPath)) return false;
    return removeFromObject(value, node, path, schemaPath, owned, schema);
  }
  if (!Array.isArray(value)) return false;
  const shape = listShape(schema, schemaPath);
  if (shape.kind === 'atomic') return false;
  const pes = itemElements(value, shape, path, false);
  let removedAny = false;
  for (let i = value.length - 1; i >= 0; i--) {
    const pe = pes[i] ?? '';
    const child = node.children.get(pe);
    if (!child) continue;
    const itemPath = [...path, pe];
    const item = value[i] ?? null;
    const emptied =
      !child.member && shape.kind === 'map' && !shape.itemsAtomic && isJsonObject(item)
        ? removeFromObject(item, child, itemPath, schemaPath, owned, schema) &&
          !hasPath(owned, itemPath)
        : false;
    if (child.member || emptied) {
      value.splice(i, 1);
      removedAny = true;
    }
  }
  return removedAny && value.length === 0;
}
