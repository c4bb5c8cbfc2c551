// @kubernetes/client-node 2.x resolves kinds to resources through the legacy APIResourceList
// (KubernetesObjectApi), so its shape must satisfy that client too.
import { KubeConfig, KubernetesObjectApi } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildKubeconfig } from '../kubeconfig.ts';
import { startTestApiServer } from './test-api-server.ts';
import type { TestApiServer } from './test-api-server.ts';
import { TEST_TYPES } from './test-resource-types.ts';

describe('client-node KubernetesObjectApi over the discovery documents', () => {
  let server: TestApiServer;
  let api: KubernetesObjectApi;

  beforeAll(async () => {
    server = await startTestApiServer(TEST_TYPES);
    const kc = new KubeConfig();
    // client-node 2.x refuses plain http unless TLS verification is explicitly skipped
    kc.loadFromString(
      buildKubeconfig({
        server: () => server.url,
        clusters: [{ name: 't', token: 't' }],
        insecure: true,
      }),
    );
    api = KubernetesObjectApi.makeApiClient(kc);
  });
  afterAll(async () => {
    await server.close();
  });

  it('creates and reads a built-in and a custom resource by apiVersion and kind', async () => {
    server.requests.length = 0;
    await api.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
    });
    await api.create({
      apiVersion: 'multicluster.x-k8s.io/v1alpha1',
      kind: 'ServiceExport',
      metadata: { name: 'web', namespace: 'default' },
    });
    const read = await api.read({
      apiVersion: 'multicluster.x-k8s.io/v1alpha1',
      kind: 'ServiceExport',
      metadata: { name: 'web', namespace: 'default' },
    });
    expect(read.metadata?.name).toBe('web');
    const urls = server.requests.map((r) => `${r.method} ${r.url.replace(/\?.*/, '')}`);
    expect(urls).toContain('GET /apis/apps/v1');
    expect(urls).toContain('POST /apis/apps/v1/namespaces/default/deployments');
    expect(urls).toContain('GET /apis/multicluster.x-k8s.io/v1alpha1');
    expect(urls).toContain(
      'GET /apis/multicluster.x-k8s.io/v1alpha1/namespaces/default/serviceexports/web',
    );
  });

  it('knows cluster-scoped kinds are not namespaced', async () => {
    server.requests.length = 0;
    await api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
    expect(server.requests.map((r) => `${r.method} ${r.url.replace(/\?.*/, '')}`)).toContain(
      'POST /api/v1/namespaces',
    );
  });
});
