// `helm template` of charts/trellis-workload: the hub's identity gets exactly the MCS verbs.
import { describe, expect, it } from 'vitest';
import {
  find,
  helm,
  helmOk,
  ofKind,
  template,
  WORKLOAD_CHART,
  type Manifest,
} from './support/helm.ts';
import { grants } from './support/workloads.ts';

type Binding = Manifest & {
  subjects: { kind: string; name: string; apiGroup: string }[];
  roleRef: { kind: string; name: string };
};

describe.concurrent('charts/trellis-workload', () => {
  it('lints clean', async () => {
    await helmOk(['lint', '--strict', WORKLOAD_CHART, '--set', 'importNamespaces={shop}']);
  });

  it('grants the hub group exactly the MCS verbs, cluster-wide', async () => {
    const manifests = await template(WORKLOAD_CHART, [], 'mcs');
    expect(manifests.map((m) => `${m.kind}/${m.metadata.name}`).sort()).toEqual([
      'ClusterRole/mcs-trellis-workload-hub',
      'ClusterRoleBinding/mcs-trellis-workload-hub',
    ]);
    expect(grants(find(manifests, 'ClusterRole', 'mcs-trellis-workload-hub'))).toEqual(
      [
        ...['get', 'list', 'watch'].map((v) => `multicluster.x-k8s.io/serviceexports:${v}`),
        'multicluster.x-k8s.io/serviceexports/status:update',
        'multicluster.x-k8s.io/serviceexports/status:patch',
        ...['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'].map(
          (v) => `multicluster.x-k8s.io/serviceimports:${v}`,
        ),
        ...['get', 'update', 'patch'].map(
          (v) => `multicluster.x-k8s.io/serviceimports/status:${v}`,
        ),
        ...['get', 'list', 'watch'].map((v) => `core/services:${v}`),
        ...['get', 'list', 'watch'].map((v) => `discovery.k8s.io/endpointslices:${v}`),
        ...['get', 'list', 'watch'].map((v) => `core/namespaces:${v}`),
        'apiextensions.k8s.io/customresourcedefinitions[serviceexports.multicluster.x-k8s.io,serviceimports.multicluster.x-k8s.io]:get',
      ].sort(),
    );
    const binding = find(manifests, 'ClusterRoleBinding', 'mcs-trellis-workload-hub') as Binding;
    expect(binding.roleRef).toEqual({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: 'mcs-trellis-workload-hub',
    });
    expect(binding.subjects).toEqual([
      { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'trellis-hub' },
    ]);
  });

  it('lets the hub write Services only in opted-in namespaces, bound to the configured subjects', async () => {
    const manifests = await template(
      WORKLOAD_CHART,
      [
        '--set',
        'importNamespaces={shop,payments},hub.groups={platform-trellis},hub.users={trellis-hub-user}',
      ],
      'mcs',
    );
    const roles = ofKind(manifests, 'Role');
    expect(roles.map((r) => r.metadata.namespace).sort()).toEqual(['payments', 'shop']);
    for (const role of roles) {
      expect(grants(role)).toEqual([
        'core/services:create',
        'core/services:delete',
        'core/services:update',
      ]);
    }
    const bindings = ofKind(manifests, 'RoleBinding') as Binding[];
    expect(bindings.map((b) => b.metadata.namespace).sort()).toEqual(['payments', 'shop']);
    for (const binding of [
      ...bindings,
      find(manifests, 'ClusterRoleBinding', 'mcs-trellis-workload-hub') as Binding,
    ]) {
      expect(binding.subjects).toEqual([
        { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'platform-trellis' },
        { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'trellis-hub-user' },
      ]);
    }
  });

  it('never grants wildcards, secrets or anything outside its list', async () => {
    const manifests = await template(WORKLOAD_CHART, ['--set', 'importNamespaces={shop}'], 'mcs');
    for (const role of [...ofKind(manifests, 'ClusterRole'), ...ofKind(manifests, 'Role')]) {
      for (const g of grants(role)) {
        expect(g).not.toMatch(/\*|secrets|pods|escalate|bind|impersonate/);
      }
    }
  });

  it('rejects an identity-less or system: group with the schema message', async () => {
    const none = await helm(['template', 'mcs', WORKLOAD_CHART, '--set', 'hub.groups=null']);
    expect(none.code).not.toBe(0);
    expect(none.stderr).toContain('hub: Must validate at least one schema (anyOf)');
    const system = await helm([
      'template',
      'mcs',
      WORKLOAD_CHART,
      '--set',
      'hub.groups={system:masters}',
    ]);
    expect(system.code).not.toBe(0);
    expect(system.stderr).toContain('hub.groups.0: Must not validate the schema (not)');
    const badNs = await helm([
      'template',
      'mcs',
      WORKLOAD_CHART,
      '--set',
      'importNamespaces={Shop_1}',
    ]);
    expect(badNs.code).not.toBe(0);
    expect(badNs.stderr).toContain('importNamespaces.0: Does not match pattern');
  });
});
