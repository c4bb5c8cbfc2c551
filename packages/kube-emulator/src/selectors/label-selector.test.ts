import { describe, expect, it } from 'vitest';
import {
  labelSelectorExactValue,
  labelSelectorFromSet,
  labelSelectorToString,
  matchesLabels,
  parseLabelSelector,
} from './label-selector.ts';
import { SelectorError } from './selector-error.ts';

function parseError(s: string): string {
  try {
    parseLabelSelector(s);
  } catch (err) {
    expect(err).toBeInstanceOf(SelectorError);
    return (err as SelectorError).message;
  }
  throw new Error(`expected ${JSON.stringify(s)} to be rejected`);
}

describe('parseLabelSelector', () => {
  it('parses every operator', () => {
    const sel = parseLabelSelector('a=b,c==d,e!=f,g in (x,y),h notin (z),i,!j');
    expect(sel.requirements).toEqual([
      { key: 'a', operator: '=', values: ['b'] },
      { key: 'c', operator: '==', values: ['d'] },
      { key: 'e', operator: '!=', values: ['f'] },
      { key: 'g', operator: 'in', values: ['x', 'y'] },
      { key: 'h', operator: 'notin', values: ['z'] },
      { key: 'i', operator: 'exists', values: [] },
      { key: 'j', operator: '!', values: [] },
    ]);
  });

  it('sorts requirements by key and values within a set, dropping duplicates', () => {
    const sel = parseLabelSelector('z=1,a in (c,b,c)');
    expect(sel.requirements.map((r) => r.key)).toEqual(['a', 'z']);
    expect(sel.requirements[0]?.values).toEqual(['b', 'c']);
  });

  it('treats whitespace as a delimiter around tokens', () => {
    expect(labelSelectorToString(parseLabelSelector('  a = b ,\tc\nin ( x , y ) , ! d '))).toBe('a=b,c in (x,y),!d');
  });

  it('accepts empty and whitespace-only input as everything', () => {
    expect(parseLabelSelector('').requirements).toEqual([]);
    expect(parseLabelSelector('   ').requirements).toEqual([]);
  });

  it('accepts empty values', () => {
    expect(parseLabelSelector('a=').requirements[0]?.values).toEqual(['']);
    expect(parseLabelSelector('a in ()').requirements[0]?.values).toEqual(['']);
    expect(parseLabelSelector('a in (,b)').requirements[0]?.values).toEqual(['', 'b']);
    expect(parseLabelSelector('a in (b,,c)').requirements[0]?.values).toEqual(['', 'b', 'c']);
  });

  it('treats in/notin as values and keys where they cannot be operators', () => {
    expect(parseLabelSelector('in in (in,notin)').requirements[0]).toEqual({ key: 'in', operator: 'in', values: ['in', 'notin'] });
    expect(parseLabelSelector('a=in').requirements[0]?.values).toEqual(['in']);
  });

  it('accepts prefixed keys', () => {
    expect(parseLabelSelector('app.kubernetes.io/name=web').requirements[0]?.key).toBe('app.kubernetes.io/name');
  });

  it('supports gt and lt with integer values', () => {
    const sel = parseLabelSelector('n>5,m<10');
    expect(matchesLabels(sel, { n: '6', m: '9' })).toBe(true);
    expect(matchesLabels(sel, { n: '5', m: '9' })).toBe(false);
    expect(matchesLabels(sel, { n: 'x', m: '9' })).toBe(false);
    expect(parseError('n>x')).toBe(
      `unable to parse requirement: values[0]: Invalid value: "x": for 'Gt', 'Lt' operators, the value must be an integer`,
    );
  });

  it('rejects syntax errors with the server messages', () => {
    expect(parseError('a b')).toBe("unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt");
    expect(parseError('a===b')).toBe("unable to parse requirement: found '=', expected: identifier");
    expect(parseError('a in b')).toBe("unable to parse requirement: found 'b' expected: '('");
    expect(parseError('a in (b')).toBe("unable to parse requirement: found '', expected: ',' or ')'");
    expect(parseError('a in (b c)')).toBe("unable to parse requirement: found 'c', expected: ',' or ')'");
    expect(parseError('a in (=)')).toBe("unable to parse requirement: found '=', expected: ',', ')' or identifier");
    expect(parseError('a,')).toBe("found '', expected: identifier after ','");
    expect(parseError('a=b c')).toBe("found 'c', expected: ',' or 'end of string'");
    expect(parseError(',a')).toBe("found ',', expected: !, identifier, or 'end of string'");
    expect(parseError('!')).toBe("unable to parse requirement: found '', expected: identifier");
    expect(parseError('a=(b)')).toBe("unable to parse requirement: found '(', expected: identifier");
    expect(parseError('!a=b')).toBe("found '=', expected: ',' or 'end of string'");
    expect(parseError('a!')).toBe("unable to parse requirement: found '!', expected: in, notin, =, ==, !=, gt, lt");
    expect(parseError('a in ((b)')).toBe("unable to parse requirement: found '(', expected: ',', ')' or identifier");
  });

  it('validates keys like the server (nil field path)', () => {
    expect(parseError('-a=b')).toBe(
      'unable to parse requirement: <nil>: Invalid value: "-a": name part must consist of alphanumeric characters, ' +
        "'-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or " +
        "'123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    );
    expect(parseError(`${'a'.repeat(64)}=b`)).toContain('name part must be no more than 63 bytes');
    expect(parseError('Bad_Prefix/a=b')).toContain('prefix part a lowercase RFC 1123 subdomain must consist of');
    expect(parseError('/a=b')).toContain('<nil>: Invalid value: "/a": prefix part must be non-empty');
    expect(parseError('a/b/c')).toContain('a valid label key must consist of');
  });

  it('validates values', () => {
    expect(parseError('a=-b')).toBe(
      'unable to parse requirement: values[0][a]: Invalid value: "-b": a valid label must be an empty string or consist ' +
        "of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. " +
        "'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    );
    expect(parseError(`a=${'v'.repeat(64)}`)).toContain('must be no more than 63 bytes');
  });

  it('carries code 400 BadRequest', () => {
    try {
      parseLabelSelector('a b');
    } catch (err) {
      expect(err).toMatchObject({ code: 400, reason: 'BadRequest', name: 'SelectorError' });
    }
  });
});

describe('matchesLabels', () => {
  const labels = { app: 'web', tier: 'front', empty: '' };
  const cases: [string, boolean][] = [
    ['app=web', true],
    ['app==web', true],
    ['app=db', false],
    ['app!=db', true],
    ['missing!=x', true],
    ['app in (db,web)', true],
    ['missing in (x)', false],
    ['app notin (web)', false],
    ['missing notin (web)', true],
    ['tier', true],
    ['missing', false],
    ['!missing', true],
    ['!tier', false],
    ['empty=', true],
    ['missing=', false],
    ['app=web,tier=back', false],
    ['', true],
  ];
  it.each(cases)('%s → %s', (s, expected) => {
    expect(matchesLabels(parseLabelSelector(s), labels)).toBe(expected);
  });

  it('treats undefined labels as none', () => {
    expect(matchesLabels(parseLabelSelector('!a'), undefined)).toBe(true);
    expect(matchesLabels(parseLabelSelector('a'), undefined)).toBe(false);
  });

  it('ignores inherited object properties', () => {
    expect(matchesLabels(parseLabelSelector('toString'), {})).toBe(false);
  });
});

describe('labelSelectorToString', () => {
  it('prints the canonical form', () => {
    expect(labelSelectorToString(parseLabelSelector('b notin (y,x),a==1,!c,d'))).toBe('a==1,b notin (x,y),!c,d');
  });

  it('round-trips through the parser', () => {
    const s = 'a in (x,y),b!=c,d';
    expect(labelSelectorToString(parseLabelSelector(labelSelectorToString(parseLabelSelector(s))))).toBe(s);
  });

  it('prints sets as equality terms', () => {
    expect(labelSelectorToString(labelSelectorFromSet({ b: '2', a: '1' }))).toBe('a=1,b=2');
  });
});

describe('labelSelectorExactValue', () => {
  it('finds equality and single-value in', () => {
    const sel = parseLabelSelector('a=1,b in (2),c in (3,4),d!=5');
    expect(labelSelectorExactValue(sel, 'a')).toBe('1');
    expect(labelSelectorExactValue(sel, 'b')).toBe('2');
    expect(labelSelectorExactValue(sel, 'c')).toBeUndefined();
    expect(labelSelectorExactValue(sel, 'd')).toBeUndefined();
  });
});
