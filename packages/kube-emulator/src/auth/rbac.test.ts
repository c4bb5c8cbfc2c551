import { describe, expect, it } from 'vitest';
import { authorize } from './rbac.ts';
import {
  clusterRole,
  clusterRoleBinding,
  emptyRbac,
  groupSubject,
  req,
  role,
  roleBinding,
  saSubject,
  user,
  userSubject,
} from './rbac-fixtures.test-helpers.ts';
import type { RbacObjects } from './types.ts';

const alice = user('alice', 'devs');

function allowed(rbac: RbacObjects, attrs: Parameters<typeof authorize>[0]): boolean {
  return authorize(attrs, rbac).allowed;
}

describe('bindings and scopes', () => {
  const rbac: RbacObjects = {
    roles: [role('team-a', 'pod-reader', [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }])],
    roleBindings: [roleBinding('team-a', 'read-pods', { kind: 'Role', name: 'pod-reader' }, [userSubject('alice')])],
    clusterRoles: [clusterRole('node-reader', [{ apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list'] }])],
    clusterRoleBindings: [clusterRoleBinding('devs-read-nodes', 'node-reader', [groupSubject('devs')])],
  };

  it('a RoleBinding to a Role grants only in its namespace', () => {
    expect(allowed(rbac, req(alice, 'list', 'pods', { namespace: 'team-a' }))).toBe(true);
    expect(allowed(rbac, req(alice, 'list', 'pods', { namespace: 'team-b' }))).toBe(false);
    expect(allowed(rbac, req(alice, 'list', 'pods'))).toBe(false);
    expect(allowed(rbac, req(alice, 'delete', 'pods', { namespace: 'team-a', name: 'p' }))).toBe(false);
  });

  it('a ClusterRoleBinding grants cluster-wide and in every namespace', () => {
    expect(allowed(rbac, req(alice, 'list', 'nodes'))).toBe(true);
    expect(allowed(rbac, req(alice, 'get', 'nodes', { name: 'n1' }))).toBe(true);
    expect(allowed(rbac, req(user('bob'), 'list', 'nodes'))).toBe(false);
  });

  it('a RoleBinding to a ClusterRole grants that role in the binding namespace only', () => {
    const r: RbacObjects = {
      ...emptyRbac(),
      clusterRoles: [clusterRole('cm-editor', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['*'] }])],
      roleBindings: [roleBinding('team-a', 'edit-cm', { kind: 'ClusterRole', name: 'cm-editor' }, [userSubject('alice')])],
    };
    expect(allowed(r, req(alice, 'create', 'configmaps', { namespace: 'team-a' }))).toBe(true);
    expect(allowed(r, req(alice, 'create', 'configmaps', { namespace: 'team-b' }))).toBe(false);
    expect(allowed(r, req(alice, 'list', 'configmaps'))).toBe(false);
  });

  it('a RoleBinding cannot reference a Role of another namespace', () => {
    const r: RbacObjects = {
      ...emptyRbac(),
      roles: [role('other', 'pod-reader', [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }])],
      roleBindings: [roleBinding('team-a', 'rb', { kind: 'Role', name: 'pod-reader' }, [userSubject('alice')])],
    };
    const decision = authorize(req(alice, 'get', 'pods', { namespace: 'team-a', name: 'p' }), r);
    expect(decision.allowed).toBe(false);
    expect(decision.reason).toBe('RBAC: role.rbac.authorization.k8s.io "pod-reader" not found');
  });
});

describe('subjects', () => {
  const reader = clusterRole('reader', [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }]);
  const sa = { username: 'system:serviceaccount:team-a:builder', groups: ['system:serviceaccounts', 'system:serviceaccounts:team-a', 'system:authenticated'] };

  it('ServiceAccount subjects without namespace default to the RoleBinding namespace', () => {
    const r: RbacObjects = { ...emptyRbac(), clusterRoles: [reader], roleBindings: [roleBinding('team-a', 'rb', { kind: 'ClusterRole', name: 'reader' }, [saSubject('builder')])] };
    expect(allowed(r, req(sa, 'get', 'secrets', { namespace: 'team-a', name: 's' }))).toBe(true);
  });

  it('ServiceAccount subjects with a namespace match that account only', () => {
    const r: RbacObjects = { ...emptyRbac(), clusterRoles: [reader], clusterRoleBindings: [clusterRoleBinding('crb', 'reader', [saSubject('builder', 'team-b')])] };
    expect(allowed(r, req(sa, 'get', 'secrets', { namespace: 'x', name: 's' }))).toBe(false);
    const r2: RbacObjects = { ...r, clusterRoleBindings: [clusterRoleBinding('crb', 'reader', [saSubject('builder', 'team-a')])] };
    expect(allowed(r2, req(sa, 'get', 'secrets', { namespace: 'x', name: 's' }))).toBe(true);
  });

  it('a ServiceAccount subject without namespace in a ClusterRoleBinding matches nobody', () => {
    const r: RbacObjects = { ...emptyRbac(), clusterRoles: [reader], clusterRoleBindings: [clusterRoleBinding('crb', 'reader', [saSubject('builder')])] };
    expect(allowed(r, req(sa, 'get', 'secrets', { namespace: 'team-a', name: 's' }))).toBe(false);
  });

  it('groups such as system:serviceaccounts:<ns> and system:authenticated bind', () => {
    const r: RbacObjects = { ...emptyRbac(), clusterRoles: [reader], clusterRoleBindings: [clusterRoleBinding('crb', 'reader', [groupSubject('system:serviceaccounts:team-a')])] };
    expect(allowed(r, req(sa, 'get', 'secrets', { namespace: 'team-a', name: 's' }))).toBe(true);
    expect(allowed(r, req(alice, 'get', 'secrets', { namespace: 'team-a', name: 's' }))).toBe(false);
  });

  it('system:masters is always allowed, even with no RBAC at all', () => {
    expect(allowed(emptyRbac(), req(user('root', 'system:masters'), 'delete', 'namespaces', { name: 'kube-system' }))).toBe(true);
    expect(allowed(emptyRbac(), req(user('root', 'system:masters'), 'get', '', { nonResourcePath: '/metrics' }))).toBe(true);
  });
});

describe('rule matching', () => {
  function single(rule: Record<string, string[]>): RbacObjects {
    return { ...emptyRbac(), clusterRoles: [clusterRole('r', [rule])], clusterRoleBindings: [clusterRoleBinding('b', 'r', [userSubject('alice')])] };
  }

  it('apiGroups must match; * matches any group', () => {
    const r = single({ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get'] });
    expect(allowed(r, req(alice, 'get', 'deployments', { apiGroup: 'apps', namespace: 'd', name: 'x' }))).toBe(true);
    expect(allowed(r, req(alice, 'get', 'deployments', { apiGroup: 'extensions', namespace: 'd', name: 'x' }))).toBe(false);
    const any = single({ apiGroups: ['*'], resources: ['deployments'], verbs: ['get'] });
    expect(allowed(any, req(alice, 'get', 'deployments', { apiGroup: 'extensions', namespace: 'd', name: 'x' }))).toBe(true);
  });

  it('verbs * matches any verb, including custom ones', () => {
    const r = single({ apiGroups: [''], resources: ['serviceaccounts'], verbs: ['*'] });
    expect(allowed(r, req(alice, 'impersonate', 'serviceaccounts', { namespace: 'd', name: 'x' }))).toBe(true);
  });

  it('resources: exact, * (with subresources), resource/subresource and */subresource', () => {
    const plain = single({ apiGroups: [''], resources: ['pods'], verbs: ['get', 'update'] });
    expect(allowed(plain, req(alice, 'get', 'pods', { namespace: 'd', name: 'p' }))).toBe(true);
    expect(allowed(plain, req(alice, 'update', 'pods', { namespace: 'd', name: 'p', subresource: 'status' }))).toBe(false);

    const status = single({ apiGroups: [''], resources: ['pods/status'], verbs: ['update'] });
    expect(allowed(status, req(alice, 'update', 'pods', { namespace: 'd', name: 'p', subresource: 'status' }))).toBe(true);
    expect(allowed(status, req(alice, 'update', 'pods', { namespace: 'd', name: 'p' }))).toBe(false);

    const all = single({ apiGroups: [''], resources: ['*'], verbs: ['get'] });
    expect(allowed(all, req(alice, 'get', 'pods', { namespace: 'd', name: 'p', subresource: 'log' }))).toBe(true);

    const scale = single({ apiGroups: ['*'], resources: ['*/scale'], verbs: ['update'] });
    expect(allowed(scale, req(alice, 'update', 'deployments', { apiGroup: 'apps', namespace: 'd', name: 'x', subresource: 'scale' }))).toBe(true);
    expect(allowed(scale, req(alice, 'update', 'deployments', { apiGroup: 'apps', namespace: 'd', name: 'x' }))).toBe(false);
    expect(allowed(scale, req(alice, 'update', 'deployments', { apiGroup: 'apps', namespace: 'd', name: 'x', subresource: 'status' }))).toBe(false);
  });

  it('resourceNames restrict named requests and never allow create, list, watch or deletecollection', () => {
    const r = single({ apiGroups: [''], resources: ['configmaps'], resourceNames: ['app-config'], verbs: ['*'] });
    expect(allowed(r, req(alice, 'get', 'configmaps', { namespace: 'd', name: 'app-config' }))).toBe(true);
    expect(allowed(r, req(alice, 'update', 'configmaps', { namespace: 'd', name: 'app-config' }))).toBe(true);
    expect(allowed(r, req(alice, 'get', 'configmaps', { namespace: 'd', name: 'other' }))).toBe(false);
    for (const verb of ['create', 'list', 'watch', 'deletecollection']) {
      expect(allowed(r, req(alice, verb, 'configmaps', { namespace: 'd' }))).toBe(false);
    }
    // a list/watch narrowed to one name by fieldSelector carries that name
    expect(allowed(r, req(alice, 'watch', 'configmaps', { namespace: 'd', name: 'app-config' }))).toBe(true);
  });

  it('nonResourceURLs: exact, trailing * prefix, and *', () => {
    const r = single({ nonResourceURLs: ['/healthz', '/apis/*', '/logs*'], verbs: ['get'] });
    const path = (p: string, verb = 'get') => allowed(r, req(alice, verb, '', { nonResourcePath: p }));
    expect(path('/healthz')).toBe(true);
    expect(path('/healthz/etcd')).toBe(false);
    expect(path('/apis/apps/v1')).toBe(true);
    expect(path('/apis')).toBe(false);
    expect(path('/logs')).toBe(true);
    expect(path('/logsX')).toBe(true);
    expect(path('/healthz', 'post')).toBe(false);
    const star = single({ nonResourceURLs: ['*'], verbs: ['*'] });
    expect(allowed(star, req(alice, 'post', '', { nonResourcePath: '/anything' }))).toBe(true);
  });

  it('nonResourceURLs in a ClusterRole bound by a RoleBinding grant nothing', () => {
    const r: RbacObjects = {
      ...emptyRbac(),
      clusterRoles: [clusterRole('metrics', [{ nonResourceURLs: ['/metrics'], verbs: ['get'] }])],
      roleBindings: [roleBinding('d', 'rb', { kind: 'ClusterRole', name: 'metrics' }, [userSubject('alice')])],
    };
    expect(allowed(r, req(alice, 'get', '', { nonResourcePath: '/metrics', namespace: 'd' }))).toBe(false);
  });

  it('resource rules do not match non-resource requests and vice versa', () => {
    const r = single({ apiGroups: ['*'], resources: ['*'], verbs: ['*'] });
    expect(allowed(r, req(alice, 'get', '', { nonResourcePath: '/version' }))).toBe(false);
  });
});

describe('aggregated ClusterRoles', () => {
  const aggregate = { clusterRoleSelectors: [{ matchLabels: { 'example.com/aggregate-to-monitoring': 'true' } }] };

  it('unions the rules of matching ClusterRoles at authorize time', () => {
    const rbac: RbacObjects = {
      ...emptyRbac(),
      clusterRoles: [
        clusterRole('monitoring', [{ apiGroups: [''], resources: ['secrets'], verbs: ['*'] }], {}, aggregate),
        clusterRole('pods', [{ apiGroups: [''], resources: ['pods'], verbs: ['list'] }], { 'example.com/aggregate-to-monitoring': 'true' }),
      ],
      clusterRoleBindings: [clusterRoleBinding('b', 'monitoring', [userSubject('alice')])],
    };
    expect(allowed(rbac, req(alice, 'list', 'pods', { namespace: 'x' }))).toBe(true);
    // the aggregated role's own stored rules are replaced, as the controller would
    expect(allowed(rbac, req(alice, 'get', 'secrets', { namespace: 'x', name: 's' }))).toBe(false);
    // a role labelled later counts at once
    rbac.clusterRoles.push(
      clusterRole('services', [{ apiGroups: [''], resources: ['services'], verbs: ['get'] }], { 'example.com/aggregate-to-monitoring': 'true' }),
    );
    expect(allowed(rbac, req(alice, 'get', 'services', { namespace: 'x', name: 's' }))).toBe(true);
  });

  it('nests aggregation and survives cycles', () => {
    const rbac: RbacObjects = {
      ...emptyRbac(),
      clusterRoles: [
        clusterRole('outer', [], {}, { clusterRoleSelectors: [{ matchLabels: { level: 'inner' } }] }),
        clusterRole('inner', [], { level: 'inner' }, { clusterRoleSelectors: [{ matchLabels: { level: 'leaf' } }, { matchLabels: { level: 'outer' } }] }),
        clusterRole('leaf', [{ apiGroups: [''], resources: ['events'], verbs: ['get'] }], { level: 'leaf' }),
      ],
      clusterRoleBindings: [clusterRoleBinding('b', 'outer', [userSubject('alice')])],
    };
    expect(allowed(rbac, req(alice, 'get', 'events', { namespace: 'x', name: 'e' }))).toBe(true);
  });

  it('matchExpressions selectors work and invalid ones are skipped', () => {
    const rbac: RbacObjects = {
      ...emptyRbac(),
      clusterRoles: [
        clusterRole('agg', [], {}, {
          clusterRoleSelectors: [
            { matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }] },
            { matchExpressions: [{ key: 'tier', operator: 'Bogus' }] },
          ],
        }),
        clusterRole('b-role', [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }], { tier: 'b' }),
      ],
      clusterRoleBindings: [clusterRoleBinding('bind', 'agg', [userSubject('alice')])],
    };
    expect(allowed(rbac, req(alice, 'get', 'pods', { namespace: 'x', name: 'p' }))).toBe(true);
  });
});

describe('decisions and reasons', () => {
  it('explains allowed requests like the RBAC authorizer', () => {
    const rbac: RbacObjects = {
      ...emptyRbac(),
      clusterRoles: [clusterRole('view', [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }])],
      roleBindings: [roleBinding('d', 'viewers', { kind: 'ClusterRole', name: 'view' }, [saSubject('robot')])],
      clusterRoleBindings: [clusterRoleBinding('all-view', 'view', [groupSubject('devs')])],
    };
    expect(authorize(req(alice, 'get', 'pods', { namespace: 'd', name: 'p' }), rbac).reason).toBe(
      'RBAC: allowed by ClusterRoleBinding "all-view" of ClusterRole "view" to Group "devs"',
    );
    const robot = { username: 'system:serviceaccount:d:robot', groups: [] };
    expect(authorize(req(robot, 'get', 'pods', { namespace: 'd', name: 'p' }), rbac).reason).toBe(
      'RBAC: allowed by RoleBinding "viewers/d" of ClusterRole "view" to ServiceAccount "robot/d"',
    );
  });

  it('denies with the 403 message, appending missing-role errors', () => {
    const rbac: RbacObjects = {
      ...emptyRbac(),
      clusterRoleBindings: [clusterRoleBinding('gone', 'deleted-role', [userSubject('alice')]), clusterRoleBinding('gone2', 'other-gone', [userSubject('alice')])],
    };
    const decision = authorize(req(alice, 'list', 'pods', { namespace: 'default' }), rbac);
    expect(decision).toEqual({
      allowed: false,
      reason:
        'RBAC: [clusterrole.rbac.authorization.k8s.io "deleted-role" not found, clusterrole.rbac.authorization.k8s.io "other-gone" not found]',
      message:
        'pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "default": RBAC: [clusterrole.rbac.authorization.k8s.io "deleted-role" not found, clusterrole.rbac.authorization.k8s.io "other-gone" not found]',
    });
    expect(authorize(req(user('bob'), 'list', 'pods', { namespace: 'default' }), rbac)).toEqual({
      allowed: false,
      reason: '',
      message: 'pods is forbidden: User "bob" cannot list resource "pods" in API group "" in the namespace "default"',
    });
  });
});
