import { describe, expect, it } from 'vitest';
import { labelSelectorToString, matchesLabels } from './label-selector.ts';
import { labelSelectorFromObject } from './label-selector-object.ts';

describe('labelSelectorFromObject', () => {
  it('combines matchLabels and matchExpressions', () => {
    const sel = labelSelectorFromObject({
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['front', 'edge'] },
        { key: 'env', operator: 'NotIn', values: ['dev'] },
        { key: 'team', operator: 'Exists' },
        { key: 'canary', operator: 'DoesNotExist' },
      ],
    });
    expect(labelSelectorToString(sel)).toBe('app=web,!canary,env notin (dev),team,tier in (edge,front)');
    expect(matchesLabels(sel, { app: 'web', tier: 'edge', team: 'a' })).toBe(true);
    expect(matchesLabels(sel, { app: 'web', tier: 'edge', team: 'a', env: 'dev' })).toBe(false);
    expect(matchesLabels(sel, { app: 'web', tier: 'edge', team: 'a', canary: '' })).toBe(false);
    expect(matchesLabels(sel, { app: 'web', tier: 'edge' })).toBe(false);
  });

  it('selects everything for {} and nothing for a missing selector', () => {
    expect(matchesLabels(labelSelectorFromObject({}), { any: 'x' })).toBe(true);
    expect(matchesLabels(labelSelectorFromObject({ matchLabels: {}, matchExpressions: [] }), {})).toBe(true);
    expect(matchesLabels(labelSelectorFromObject(undefined), {})).toBe(false);
    expect(matchesLabels(labelSelectorFromObject(null), { a: 'b' })).toBe(false);
  });

  it('rejects unknown operators and invalid requirements', () => {
    expect(() => labelSelectorFromObject({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] })).toThrow(
      '"Gt" is not a valid label selector operator',
    );
    expect(() => labelSelectorFromObject({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] })).toThrow(
      "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
    );
    expect(() => labelSelectorFromObject({ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] })).toThrow(
      'values: Invalid value: []string{"x"}: values set must be empty for exists and does not exist',
    );
    expect(() => labelSelectorFromObject({ matchLabels: { 'bad key': 'x' } })).toThrow('key: Invalid value: "bad key": name part must consist');
  });
});
