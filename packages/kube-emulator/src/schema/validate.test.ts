// Messages checked against kube-openapi's templates and apiextensions' conversion to field errors.
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json.ts';
import { validateObject } from './index.ts';

function spec(properties: JsonObject, extra: JsonObject = {}): JsonObject {
  return {
    type: 'object',
    properties: { metadata: { type: 'object' }, spec: { type: 'object', properties, ...extra } },
  };
}

function messages(schema: JsonObject, specValue: JsonObject): string[] {
  return validateObject(schema, {
    apiVersion: 'x.io/v1',
    kind: 'X',
    metadata: { name: 'a' },
    spec: specValue,
  }).map((e) => e.message);
}

describe('validateObject', () => {
  it('reports type mismatches with the inferred JSON type', () => {
    const s = spec({
      replicas: { type: 'integer' },
      ratio: { type: 'number' },
      on: { type: 'boolean' },
      tags: { type: 'array', items: { type: 'string' } },
    });
    expect(messages(s, { replicas: 'three', ratio: 1, on: 'yes', tags: {} })).toEqual([
      'spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"',
      'spec.on: Invalid value: "string": spec.on in body must be of type boolean: "string"',
      'spec.tags: Invalid value: "object": spec.tags in body must be of type array: "object"',
    ]);
    expect(messages(s, { replicas: 1.5 })).toEqual([
      'spec.replicas: Invalid value: "number": spec.replicas in body must be of type integer: "number"',
      '<nil>: Invalid value: "": Checked value must be of type integer (default format) in spec.replicas',
    ]);
    expect(messages(s, { replicas: 2.0 })).toEqual([]);
  });

  it('reports int32 formats the way kube-openapi does, including its quirk for booleans', () => {
    const s = spec({ port: { type: 'integer', format: 'int32' } });
    expect(messages(s, { port: true })).toEqual([
      'spec.port: Invalid value: "": spec.port in body must be of type int32: ""',
    ]);
    expect(messages(s, { port: 2147483648 })).toEqual([
      '<nil>: Invalid value: "": Checked value must be of type integer with format int32 in spec.port',
    ]);
    expect(messages(s, { port: 2147483647 })).toEqual([]);
  });

  it('handles nullable and null values', () => {
    const s = spec({ a: { type: 'string', nullable: true }, b: { type: 'object' } });
    expect(messages(s, { a: null })).toEqual([]);
    expect(messages(s, { b: null })).toEqual([
      'spec.b: Invalid value: "null": spec.b in body must be of type object: "null"',
    ]);
  });

  it('accepts x-kubernetes-int-or-string values and rejects others', () => {
    const s = spec({
      port: {
        'x-kubernetes-int-or-string': true,
        anyOf: [{ type: 'integer' }, { type: 'string' }],
      },
    });
    expect(messages(s, { port: 80 })).toEqual([]);
    expect(messages(s, { port: 'http' })).toEqual([]);
    const errs = messages(s, { port: true });
    expect(errs[0]).toBe(
      'spec.port: Invalid value: "boolean": spec.port in body must be of type integer,string: "boolean"',
    );
    expect(errs).toContain(
      '<nil>: Invalid value: "": "spec.port" must validate at least one schema (anyOf)',
    );
  });

  it('checks string lengths (in runes), patterns and formats', () => {
    const s = spec({
      name: { type: 'string', maxLength: 3 },
      code: { type: 'string', minLength: 2, pattern: '^[a-z]+$' },
      id: { type: 'string', format: 'uuid' },
      when: { type: 'string', format: 'date-time' },
      any: { type: 'string', format: 'no-such-format' },
    });
    expect(messages(s, { name: 'héé' })).toEqual([]);
    expect(messages(s, { name: 'abcd' })).toEqual([
      'spec.name: Too long: may not be more than 3 bytes',
    ]);
    expect(messages(s, { code: 'a' })).toEqual([
      'spec.code: Invalid value: "a": spec.code in body should be at least 2 chars long',
    ]);
    expect(messages(s, { code: 'AB' })).toEqual([
      'spec.code: Invalid value: "AB": spec.code in body should match \'^[a-z]+$\'',
    ]);
    expect(messages(s, { id: 'nope' })).toEqual([
      'spec.id: Invalid value: "nope": spec.id in body must be of type uuid: "nope"',
    ]);
    expect(
      messages(s, {
        id: '123e4567-e89b-12d3-a456-426614174000',
        when: '2026-11-23T10:00:00.5+01:00',
        any: 'x',
      }),
    ).toEqual([]);
  });

  it('checks numeric bounds and multipleOf', () => {
    const s = spec({
      n: { type: 'integer', minimum: 1, maximum: 10, multipleOf: 2 },
      x: {
        type: 'number',
        minimum: 0,
        exclusiveMinimum: true,
        maximum: 1.5,
        exclusiveMaximum: true,
      },
    });
    expect(messages(s, { n: 12 })).toEqual([
      'spec.n: Invalid value: 12: spec.n in body should be less than or equal to 10',
    ]);
    expect(messages(s, { n: 0 })).toEqual([
      'spec.n: Invalid value: 0: spec.n in body should be greater than or equal to 1',
    ]);
    expect(messages(s, { n: 3 })).toEqual([
      'spec.n: Invalid value: 3: spec.n in body should be a multiple of 2',
    ]);
    expect(messages(s, { x: 1.5 })).toEqual([
      'spec.x: Invalid value: 1.5: spec.x in body should be less than 1.5',
    ]);
    expect(messages(s, { x: 0 })).toEqual([
      'spec.x: Invalid value: 0: spec.x in body should be greater than 0',
    ]);
  });

  it('checks array and object sizes', () => {
    const s = spec({
      list: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 1 },
      one: { type: 'array', items: { type: 'string' }, maxItems: 1 },
      labels: {
        type: 'object',
        additionalProperties: { type: 'string' },
        minProperties: 1,
        maxProperties: 2,
      },
    });
    expect(messages(s, { list: [] })).toEqual([
      'spec.list: Invalid value: 0: spec.list in body should have at least 1 items',
    ]);
    expect(messages(s, { one: ['a', 'b'] })).toEqual([
      'spec.one: Too many: 2: must have at most 1 item',
    ]);
    expect(messages(s, { labels: {} })).toEqual([
      'spec.labels: Invalid value: 0: spec.labels in body should have at least 1 properties',
    ]);
    expect(messages(s, { labels: { a: '1', b: '2', c: '3' } })).toEqual([
      'spec.labels: Too many: 3: must have at most 2 items',
    ]);
  });

  it('reports enums with non-string values JSON-encoded', () => {
    const s = spec({
      level: { type: 'integer', enum: [1, 2] },
      mode: { type: 'string', enum: ['a', 'b'] },
    });
    expect(messages(s, { level: 3 })).toEqual([
      'spec.level: Unsupported value: 3: supported values: "1", "2"',
    ]);
    expect(messages(s, { mode: 'c\n' })).toEqual([
      'spec.mode: Unsupported value: "c\\n": supported values: "a", "b"',
    ]);
  });

  it('reports list-type set and map duplicates after schema errors', () => {
    const s = spec({
      set: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' },
      ports: {
        type: 'array',
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-list-map-keys': ['port', 'protocol'],
        items: {
          type: 'object',
          required: ['port'],
          properties: { port: { type: 'integer' }, protocol: { type: 'string' } },
        },
      },
    });
    const errors = validateObject(s, {
      metadata: {},
      spec: {
        set: ['a', 'b', 'a', 'a'],
        ports: [{ port: 80, protocol: 'TCP' }, { port: 80, protocol: 'TCP' }, { port: 80 }],
      },
    });
    expect(errors).toEqual([
      {
        type: 'FieldValueDuplicate',
        field: 'spec.set[2]',
        message: 'spec.set[2]: Duplicate value: "a"',
      },
      {
        type: 'FieldValueDuplicate',
        field: 'spec.ports[1]',
        message: 'spec.ports[1]: Duplicate value: {"port":80,"protocol":"TCP"}',
      },
    ]);
  });

  it('validates metadata only through name and generateName constraints', () => {
    const s: JsonObject = {
      type: 'object',
      properties: {
        metadata: { type: 'object', properties: { name: { type: 'string', maxLength: 5 } } },
      },
    };
    expect(
      validateObject(s, { metadata: { name: 'abcdef', labels: { a: 'b' } } }).map((e) => e.message),
    ).toEqual(['metadata.name: Too long: may not be more than 5 bytes']);
    expect(
      validateObject(
        { type: 'object', properties: { metadata: { type: 'object' } } },
        { metadata: { name: 'x', uid: 'u' } },
      ),
    ).toEqual([]);
  });

  it('evaluates allOf, oneOf and not', () => {
    const s = spec({
      v: {
        type: 'integer',
        allOf: [{ minimum: 1 }],
        oneOf: [{ maximum: 5 }, { minimum: 3 }],
        not: { enum: [7] },
      },
    });
    expect(messages(s, { v: 2 })).toEqual([]);
    expect(messages(s, { v: 4 })).toContain(
      '<nil>: Invalid value: "": "spec.v" must validate one and only one schema (oneOf). Found 2 valid alternatives',
    );
    expect(messages(s, { v: 7 })).toContain(
      '<nil>: Invalid value: "": "spec.v" must not validate the schema (not)',
    );
    expect(messages(s, { v: 0 })).toContain(
      '<nil>: Invalid value: "": "spec.v" must validate all the schemas (allOf). None validated',
    );
  });

  it('leaves x-kubernetes-preserve-unknown-fields subtrees unvalidated except declared fields', () => {
    const s = spec({
      raw: {
        type: 'object',
        'x-kubernetes-preserve-unknown-fields': true,
        properties: { n: { type: 'integer' } },
      },
    });
    expect(messages(s, { raw: { anything: [1, { b: 2 }] } })).toEqual([]);
    expect(messages(s, { raw: { n: 'x' } })).toEqual([
      'spec.raw.n: Invalid value: "string": spec.raw.n in body must be of type integer: "string"',
    ]);
  });
});

describe('embedded resources', () => {
  const s = spec({
    template: {
      type: 'object',
      'x-kubernetes-embedded-resource': true,
      'x-kubernetes-preserve-unknown-fields': true,
    },
  });

  it('requires apiVersion and kind and checks them', () => {
    expect(messages(s, { template: { metadata: { name: 'a/b' } } })).toEqual([
      'spec.template.apiVersion: Required value',
      'spec.template.kind: Required value',
      'spec.template.metadata.name: Invalid value: "a/b": may not contain \'/\'',
    ]);
    expect(messages(s, { template: { apiVersion: 'a/b/c', kind: 'Pod_Thing' } })).toEqual([
      'spec.template.apiVersion: Invalid value: "a/b/c": unexpected GroupVersion string: a/b/c',
      "spec.template.kind: Invalid value: \"Pod_Thing\": may have mixed case, but should otherwise match: a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ]);
    expect(
      messages(s, {
        template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: {} },
      }),
    ).toEqual([]);
  });
});
