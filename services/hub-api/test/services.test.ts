// The multi-cluster services routes read the MultiClusterService read model (written by the
// hub-controller; here written straight into the kube-emulator, status through the status
// subresource) from the informer cache: list, get, tenant scoping, 404s, OpenAPI.
import { CoreResources } from '@trellis/kube';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MULTI_CLUSTER_SERVICES, type MultiClusterService } from '../src/resources.ts';
import { ADMIN, createTenant, json, mintToken, startHarness, type Harness } from './support.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await createTenant(h, 'acme');
  await createTenant(h, 'other');
  const key = { name: 'shop.inventory', namespace: 'tenant-acme' };
  // the hub-controller makes tenant namespaces; here nobody does
  await h.mgmt.apply(CoreResources.namespaces, {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'tenant-acme' },
  });
  await h.mgmt.create<MultiClusterService>(MULTI_CLUSTER_SERVICES, {
    metadata: key,
    spec: { namespace: 'shop', name: 'inventory' },
  });
  const written = await h.mgmt.mergePatch<MultiClusterService>(
    MULTI_CLUSTER_SERVICES,
    key,
    {
      status: {
        latticeService: {
          name: 'inventory-shop-ec486856',
          accountId: '333333333333',
          arn: 'arn:aws:vpc-lattice:us-west-2:333333333333:service/svc-0123456789abcdef0',
          dnsName: 'inventory-shop-ec486856-0123.7d67968.vpc-lattice-svcs.us-west-2.on.aws',
        },
        type: 'ClusterSetIP',
        ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
        exportingClusters: 'blue,green',
        clusters: [
          { name: 'blue', reachable: true, weight: 1, servedPorts: ['http'], conditions: [] },
          { name: 'green', reachable: true, weight: 1, servedPorts: ['http'], conditions: [] },
        ],
        targets: {
          total: 4,
          healthy: 3,
          unhealthy: 1,
          initial: 0,
          draining: 0,
          unavailable: 0,
          unused: 0,
        },
        conditions: [
          {
            type: 'Ready',
            status: 'True',
            reason: 'Serving',
            message: 'served from blue, green',
            lastTransitionTime: '2026-12-05T05:00:00Z',
          },
        ],
        lastSeenExports: [{ internal: true }],
      },
    },
    'status',
  );
  await h.app.hub.caches.services.untilObserved(written);
});
afterAll(async () => {
  await h.stop();
});

describe('services', () => {
  it('lists and gets a tenant’s multi-cluster services with clusters, weights and health', async () => {
    const list = await h.app.inject({ url: '/v1/tenants/acme/services', headers: ADMIN });
    expect(list.statusCode).toBe(200);
    const items = json<{ items: Record<string, unknown>[] }>(list).items;
    expect(items).toHaveLength(1);
    const one = await h.app.inject({
      url: '/v1/tenants/acme/services/shop/inventory',
      headers: ADMIN,
    });
    expect(one.statusCode).toBe(200);
    const view = json(one);
    expect(view).toMatchObject({
      namespace: 'shop',
      name: 'inventory',
      tenant: 'acme',
      dnsName: 'inventory-shop-ec486856-0123.7d67968.vpc-lattice-svcs.us-west-2.on.aws',
      exportingClusters: ['blue', 'green'],
      clusters: [
        { name: 'blue', weight: 1 },
        { name: 'green', weight: 1 },
      ],
      targets: { total: 4, healthy: 3 },
      status: { conditions: [{ type: 'Ready', status: 'True' }] },
    });
    expect(JSON.stringify(view)).not.toContain('lastSeenExports');
    expect(items[0]).toEqual(view);
  });

  it('404s an unknown service or tenant, and hides other tenants’ services', async () => {
    const missing = await h.app.inject({
      url: '/v1/tenants/acme/services/shop/nope',
      headers: ADMIN,
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    const noTenant = await h.app.inject({ url: '/v1/tenants/ghost/services', headers: ADMIN });
    expect(noTenant.statusCode).toBe(404);
    const token = await mintToken(h, 'other');
    const asOther = { authorization: `Bearer ${token}` };
    const hidden = await h.app.inject({
      url: '/v1/tenants/acme/services/shop/inventory',
      headers: asOther,
    });
    expect(hidden.statusCode).toBe(404);
    const own = await h.app.inject({ url: '/v1/tenants/other/services', headers: asOther });
    expect(json<{ items: unknown[] }>(own).items).toEqual([]);
  });
});
