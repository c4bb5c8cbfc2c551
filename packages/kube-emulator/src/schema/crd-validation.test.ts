import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json.ts';
import { defaultCustomResourceDefinition, validateCustomResourceDefinition } from './index.ts';

function crd(
  overrides: {
    spec?: JsonObject;
    metadata?: JsonObject;
    schema?: JsonObject;
    version?: JsonObject;
  } = {},
): JsonObject {
  const schema: JsonObject = overrides.schema ?? {
    type: 'object',
    properties: {
      spec: { type: 'object', properties: { replicas: { type: 'integer', default: 1 } } },
    },
  };
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com', ...overrides.metadata },
    spec: {
      group: 'example.com',
      scope: 'Namespaced',
      names: { plural: 'widgets', kind: 'Widget' },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: schema },
          ...overrides.version,
        },
      ],
      ...overrides.spec,
    },
  };
}

const messages = (c: JsonObject): string[] =>
  validateCustomResourceDefinition(c).map((e) => e.message);

describe('validateCustomResourceDefinition', () => {
  it('accepts a minimal CRD (singular and listKind are defaulted first)', () => {
    expect(validateCustomResourceDefinition(crd())).toEqual([]);
    const names = (defaultCustomResourceDefinition(crd())['spec'] as JsonObject)['names'];
    expect(names).toEqual({
      plural: 'widgets',
      kind: 'Widget',
      singular: 'widget',
      listKind: 'WidgetList',
    });
  });

  it('requires metadata.name to be plural.group', () => {
    expect(messages(crd({ metadata: { name: 'gadgets.example.com' } }))).toEqual([
      'metadata.name: Invalid value: "gadgets.example.com": must be spec.names.plural+"."+spec.group',
    ]);
  });

  it('checks the group, scope and names', () => {
    const errs = messages(
      crd({
        metadata: { name: 'widgets.example' },
        spec: {
          group: 'example',
          scope: 'Global',
          names: { plural: 'Widgets', kind: 'Widget', listKind: 'Widget' },
        },
      }),
    );
    expect(errs).toEqual([
      'metadata.name: Invalid value: "widgets.example": must be spec.names.plural+"."+spec.group',
      'spec.group: Invalid value: "example": should be a domain with at least one dot',
      'spec.scope: Unsupported value: "Global": supported values: "Cluster", "Namespaced"',
      "spec.names.plural: Invalid value: \"Widgets\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
      'spec.names.listKind: Invalid value: "Widget": kind and listKind may not be the same',
    ]);
  });

  it('requires exactly one storage version and unique version names', () => {
    const c = crd();
    const spec = c['spec'] as JsonObject;
    const [v1] = spec['versions'] as JsonObject[];
    if (v1 === undefined) throw new Error('fixture has a version');
    spec['versions'] = [v1, { ...v1, storage: false }];
    const errs = validateCustomResourceDefinition(c);
    expect(errs.map((e) => e.field)).toEqual(['spec.versions']);
    expect(errs[0]?.message).toMatch(
      /^spec\.versions: Invalid value: \[\{"Name":"v1","Served":true,"Storage":true,.*\}\]: must contain unique version names$/,
    );
    spec['versions'] = [{ ...v1, storage: false }];
    expect(messages(c)[0]).toMatch(/: must have exactly one version marked as storage version$/);
    spec['versions'] = [];
    expect(messages(c)).toEqual([
      'spec.versions: Invalid value: null: must have exactly one version marked as storage version',
    ]);
  });

  it('requires a schema and a structural one', () => {
    expect(messages(crd({ version: { schema: undefined as unknown as JsonObject } }))).toContain(
      'spec.versions[0].schema.openAPIV3Schema: Required value',
    );
    const errs = messages(
      crd({
        schema: {
          type: 'object',
          properties: {
            spec: {
              properties: { a: { type: 'string' } },
              additionalProperties: { type: 'string' },
            },
            list: { type: 'array' },
            metadata: { type: 'object', properties: { labels: { type: 'object' } } },
          },
        },
      }),
    );
    expect(errs).toEqual([
      'spec.versions[0].schema.openAPIV3Schema.properties[list].items: Required value: must be specified',
      'spec.versions[0].schema.openAPIV3Schema.properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified',
      'spec.versions[0].schema.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields',
      'spec.versions[0].schema.openAPIV3Schema.properties[spec].additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive',
    ]);
  });

  it('allows untyped nodes under preserve-unknown-fields and int-or-string', () => {
    const schema: JsonObject = {
      type: 'object',
      properties: {
        spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        port: {
          'x-kubernetes-int-or-string': true,
          anyOf: [{ type: 'integer' }, { type: 'string' }],
        },
      },
    };
    expect(messages(crd({ schema }))).toEqual([]);
  });

  it('rejects type in value validations and fields not specified structurally', () => {
    const nested: JsonObject = {
      type: 'object',
      properties: { spec: { type: 'object', anyOf: [{ type: 'object' }] } },
    };
    expect(messages(crd({ schema: nested }))).toEqual([
      'spec.versions[0].schema.openAPIV3Schema.properties[spec].anyOf[0].type: Forbidden: must be empty to be structural',
    ]);
    // Like apiextensions, completeness is checked for the root's value validations.
    const root: JsonObject = {
      type: 'object',
      properties: { spec: { type: 'object' } },
      anyOf: [{ properties: { spec: { properties: { x: { minLength: 1 } } } } }],
    };
    expect(messages(crd({ schema: root }))).toEqual([
      'spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[x]: Required value: because it is defined in spec.versions[0].schema.openAPIV3Schema.anyOf[0].properties[spec].properties[x]',
    ]);
  });

  it('validates defaults against their schema and forbids them in metadata', () => {
    const schema: JsonObject = {
      type: 'object',
      properties: {
        metadata: { type: 'object', default: {} },
        spec: {
          type: 'object',
          properties: {
            n: { type: 'integer', default: 'one' },
            o: { type: 'object', properties: { a: { type: 'string' } }, default: { b: 1 } },
          },
        },
      },
    };
    expect(messages(crd({ schema }))).toEqual([
      'spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[n].default: Invalid value: "string":  in body must be of type integer: "string"',
      'spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[o].default: Invalid value: {"b":1}: must not have unknown fields',
      'spec.versions[0].schema.openAPIV3Schema.properties[metadata].default: Forbidden: must not be set in top-level metadata',
    ]);
  });

  it('checks list-type declarations', () => {
    const schema: JsonObject = {
      type: 'object',
      properties: {
        a: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'bag' },
        b: {
          type: 'array',
          items: { type: 'object', properties: { k: { type: 'string' } } },
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['k', 'z'],
        },
        c: { type: 'array', items: { type: 'string' }, uniqueItems: true },
      },
    };
    expect(messages(crd({ schema }))).toEqual([
      'spec.versions[0].schema.openAPIV3Schema.properties[a].x-kubernetes-list-type: Unsupported value: "bag": supported values: "atomic", "set", "map"',
      'spec.versions[0].schema.openAPIV3Schema.properties[b].x-kubernetes-list-map-keys: Invalid value: ["k","z"]: entries must all be names of item properties',
      'spec.versions[0].schema.openAPIV3Schema.properties[b].items.properties[k].default: Required value: this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property',
      'spec.versions[0].schema.openAPIV3Schema.properties[c].uniqueItems: Forbidden: uniqueItems cannot be set to true since the runtime complexity becomes quadratic',
    ]);
  });

  it('validates printer columns and scale subresource paths', () => {
    const errs = messages(
      crd({
        version: {
          additionalPrinterColumns: [
            { name: 'Age', type: 'time', jsonPath: 'metadata.creationTimestamp' },
            { name: 'X', type: 'string' },
          ],
          subresources: {
            status: {},
            scale: { specReplicasPath: '.status.replicas', statusReplicasPath: '.status.replicas' },
          },
        },
      }),
    );
    expect(errs).toEqual([
      'spec.versions[0].subresources.scale.specReplicasPath: Invalid value: ".status.replicas": should be a json path under .spec',
      'spec.versions[0].additionalPrinterColumns[0].type: Invalid value: "time": must be one of boolean,date,integer,number,string',
      'spec.versions[0].additionalPrinterColumns[0].JSONPath: Invalid value: "metadata.creationTimestamp": must be a simple json path starting with .',
      'spec.versions[0].additionalPrinterColumns[1].JSONPath: Required value',
    ]);
  });

  it('requires API approval for protected groups', () => {
    const c = crd({ metadata: { name: 'widgets.x.k8s.io' }, spec: { group: 'x.k8s.io' } });
    expect(messages(c)).toEqual([
      'metadata.annotations[api-approved.kubernetes.io]: Required value: protected groups must have approval annotation "api-approved.kubernetes.io", see https://github.com/kubernetes/enhancements/pull/1111',
    ]);
    const approved = crd({
      metadata: {
        name: 'widgets.x.k8s.io',
        annotations: {
          'api-approved.kubernetes.io': 'https://github.com/kubernetes/enhancements/pull/1111',
        },
      },
      spec: { group: 'x.k8s.io' },
    });
    expect(messages(approved)).toEqual([]);
  });

  it('forbids spec.preserveUnknownFields=true in v1', () => {
    expect(messages(crd({ spec: { preserveUnknownFields: true } }))).toEqual([
      'spec.preserveUnknownFields: Invalid value: true: cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead',
    ]);
  });
});
