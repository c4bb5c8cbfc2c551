// ConfigMaps and Secrets with `immutable: true` keep their data (and stay immutable).
import type { JsonObject } from '../../json.ts';
import { jsonEqual } from '../../json-equal.ts';
import type { InvalidCause } from '../../server/api-error.ts';

export function immutableDataErrors(obj: JsonObject, live: JsonObject | undefined): InvalidCause[] {
  if (!live || live.immutable !== true) return [];
  const causes: InvalidCause[] = [];
  if (obj.immutable !== true) {
    causes.push({
      type: 'FieldValueForbidden',
      field: 'immutable',
      message: 'immutable: Forbidden: field is immutable when `immutable` is set',
    });
  }
  for (const field of ['data', 'binaryData']) {
    if (!jsonEqual(obj[field], live[field])) {
      causes.push({
        type: 'FieldValueForbidden',
        field,
        message: `${field}: Forbidden: field is immutable when \`immutable\` is set`,
      });
    }
  }
  return causes;
}
