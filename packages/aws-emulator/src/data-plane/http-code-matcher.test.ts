import { describe, expect, it } from 'vitest';
import { InvalidHttpCodeMatcherError, parseHttpCodeMatcher } from './http-code-matcher.ts';

describe('health check matcher', () => {
  it('defaults to 200 and accepts codes, lists and ranges', () => {
    expect(parseHttpCodeMatcher(undefined)(200)).toBe(true);
    expect(parseHttpCodeMatcher(undefined)(204)).toBe(false);
    const matcher = parseHttpCodeMatcher('200,202-204');
    expect([200, 201, 202, 204, 205].map(matcher)).toEqual([true, false, true, true, false]);
  });

  it('rejects what is not a code', () => {
    expect(() => parseHttpCodeMatcher('2xx')).toThrow(InvalidHttpCodeMatcherError);
  });
});
