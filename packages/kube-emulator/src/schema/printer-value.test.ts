import { describe, expect, it } from 'vitest';
import { formatPrinterValue, humanDuration } from './index.ts';

describe('formatPrinterValue', () => {
  it('uses only the first result, like the apiserver table convertor', () => {
    expect(formatPrinterValue('string', undefined, ['a', 'b'])).toBe('a');
    expect(formatPrinterValue('integer', 'int32', [])).toBeNull();
    expect(formatPrinterValue('string', undefined, [null])).toBeNull();
  });

  it('prints string columns like the jsonpath printer', () => {
    expect(formatPrinterValue('string', undefined, [3])).toBe('3');
    expect(formatPrinterValue('string', undefined, [1.5])).toBe('1.5');
    expect(formatPrinterValue('string', undefined, [true])).toBe('true');
    expect(formatPrinterValue('string', undefined, [{ b: 1, a: '<x>' }])).toBe(
      '{"a":"\\u003cx\\u003e","b":1}',
    );
  });

  it('converts typed columns and blanks values of the wrong type', () => {
    expect(formatPrinterValue('integer', undefined, [3.9])).toBe(3);
    expect(formatPrinterValue('integer', undefined, ['3'])).toBeNull();
    expect(formatPrinterValue('number', 'double', [2])).toBe(2);
    expect(formatPrinterValue('boolean', undefined, [false])).toBe(false);
    expect(formatPrinterValue('boolean', undefined, ['false'])).toBeNull();
  });

  it('renders date columns as the age', () => {
    const now = Date.parse('2026-11-23T12:00:00Z');
    expect(formatPrinterValue('date', undefined, ['2026-11-23T11:59:15Z'], now)).toBe('45s');
    expect(formatPrinterValue('date', undefined, ['2026-11-20T09:00:00Z'], now)).toBe('3d3h');
    expect(formatPrinterValue('date', undefined, ['not a time'], now)).toBe('<invalid>');
    expect(formatPrinterValue('date', undefined, [''], now)).toBe('<unknown>');
  });
});

describe('humanDuration', () => {
  it('matches apimachinery duration.HumanDuration', () => {
    const s = 1000;
    expect(humanDuration(-5 * s)).toBe('<invalid>');
    expect(humanDuration(-1 * s)).toBe('0s');
    expect(humanDuration(119 * s)).toBe('119s');
    expect(humanDuration(125 * s)).toBe('2m5s');
    expect(humanDuration(600 * s)).toBe('10m');
    expect(humanDuration(3 * 3600 * s + 4 * 60 * s)).toBe('3h4m');
    expect(humanDuration(30 * 3600 * s)).toBe('30h');
    expect(humanDuration(20 * 86400 * s)).toBe('20d');
    expect(humanDuration(800 * 86400 * s)).toBe('2y70d');
    expect(humanDuration(9 * 365 * 86400 * s)).toBe('9y');
  });
});
