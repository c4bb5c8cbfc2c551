import { describe, expect, it } from 'vitest';
import { applyMergePatch } from './merge-patch.ts';

describe('applyMergePatch (RFC 7386)', () => {
  it('merges objects, deletes on null and replaces arrays and scalars', () => {
    const target = { a: { b: 1, c: 2 }, list: [1, 2], keep: 'x' };
    expect(applyMergePatch(target, { a: { c: null, d: 3 }, list: [3] })).toEqual({
      a: { b: 1, d: 3 },
      list: [3],
      keep: 'x',
    });
    expect(target.a.c).toBe(2);
  });
});
