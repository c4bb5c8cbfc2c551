import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json.ts';
import { evaluateJsonPath, JsonPathError } from './index.ts';

const obj: JsonObject = {
  metadata: { name: 'web', labels: { app: 'shop', 'app.kubernetes.io/name': 'frontend' } },
  spec: {
    replicas: 3,
    ports: [
      { name: 'http', port: 80 },
      { name: 'https', port: 443 },
      { name: 'metrics', port: 9090 },
    ],
  },
  status: {
    conditions: [
      { type: 'Available', status: 'False' },
      { type: 'Ready', status: 'True' },
    ],
  },
};

describe('evaluateJsonPath', () => {
  it('follows dotted fields in bare and {} forms', () => {
    expect(evaluateJsonPath(obj, '.spec.replicas')).toEqual([3]);
    expect(evaluateJsonPath(obj, '{.spec.replicas}')).toEqual([3]);
    expect(evaluateJsonPath(obj, '{$.metadata.labels.app}')).toEqual(['shop']);
  });

  it('returns nothing for missing keys (AllowMissingKeys)', () => {
    expect(evaluateJsonPath(obj, '.spec.missing.deeper')).toEqual([]);
    expect(evaluateJsonPath(obj, '.spec.ports[7].port')).toEqual([]);
  });

  it('supports bracket keys and escaped dots', () => {
    expect(evaluateJsonPath(obj, ".metadata.labels['app.kubernetes.io/name']")).toEqual([
      'frontend',
    ]);
    expect(evaluateJsonPath(obj, '.metadata.labels.app\\.kubernetes\\.io/name')).toEqual([
      'frontend',
    ]);
    expect(evaluateJsonPath(obj, '.metadata["labels"].app')).toEqual(['shop']);
  });

  it('supports indexes, negative indexes, slices, wildcards and unions', () => {
    expect(evaluateJsonPath(obj, '.spec.ports[0].port')).toEqual([80]);
    expect(evaluateJsonPath(obj, '.spec.ports[-1].name')).toEqual(['metrics']);
    expect(evaluateJsonPath(obj, '.spec.ports[0:2].port')).toEqual([80, 443]);
    expect(evaluateJsonPath(obj, '.spec.ports[*].name')).toEqual(['http', 'https', 'metrics']);
    expect(evaluateJsonPath(obj, '.spec.ports[0,2].port')).toEqual([80, 9090]);
    expect(evaluateJsonPath(obj, '.metadata.labels.*')).toEqual(['shop', 'frontend']);
  });

  it('supports filters', () => {
    expect(evaluateJsonPath(obj, '.status.conditions[?(@.type=="Ready")].status')).toEqual([
      'True',
    ]);
    expect(evaluateJsonPath(obj, ".status.conditions[?(@.type=='Ready')].status")).toEqual([
      'True',
    ]);
    expect(evaluateJsonPath(obj, '.spec.ports[?(@.port > 100)].name')).toEqual([
      'https',
      'metrics',
    ]);
    expect(evaluateJsonPath(obj, '.spec.ports[?(@.name != "http")].port')).toEqual([443, 9090]);
    expect(evaluateJsonPath(obj, '.spec.ports[?(@.name)].port')).toEqual([80, 443, 9090]);
  });

  it('supports recursive descent', () => {
    expect(evaluateJsonPath(obj, '..port')).toEqual([80, 443, 9090]);
  });

  it('rejects malformed paths with a named error', () => {
    expect(() => evaluateJsonPath(obj, '.spec.ports[abc]')).toThrow(JsonPathError);
    expect(() => evaluateJsonPath(obj, '.spec.ports[0')).toThrow(JsonPathError);
  });
});
