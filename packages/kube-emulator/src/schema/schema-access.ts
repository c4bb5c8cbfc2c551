// Typed reads of an openAPIV3Schema node kept as plain JSON (the CRD object is the source of truth;
// we never convert it into a second representation that could drift from what was stored).
import type { JsonObject, JsonValue } from '../json.ts';
import { isJsonObject } from '../json.ts';

export type SchemaNode = JsonObject;

export function str(s: SchemaNode, key: string): string | undefined {
  const v = s[key];
  return typeof v === 'string' ? v : undefined;
}

export function num(s: SchemaNode, key: string): number | undefined {
  const v = s[key];
  return typeof v === 'number' ? v : undefined;
}

export function flag(s: SchemaNode, key: string): boolean {
  return s[key] === true;
}

export function strList(s: SchemaNode, key: string): string[] {
  const v = s[key];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function schemaList(s: SchemaNode, key: string): SchemaNode[] {
  const v = s[key];
  return Array.isArray(v) ? v.filter(isJsonObject) : [];
}

export function child(s: SchemaNode, key: string): SchemaNode | undefined {
  const v = s[key];
  return isJsonObject(v) ? v : undefined;
}

export function properties(s: SchemaNode): Record<string, SchemaNode> | undefined {
  const v = s['properties'];
  if (!isJsonObject(v)) return undefined;
  const out: Record<string, SchemaNode> = {};
  for (const [k, p] of Object.entries(v)) if (isJsonObject(p)) out[k] = p;
  return out;
}

/** `items` as a single schema (structural schemas forbid the tuple form). */
export function items(s: SchemaNode): SchemaNode | undefined {
  return child(s, 'items');
}

/**
 * additionalProperties: `{ schema }` for a schema, `{ allows: true|false }` for a bool, undefined when absent.
 * An explicit `true` in Kubernetes' structural schema means "map of anything" with no schema (pruning drops nested fields).
 */
export function additionalProperties(
  s: SchemaNode,
): { allows: boolean; schema?: SchemaNode } | undefined {
  const v = s['additionalProperties'];
  if (v === undefined) return undefined;
  if (typeof v === 'boolean') return { allows: v };
  if (isJsonObject(v)) return { allows: true, schema: v };
  return undefined;
}

export function preservesUnknownFields(s: SchemaNode | undefined): boolean {
  return s !== undefined && s['x-kubernetes-preserve-unknown-fields'] === true;
}

export function isEmbeddedResource(s: SchemaNode | undefined): boolean {
  return s !== undefined && s['x-kubernetes-embedded-resource'] === true;
}

export function isIntOrString(s: SchemaNode | undefined): boolean {
  return s !== undefined && s['x-kubernetes-int-or-string'] === true;
}

/** A default is set when present and not null (Go decodes `default: null` to no default). */
export function hasDefault(s: SchemaNode | undefined): s is SchemaNode & { default: JsonValue } {
  return s !== undefined && s['default'] !== undefined && s['default'] !== null;
}

/** The schema of a field of an object, from properties or else additionalProperties (what apiextensions' getSchemaForField does). */
export function fieldSchema(s: SchemaNode | undefined, key: string): SchemaNode | undefined {
  if (s === undefined) return undefined;
  const p = properties(s)?.[key];
  if (p !== undefined) return p;
  return additionalProperties(s)?.schema;
}

export function deepCopy<T extends JsonValue>(v: T): T {
  return structuredClone(v);
}

export function deepEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isJsonObject(a)) {
    if (!isJsonObject(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}
