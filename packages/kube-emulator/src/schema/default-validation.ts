// A CRD's `default`s must themselves be valid: apiextensions' defaulting.ValidateDefaults checks that
// each default survives pruning unchanged and passes the schema it sits in. Defaults inside
// apiVersion/kind/metadata are skipped here (the openapi rules forbid them at the root).
import type { JsonValue } from '../json.ts';
import type { FieldError } from './field-error.ts';
import { invalid, rebaseFieldError } from './field-error.ts';
import { pruneInPlace } from './prune.ts';
import type { SchemaNode } from './schema-access.ts';
import {
  deepCopy,
  deepEqual,
  hasDefault,
  isEmbeddedResource,
  items,
  properties,
} from './schema-access.ts';
import { validateValue } from './validate.ts';

const META_FIELDS = new Set(['metadata', 'kind', 'apiVersion']);

export function validateDefaultValues(schema: SchemaNode, path: string): FieldError[] {
  // The resource root is treated as an embedded resource.
  return visit({ ...schema, 'x-kubernetes-embedded-resource': true }, path, false);
}

function visit(s: SchemaNode, path: string, insideMeta: boolean): FieldError[] {
  const errors: FieldError[] = [];
  const embedded = isEmbeddedResource(s);
  const meta = embedded ? false : insideMeta;
  if (hasDefault(s) && !meta) {
    const defaultPath = `${path}.default`;
    const value: JsonValue = s.default;
    const pruned = deepCopy(value);
    pruneInPlace(pruned, s, embedded);
    if (!deepEqual(pruned, value))
      errors.push(invalid(defaultPath, value, 'must not have unknown fields'));
    const inner: FieldError[] = [];
    validateValue(s, value, '', inner);
    errors.push(...inner.map((e) => rebaseFieldError(e, defaultPath)));
  }
  const itemSchema = items(s);
  if (itemSchema !== undefined) errors.push(...visit(itemSchema, `${path}.items`, meta));
  for (const [k, p] of Object.entries(properties(s) ?? {})) {
    errors.push(...visit(p, `${path}.properties[${k}]`, meta || (embedded && META_FIELDS.has(k))));
  }
  return errors;
}
