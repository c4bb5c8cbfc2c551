import { describe, expect, it } from 'vitest';
import { bearerTokenFromHeader } from './bearer-token.ts';

describe('bearerTokenFromHeader', () => {
  it('reads Bearer tokens like kube-apiserver', () => {
    expect(bearerTokenFromHeader('Bearer abc')).toBe('abc');
    expect(bearerTokenFromHeader('bearer abc')).toBe('abc');
    expect(bearerTokenFromHeader('  Bearer abc  ')).toBe('abc');
    expect(bearerTokenFromHeader('Bearer abc def')).toBe('abc');
    expect(bearerTokenFromHeader('Bearer  abc')).toBeUndefined();
    expect(bearerTokenFromHeader('Basic abc')).toBeUndefined();
    expect(bearerTokenFromHeader('Bearer')).toBeUndefined();
    expect(bearerTokenFromHeader(undefined)).toBeUndefined();
  });
});
