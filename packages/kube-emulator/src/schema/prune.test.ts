import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json.ts';
import { pruneUnknownFields, pruneUnknownFieldsReport } from './index.ts';

const schema: JsonObject = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        name: { type: 'string' },
        count: { type: 'integer', default: 1 },
        optional: { type: 'string' },
        nullableField: { type: 'string', nullable: true },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        anything: { type: 'object', additionalProperties: true },
        raw: {
          type: 'object',
          'x-kubernetes-preserve-unknown-fields': true,
          properties: { inner: { type: 'object', properties: { keep: { type: 'string' } } } },
        },
        template: {
          type: 'object',
          'x-kubernetes-embedded-resource': true,
          properties: { spec: { type: 'object', properties: { image: { type: 'string' } } } },
        },
        items: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' } } } },
      },
    },
  },
};

describe('pruneUnknownFields', () => {
  it('drops unknown fields at every level and reports sorted paths', () => {
    const { object, pruned } = pruneUnknownFieldsReport(schema, {
      apiVersion: 'x.io/v1',
      kind: 'X',
      metadata: { name: 'a', whatever: 1 },
      extra: true,
      spec: { name: 'n', bogus: 1, items: [{ id: 'a', nope: 1 }], labels: { a: 'b' } },
    });
    expect(pruned).toEqual(['extra', 'spec.bogus', 'spec.items[0].nope']);
    expect(object).toEqual({
      apiVersion: 'x.io/v1',
      kind: 'X',
      metadata: { name: 'a', whatever: 1 },
      spec: { name: 'n', items: [{ id: 'a' }], labels: { a: 'b' } },
    });
  });

  it('keeps unknown fields under x-kubernetes-preserve-unknown-fields but prunes inside declared fields', () => {
    const { object, pruned } = pruneUnknownFieldsReport(schema, {
      spec: { raw: { free: { form: [1] }, inner: { keep: 'k', drop: 'd' } } },
    });
    expect(object['spec']).toEqual({ raw: { free: { form: [1] }, inner: { keep: 'k' } } });
    expect(pruned).toEqual(['spec.raw.inner.drop']);
  });

  it('keeps apiVersion/kind/metadata of embedded resources', () => {
    const out = pruneUnknownFields(schema, {
      spec: {
        template: {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { labels: { a: 'b' } },
          spec: { image: 'i', junk: 1 },
          status: {},
        },
      },
    });
    expect(out['spec']).toEqual({
      template: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { labels: { a: 'b' } },
        spec: { image: 'i' },
      },
    });
  });

  it('drops nested fields of values under additionalProperties: true, like the apiserver', () => {
    const { object, pruned } = pruneUnknownFieldsReport(schema, {
      spec: { anything: { a: 'x', b: { c: 1 } } },
    });
    expect(object['spec']).toEqual({ anything: { a: 'x', b: {} } });
    expect(pruned).toEqual(['spec.anything.b.c']);
  });

  it('drops nulls of non-nullable fields without a default, keeps the others for defaulting', () => {
    const { object, pruned } = pruneUnknownFieldsReport(schema, {
      spec: { optional: null, nullableField: null, count: null },
    });
    expect(object['spec']).toEqual({ nullableField: null, count: null });
    expect(pruned).toEqual([]);
  });

  it('does not mutate its input', () => {
    const input: JsonObject = { spec: { bogus: 1 } };
    pruneUnknownFields(schema, input);
    expect(input).toEqual({ spec: { bogus: 1 } });
  });
});
