import { describe, expect, it } from 'vitest';
import { goFloat, goJson, goNumber, goQuote } from './go-format.ts';
import {
  formatInvalidMessage,
  invalid,
  notSupported,
  required,
  toStatusCause,
  tooMany,
} from './field-error.ts';

describe('Go formatting', () => {
  it('quotes like strconv.Quote', () => {
    expect(goQuote('a"b\\c\n\t\u0001é')).toBe('"a\\"b\\\\c\\n\\t\\x01é"');
  });

  it('prints floats like %v and integers like int64', () => {
    expect(goFloat(1.5)).toBe('1.5');
    expect(goFloat(1234567.5)).toBe('1.2345675e+06');
    expect(goFloat(0.00001)).toBe('1e-05');
    expect(goFloat(0.0001)).toBe('0.0001');
    expect(goNumber(1e21)).toBe('1e+21'); // beyond int64: Go decodes it as float64
    expect(goNumber(2 ** 53)).toBe('9007199254740992');
    expect(goNumber(-3)).toBe('-3');
  });

  it('marshals JSON like encoding/json (sorted keys, HTML-safe)', () => {
    expect(goJson({ z: 1, a: ['<&>'], m: null })).toBe(
      '{"a":["\\u003c\\u0026\\u003e"],"m":null,"z":1}',
    );
  });
});

describe('field errors', () => {
  it('format their bodies per type', () => {
    expect(required('spec.a').message).toBe('spec.a: Required value');
    expect(invalid('spec.a', 5, 'bad').message).toBe('spec.a: Invalid value: 5: bad');
    expect(invalid('spec.a', { k: 'v' }, 'bad').message).toBe(
      'spec.a: Invalid value: {"k":"v"}: bad',
    );
    expect(notSupported('spec.a', null, ['x']).message).toBe(
      'spec.a: Unsupported value: null: supported values: "x"',
    );
    expect(tooMany('spec.a', -1, 1).message).toBe('spec.a: Too many: must have at most 1 item');
  });

  it('build the 422 Status message and causes', () => {
    const one = required('spec.a');
    expect(formatInvalidMessage('Widget.example.com', 'w', [])).toBe(
      'Widget.example.com "w" is invalid',
    );
    expect(formatInvalidMessage('Widget.example.com', 'w', [one, one])).toBe(
      'Widget.example.com "w" is invalid: spec.a: Required value',
    );
    expect(toStatusCause(one)).toEqual({
      reason: 'FieldValueRequired',
      message: 'Required value',
      field: 'spec.a',
    });
  });
});
