import { describe, expect, it } from 'vitest';
import { anonymousUser, parseServiceAccountUsername, serviceAccountUsername, withAuthenticatedGroup } from './user-info.ts';

describe('user info helpers', () => {
  it('adds system:authenticated once, never to anonymous', () => {
    expect(withAuthenticatedGroup({ username: 'a', groups: ['g'] }).groups).toEqual(['g', 'system:authenticated']);
    expect(withAuthenticatedGroup({ username: 'a', groups: ['system:authenticated'] }).groups).toEqual(['system:authenticated']);
    expect(withAuthenticatedGroup(anonymousUser()).groups).toEqual(['system:unauthenticated']);
  });

  it('builds and parses service-account usernames', () => {
    expect(serviceAccountUsername('ns', 'sa')).toBe('system:serviceaccount:ns:sa');
    expect(parseServiceAccountUsername('system:serviceaccount:ns:sa')).toEqual({ namespace: 'ns', name: 'sa' });
    expect(parseServiceAccountUsername('system:serviceaccount:ns')).toBeUndefined();
    expect(parseServiceAccountUsername('alice')).toBeUndefined();
  });
});
