// CONTRACT (owned by the schema helper): structural-schema handling for CRDs. Pure, no I/O.
import type { JsonObject, JsonValue } from '../json.ts';
import type { MergeSchema } from '../patch/index.ts';

/** One field error in Kubernetes' shape: `spec.replicas: Invalid value: "x": must be of type integer` */
export interface FieldError {
  /** Kubernetes' StatusCause type: FieldValueInvalid, FieldValueRequired, FieldValueNotSupported, FieldValueTypeInvalid, FieldValueTooLong, FieldValueTooMany, FieldValueForbidden, FieldValueDuplicate */
  type: string;
  /** dotted path, e.g. `spec.ports[0].port` */
  field: string;
  /** the full human message as kubectl prints it (`spec.replicas: Invalid value: …`) */
  message: string;
}

/** openAPIV3Schema of one CRD version, as stored in the CRD object. */
export type OpenApiV3Schema = JsonObject;

/** Apply `default`s from the schema (objects created on the way only where Kubernetes would). */
export function applyDefaults(_schema: OpenApiV3Schema, obj: JsonObject): JsonObject {
  return obj;
}

/** Remove fields unknown to the schema, except under x-kubernetes-preserve-unknown-fields / embedded resources. apiVersion, kind and metadata are kept. */
export function pruneUnknownFields(_schema: OpenApiV3Schema, obj: JsonObject): JsonObject {
  return obj;
}

/** Validate a (defaulted, pruned) object; empty array = valid. */
export function validateObject(_schema: OpenApiV3Schema, _obj: JsonObject): FieldError[] {
  return [];
}

/** Validate a CustomResourceDefinition object itself (names, versions, exactly one storage version, structural schema). */
export function validateCustomResourceDefinition(_crd: JsonObject): FieldError[] {
  return [];
}

/** x-kubernetes-list-type / list-map-keys from a schema, for server-side apply and merge. */
export function mergeSchemaFromOpenApi(_schema: OpenApiV3Schema): MergeSchema {
  return { listAt: () => undefined };
}

/** Evaluate a Kubernetes JSONPath (as in additionalPrinterColumns `.spec.replicas`, or `{.a.b}`) against an object. */
export function evaluateJsonPath(_obj: JsonObject, _path: string): JsonValue[] {
  return [];
}
