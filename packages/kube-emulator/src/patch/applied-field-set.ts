// The fields an applied configuration sets (structured-merge-diff's ToFieldSet): every scalar,
// null, empty object and atomic value is a leaf; set and map list items are members themselves.
import type { JsonObject, JsonValue } from '../json.ts';
import { isJsonObject } from '../json.ts';
import type { FieldSet, PathElement } from './field-set.ts';
import { emptyFieldSet, insertPath } from './field-set.ts';
import { isAtomicMap, itemElements, listShape } from './list-items.ts';
import type { MergeSchema } from './merge-schema.ts';

export function appliedFieldSet(config: JsonObject, schema: MergeSchema): FieldSet {
  const set = emptyFieldSet();
  walkObject(config, [], [], schema, set);
  return set;
}

function walkObject(
  obj: JsonObject,
  path: PathElement[],
  schemaPath: string[],
  schema: MergeSchema,
  set: FieldSet,
): void {
  for (const [key, value] of Object.entries(obj)) {
    const childPath = [...path, `f:${key}`];
    if (value === null || (isJsonObject(value) && Object.keys(value).length === 0)) {
      insertPath(set, childPath);
    } else {
      walkValue(value, childPath, [...schemaPath, key], schema, set);
    }
  }
}

function walkValue(
  value: JsonValue,
  path: PathElement[],
  schemaPath: string[],
  schema: MergeSchema,
  set: FieldSet,
): void {
  if (isJsonObject(value)) {
    if (isAtomicMap(schema, schemaPath)) insertPath(set, path);
    else walkObject(value, path, schemaPath, schema, set);
    return;
  }
  if (!Array.isArray(value)) {
    insertPath(set, path);
    return;
  }
  const shape = listShape(schema, schemaPath);
  if (shape.kind === 'atomic') {
    insertPath(set, path);
    return;
  }
  const elements = itemElements(value, shape, path, true);
  value.forEach((item, i) => {
    const itemPath = [...path, elements[i] ?? ''];
    insertPath(set, itemPath);
    if (shape.kind === 'map' && !shape.itemsAtomic && isJsonObject(item)) {
      walkObject(item, itemPath, schemaPath, schema, set);
    }
  });
}
