// Core's schemas describe what a CR may hold and let unknown fields through (the API server
// prunes them). A REST request must instead name an unknown field as a 400, so hub-api closes
// every object schema it accepts. The CRD schema is untouched.
import type { TSchema } from 'typebox';

function close(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(close);
  if (typeof node !== 'object' || node === null) return node;
  const source = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    out[key] =
      key === 'properties' && typeof value === 'object' && value !== null
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, close(v)]))
        : close(value);
  }
  if (
    source.type === 'object' &&
    source.properties !== undefined &&
    source.additionalProperties === undefined &&
    source.patternProperties === undefined
  ) {
    out.additionalProperties = false;
  }
  return out;
}

/** A deep copy of `schema` in which every object with declared properties rejects others. */
export function closedSchema<T extends TSchema>(schema: T): T {
  return close(schema) as T;
}
