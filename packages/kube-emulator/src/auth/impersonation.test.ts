import { describe, expect, it } from 'vitest';
import { defaultClusterRbac } from './default-cluster-rbac.ts';
import { impersonate } from './impersonation.ts';
import { clusterRole, clusterRoleBinding, user, userSubject } from './rbac-fixtures.test-helpers.ts';
import type { RbacObjects } from './types.ts';

const admin = user('admin', 'system:masters');

function rbacWith(rules: Record<string, string[]>[]): RbacObjects {
  const rbac = defaultClusterRbac();
  rbac.clusterRoles.push(clusterRole('impersonator', rules));
  rbac.clusterRoleBindings.push(clusterRoleBinding('impersonator', 'impersonator', [userSubject('bob')]));
  return rbac;
}

describe('impersonate', () => {
  it('does nothing without Impersonate-* headers', () => {
    expect(impersonate(admin, { accept: 'application/json' }, defaultClusterRbac())).toEqual({ kind: 'none' });
  });

  it('lets system:masters impersonate a user with groups', () => {
    expect(impersonate(admin, { 'impersonate-user': 'alice', 'impersonate-group': ['devs', 'ops'] }, defaultClusterRbac())).toEqual({
      kind: 'impersonated',
      user: { username: 'alice', groups: ['devs', 'ops', 'system:authenticated'], extra: {} },
    });
  });

  it('gives service accounts their fixed groups unless groups are given', () => {
    const result = impersonate(admin, { 'impersonate-user': 'system:serviceaccount:ci:deployer' }, defaultClusterRbac());
    expect(result).toEqual({
      kind: 'impersonated',
      user: {
        username: 'system:serviceaccount:ci:deployer',
        groups: ['system:serviceaccounts', 'system:serviceaccounts:ci', 'system:authenticated'],
        extra: {},
      },
    });
  });

  it('carries extras and uid', () => {
    const result = impersonate(
      admin,
      { 'impersonate-user': 'alice', 'impersonate-uid': 'u-1', 'impersonate-extra-scopes%2Fa': ['x', 'y'] },
      defaultClusterRbac(),
    );
    expect(result).toEqual({ kind: 'impersonated', user: { username: 'alice', uid: 'u-1', groups: ['system:authenticated'], extra: { 'scopes/a': ['x', 'y'] } } });
  });

  it('keeps system:unauthenticated for anonymous', () => {
    const result = impersonate(admin, { 'impersonate-user': 'system:anonymous' }, defaultClusterRbac());
    expect(result).toMatchObject({ kind: 'impersonated', user: { groups: ['system:unauthenticated'] } });
  });

  it('authorizes each piece with the impersonate verb', () => {
    const rbac = rbacWith([{ apiGroups: [''], resources: ['users'], verbs: ['impersonate'], resourceNames: ['alice'] }]);
    const bob = user('bob');
    expect(impersonate(bob, { 'impersonate-user': 'alice' }, rbac)).toMatchObject({ kind: 'impersonated', user: { username: 'alice' } });
    expect(impersonate(bob, { 'impersonate-user': 'carol' }, rbac)).toEqual({
      kind: 'forbidden',
      attributes: { user: bob, verb: 'impersonate', apiGroup: '', resource: 'users', name: 'carol' },
      message: 'users "carol" is forbidden: User "bob" cannot impersonate resource "users" in API group "" at the cluster scope',
    });
    expect(impersonate(bob, { 'impersonate-user': 'alice', 'impersonate-group': 'system:masters' }, rbac)).toMatchObject({
      kind: 'forbidden',
      message: 'groups "system:masters" is forbidden: User "bob" cannot impersonate resource "groups" in API group "" at the cluster scope',
    });
    expect(impersonate(bob, { 'impersonate-user': 'system:serviceaccount:ci:deployer' }, rbac)).toMatchObject({
      kind: 'forbidden',
      message:
        'serviceaccounts "deployer" is forbidden: User "bob" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "ci"',
    });
  });

  it('rejects groups without a user', () => {
    expect(impersonate(admin, { 'impersonate-group': 'devs' }, defaultClusterRbac()).kind).toBe('invalid');
  });
});
