import { describe, expect, it } from 'vitest';
import { forbiddenMessage, forbiddenStatus, unauthorizedStatus } from './forbidden-message.ts';
import { req, user } from './rbac-fixtures.test-helpers.ts';

const alice = user('alice');

describe('forbiddenMessage', () => {
  it('namespaced collection', () => {
    expect(forbiddenMessage(req(alice, 'list', 'pods', { namespace: 'default' }))).toBe(
      'pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "default"',
    );
  });

  it('cluster scope', () => {
    expect(forbiddenMessage(req(alice, 'list', 'nodes'))).toBe(
      'nodes is forbidden: User "alice" cannot list resource "nodes" in API group "" at the cluster scope',
    );
  });

  it('named object, group-qualified resource', () => {
    expect(forbiddenMessage(req(alice, 'get', 'deployments', { apiGroup: 'apps', namespace: 'web', name: 'frontend' }))).toBe(
      'deployments.apps "frontend" is forbidden: User "alice" cannot get resource "deployments" in API group "apps" in the namespace "web"',
    );
  });

  it('subresource', () => {
    expect(forbiddenMessage(req(alice, 'update', 'pods', { namespace: 'd', name: 'foo', subresource: 'status' }))).toBe(
      'pods "foo" is forbidden: User "alice" cannot update resource "pods/status" in API group "" in the namespace "d"',
    );
  });

  it('non-resource path', () => {
    expect(forbiddenMessage(req(alice, 'get', '', { nonResourcePath: '/foo' }))).toBe('forbidden: User "alice" cannot get path "/foo"');
  });

  it('service-account user and a reason', () => {
    const sa = { username: 'system:serviceaccount:ns:sa', groups: [] };
    expect(forbiddenMessage(req(sa, 'create', 'secrets', { namespace: 'ns' }), 'RBAC: role.rbac.authorization.k8s.io "r" not found')).toBe(
      'secrets is forbidden: User "system:serviceaccount:ns:sa" cannot create resource "secrets" in API group "" in the namespace "ns": RBAC: role.rbac.authorization.k8s.io "r" not found',
    );
  });
});

describe('Status bodies', () => {
  it('403 with details as the server sends them', () => {
    expect(forbiddenStatus(req(alice, 'list', 'pods', { namespace: 'default' }))).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "default"',
      reason: 'Forbidden',
      details: { kind: 'pods' },
      code: 403,
    });
    expect(forbiddenStatus(req(alice, 'get', 'deployments', { apiGroup: 'apps', namespace: 'd', name: 'x' })).details).toEqual({
      name: 'x',
      group: 'apps',
      kind: 'deployments',
    });
    expect(forbiddenStatus(req(alice, 'get', '', { nonResourcePath: '/x' })).details).toEqual({});
  });

  it('401', () => {
    expect(unauthorizedStatus()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Unauthorized',
      reason: 'Unauthorized',
      code: 401,
    });
  });
});
