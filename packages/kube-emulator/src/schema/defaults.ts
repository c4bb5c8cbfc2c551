// Defaulting as apiextensions' structuraldefaulting.Default does it: a property's default fills an absent
// field (or a null in a non-nullable field); recursion follows properties, additionalProperties and items,
// so defaults nest only inside objects that exist or were themselves defaulted. Defaults are deep-copied.
import type { JsonObject, JsonValue } from '../json.ts';
import { isJsonObject } from '../json.ts';
import type { SchemaNode } from './schema-access.ts';
import {
  additionalProperties,
  deepCopy,
  flag,
  hasDefault,
  items,
  properties,
} from './schema-access.ts';

/** Apply `default`s from the schema to a copy of `obj`. */
export function applyDefaults(schema: SchemaNode, obj: JsonObject): JsonObject {
  const copy = deepCopy(obj);
  defaultInPlace(copy, schema);
  return copy;
}

function isNonNullableNull(value: JsonValue | undefined, schema: SchemaNode | undefined): boolean {
  return value === null && schema !== undefined && !flag(schema, 'nullable');
}

/** Mutates `value`; callers pass a private copy. */
export function defaultInPlace(value: JsonValue, schema: SchemaNode | undefined): void {
  if (schema === undefined) return;
  if (Array.isArray(value)) {
    const itemSchema = items(schema);
    for (let i = 0; i < value.length; i++) {
      if (isNonNullableNull(value[i], itemSchema) && hasDefault(itemSchema))
        value[i] = deepCopy(itemSchema.default);
      defaultInPlace(value[i] ?? null, itemSchema);
    }
    return;
  }
  if (!isJsonObject(value)) return;
  const props = properties(schema) ?? {};
  for (const [k, prop] of Object.entries(props)) {
    if (!hasDefault(prop)) continue;
    if (!Object.prototype.hasOwnProperty.call(value, k) || isNonNullableNull(value[k], prop))
      value[k] = deepCopy(prop.default);
  }
  const ap = additionalProperties(schema)?.schema;
  for (const k of Object.keys(value)) {
    const prop = props[k];
    if (prop !== undefined) {
      defaultInPlace(value[k] ?? null, prop);
    } else if (ap !== undefined) {
      if (isNonNullableNull(value[k], ap) && hasDefault(ap)) value[k] = deepCopy(ap.default);
      defaultInPlace(value[k] ?? null, ap);
    }
  }
}
