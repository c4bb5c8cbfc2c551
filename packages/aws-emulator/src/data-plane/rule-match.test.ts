import { describe, expect, it } from 'vitest';
import type { LatticeRuleView } from '../lattice/index.ts';
import { matches, selectRule } from './rule-match.ts';

const request = (path: string, headers: Record<string, string> = {}, method = 'GET') => ({
  method,
  path,
  headers,
});

const rule = (id: string, match?: LatticeRuleView['match']): LatticeRuleView => ({
  id,
  arn: `arn:${id}`,
  name: id,
  isDefault: match === undefined,
  ...(match === undefined ? {} : { match, priority: 1 }),
  action: { type: 'fixedResponse', statusCode: 200 },
});

describe('rule matching', () => {
  it('takes the first matching rule, the default rule last', () => {
    const rules = [
      rule('a', { pathMatch: { match: { prefix: '/a' } } }),
      rule('b', { method: 'POST' }),
      rule('default'),
    ];
    expect(selectRule(rules, request('/a/1'))?.id).toBe('a');
    expect(selectRule(rules, request('/b', {}, 'POST'))?.id).toBe('b');
    expect(selectRule(rules, request('/b'))?.id).toBe('default');
  });

  it('needs every condition of a rule', () => {
    const match = {
      method: 'GET',
      pathMatch: { match: { exact: '/x' } },
      headerMatches: [{ name: 'a', match: { exact: '1' } }],
    };
    expect(matches(match, request('/x', { a: '1' }))).toBe(true);
    expect(matches(match, request('/x', { a: '2' }))).toBe(false);
    expect(matches(match, request('/x/', { a: '1' }))).toBe(false);
    expect(matches(match, request('/x', { a: '1' }, 'get'))).toBe(false);
  });

  it('compares paths case-sensitively unless told otherwise', () => {
    expect(matches({ pathMatch: { match: { prefix: '/Api' } } }, request('/api'))).toBe(false);
    expect(
      matches(
        { pathMatch: { match: { prefix: '/Api' }, caseSensitive: false } },
        request('/api/v1'),
      ),
    ).toBe(true);
  });

  it('compares header names never and values by default case-insensitively', () => {
    const contains = { headerMatches: [{ name: 'User-Agent', match: { contains: 'Bot' } }] };
    expect(matches(contains, request('/', { 'user-agent': 'my-bot/1' }))).toBe(true);
    const sensitive = {
      headerMatches: [{ name: 'x', match: { prefix: 'Ab' }, caseSensitive: true }],
    };
    expect(matches(sensitive, request('/', { x: 'abc' }))).toBe(false);
    expect(matches(sensitive, request('/', { x: 'Abc' }))).toBe(true);
    expect(matches(sensitive, request('/', {}))).toBe(false);
  });
});
