import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json.ts';
import { applyDefaults } from './index.ts';

const schema: JsonObject = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      default: {},
      properties: {
        replicas: { type: 'integer', default: 1 },
        mode: { type: 'string', default: 'Auto' },
        label: { type: 'string', nullable: true, default: 'n' },
        affinity: {
          type: 'object',
          properties: { timeoutSeconds: { type: 'integer', default: 10800 } },
        },
        ports: {
          type: 'array',
          items: {
            type: 'object',
            properties: { protocol: { type: 'string', default: 'TCP' }, port: { type: 'integer' } },
          },
        },
        limits: {
          type: 'object',
          additionalProperties: {
            type: 'object',
            properties: { max: { type: 'integer', default: 5 } },
          },
        },
        tags: { type: 'array', items: { type: 'string', default: 'none' } },
        shared: { type: 'object', default: { a: [1] } },
      },
    },
  },
};

describe('applyDefaults', () => {
  it('defaults an absent object and then recurses into the defaulted value', () => {
    const out = applyDefaults(schema, {
      apiVersion: 'x.io/v1',
      kind: 'X',
      metadata: { name: 'a' },
    });
    expect(out['spec']).toEqual({ replicas: 1, mode: 'Auto', label: 'n', shared: { a: [1] } });
  });

  it('does not create intermediate objects that have no default of their own', () => {
    const out = applyDefaults(schema, { spec: { replicas: 3 } });
    expect(out['spec']).toEqual({ replicas: 3, mode: 'Auto', label: 'n', shared: { a: [1] } });
    expect(applyDefaults(schema, { spec: { affinity: {} } })['spec']).toMatchObject({
      affinity: { timeoutSeconds: 10800 },
    });
  });

  it('replaces nulls of non-nullable fields but keeps nulls of nullable ones', () => {
    const out = applyDefaults(schema, { spec: { replicas: null, label: null } });
    expect(out['spec']).toMatchObject({ replicas: 1, label: null });
  });

  it('defaults inside array items and additionalProperties values, and null items', () => {
    const out = applyDefaults(schema, {
      spec: {
        ports: [{ port: 80 }, { port: 53, protocol: 'UDP' }],
        limits: { cpu: {}, mem: { max: 1 } },
        tags: ['a', null],
      },
    });
    expect(out['spec']).toMatchObject({
      ports: [
        { port: 80, protocol: 'TCP' },
        { port: 53, protocol: 'UDP' },
      ],
      limits: { cpu: { max: 5 }, mem: { max: 1 } },
      tags: ['a', 'none'],
    });
  });

  it('deep-copies defaults and does not mutate its input', () => {
    const input: JsonObject = {};
    const a = applyDefaults(schema, input);
    const b = applyDefaults(schema, input);
    expect(input).toEqual({});
    const sharedA = (a['spec'] as JsonObject)['shared'] as JsonObject;
    (sharedA['a'] as number[]).push(2);
    expect((b['spec'] as JsonObject)['shared']).toEqual({ a: [1] });
    expect(((schema['properties'] as JsonObject)['spec'] as JsonObject)['default']).toEqual({});
  });
});
