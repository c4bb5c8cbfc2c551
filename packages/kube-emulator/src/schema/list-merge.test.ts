import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json.ts';
import { mergeSchemaFromOpenApi } from './index.ts';

const schema: JsonObject = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        finalizers: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' },
        groups: {
          type: 'array',
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['name'],
          items: {
            type: 'object',
            properties: {
              name: { type: 'string' },
              rules: {
                type: 'array',
                'x-kubernetes-list-type': 'map',
                'x-kubernetes-list-map-keys': ['alert', 'expr'],
                items: { type: 'object' },
              },
            },
          },
        },
        byZone: {
          type: 'object',
          additionalProperties: {
            type: 'array',
            items: { type: 'string' },
            'x-kubernetes-list-type': 'set',
          },
        },
        plain: { type: 'array', items: { type: 'string' } },
      },
    },
  },
};

describe('mergeSchemaFromOpenApi', () => {
  const merge = mergeSchemaFromOpenApi(schema);

  it('reads list types, defaulting arrays to atomic', () => {
    expect(merge.listAt(['spec', 'finalizers'])).toEqual({ listType: 'set' });
    expect(merge.listAt(['spec', 'groups'])).toEqual({ listType: 'map', keys: ['name'] });
    expect(merge.listAt(['spec', 'plain'])).toEqual({ listType: 'atomic' });
  });

  it('passes through array items (omitted from the path) and map values', () => {
    expect(merge.listAt(['spec', 'groups', 'rules'])).toEqual({
      listType: 'map',
      keys: ['alert', 'expr'],
    });
    expect(merge.listAt(['spec', 'byZone', 'eu-west-1a'])).toEqual({ listType: 'set' });
  });

  it('answers undefined for non-lists and unknown paths', () => {
    expect(merge.listAt(['spec'])).toBeUndefined();
    expect(merge.listAt(['spec', 'nope'])).toBeUndefined();
    expect(merge.listAt([])).toBeUndefined();
  });

  it('treats atomic maps as atomic, marks atomic list items and reads key defaults', () => {
    const ports = mergeSchemaFromOpenApi({
      type: 'object',
      properties: {
        spec: {
          type: 'object',
          properties: {
            selector: { type: 'object', 'x-kubernetes-map-type': 'atomic', additionalProperties: { type: 'string' } },
            ports: {
              type: 'array',
              'x-kubernetes-list-type': 'map',
              'x-kubernetes-list-map-keys': ['port', 'protocol'],
              items: {
                type: 'object',
                'x-kubernetes-map-type': 'atomic',
                properties: { port: { type: 'integer' }, protocol: { type: 'string', default: 'TCP' } },
              },
            },
          },
        },
      },
    });
    expect(ports.listAt(['spec', 'selector'])).toEqual({ listType: 'atomic' });
    expect(ports.listAt(['spec', 'ports'])).toEqual({
      listType: 'map',
      keys: ['port', 'protocol'],
      keyDefaults: { protocol: 'TCP' },
      itemsAtomic: true,
    });
  });
});
