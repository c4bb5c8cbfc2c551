import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json.ts';
import {
  aggregatedDiscovery,
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
  compareKubeAwareVersions,
  negotiateDiscovery,
} from './index.ts';
import { TEST_TYPES } from './test-resource-types.ts';

const KUBECTL_132_ACCEPT =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

function resources(doc: JsonObject | undefined): JsonObject[] {
  return (doc?.resources ?? []) as JsonObject[];
}

describe('version ordering', () => {
  it('sorts versions the way Kubernetes does', () => {
    const versions = [
      'v1alpha1',
      'foo10',
      'v1beta1',
      'v1',
      'v2beta1',
      'v11alpha2',
      'v2',
      'foo1',
      'v1beta2',
      'v12alpha1',
    ];
    expect([...versions].sort(compareKubeAwareVersions)).toEqual([
      'v2',
      'v1',
      'v2beta1',
      'v1beta2',
      'v1beta1',
      'v12alpha1',
      'v11alpha2',
      'v1alpha1',
      'foo1',
      'foo10',
    ]);
  });
});

describe('legacy discovery', () => {
  it('serves the core versions', () => {
    expect(apiVersions()).toEqual({
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [],
    });
    expect(apiVersions('127.0.0.1:6443').serverAddressByClientCIDRs).toEqual([
      { clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' },
    ]);
  });

  it('lists groups in priority order, CRD groups after built-ins, preferred version first', () => {
    const list = apiGroupList(TEST_TYPES);
    expect(list.kind).toBe('APIGroupList');
    const groups = list.groups as JsonObject[];
    expect(groups.map((g) => g.name)).toEqual([
      'apps',
      'events.k8s.io',
      'rbac.authorization.k8s.io',
      'apiextensions.k8s.io',
      'coordination.k8s.io',
      'discovery.k8s.io',
      'example.com',
      'multicluster.x-k8s.io',
    ]);
    const widgets = groups.find((g) => g.name === 'example.com');
    // v2alpha1 is not served; v1 wins over the v1beta1 storage version as on a real server
    expect(widgets).toEqual({
      name: 'example.com',
      versions: [
        { groupVersion: 'example.com/v1', version: 'v1' },
        { groupVersion: 'example.com/v1beta1', version: 'v1beta1' },
        { groupVersion: 'example.com/v1alpha1', version: 'v1alpha1' },
      ],
      preferredVersion: { groupVersion: 'example.com/v1', version: 'v1' },
    });
    expect(apiGroup(TEST_TYPES, 'apps')).toMatchObject({
      kind: 'APIGroup',
      apiVersion: 'v1',
      name: 'apps',
    });
    expect(apiGroup(TEST_TYPES, 'nope.io')).toBeUndefined();
  });

  it('lists core resources with subresources and the real storage version hashes', () => {
    const list = apiResourceList(TEST_TYPES, '', 'v1');
    expect(list).toMatchObject({ kind: 'APIResourceList', apiVersion: 'v1', groupVersion: 'v1' });
    const pods = resources(list).filter(
      (r) => typeof r.name === 'string' && r.name.startsWith('pods'),
    );
    expect(pods).toEqual([
      {
        name: 'pods',
        singularName: 'pod',
        namespaced: true,
        kind: 'Pod',
        verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
        shortNames: ['po'],
        categories: ['all'],
        storageVersionHash: 'xPOwRZ+Yhw8=',
      },
      {
        name: 'pods/status',
        singularName: '',
        namespaced: true,
        kind: 'Pod',
        verbs: ['get', 'patch', 'update'],
      },
    ]);
    const ns = resources(list).find((r) => r.name === 'namespaces');
    expect(ns).toMatchObject({ namespaced: false, shortNames: ['ns'] });
    expect(resources(list).find((r) => r.name === 'secrets')).not.toHaveProperty('shortNames');
  });

  it('describes the scale subresource as autoscaling/v1 Scale', () => {
    const list = apiResourceList(TEST_TYPES, 'apps', 'v1');
    expect(list?.groupVersion).toBe('apps/v1');
    expect(resources(list).map((r) => r.name)).toEqual([
      'deployments',
      'deployments/scale',
      'deployments/status',
    ]);
    expect(resources(list)[0]?.storageVersionHash).toBe('8aSe+NMegvE=');
    expect(resources(list)[1]).toMatchObject({
      group: 'autoscaling',
      version: 'v1',
      kind: 'Scale',
    });
  });

  it('hashes every CRD version by its storage version and hides unserved versions', () => {
    const v1 = resources(apiResourceList(TEST_TYPES, 'example.com', 'v1'));
    const v1beta1 = resources(apiResourceList(TEST_TYPES, 'example.com', 'v1beta1'));
    expect(v1[0]?.storageVersionHash).toBe(v1beta1[0]?.storageVersionHash);
    expect(apiResourceList(TEST_TYPES, 'example.com', 'v2alpha1')).toBeUndefined();
    expect(apiResourceList(TEST_TYPES, 'nope.io', 'v1')).toBeUndefined();
  });
});

describe('aggregated discovery', () => {
  it('answers /api with the core group only', () => {
    const doc = aggregatedDiscovery(TEST_TYPES, 'api');
    expect(doc).toMatchObject({
      kind: 'APIGroupDiscoveryList',
      apiVersion: 'apidiscovery.k8s.io/v2',
      metadata: {},
    });
    const items = doc.items as JsonObject[];
    expect(items).toHaveLength(1);
    expect(items[0]?.metadata).toEqual({ creationTimestamp: null });
    const version = (items[0]?.versions as JsonObject[])[0];
    expect(version?.version).toBe('v1');
    expect(version?.freshness).toBe('Current');
    const pods = resources(version).find((r) => r.resource === 'pods');
    expect(pods).toEqual({
      resource: 'pods',
      responseKind: { group: '', version: 'v1', kind: 'Pod' },
      scope: 'Namespaced',
      singularResource: 'pod',
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      shortNames: ['po'],
      categories: ['all'],
      subresources: [
        {
          subresource: 'status',
          responseKind: { group: '', version: 'v1', kind: 'Pod' },
          verbs: ['get', 'patch', 'update'],
        },
      ],
    });
  });

  it('answers /apis with every named group and version', () => {
    const doc = aggregatedDiscovery(TEST_TYPES, 'apis', 'v2beta1');
    expect(doc.apiVersion).toBe('apidiscovery.k8s.io/v2beta1');
    const items = doc.items as JsonObject[];
    expect(items.map((i) => (i.metadata as JsonObject).name)).toEqual(
      (apiGroupList(TEST_TYPES).groups as JsonObject[]).map((g) => g.name),
    );
    const widgets = items.find((i) => (i.metadata as JsonObject).name === 'example.com');
    expect((widgets?.versions as JsonObject[]).map((v) => v.version)).toEqual([
      'v1',
      'v1beta1',
      'v1alpha1',
    ]);
    const apps = items.find((i) => (i.metadata as JsonObject).name === 'apps');
    const deployments = resources((apps?.versions as JsonObject[])[0])[0];
    expect(deployments?.subresources).toEqual([
      {
        subresource: 'scale',
        responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' },
        verbs: ['get', 'patch', 'update'],
      },
      {
        subresource: 'status',
        responseKind: { group: 'apps', version: 'v1', kind: 'Deployment' },
        verbs: ['get', 'patch', 'update'],
      },
    ]);
    const clusterRoles = resources(
      (
        items.find((i) => (i.metadata as JsonObject).name === 'rbac.authorization.k8s.io')
          ?.versions as JsonObject[]
      )[0],
    ).find((r) => r.resource === 'clusterroles');
    expect(clusterRoles?.scope).toBe('Cluster');
  });
});

describe('negotiateDiscovery', () => {
  it('picks aggregated v2 for what kubectl 1.32 sends', () => {
    expect(negotiateDiscovery(KUBECTL_132_ACCEPT)).toEqual({
      aggregated: true,
      version: 'v2',
      contentType: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
    });
  });

  it('falls back to v2beta1 when only that is acceptable', () => {
    expect(
      negotiateDiscovery(
        'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json',
      ),
    ).toMatchObject({ aggregated: true, version: 'v2beta1' });
  });

  it('serves legacy discovery to plain JSON clients and to protobuf-only aggregated requests', () => {
    expect(negotiateDiscovery('application/json, */*')).toEqual({ aggregated: false });
    expect(negotiateDiscovery('')).toEqual({ aggregated: false });
    expect(
      negotiateDiscovery(
        'application/vnd.kubernetes.protobuf;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json',
      ),
    ).toEqual({ aggregated: false });
  });

  it('honours q values and order', () => {
    expect(
      negotiateDiscovery(
        'application/json;q=0.5,application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
      ),
    ).toMatchObject({ aggregated: true });
    expect(
      negotiateDiscovery(
        'application/json,application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
      ),
    ).toEqual({ aggregated: false });
  });
});
