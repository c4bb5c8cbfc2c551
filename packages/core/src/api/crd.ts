// CustomResourceDefinitions generated from the same TypeBox schemas that validate REST bodies,
// so the CRD, the API and the TypeScript types cannot drift apart.
import type { TSchema } from 'typebox';
import { API_GROUP, API_VERSION } from './common.ts';

type JsonSchema = Record<string, unknown>;

export interface PrinterColumnSpec {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  jsonPath: string;
  description?: string;
  priority?: number;
}

export interface CrdSpec {
  kind: string;
  plural: string;
  singular: string;
  shortNames?: string[];
  scope: 'Namespaced' | 'Cluster';
  spec: TSchema;
  status: TSchema;
  printerColumns: PrinterColumnSpec[];
  description: string;
  /**
   * Top-level spec fields the API server must refuse to change once set: each gets the CEL
   * transition rule `self == oldSelf` (Kubernetes ≥ 1.25; the emulator does not evaluate CEL).
   */
  immutableSpecFields?: string[];
}

function withImmutableFields(schema: JsonSchema, fields: readonly string[]): JsonSchema {
  const properties = { ...(schema.properties as Record<string, JsonSchema>) };
  for (const field of fields) {
    const property = properties[field];
    if (property === undefined) throw new Error(`immutable field ${field} is not in the spec`);
    properties[field] = {
      ...property,
      'x-kubernetes-validations': [{ rule: 'self == oldSelf', message: `${field} is immutable` }],
    };
  }
  return { ...schema, properties };
}

/**
 * Rewrite JSON Schema into a Kubernetes structural schema: a `type` everywhere, string maps as
 * `additionalProperties`, free-form values as `x-kubernetes-preserve-unknown-fields`, and no
 * keywords Kubernetes rejects (`additionalProperties: false`, `const`, `$id`, patternProperties).
 */
export function toStructuralSchema(schema: unknown): JsonSchema {
  if (typeof schema !== 'object' || schema === null) return {};
  const source = schema as JsonSchema;
  const out: JsonSchema = {};
  for (const key of [
    'description',
    'default',
    'format',
    'pattern',
    'minLength',
    'maxLength',
    'minimum',
    'maximum',
    'exclusiveMinimum',
    'exclusiveMaximum',
    'minItems',
    'maxItems',
    'minProperties',
    'maxProperties',
    'required',
    'nullable',
  ]) {
    if (source[key] !== undefined) out[key] = source[key];
  }
  if (Array.isArray(source.enum)) {
    out.type = typeof source.enum[0] === 'number' ? 'number' : 'string';
    out.enum = source.enum;
  }
  if (source.type !== undefined) out.type = source.type;
  if (
    source.type === 'object' ||
    source.properties !== undefined ||
    source.patternProperties !== undefined
  ) {
    out.type = 'object';
    if (source.properties !== undefined) {
      out.properties = Object.fromEntries(
        Object.entries(source.properties as Record<string, unknown>).map(([k, v]) => [
          k,
          toStructuralSchema(v),
        ]),
      );
    }
    const pattern = source.patternProperties as Record<string, unknown> | undefined;
    const mapValues = pattern !== undefined ? Object.values(pattern)[0] : undefined;
    if (mapValues !== undefined) out.additionalProperties = toStructuralSchema(mapValues);
    else if (typeof source.additionalProperties === 'object') {
      out.additionalProperties = toStructuralSchema(source.additionalProperties);
    }
  }
  if (source.type === 'array' && source.items !== undefined)
    out.items = toStructuralSchema(source.items);
  if (out.type === undefined) {
    // Type.Unknown(): any JSON value, kept as given.
    out.type = 'object';
    out['x-kubernetes-preserve-unknown-fields'] = true;
  }
  return out;
}

/** The CRD object (apiextensions.k8s.io/v1) for one Trellis kind. */
export function customResourceDefinition(spec: CrdSpec): JsonSchema {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${spec.plural}.${API_GROUP}` },
    spec: {
      group: API_GROUP,
      names: {
        kind: spec.kind,
        listKind: `${spec.kind}List`,
        plural: spec.plural,
        singular: spec.singular,
        ...(spec.shortNames ? { shortNames: spec.shortNames } : {}),
        categories: ['trellis'],
      },
      scope: spec.scope,
      versions: [
        {
          name: API_VERSION,
          served: true,
          storage: true,
          subresources: { status: {} },
          additionalPrinterColumns: [
            ...spec.printerColumns,
            { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
          ],
          schema: {
            openAPIV3Schema: {
              type: 'object',
              description: spec.description,
              properties: {
                apiVersion: { type: 'string' },
                kind: { type: 'string' },
                metadata: { type: 'object' },
                spec: withImmutableFields(
                  toStructuralSchema(spec.spec),
                  spec.immutableSpecFields ?? [],
                ),
                status: toStructuralSchema(spec.status),
              },
              required: ['spec'],
            },
          },
        },
      ],
    },
  };
}
