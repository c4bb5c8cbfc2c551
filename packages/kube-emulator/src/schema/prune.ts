// Pruning as the apiserver does it when a CRD has preserveUnknownFields=false (always, for v1 CRDs):
// apiextensions' pruning.PruneWithOptions (fields not in the schema are dropped, except under
// x-kubernetes-preserve-unknown-fields and the apiVersion/kind/metadata of embedded resources and the
// root), followed by PruneNonNullableNullsWithoutDefaults (nulls in non-nullable fields without a default).
import type { JsonObject, JsonValue } from '../json.ts';
import { isJsonObject } from '../json.ts';
import type { SchemaNode } from './schema-access.ts';
import {
  additionalProperties,
  deepCopy,
  fieldSchema,
  flag,
  hasDefault,
  isEmbeddedResource,
  items,
  preservesUnknownFields,
  properties,
} from './schema-access.ts';

const META_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

/** Remove fields unknown to the schema, except under x-kubernetes-preserve-unknown-fields / embedded resources. apiVersion, kind and metadata are kept. */
export function pruneUnknownFields(schema: SchemaNode, obj: JsonObject): JsonObject {
  return pruneUnknownFieldsReport(schema, obj).object;
}

/**
 * Like pruneUnknownFields, and also the sorted paths of what was pruned, in the apiserver's notation
 * (`spec.foo`, `spec.ports[0].bar`, map entries `spec.labels.x.y`), for fieldValidation=Strict/Warn:
 * the server reports each as `unknown field "<path>"`. Dropped nulls are not unknown fields and are not listed.
 */
export function pruneUnknownFieldsReport(
  schema: SchemaNode,
  obj: JsonObject,
): { object: JsonObject; pruned: string[] } {
  const copy = deepCopy(obj);
  const pruned = pruneInPlace(copy, schema, true);
  pruneNonNullableNullsWithoutDefaults(copy, schema);
  return { object: copy, pruned };
}

/**
 * apiextensions' pruning.Prune on any value (mutated in place); returns the sorted pruned paths.
 * A resource root behaves like an embedded resource: its apiVersion/kind/metadata are never pruned here.
 */
export function pruneInPlace(
  value: JsonValue,
  schema: SchemaNode,
  isResourceRoot: boolean,
): string[] {
  const pruned: string[] = [];
  const effective: SchemaNode =
    isResourceRoot && !isEmbeddedResource(schema)
      ? { ...schema, 'x-kubernetes-embedded-resource': true }
      : schema;
  prune(value, effective, [], pruned);
  return pruned.sort();
}

function joinPath(parent: string[]): string {
  return parent.join('');
}

function withKey(parent: string[], key: string): string[] {
  return parent.length > 0 ? [...parent, '.', key] : [key];
}

function withIndex(parent: string[], i: number): string[] {
  return [...parent, '[', String(i), ']'];
}

function prune(x: JsonValue, s: SchemaNode | undefined, parent: string[], pruned: string[]): void {
  if (s !== undefined && preservesUnknownFields(s)) {
    skipPrune(x, s, parent, pruned);
    return;
  }
  if (Array.isArray(x)) {
    const itemSchema = s === undefined ? undefined : items(s);
    x.forEach((v, i) => prune(v, itemSchema, withIndex(parent, i), pruned));
    return;
  }
  if (!isJsonObject(x)) return;
  if (s === undefined) {
    // A schema-less map (e.g. under `additionalProperties: true`) loses all its fields.
    for (const k of Object.keys(x)) {
      pruned.push(joinPath(withKey(parent, k)));
      delete x[k];
    }
    return;
  }
  const props = properties(s) ?? {};
  const ap = allowedAdditional(s);
  for (const k of Object.keys(x)) {
    if (isEmbeddedResource(s) && META_FIELDS.has(k)) continue;
    const prop = props[k];
    if (prop !== undefined) {
      prune(x[k] ?? null, prop, withKey(parent, k), pruned);
    } else if (ap !== undefined) {
      prune(x[k] ?? null, ap.schema, withKey(parent, k), pruned);
    } else {
      if (!META_FIELDS.has(k) || parent.length > 0) pruned.push(joinPath(withKey(parent, k)));
      delete x[k];
    }
  }
}

/** additionalProperties as a map's value schema; `true` allows schema-less values, `false` counts as absent. */
function allowedAdditional(s: SchemaNode): { schema?: SchemaNode } | undefined {
  const ap = additionalProperties(s);
  return ap !== undefined && ap.allows ? ap : undefined;
}

/** Under preserve-unknown-fields: keep unknown fields, but still prune inside the fields the schema specifies. */
function skipPrune(x: JsonValue, s: SchemaNode, parent: string[], pruned: string[]): void {
  if (Array.isArray(x)) {
    const itemSchema = items(s);
    if (itemSchema === undefined) return;
    x.forEach((v, i) => skipPrune(v, itemSchema, withIndex(parent, i), pruned));
    return;
  }
  if (!isJsonObject(x)) return;
  const props = properties(s) ?? {};
  const ap = allowedAdditional(s);
  for (const k of Object.keys(x)) {
    if (isEmbeddedResource(s) && META_FIELDS.has(k)) continue;
    const prop = props[k];
    if (prop !== undefined) prune(x[k] ?? null, prop, withKey(parent, k), pruned);
    else if (ap !== undefined) prune(x[k] ?? null, ap.schema, withKey(parent, k), pruned);
  }
}

/** Nulls in non-nullable fields that have no default are dropped; those with a default are left for defaulting. */
function pruneNonNullableNullsWithoutDefaults(x: JsonValue, s: SchemaNode | undefined): void {
  if (Array.isArray(x)) {
    const itemSchema = s === undefined ? undefined : items(s);
    for (const v of x) pruneNonNullableNullsWithoutDefaults(v, itemSchema);
    return;
  }
  if (!isJsonObject(x)) return;
  for (const k of Object.keys(x)) {
    const sub = fieldSchema(s, k);
    const v = x[k] ?? null;
    if (v === null && sub !== undefined && !flag(sub, 'nullable') && !hasDefault(sub)) delete x[k];
    else pruneNonNullableNullsWithoutDefaults(v, sub);
  }
}
