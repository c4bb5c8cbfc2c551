import { describe, expect, it } from 'vitest';
import {
  escapeFieldValue,
  fieldSelectorExactValue,
  fieldSelectorToString,
  matchesFields,
  parseFieldSelector,
  unescapeFieldValue,
} from './field-selector.ts';
import { SelectorError } from './selector-error.ts';

function parseError(s: string): string {
  try {
    parseFieldSelector(s);
  } catch (err) {
    expect(err).toBeInstanceOf(SelectorError);
    return (err as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(s)} to be rejected`);
}

describe('parseFieldSelector', () => {
  it('parses =, == and != joined by commas, in sorted term order', () => {
    expect(parseFieldSelector('status.phase!=Running,metadata.name==a,spec.nodeName=n1').requirements).toEqual([
      { field: 'metadata.name', operator: '==', value: 'a' },
      { field: 'spec.nodeName', operator: '=', value: 'n1' },
      { field: 'status.phase', operator: '!=', value: 'Running' },
    ]);
  });

  it('returns no requirements for an empty selector and skips empty terms', () => {
    expect(parseFieldSelector('').requirements).toEqual([]);
    expect(parseFieldSelector('a=b,,').requirements).toEqual([{ field: 'a', operator: '=', value: 'b' }]);
  });

  it('splits at the first operator; the value may be empty', () => {
    expect(parseFieldSelector('a=').requirements).toEqual([{ field: 'a', operator: '=', value: '' }]);
    // `!=` is found first, leaving an unescaped `=` in the value
    expect(parseError('a!==b')).toBe('invalid field selector: unescaped character in value: 61');
  });

  it('does not trim whitespace', () => {
    expect(parseFieldSelector('metadata.name = x').requirements).toEqual([{ field: 'metadata.name ', operator: '=', value: ' x' }]);
  });

  it('unescapes values', () => {
    expect(parseFieldSelector('a=x\\,y\\=z\\\\').requirements).toEqual([{ field: 'a', operator: '=', value: 'x,y=z\\' }]);
  });

  it('rejects terms without an operator', () => {
    expect(parseError('foo')).toBe("invalid selector: 'foo'; can't understand 'foo'");
    expect(parseError('a=b,c')).toBe("invalid selector: 'a=b,c'; can't understand 'c'");
  });

  it('rejects bad escapes with the server messages', () => {
    expect(parseError('a=b\\c')).toBe('invalid field selector: invalid escape sequence: \\c');
    expect(parseError('a=b\\')).toBe('invalid field selector: invalid escape sequence: \\');
    expect(parseError('a==b=c')).toBe('invalid field selector: unescaped character in value: 61');
  });
});

describe('matchesFields', () => {
  const fields = { 'metadata.name': 'web', 'status.phase': 'Running', 'spec.nodeName': '' };
  it.each([
    ['metadata.name=web', true],
    ['metadata.name==web', true],
    ['metadata.name!=web', false],
    ['status.phase!=Pending', true],
    ['spec.nodeName=', true],
    ['missing=', true],
    ['missing!=', false],
    ['missing=x', false],
    ['metadata.name=web,status.phase=Pending', false],
    ['', true],
  ] as [string, boolean][])('%s → %s', (s, expected) => {
    expect(matchesFields(parseFieldSelector(s), fields)).toBe(expected);
  });
});

describe('printing and helpers', () => {
  it('prints with = for equality and escapes values', () => {
    expect(fieldSelectorToString(parseFieldSelector('b==x\\,y,a!=1'))).toBe('a!=1,b=x\\,y');
  });

  it('escapes and unescapes symmetrically', () => {
    const raw = 'a\\b,c=d';
    expect(unescapeFieldValue(escapeFieldValue(raw))).toBe(raw);
  });

  it('finds the exact value required for a field', () => {
    const sel = parseFieldSelector('metadata.name=foo,status.phase!=x');
    expect(fieldSelectorExactValue(sel, 'metadata.name')).toBe('foo');
    expect(fieldSelectorExactValue(sel, 'status.phase')).toBeUndefined();
  });
});
