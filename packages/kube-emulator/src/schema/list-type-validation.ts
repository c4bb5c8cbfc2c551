// Uniqueness of x-kubernetes-list-type=set items and list-type=map keys, as apiextensions'
// listtype.ValidateListSetsAndMaps reports it (field.Path notation: map entries are `[key]`).
import type { JsonObject, JsonValue } from '../json.ts';
import { isJsonObject } from '../json.ts';
import type { FieldError } from './field-error.ts';
import { duplicate, invalid } from './field-error.ts';
import { goJson } from './go-format.ts';
import type { SchemaNode } from './schema-access.ts';
import { additionalProperties, items, properties, str, strList } from './schema-access.ts';

export function validateListSetsAndMaps(
  schema: SchemaNode,
  obj: JsonObject,
  path = '',
): FieldError[] {
  const errors: FieldError[] = [];
  const ap = additionalProperties(schema)?.schema;
  const props = properties(schema);
  for (const [k, v] of Object.entries(obj)) {
    if (ap !== undefined) errors.push(...validateValue(ap, v, `${path}[${k}]`));
    const sub = props?.[k];
    if (sub !== undefined) errors.push(...validateValue(sub, v, path === '' ? k : `${path}.${k}`));
  }
  return errors;
}

function validateValue(schema: SchemaNode, value: JsonValue, path: string): FieldError[] {
  if (Array.isArray(value)) return validateArray(schema, value, path);
  if (isJsonObject(value)) return validateListSetsAndMaps(schema, value, path);
  return [];
}

function validateArray(schema: SchemaNode, list: JsonValue[], path: string): FieldError[] {
  const errors: FieldError[] = [];
  const listType = str(schema, 'x-kubernetes-list-type');
  if (listType === 'set') {
    for (const i of nonUniqueIndices(list))
      errors.push(duplicate(`${path}[${i}]`, list[i] ?? null));
  } else if (listType === 'map') {
    errors.push(...validateListMap(schema, list, path));
  }
  const itemSchema = items(schema);
  if (itemSchema !== undefined)
    list.forEach((item, i) => errors.push(...validateValue(itemSchema, item, `${path}[${i}]`)));
  return errors;
}

/** Index of the second occurrence of each repeated value (one error per repeated value, like Go). */
function nonUniqueIndices(values: readonly (JsonValue | typeof UNSPECIFIED)[]): number[] {
  const seen = new Map<string, number>();
  const out: number[] = [];
  values.forEach((v, i) => {
    const key = v === UNSPECIFIED ? '\u0000unspecified' : goJson(v);
    const times = seen.get(key) ?? 0;
    if (times === 1) out.push(i);
    seen.set(key, times + 1);
  });
  return out;
}

const UNSPECIFIED = Symbol('unspecified key');

function validateListMap(schema: SchemaNode, list: JsonValue[], path: string): FieldError[] {
  for (const [i, x] of list.entries()) {
    if (x !== null && !isJsonObject(x))
      return [invalid(`${path}[${i}]`, x, 'must be an object for an array of list-type map')];
  }
  if (list.length <= 1) return [];
  const keyFields = strList(schema, 'x-kubernetes-list-map-keys');
  if (keyFields.length === 1) {
    const keyField = keyFields[0] ?? '';
    const keys = list.map((x) =>
      isJsonObject(x) && Object.prototype.hasOwnProperty.call(x, keyField)
        ? (x[keyField] ?? null)
        : UNSPECIFIED,
    );
    return nonUniqueIndices(keys).map((i) => {
      const k = keys[i];
      return duplicate(
        `${path}[${i}]`,
        k === UNSPECIFIED || k === undefined ? {} : { [keyField]: k },
      );
    });
  }
  const keys = list.map((x) => {
    const key: JsonObject = {};
    if (isJsonObject(x))
      for (const f of keyFields)
        if (Object.prototype.hasOwnProperty.call(x, f)) key[f] = x[f] ?? null;
    return key;
  });
  return nonUniqueIndices(keys).map((i) => duplicate(`${path}[${i}]`, keys[i] ?? {}));
}
