import { describe, expect, it } from 'vitest';
import { aggregatedClusterRoleRules, defaultClusterRbac } from './default-cluster-rbac.ts';
import { authorize } from './rbac.ts';
import { clusterRole, groupSubject, req, roleBinding, user, userSubject } from './rbac-fixtures.test-helpers.ts';
import type { JsonObject } from '../json.ts';
import type { RbacObjects } from './types.ts';

function withBindings(extra: Partial<RbacObjects>): RbacObjects {
  const base = defaultClusterRbac();
  return {
    roles: [...base.roles, ...(extra.roles ?? [])],
    roleBindings: [...base.roleBindings, ...(extra.roleBindings ?? [])],
    clusterRoles: [...base.clusterRoles, ...(extra.clusterRoles ?? [])],
    clusterRoleBindings: [...base.clusterRoleBindings, ...(extra.clusterRoleBindings ?? [])],
  };
}

const nobody = user('nobody');

describe('defaultClusterRbac', () => {
  it('lets every authenticated user discover the API and review itself', () => {
    const rbac = defaultClusterRbac();
    for (const path of ['/api', '/api/v1', '/apis', '/apis/apps/v1', '/version', '/healthz', '/livez', '/readyz', '/openapi/v2', '/openapi/v3/apis/apps/v1']) {
      expect(authorize(req(nobody, 'get', '', { nonResourcePath: path }), rbac).allowed, path).toBe(true);
    }
    expect(authorize(req(nobody, 'get', '', { nonResourcePath: '/metrics' }), rbac).allowed).toBe(false);
    expect(authorize(req(nobody, 'create', 'selfsubjectaccessreviews', { apiGroup: 'authorization.k8s.io' }), rbac).allowed).toBe(true);
    expect(authorize(req(nobody, 'create', 'selfsubjectrulesreviews', { apiGroup: 'authorization.k8s.io' }), rbac).allowed).toBe(true);
    expect(authorize(req(nobody, 'create', 'selfsubjectreviews', { apiGroup: 'authentication.k8s.io' }), rbac).allowed).toBe(true);
    expect(authorize(req(nobody, 'list', 'pods', { namespace: 'default' }), rbac).allowed).toBe(false);
  });

  it('lets anonymous users read only public info', () => {
    const anonymous = { username: 'system:anonymous', groups: ['system:unauthenticated'] };
    const rbac = defaultClusterRbac();
    expect(authorize(req(anonymous, 'get', '', { nonResourcePath: '/version' }), rbac).allowed).toBe(true);
    expect(authorize(req(anonymous, 'get', '', { nonResourcePath: '/api' }), rbac).allowed).toBe(false);
  });

  it('binds cluster-admin to system:masters', () => {
    const binding = defaultClusterRbac().clusterRoleBindings.find((b) => (b.metadata as JsonObject).name === 'cluster-admin');
    expect(binding?.subjects).toEqual([{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:masters' }]);
  });

  it('cluster-admin bound to a user allows everything', () => {
    const rbac = withBindings({ clusterRoleBindings: [{ metadata: { name: 'x' }, roleRef: { kind: 'ClusterRole', name: 'cluster-admin' }, subjects: [userSubject('ops')] }] });
    const ops = user('ops');
    expect(authorize(req(ops, 'delete', 'namespaces', { name: 'kube-system' }), rbac).allowed).toBe(true);
    expect(authorize(req(ops, 'get', '', { nonResourcePath: '/metrics' }), rbac).allowed).toBe(true);
  });

  it('view, edit and admin aggregate as upstream', () => {
    const binding = (role: string) => roleBinding('team', role, { kind: 'ClusterRole', name: role }, [groupSubject(`team-${role}`)]);
    const rbac = withBindings({ roleBindings: [binding('view'), binding('edit'), binding('admin')] });
    const viewer = user('v', 'team-view');
    const editor = user('e', 'team-edit');
    const admin = user('a', 'team-admin');
    const can = (u: typeof viewer, verb: string, resource: string, extra: object = {}) =>
      authorize(req(u, verb, resource, { namespace: 'team', ...extra }), rbac).allowed;

    expect(can(viewer, 'list', 'pods')).toBe(true);
    expect(can(viewer, 'get', 'deployments', { apiGroup: 'apps', name: 'd' })).toBe(true);
    expect(can(viewer, 'get', 'secrets', { name: 's' })).toBe(false);
    expect(can(viewer, 'create', 'pods')).toBe(false);
    expect(can(viewer, 'list', 'pods', { namespace: 'elsewhere' })).toBe(false);

    expect(can(editor, 'create', 'deployments', { apiGroup: 'apps' })).toBe(true);
    expect(can(editor, 'get', 'secrets', { name: 's' })).toBe(true);
    expect(can(editor, 'list', 'pods')).toBe(true); // via view
    expect(can(editor, 'create', 'rolebindings', { apiGroup: 'rbac.authorization.k8s.io' })).toBe(false);

    expect(can(admin, 'create', 'rolebindings', { apiGroup: 'rbac.authorization.k8s.io' })).toBe(true);
    expect(can(admin, 'update', 'deployments', { apiGroup: 'apps', name: 'd', subresource: 'scale' })).toBe(true); // via edit
    expect(can(admin, 'watch', 'endpointslices', { apiGroup: 'discovery.k8s.io' })).toBe(true); // via view
  });

  it('custom roles labelled aggregate-to-view extend view', () => {
    const crdReader = clusterRole('widgets-view', [{ apiGroups: ['example.com'], resources: ['widgets'], verbs: ['get', 'list'] }], {
      'rbac.authorization.k8s.io/aggregate-to-view': 'true',
    });
    const rbac = withBindings({ clusterRoles: [crdReader], roleBindings: [roleBinding('t', 'v', { kind: 'ClusterRole', name: 'view' }, [userSubject('v')])] });
    expect(authorize(req(user('v'), 'list', 'widgets', { apiGroup: 'example.com', namespace: 't' }), rbac).allowed).toBe(true);
    expect(authorize(req(user('v'), 'list', 'widgets', { apiGroup: 'example.com', namespace: 't' }), defaultClusterRbac()).allowed).toBe(false);
  });

  it('stores the aggregated rules in admin/edit/view like the controller', () => {
    const rbac = defaultClusterRbac();
    const view = rbac.clusterRoles.find((r) => (r.metadata as JsonObject).name === 'view');
    expect(Array.isArray(view?.rules) && view.rules.length).toBeGreaterThan(5);
    expect(aggregatedClusterRoleRules('admin', rbac)?.length).toBeGreaterThan(aggregatedClusterRoleRules('edit', rbac)?.length ?? 0);
    expect(aggregatedClusterRoleRules('missing', rbac)).toBeUndefined();
  });

  it('returns fresh objects each call', () => {
    const a = defaultClusterRbac();
    a.clusterRoles.pop();
    expect(defaultClusterRbac().clusterRoles.length).toBe(a.clusterRoles.length + 1);
  });
});
