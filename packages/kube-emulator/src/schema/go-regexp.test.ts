import { describe, expect, it } from 'vitest';
import { compileGoPattern, InvalidPatternError } from './go-regexp.ts';

function matches(pattern: string, value: string): boolean {
  const re = compileGoPattern(pattern);
  if (re instanceof InvalidPatternError) throw re;
  return re.test(value);
}

describe('compileGoPattern', () => {
  it('searches unanchored, like Go MatchString', () => {
    expect(matches('b+', 'abbbc')).toBe(true);
    expect(matches('^b+$', 'abbbc')).toBe(false);
  });

  it('translates RE2-only spellings', () => {
    expect(matches('(?i)^abc$', 'ABC')).toBe(true);
    expect(matches('\\Aabc\\z', 'abc')).toBe(true);
    expect(matches('^[[:alpha:]][[:digit:]]+$', 'a12')).toBe(true);
    expect(matches('^\\pL+$', 'héllo')).toBe(true);
    expect(matches('^(?P<word>[a-z]+)$', 'abc')).toBe(true);
  });

  it('accepts escapes that are legal in RE2 but not in unicode-mode JS', () => {
    expect(matches('^[a-z0-9\\_]+$', 'a_b')).toBe(true);
  });

  it('reports invalid patterns as a named error', () => {
    expect(compileGoPattern('([a-z]')).toBeInstanceOf(InvalidPatternError);
  });
});
