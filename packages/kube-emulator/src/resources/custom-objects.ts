// The CRD schema pipeline for custom objects: prune unknown fields (reporting them per the
// request's fieldValidation), apply defaults, validate.
import type { JsonObject } from '../json.ts';
import { applyDefaults, pruneUnknownFieldsReport, validateObject, validateStatusSubresource } from '../schema/index.ts';
import { badRequest, invalid } from '../server/api-error.ts';
import { metadataOf } from '../store/object-meta.ts';
import type { ResourceType } from './types.ts';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export function parseFieldValidation(value: string | null): FieldValidation | undefined {
  if (value === null || value === '') return undefined;
  if (value === 'Strict' || value === 'Warn' || value === 'Ignore') return value;
  throw badRequest(`fieldValidation parameter unsupported: ${value}`);
}

/**
 * Prune (reporting unknown fields per `fieldValidation`), default, validate — the apiserver's
 * order. A /status write validates the status alone, as the real status strategy does.
 */
export function applyCustomSchema(
  type: ResourceType,
  obj: JsonObject,
  fieldValidation: FieldValidation | undefined,
  warnings: string[] | undefined,
  subresource?: string,
): JsonObject {
  const schema = type.schema;
  if (!schema) return obj;
  const { object: pruned, pruned: unknown } = pruneUnknownFieldsReport(schema, obj);
  const validation = fieldValidation ?? 'Warn';
  if (validation !== 'Ignore' && unknown.length) {
    if (validation === 'Strict') {
      const detail = unknown.map((p) => `unknown field "${p}"`).join(', ');
      throw badRequest(`${type.kind} in version "${type.version}" cannot be handled as a ${type.kind}: strict decoding error: ${detail}`);
    }
    warnings?.push(...unknown.map((p) => `unknown field "${p}"`));
  }
  const defaulted = applyDefaults(schema, pruned);
  const errors = subresource === 'status' ? validateStatusSubresource(schema, defaulted) : validateObject(schema, defaulted);
  if (errors.length) throw invalid(type.group, type.kind, metadataOf(obj).name ?? '', errors);
  return defaulted;
}
