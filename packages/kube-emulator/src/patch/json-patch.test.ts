import { describe, expect, it } from 'vitest';
import { applyJsonPatch, JSON_PATCH_REJECTED_MESSAGE } from './json-patch.ts';
import { PatchError } from './patch-error.ts';

const deployment = () => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web', 'app.kubernetes.io/name': 'web' } },
  spec: {
    replicas: 1,
    template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } },
  },
});

function rejection(fn: () => unknown): PatchError {
  try {
    fn();
  } catch (err) {
    if (err instanceof PatchError) return err;
    throw err;
  }
  throw new Error('expected a PatchError');
}

describe('applyJsonPatch', () => {
  it('applies add, replace, remove, copy, move and test as kubectl patch --type=json sends them', () => {
    const input = deployment();
    const out = applyJsonPatch(input, [
      { op: 'test', path: '/spec/replicas', value: 1 },
      { op: 'replace', path: '/spec/replicas', value: 3 },
      { op: 'add', path: '/spec/template/spec/containers/-', value: { name: 'sidecar', image: 'busybox' } },
      { op: 'add', path: '/metadata/annotations', value: { note: 'x' } },
      { op: 'copy', from: '/metadata/annotations/note', path: '/metadata/labels/note' },
      { op: 'move', from: '/metadata/labels/note', path: '/metadata/labels/moved' },
      { op: 'remove', path: '/spec/template/spec/containers/0' },
    ]);
    expect(out['spec']).toEqual({
      replicas: 3,
      template: { spec: { containers: [{ name: 'sidecar', image: 'busybox' }] } },
    });
    expect(out['metadata']).toEqual({
      name: 'web',
      labels: { app: 'web', 'app.kubernetes.io/name': 'web', moved: 'x' },
      annotations: { note: 'x' },
    });
    expect(input.spec.replicas).toBe(1);
  });

  it('decodes ~1 and ~0 in pointers', () => {
    const out = applyJsonPatch(deployment(), [
      { op: 'remove', path: '/metadata/labels/app.kubernetes.io~1name' },
      { op: 'add', path: '/metadata/labels/a~0b', value: 'c' },
    ]);
    expect(out['metadata']).toEqual({ name: 'web', labels: { app: 'web', 'a~b': 'c' } });
  });

  it('inserts at an index and counts negative indices from the end like evanphx/json-patch', () => {
    const doc = { list: ['a', 'b', 'c'] };
    expect(applyJsonPatch(doc, [{ op: 'add', path: '/list/1', value: 'x' }])['list']).toEqual([
      'a', 'x', 'b', 'c',
    ]);
    expect(applyJsonPatch(doc, [{ op: 'remove', path: '/list/-1' }])['list']).toEqual(['a', 'b']);
    expect(applyJsonPatch(doc, [{ op: 'add', path: '/list/3', value: 'd' }])['list']).toEqual([
      'a', 'b', 'c', 'd',
    ]);
  });

  it('lets replace add a missing object key, as the apiserver does', () => {
    expect(applyJsonPatch({ a: 1 }, [{ op: 'replace', path: '/b', value: 2 }])).toEqual({ a: 1, b: 2 });
  });

  it('answers a failed test with 422 and the generic apiserver message', () => {
    const err = rejection(() =>
      applyJsonPatch(deployment(), [{ op: 'test', path: '/spec/replicas', value: 2 }]),
    );
    expect(err.reason).toBe('Invalid');
    expect(err.message).toBe(JSON_PATCH_REJECTED_MESSAGE);
    expect(err.detail).toBe('testing value /spec/replicas failed: test failed');
  });

  it('treats an absent key as equal to null in test', () => {
    expect(applyJsonPatch({ a: 1 }, [{ op: 'test', path: '/b', value: null }])).toEqual({ a: 1 });
  });

  it('answers missing paths and bad indices with 422', () => {
    expect(rejection(() => applyJsonPatch({}, [{ op: 'add', path: '/a/b', value: 1 }])).detail).toBe(
      'add operation does not apply: doc is missing path: "/a/b": missing value',
    );
    expect(rejection(() => applyJsonPatch({ a: 1 }, [{ op: 'remove', path: '/b' }])).detail).toBe(
      "error in remove for path: '/b': Unable to remove nonexistent key: b: missing value",
    );
    const badIndex = rejection(() => applyJsonPatch({ l: [1] }, [{ op: 'add', path: '/l/5', value: 2 }]));
    expect(badIndex.reason).toBe('Invalid');
    expect(badIndex.detail).toContain('Unable to access invalid index: 5');
    expect(rejection(() => applyJsonPatch({}, [{ op: 'frobnicate', path: '/a' }])).detail).toBe(
      'Unexpected kind: frobnicate',
    );
  });

  it('answers a patch that is not a list of operations with 400', () => {
    expect(rejection(() => applyJsonPatch({}, { op: 'add' })).reason).toBe('BadRequest');
    expect(rejection(() => applyJsonPatch({}, ['add'])).reason).toBe('BadRequest');
  });

  it('applies nothing when a later operation fails', () => {
    const input = { a: 1 };
    expect(() =>
      applyJsonPatch(input, [
        { op: 'replace', path: '/a', value: 2 },
        { op: 'test', path: '/a', value: 3 },
      ]),
    ).toThrow(PatchError);
    expect(input).toEqual({ a: 1 });
  });
});
