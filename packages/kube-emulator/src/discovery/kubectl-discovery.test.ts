// Real kubectl against the discovery documents (through the test-only server).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildKubeconfig, writeKubeconfig } from '../kubeconfig.ts';
import { startTestApiServer } from './test-api-server.ts';
import type { TestApiServer } from './test-api-server.ts';
import { findKubectls, kubectlSession } from './test-kubectl.ts';
import { TEST_TYPES } from './test-resource-types.ts';

const kubectls = findKubectls();

describe.skipIf(kubectls.length === 0)('kubectl discovery', () => {
  let server: TestApiServer;
  let dir: string;
  let kubeconfig: string;

  beforeAll(async () => {
    server = await startTestApiServer(TEST_TYPES);
    dir = await mkdtemp(join(tmpdir(), 'kx-discovery-'));
    kubeconfig = join(dir, 'config');
    await writeKubeconfig(
      kubeconfig,
      buildKubeconfig({ server: () => server.url, clusters: [{ name: 'test', token: 't' }] }),
    );
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  for (const kubectl of kubectls) {
    it(`kubectl ${kubectl.label}: api-resources from aggregated discovery`, async () => {
      const session = kubectlSession(kubectl, kubeconfig, join(dir, `cache-${kubectl.label}`));
      server.requests.length = 0;
      const res = await session.run(['api-resources', '-o', 'wide']);
      expect(res.stderr).toBe('');
      const rows = res.stdout
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(/\s+/));
      const find = (name: string, apiVersion: string) =>
        rows.find((r) => r[0] === name && r.includes(apiVersion));
      expect(find('pods', 'v1')).toEqual([
        'pods',
        'po',
        'v1',
        'true',
        'Pod',
        'create,delete,deletecollection,get,list,patch,update,watch',
        'all',
      ]);
      expect(find('deployments', 'apps/v1')?.slice(0, 5)).toEqual([
        'deployments',
        'deploy',
        'apps/v1',
        'true',
        'Deployment',
      ]);
      expect(find('serviceexports', 'multicluster.x-k8s.io/v1alpha1')?.slice(0, 5)).toEqual([
        'serviceexports',
        'svcex',
        'multicluster.x-k8s.io/v1alpha1',
        'true',
        'ServiceExport',
      ]);
      // only the preferred version of a group is listed
      expect(rows.filter((r) => r[0] === 'widgets').map((r) => r[1])).toEqual(['example.com/v1']);
      // aggregated discovery: /api and /apis only, never a request per group version
      const discovery = server.requests.filter((r) => r.url.startsWith('/api'));
      expect(discovery.map((r) => r.url.replace(/\?.*/, '')).sort()).toEqual(['/api', '/apis']);
      expect(discovery[0]?.accept).toContain(
        'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
      );
    });

    it(`kubectl ${kubectl.label}: api-versions, short names and categories resolve`, async () => {
      const session = kubectlSession(kubectl, kubeconfig, join(dir, `cache-${kubectl.label}`));
      const versions = await session.run(['api-versions']);
      expect(versions.stdout.trim().split('\n')).toEqual([
        'apiextensions.k8s.io/v1',
        'apps/v1',
        'coordination.k8s.io/v1',
        'discovery.k8s.io/v1',
        'events.k8s.io/v1',
        'example.com/v1',
        'example.com/v1alpha1',
        'example.com/v1beta1',
        'multicluster.x-k8s.io/v1alpha1',
        'rbac.authorization.k8s.io/v1',
        'v1',
      ]);
      server.requests.length = 0;
      const res = await session.run(['get', 'svcex,deploy', '-o', 'name']);
      expect(res.code).toBe(0);
      const trellis = await session.run(['get', 'trellis', '-o', 'name']);
      expect(trellis.code).toBe(0);
      const urls = server.requests.map((r) => r.url.replace(/\?.*/, ''));
      expect(urls).toContain(
        '/apis/multicluster.x-k8s.io/v1alpha1/namespaces/default/serviceexports',
      );
      expect(urls).toContain('/apis/apps/v1/namespaces/default/deployments');
    });
  }

  it('serves legacy discovery to clients that do not ask for aggregated', async () => {
    const res = await fetch(`${server.url}/apis`, { headers: { accept: 'application/json' } });
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toMatchObject({ kind: 'APIGroupList' });
  });
});
