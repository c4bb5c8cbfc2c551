import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json.ts';
import { mergeAppliedConfig } from './apply-merge.ts';
import type { MergeSchema } from './merge-schema.ts';
import { SchemaMismatchError } from './list-items.ts';

const schema: MergeSchema = {
  listAt: (path) => {
    const p = path.join('.');
    if (p === 'items') return { listType: 'map', keys: ['name'] };
    if (p === 'tags') return { listType: 'set' };
    if (p === 'selector') return { listType: 'atomic' };
    return undefined;
  },
};

const names = (obj: JsonObject): unknown => (obj['items'] as JsonObject[]).map((i) => i['name']);

describe('mergeAppliedConfig', () => {
  it('keeps live order; new configuration items go before the next shared item, else last', () => {
    const live = { items: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] };
    expect(names(mergeAppliedConfig(live, { items: [{ name: 'b' }, { name: 'x' }] }, schema))).toEqual(['a', 'b', 'c', 'x']);
    expect(names(mergeAppliedConfig(live, { items: [{ name: 'x' }, { name: 'a' }] }, schema))).toEqual(['x', 'a', 'b', 'c']);
  });

  it('follows the configuration order for shared items', () => {
    const live = { items: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] };
    expect(names(mergeAppliedConfig(live, { items: [{ name: 'c' }, { name: 'a' }] }, schema))).toEqual(['b', 'c', 'a']);
  });

  it('merges item fields, set lists and replaces atomic values', () => {
    const live = {
      items: [{ name: 'a', image: 'old', extra: 1 }],
      tags: ['x', 'y'],
      selector: { matchLabels: { a: '1', b: '2' } },
      plain: [1, 2],
    };
    const out = mergeAppliedConfig(
      live,
      { items: [{ name: 'a', image: 'new' }], tags: ['z', 'x'], selector: { matchLabels: { c: '3' } }, plain: [3] },
      schema,
    );
    expect(out).toEqual({
      items: [{ name: 'a', image: 'new', extra: 1 }],
      tags: ['z', 'x', 'y'],
      selector: { matchLabels: { c: '3' } },
      plain: [3],
    });
  });

  it('refuses duplicate keys in the configuration', () => {
    expect(() => mergeAppliedConfig({}, { items: [] }, schema)).not.toThrow();
    expect(() => mergeAppliedConfig({ items: [{ name: 'a' }] }, { items: [{ name: 'a' }, { name: 'a' }] }, schema)).toThrow(
      SchemaMismatchError,
    );
  });
});
