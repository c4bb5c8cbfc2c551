// Structural-schema handling for CRDs, as the Kubernetes apiserver (apiextensions-apiserver) does it.
// Pure, no I/O. Request pipeline for a custom resource write, in the apiserver's order:
//   pruneUnknownFieldsReport → applyDefaults → validateObject (→ formatInvalidMessage / toStatusCause for a 422).
// Each concept lives in its own file; this module only re-exports.
import type { JsonObject } from '../json.ts';
export type { BadValue, FieldError, StatusCause } from './field-error.ts';
export {
  formatInvalidMessage,
  OmittedValue,
  RawValue,
  rebaseFieldError,
  toStatusCause,
} from './field-error.ts';

/** openAPIV3Schema of one CRD version, as stored in the CRD object. */
export type OpenApiV3Schema = JsonObject;
export { applyDefaults } from './defaults.ts';
export { pruneInPlace, pruneUnknownFields, pruneUnknownFieldsReport } from './prune.ts';
export { validateObject, validateValue } from './validate.ts';
export { validateStatusSubresource } from './status-validation.ts';
export {
  defaultCustomResourceDefinition,
  validateCustomResourceDefinition,
} from './crd-validation.ts';
export { mergeSchemaFromOpenApi } from './list-merge.ts';
export { compileJsonPath, evaluateJsonPath, JsonPathError } from './jsonpath.ts';
export { formatPrinterValue, humanDuration, printJsonPathValue } from './printer-value.ts';
