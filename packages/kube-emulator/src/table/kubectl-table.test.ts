// Real kubectl printing the Tables (through the test-only server): what `kubectl get` shows is
// exactly the server's cells, so these pin the columns users see.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../json.ts';
import { buildKubeconfig, writeKubeconfig } from '../kubeconfig.ts';
import { startTestApiServer } from '../discovery/test-api-server.ts';
import type { TestApiServer } from '../discovery/test-api-server.ts';
import { findKubectls, kubectlSession } from '../discovery/test-kubectl.ts';
import { TEST_TYPES } from '../discovery/test-resource-types.ts';

const kubectls = findKubectls();

function ago(ms: number): string {
  return new Date(Date.now() - ms).toISOString().replace(/\.\d+Z$/, 'Z');
}

function lines(out: string): string[][] {
  return out
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s{2,}/));
}

describe.skipIf(kubectls.length === 0)('kubectl get prints the server-side tables', () => {
  let server: TestApiServer;
  let dir: string;
  let kubeconfig: string;

  beforeAll(async () => {
    server = await startTestApiServer(TEST_TYPES);
    dir = await mkdtemp(join(tmpdir(), 'kx-table-'));
    kubeconfig = join(dir, 'config');
    await writeKubeconfig(
      kubeconfig,
      buildKubeconfig({ server: () => server.url, clusters: [{ name: 'test', token: 't' }] }),
    );
    const put = (group: string, plural: string, o: JsonObject) => {
      const meta = o.metadata as { name: string; namespace?: string };
      server.objects.set(`${group}/${plural}/${meta.namespace ?? ''}/${meta.name}`, o);
    };
    put('', 'pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'web-1',
        namespace: 'default',
        uid: 'u1',
        creationTimestamp: ago(12 * 60_000 + 10_000),
      },
      spec: { nodeName: 'node-a', containers: [{ name: 'app' }, { name: 'log' }] },
      status: {
        phase: 'Running',
        podIPs: [{ ip: '10.0.0.7' }],
        containerStatuses: [
          { name: 'app', ready: true, restartCount: 0, state: { running: {} } },
          { name: 'log', ready: true, restartCount: 0, state: { running: {} } },
        ],
      },
    });
    put('', 'pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'web-2',
        namespace: 'default',
        uid: 'u2',
        creationTimestamp: ago(3 * 3_600_000),
      },
      spec: { containers: [{ name: 'app' }] },
      status: {
        phase: 'Pending',
        containerStatuses: [
          { name: 'app', ready: false, state: { waiting: { reason: 'ImagePullBackOff' } } },
        ],
      },
    });
    put('', 'services', {
      metadata: { name: 'web', namespace: 'default', creationTimestamp: ago(2 * 86_400_000) },
      spec: {
        type: 'ClusterIP',
        clusterIP: '10.96.0.20',
        ports: [{ port: 80, protocol: 'TCP' }],
        selector: { app: 'web' },
      },
    });
    put('example.com', 'widgets', {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w1', namespace: 'default', creationTimestamp: ago(20 * 60_000) },
      spec: { replicas: 3, color: 'red' },
      status: { ready: true },
    });
    put('multicluster.x-k8s.io', 'serviceexports', {
      apiVersion: 'multicluster.x-k8s.io/v1alpha1',
      kind: 'ServiceExport',
      metadata: { name: 'web', namespace: 'default', creationTimestamp: ago(45 * 60_000) },
    });
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  for (const kubectl of kubectls) {
    const run = (args: string[]) =>
      kubectlSession(kubectl, kubeconfig, join(dir, `cache-${kubectl.label}`)).run(args);

    it(`kubectl ${kubectl.label}: pods, narrow and wide`, async () => {
      const narrow = await run(['get', 'pods']);
      expect(narrow.stderr).toBe('');
      expect(lines(narrow.stdout)).toEqual([
        ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
        ['web-1', '2/2', 'Running', '0', '12m'],
        ['web-2', '0/1', 'ImagePullBackOff', '0', '3h'],
      ]);
      const wide = await run(['get', 'pods', '-o', 'wide']);
      expect(lines(wide.stdout)).toEqual([
        [
          'NAME',
          'READY',
          'STATUS',
          'RESTARTS',
          'AGE',
          'IP',
          'NODE',
          'NOMINATED NODE',
          'READINESS GATES',
        ],
        ['web-1', '2/2', 'Running', '0', '12m', '10.0.0.7', 'node-a', '<none>', '<none>'],
        ['web-2', '0/1', 'ImagePullBackOff', '0', '3h', '<none>', '<none>', '<none>', '<none>'],
      ]);
      // --show-labels and -L read the row's PartialObjectMetadata
      const single = await run(['get', 'pod', 'web-1', '--show-labels']);
      expect(lines(single.stdout)[0]).toEqual([
        'NAME',
        'READY',
        'STATUS',
        'RESTARTS',
        'AGE',
        'LABELS',
      ]);
    });

    it(`kubectl ${kubectl.label}: services and custom resources`, async () => {
      expect(lines((await run(['get', 'svc', '-o', 'wide'])).stdout)).toEqual([
        ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', 'SELECTOR'],
        ['web', 'ClusterIP', '10.96.0.20', '<none>', '80/TCP', '2d', 'app=web'],
      ]);
      expect(lines((await run(['get', 'widgets'])).stdout)).toEqual([
        ['NAME', 'REPLICAS', 'COLOR', 'AGE'],
        ['w1', '3', 'red', '20m'],
      ]);
      expect(lines((await run(['get', 'widgets', '-o', 'wide'])).stdout)).toEqual([
        ['NAME', 'REPLICAS', 'COLOR', 'READY', 'AGE'],
        ['w1', '3', 'red', 'true', '20m'],
      ]);
      expect(lines((await run(['get', 'svcex'])).stdout)).toEqual([
        ['NAME', 'AGE'],
        ['web', '45m'],
      ]);
    });
  }
});
