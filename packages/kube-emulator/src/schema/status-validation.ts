// Writes to the status subresource are validated against properties.status alone, with errors rooted
// at `status` (apiextensions' ValidateStatusUpdate → ValidateCustomResourceUpdate(field.NewPath("status"), ...)),
// so messages read `status.x: Invalid value: ...: x in body ...` exactly like the real server.
import type { JsonObject } from '../json.ts';
import type { FieldError } from './field-error.ts';
import { rebaseFieldError } from './field-error.ts';
import { validateListSetsAndMaps } from './list-type-validation.ts';
import type { SchemaNode } from './schema-access.ts';
import { properties } from './schema-access.ts';
import { validateValue } from './validate.ts';

/** Validate `obj.status` for a PUT/PATCH of the /status subresource; empty array = valid. */
export function validateStatusSubresource(schema: SchemaNode, obj: JsonObject): FieldError[] {
  const statusSchema = properties(schema)?.['status'];
  if (statusSchema === undefined || !Object.prototype.hasOwnProperty.call(obj, 'status')) return [];
  const errors: FieldError[] = [];
  validateValue(statusSchema, obj['status'] ?? null, '', errors);
  const rooted = errors.map((e) => rebaseFieldError(e, 'status'));
  // list-type uniqueness is checked on the whole object, but only status can change here.
  const listErrors = validateListSetsAndMaps(
    { type: 'object', properties: { status: statusSchema } },
    { status: obj['status'] ?? null },
  );
  return [...rooted, ...listErrors];
}
