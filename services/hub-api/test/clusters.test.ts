// Cluster registration: EKS clusters and kubeconfig clusters (a Secret the API writes and never
// echoes or logs); the tenant namespace is created if the controller has not yet.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreResources } from '@trellis/kube';
import { WORKLOAD_CLUSTERS, type Secret, type WorkloadCluster } from '../src/resources.ts';
import {
  ADMIN,
  createTenant,
  eksClusterBody,
  json,
  SAMPLE_KUBECONFIG,
  startHarness,
  type Harness,
} from './support.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await createTenant(h, 'acme');
});
afterAll(async () => {
  await h.stop();
});

const kubeconfigCluster = {
  name: 'edge',
  spec: {
    vpcId: 'vpc-0123456789abcdef0',
    vpcAccount: {
      accountId: '333333333333',
      roleArn: 'arn:aws:iam::333333333333:role/TrellisClusterAdmin',
      externalId: 'acme-clusters-9b2d6a',
    },
  },
  kubeconfig: SAMPLE_KUBECONFIG,
};

describe('clusters', () => {
  it('registering an EKS cluster creates the tenant namespace if needed and answers 202 + Location', async () => {
    expect(await h.mgmt.get(CoreResources.namespaces, { name: 'tenant-acme' })).toBeUndefined();
    const response = await h.app.inject({
      method: 'POST',
      url: '/v1/tenants/acme/clusters',
      headers: ADMIN,
      payload: eksClusterBody('blue'),
    });
    expect(response.statusCode).toBe(202);
    expect(response.headers.location).toBe('/v1/tenants/acme/clusters/blue');
    expect(json(response)).toMatchObject({
      name: 'blue',
      tenant: 'acme',
      generation: 1,
      status: { conditions: [] },
    });
    const namespace = await h.mgmt.get(CoreResources.namespaces, { name: 'tenant-acme' });
    expect(namespace?.metadata?.labels).toMatchObject({
      'trellis.dev/tenant': 'acme',
      'app.kubernetes.io/managed-by': 'trellis',
    });
    const cr = await h.mgmt.get<WorkloadCluster>(WORKLOAD_CLUSTERS, {
      name: 'blue',
      namespace: 'tenant-acme',
    });
    expect(cr?.spec.eks?.clusterName).toBe('blue');
  });

  it('a second registration of the same name is a 409', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/v1/tenants/acme/clusters',
      headers: ADMIN,
      payload: eksClusterBody('blue'),
    });
    expect(response.statusCode).toBe(409);
  });

  it('a kubeconfig cluster stores the kubeconfig as a Secret and never returns or logs it', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/v1/tenants/acme/clusters',
      headers: ADMIN,
      payload: kubeconfigCluster,
    });
    expect(response.statusCode).toBe(202);
    const view = json<{ spec: Record<string, unknown> }>(response);
    expect(view.spec.kubeconfigSecretRef).toEqual({ name: 'edge-kubeconfig', key: 'kubeconfig' });
    expect(view).not.toHaveProperty('kubeconfig');
    const secret = await h.mgmt.get<Secret>(CoreResources.secrets, {
      name: 'edge-kubeconfig',
      namespace: 'tenant-acme',
    });
    expect(Buffer.from(secret?.data?.kubeconfig ?? '', 'base64').toString()).toBe(
      SAMPLE_KUBECONFIG,
    );
    expect(secret?.metadata?.ownerReferences?.[0]).toMatchObject({
      kind: 'WorkloadCluster',
      name: 'edge',
    });

    const reads = [
      response,
      await h.app.inject({ method: 'GET', url: '/v1/tenants/acme/clusters/edge', headers: ADMIN }),
      await h.app.inject({ method: 'GET', url: '/v1/tenants/acme/clusters', headers: ADMIN }),
      // an Idempotency-Key replay and a conflict: still never echoed
      await h.app.inject({
        method: 'POST',
        url: '/v1/tenants/acme/clusters',
        headers: ADMIN,
        payload: kubeconfigCluster,
      }),
    ];
    for (const r of reads) {
      expect(r.body).not.toContain('super-secret-kubeconfig-token');
      expect(r.body).not.toContain('edge.example.test');
    }
    expect(h.logs.length).toBeGreaterThan(0);
    for (const line of h.logs) {
      expect(line).not.toContain('super-secret-kubeconfig-token');
      expect(line).not.toContain('edge.example.test');
      expect(line).not.toContain('admin-token-for-tests');
    }
  });

  it('lists and gets clusters from the cache, in name order with pages', async () => {
    for (const name of ['c-3', 'c-1', 'c-2']) {
      const r = await h.app.inject({
        method: 'POST',
        url: '/v1/tenants/acme/clusters',
        headers: ADMIN,
        payload: eksClusterBody(name),
      });
      expect(r.statusCode).toBe(202);
    }
    const first = json<{ items: { name: string }[]; continue?: string }>(
      await h.app.inject({
        method: 'GET',
        url: '/v1/tenants/acme/clusters?limit=3',
        headers: ADMIN,
      }),
    );
    expect(first.items.map((c) => c.name)).toEqual(['blue', 'c-1', 'c-2']);
    const second = json<{ items: { name: string }[]; continue?: string }>(
      await h.app.inject({
        method: 'GET',
        url: `/v1/tenants/acme/clusters?limit=3&continue=${first.continue ?? ''}`,
        headers: ADMIN,
      }),
    );
    expect(second.items.map((c) => c.name)).toEqual(['c-3', 'edge']);
    expect(second.continue).toBeUndefined();
  });

  it('deleting a cluster answers 204 once gone (202 while a finalizer holds it)', async () => {
    const gone = await h.app.inject({
      method: 'DELETE',
      url: '/v1/tenants/acme/clusters/c-1',
      headers: ADMIN,
    });
    expect(gone.statusCode).toBe(204);
    await h.mgmt.mergePatch(
      WORKLOAD_CLUSTERS,
      { name: 'c-2', namespace: 'tenant-acme' },
      { metadata: { finalizers: ['trellis.dev/cluster-cleanup'] } },
    );
    const held = await h.app.inject({
      method: 'DELETE',
      url: '/v1/tenants/acme/clusters/c-2',
      headers: ADMIN,
    });
    expect(held.statusCode).toBe(202);
    expect(held.headers.location).toBe('/v1/tenants/acme/clusters/c-2');
    expect(json(held).deletingSince).toEqual(expect.any(String));
    await h.mgmt.mergePatch(
      WORKLOAD_CLUSTERS,
      { name: 'c-2', namespace: 'tenant-acme' },
      { metadata: { finalizers: null } },
    );
  });

  it('Idempotency-Key on cluster registration replays the first answer', async () => {
    const headers = { ...ADMIN, 'idempotency-key': 'reg-green' };
    const first = await h.app.inject({
      method: 'POST',
      url: '/v1/tenants/acme/clusters',
      headers,
      payload: eksClusterBody('green'),
    });
    const again = await h.app.inject({
      method: 'POST',
      url: '/v1/tenants/acme/clusters',
      headers,
      payload: eksClusterBody('green'),
    });
    expect(first.statusCode).toBe(202);
    expect(again.statusCode).toBe(202);
    expect(again.body).toBe(first.body);
  });
});
