// OpenAPI definitions for custom resources, built from each CRD version's openAPIV3Schema the way
// the apiextensions-apiserver publishes them: named after the reversed group, with apiVersion,
// kind and metadata filled in and the group-version-kind extension that kubectl looks kinds up by.
import { isJsonObject } from '../json.ts';
import type { JsonObject, JsonValue } from '../json.ts';
import type { ResourceType } from '../resources/types.ts';
import {
  API_VERSION_DESCRIPTION,
  KIND_DESCRIPTION,
  OBJECT_META,
  OBJECT_META_DESCRIPTION,
} from './builtin-definitions.ts';

/** `multicluster.x-k8s.io`, `v1alpha1`, `ServiceExport` → `io.x-k8s.multicluster.v1alpha1.ServiceExport` */
export function customDefinitionName(group: string, version: string, kind: string): string {
  return `${group.split('.').reverse().join('.')}.${version}.${kind}`;
}

function clone(value: JsonValue): JsonValue {
  return structuredClone(value);
}

/** The definition of one CRD version's kind. `$ref`s are bare definition names. */
export function customResourceDefinition(type: ResourceType): JsonObject {
  const schema: JsonObject = isJsonObject(type.schema)
    ? (clone(type.schema) as JsonObject)
    : { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  const properties: JsonObject = isJsonObject(schema.properties) ? schema.properties : {};
  // the server always publishes these three, whatever the CRD's schema says about them
  properties.apiVersion = { type: 'string', description: API_VERSION_DESCRIPTION };
  properties.kind = { type: 'string', description: KIND_DESCRIPTION };
  properties.metadata = { $ref: OBJECT_META, description: OBJECT_META_DESCRIPTION };
  schema.type = 'object';
  schema.properties = properties;
  schema['x-kubernetes-group-version-kind'] = [
    { group: type.group, version: type.version, kind: type.kind },
  ];
  return schema;
}

const V2_UNSUPPORTED = new Set(['nullable', 'anyOf', 'oneOf', 'not', 'x-kubernetes-validations']);

/**
 * Swagger 2.0 cannot express everything a structural schema can; like the real server, drop what
 * it cannot (nullable, anyOf/oneOf/not) rather than publish an invalid document.
 */
export function toSwagger2Schema(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(toSwagger2Schema);
  if (!isJsonObject(value)) return value;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) {
    if (V2_UNSUPPORTED.has(k)) continue;
    if (k === 'properties' && isJsonObject(v)) {
      // property names are data, not keywords: keep every one, convert their schemas
      out[k] = Object.fromEntries(Object.entries(v).map(([p, s]) => [p, toSwagger2Schema(s)]));
    } else {
      out[k] = toSwagger2Schema(v);
    }
  }
  return out;
}
