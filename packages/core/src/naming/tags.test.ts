import { describe, expect, it } from 'vitest';
import { isOwnedBy, ownershipTags } from './tags.ts';

describe('ownership tags', () => {
  const scope = { hubId: 'hub-1', tenant: 'acme', cluster: 'blue' };

  it('recognises resources carrying this hub’s tags for the scope', () => {
    expect(isOwnedBy(ownershipTags(scope), scope)).toBe(true);
    expect(isOwnedBy({ ...ownershipTags(scope), Team: 'x' }, scope)).toBe(true);
  });

  it('never claims untagged, foreign or differently scoped resources', () => {
    expect(isOwnedBy(undefined, scope)).toBe(false);
    expect(isOwnedBy({}, scope)).toBe(false);
    expect(isOwnedBy(ownershipTags({ ...scope, hubId: 'hub-2' }), scope)).toBe(false);
    expect(isOwnedBy(ownershipTags({ ...scope, cluster: 'green' }), scope)).toBe(false);
    expect(isOwnedBy({ ...ownershipTags(scope), ManagedBy: 'someone-else' }, scope)).toBe(false);
  });
});
