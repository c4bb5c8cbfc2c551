import { describe, expect, it } from 'vitest';
import { difference, emptyFieldSet, fromFieldsV1, hasPath, insertPath, intersection, pathToString, toFieldsV1, union } from './field-set.ts';

describe('field sets', () => {
  it('round-trips FieldsV1 with . for members that have children', () => {
    const fields = {
      'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
      'f:spec': { 'f:containers': { 'k:{"name":"nginx"}': { '.': {}, 'f:image': {} } } },
    };
    const set = fromFieldsV1(fields);
    expect(hasPath(set, ['f:metadata', 'f:labels'])).toBe(true);
    expect(hasPath(set, ['f:metadata'])).toBe(false);
    expect(hasPath(set, ['f:spec', 'f:containers', 'k:{"name":"nginx"}', 'f:image'])).toBe(true);
    expect(toFieldsV1(set)).toEqual(fields);
  });

  it('orders field names before keys and values', () => {
    const set = emptyFieldSet();
    insertPath(set, ['f:list', 'v:"b"']);
    insertPath(set, ['f:list', 'k:{"a":1}']);
    insertPath(set, ['f:list', 'f:x']);
    expect(Object.keys(toFieldsV1(set)['f:list'] as object)).toEqual(['f:x', 'k:{"a":1}', 'v:"b"']);
  });

  it('computes union, difference and intersection on exact paths', () => {
    const a = fromFieldsV1({ 'f:spec': { 'f:a': {}, 'f:b': {} } });
    const b = fromFieldsV1({ 'f:spec': { 'f:b': {}, 'f:c': {} } });
    expect(toFieldsV1(union(a, b))).toEqual({ 'f:spec': { 'f:a': {}, 'f:b': {}, 'f:c': {} } });
    expect(toFieldsV1(difference(a, b))).toEqual({ 'f:spec': { 'f:a': {} } });
    expect(toFieldsV1(intersection(a, b))).toEqual({ 'f:spec': { 'f:b': {} } });
  });

  it('prints paths the way kubectl shows conflicts', () => {
    expect(pathToString(['f:spec', 'f:template', 'f:spec', 'f:containers', 'k:{"name":"nginx"}', 'f:image'])).toBe(
      '.spec.template.spec.containers[name="nginx"].image',
    );
    expect(pathToString(['f:spec', 'f:ports', 'k:{"port":80,"protocol":"TCP"}'])).toBe('.spec.ports[port=80,protocol="TCP"]');
    expect(pathToString(['f:metadata', 'f:finalizers', 'v:"a"'])).toBe('.metadata.finalizers[="a"]');
  });
});
