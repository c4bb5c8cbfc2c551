import { ValidationError } from '@trellis/core';
import { describe, expect, it } from 'vitest';
import { paginate } from './pagination.ts';

const names = ['delta', 'alpha', 'charlie', 'bravo', 'echo'];
const self = (s: string) => s;

describe('paginate', () => {
  it('walks all items in name order with an opaque cursor', () => {
    const first = paginate(names, self, { limit: '2' });
    expect(first.items).toEqual(['alpha', 'bravo']);
    const second = paginate(names, self, { limit: '2', continue: first.continue ?? '' });
    expect(second.items).toEqual(['charlie', 'delta']);
    const third = paginate(names, self, { limit: '2', continue: second.continue ?? '' });
    expect(third).toEqual({ items: ['echo'] });
  });

  it('keeps its place when the item at the boundary is deleted', () => {
    const first = paginate(names, self, { limit: '2' });
    const next = paginate(
      names.filter((n) => n !== 'bravo'),
      self,
      { limit: '2', continue: first.continue ?? '' },
    );
    expect(next.items).toEqual(['charlie', 'delta']);
  });

  it('rejects bad limits and forged cursors as validation errors', () => {
    expect(() => paginate(names, self, { limit: '0' })).toThrow(ValidationError);
    expect(() => paginate(names, self, { limit: '501' })).toThrow(ValidationError);
    expect(() => paginate(names, self, { continue: 'nope' })).toThrow(ValidationError);
  });
});
