// Definitions are kept with bare `$ref` names; each document format prefixes them its own way.
import { isJsonObject } from '../json.ts';
import type { JsonObject, JsonValue } from '../json.ts';

/** Swagger 2.0: `#/definitions/<name>`; siblings of `$ref` (descriptions) stay as they are. */
export function toV2Refs(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(toV2Refs);
  if (!isJsonObject(value)) return value;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = k === '$ref' && typeof v === 'string' ? `#/definitions/${v}` : toV2Refs(v);
  }
  return out;
}

/**
 * OpenAPI 3.0: `#/components/schemas/<name>`. A `$ref` with siblings becomes `allOf: [{$ref}]`
 * plus the siblings, because 3.0 ignores a `$ref`'s siblings; the real server publishes the same.
 */
export function toV3Refs(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(toV3Refs);
  if (!isJsonObject(value)) return value;
  const ref = value.$ref;
  if (typeof ref === 'string') {
    const target = `#/components/schemas/${ref}`;
    const siblings = Object.entries(value).filter(([k]) => k !== '$ref');
    if (siblings.length === 0) return { $ref: target };
    return {
      allOf: [{ $ref: target }],
      ...Object.fromEntries(siblings.map(([k, v]) => [k, toV3Refs(v)])),
    };
  }
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) {
    // inside `properties` the keys are field names, never keywords
    out[k] =
      k === 'properties' && isJsonObject(v)
        ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, toV3Refs(s)]))
        : toV3Refs(v);
  }
  return out;
}
