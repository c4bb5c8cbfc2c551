import { describe, expect, it } from 'vitest';
import { effectiveFormat, isDate, isDateTime, matchesFormat } from './formats.ts';

describe('formats', () => {
  it('keeps only the formats the apiserver enforces for the type', () => {
    expect(effectiveFormat({ format: 'date-time' }, ['string'])).toBe('date-time');
    expect(effectiveFormat({ format: 'int-or-string' }, ['integer', 'string'])).toBe('');
    expect(effectiveFormat({ format: 'int32' }, ['integer'])).toBe('int32');
    expect(effectiveFormat({ format: 'uint32' }, ['integer'])).toBe('');
    expect(effectiveFormat({ format: 'double' }, ['number'])).toBe('double');
    expect(effectiveFormat({ format: 'date' }, ['boolean'])).toBe('');
    expect(effectiveFormat({ format: 'quantity' }, ['string'])).toBe('');
  });

  it('checks dates and date-times like strfmt', () => {
    expect(isDate('2026-02-28')).toBe(true);
    expect(isDate('2026-02-29')).toBe(false);
    expect(isDate('2026-2-1')).toBe(false);
    expect(isDateTime('2026-11-23T10:00:00Z')).toBe(true);
    expect(isDateTime('2026-11-23t10:00:00.123+01:00')).toBe(true);
    expect(isDateTime('2026-11-23T24:00:00Z')).toBe(false);
    expect(isDateTime('2026-11-23 10:00:00Z')).toBe(false);
  });

  it.each([
    ['ipv4', '10.0.0.1', true],
    ['ipv4', '010.000.000.001', true],
    ['ipv4', '10.0.0.256', false],
    ['ipv4', '::1', false],
    ['ipv6', 'fd00::1', true],
    ['ipv6', '10.0.0.1', false],
    ['cidr', '10.0.0.0/8', true],
    ['cidr', 'fd00::/64', true],
    ['cidr', '10.0.0.0/33', false],
    ['hostname', 'api.example.com', true],
    ['hostname', '-bad.example.com', false],
    ['email', 'ops@example.com', true],
    ['email', 'Ops <ops@example.com>', true],
    ['email', 'not-an-email', false],
    ['uri', 'https://example.com/x', true],
    ['uri', '/relative/path', true],
    ['uri', 'relative', false],
    ['uuid', '123E4567-E89B-12D3-A456-426614174000', true],
    ['byte', 'aGVsbG8=', true],
    ['byte', '', false],
    ['mac', '01:23:45:67:89:ab', true],
    ['mac', '0123.4567.89ab', true],
    ['duration', '1h30m', true],
    ['duration', '3 days', true],
    ['duration', 'soon', false],
    ['k8s-short-name', 'my-name', true],
    ['k8s-short-name', 'My-Name', false],
    ['k8s-long-name', 'a.b-c.d', true],
    ['rgbcolor', 'rgb(1, 2, 255)', true],
    ['rgbcolor', 'rgb(1, 2, 256)', false],
    ['password', 'anything', true],
  ])('%s %j → %s', (format, value, ok) => {
    expect(matchesFormat(format, value)).toBe(ok);
  });
});
