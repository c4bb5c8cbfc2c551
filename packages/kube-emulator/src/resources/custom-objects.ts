// The CRD schema pipeline for custom objects: prune unknown fields (reporting them per the
// request's fieldValidation), apply defaults, validate.
import type { JsonObject, JsonValue } from '../json.ts';
import { isJsonObject } from '../json.ts';
import { applyDefaults, pruneUnknownFields, validateObject } from '../schema/index.ts';
import { badRequest, invalid } from '../server/api-error.ts';
import { metadataOf } from '../store/object-meta.ts';
import type { ResourceType } from './types.ts';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export function parseFieldValidation(value: string | null): FieldValidation | undefined {
  if (value === null || value === '') return undefined;
  if (value === 'Strict' || value === 'Warn' || value === 'Ignore') return value;
  throw badRequest(`fieldValidation parameter unsupported: ${value}`);
}

export function applyCustomSchema(
  type: ResourceType,
  obj: JsonObject,
  fieldValidation: FieldValidation | undefined,
  warnings: string[] | undefined,
): JsonObject {
  const schema = type.schema;
  if (!schema) return obj;
  const pruned = pruneUnknownFields(schema, obj);
  const validation = fieldValidation ?? 'Warn';
  if (validation !== 'Ignore') {
    const unknown: string[] = [];
    removedPaths(obj, pruned, '', unknown);
    if (unknown.length) {
      if (validation === 'Strict') {
        const detail = unknown.map((p) => `unknown field "${p}"`).join(', ');
        throw badRequest(
          `${type.kind} in version "${type.version}" cannot be handled as a ${type.kind}: strict decoding error: ${detail}`,
        );
      }
      warnings?.push(...unknown.map((p) => `unknown field "${p}"`));
    }
  }
  const defaulted = applyDefaults(schema, pruned);
  const errors = validateObject(schema, defaulted);
  if (errors.length) throw invalid(type.group, type.kind, metadataOf(obj).name ?? '', errors);
  return defaulted;
}

/** Paths present in `before` but gone from `after` (what pruning removed), in kubectl's dotted form. */
function removedPaths(before: JsonValue | undefined, after: JsonValue | undefined, prefix: string, out: string[]): void {
  if (Array.isArray(before)) {
    if (!Array.isArray(after)) return;
    before.forEach((item, i) => removedPaths(item, after[i], `${prefix}[${i}]`, out));
    return;
  }
  if (!isJsonObject(before) || !isJsonObject(after)) return;
  for (const key of Object.keys(before)) {
    if (!prefix && key === 'metadata') continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (!(key in after)) out.push(path);
    else removedPaths(before[key], after[key], path, out);
  }
}
