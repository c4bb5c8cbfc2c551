import { describe, expect, it } from 'vitest';
import { applyMergePatch } from './merge-patch.ts';
import { PatchError } from './patch-error.ts';

describe('applyMergePatch', () => {
  it('adds, changes and removes labels as `kubectl label` does', () => {
    const pod = { metadata: { name: 'p', labels: { app: 'web', tier: 'front' } }, spec: {} };
    // kubectl label pod p env=prod tier-   →  {"metadata":{"labels":{"env":"prod","tier":null}}}
    const out = applyMergePatch(pod, { metadata: { labels: { env: 'prod', tier: null } } });
    expect(out).toEqual({ metadata: { name: 'p', labels: { app: 'web', env: 'prod' } }, spec: {} });
    expect(pod.metadata.labels.tier).toBe('front');
  });

  it('replaces arrays wholesale', () => {
    const out = applyMergePatch({ spec: { containers: [{ name: 'a' }, { name: 'b' }] } }, {
      spec: { containers: [{ name: 'c' }] },
    });
    expect(out).toEqual({ spec: { containers: [{ name: 'c' }] } });
  });

  it('drops nulls inside newly added objects and replaces scalars by objects', () => {
    const out = applyMergePatch({ a: 'x' }, { a: { b: null, c: 1 }, d: { e: null } });
    expect(out).toEqual({ a: { c: 1 }, d: {} });
  });

  it('answers a patch that is not an object with 400 Invalid JSON Patch', () => {
    for (const bad of [null, [], 'x']) {
      const err = (() => {
        try {
          applyMergePatch({}, bad);
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(err).toBeInstanceOf(PatchError);
      expect((err as PatchError).reason).toBe('BadRequest');
      expect((err as PatchError).message).toBe('Invalid JSON Patch');
    }
  });
});
