import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { findKubectls, runKubectl } from './discovery/test-kubectl.ts';
import { buildKubeconfig, writeKubeconfig } from './kubeconfig.ts';

const CA_PEM = '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n';

function twoClusters(
  extra: { currentContext?: string; insecure?: boolean; caPem?: string } = {},
): string {
  return buildKubeconfig({
    server: (name) => `https://127.0.0.1:6443/clusters/${name}`,
    caPem: CA_PEM,
    clusters: [
      { name: 'mgmt', token: 'token-mgmt' },
      { name: 'workload-1', token: 'token-w1' },
    ],
    ...extra,
  });
}

describe('buildKubeconfig', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kx-kubeconfig-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes clusters, <cluster>-admin users and contexts', () => {
    const doc = parse(twoClusters()) as Record<string, unknown>;
    expect(doc).toEqual({
      apiVersion: 'v1',
      kind: 'Config',
      preferences: {},
      clusters: [
        {
          name: 'mgmt',
          cluster: {
            server: 'https://127.0.0.1:6443/clusters/mgmt',
            'certificate-authority-data': Buffer.from(CA_PEM).toString('base64'),
          },
        },
        {
          name: 'workload-1',
          cluster: {
            server: 'https://127.0.0.1:6443/clusters/workload-1',
            'certificate-authority-data': Buffer.from(CA_PEM).toString('base64'),
          },
        },
      ],
      users: [
        { name: 'mgmt-admin', user: { token: 'token-mgmt' } },
        { name: 'workload-1-admin', user: { token: 'token-w1' } },
      ],
      contexts: [
        { name: 'mgmt', context: { cluster: 'mgmt', user: 'mgmt-admin' } },
        { name: 'workload-1', context: { cluster: 'workload-1', user: 'workload-1-admin' } },
      ],
      'current-context': 'mgmt',
    });
  });

  it('uses the given current context, and insecure-skip-tls-verify instead of a CA when asked', () => {
    const doc = parse(twoClusters({ currentContext: 'workload-1', insecure: true })) as {
      clusters: { cluster: Record<string, unknown> }[];
      'current-context': string;
    };
    expect(doc['current-context']).toBe('workload-1');
    expect(doc.clusters[0]?.cluster).toEqual({
      server: 'https://127.0.0.1:6443/clusters/mgmt',
      'insecure-skip-tls-verify': true,
    });
  });

  it('rejects an unknown current context, duplicates and an empty list', () => {
    expect(() => twoClusters({ currentContext: 'nope' })).toThrow(/not one of the clusters/);
    expect(() => buildKubeconfig({ server: () => 'x', clusters: [] })).toThrow(/at least one/);
    expect(() =>
      buildKubeconfig({
        server: () => 'x',
        clusters: [
          { name: 'a', token: '1' },
          { name: 'a', token: '2' },
        ],
      }),
    ).toThrow(/twice/);
  });

  it('is read by client-node as written', () => {
    const kc = new KubeConfig();
    kc.loadFromString(twoClusters({ currentContext: 'workload-1' }));
    expect(kc.getCurrentContext()).toBe('workload-1');
    expect(kc.getContexts().map((c) => c.name)).toEqual(['mgmt', 'workload-1']);
    expect(kc.getCurrentCluster()?.server).toBe('https://127.0.0.1:6443/clusters/workload-1');
    expect(kc.getCurrentCluster()?.caData).toBe(Buffer.from(CA_PEM).toString('base64'));
    expect(kc.getCurrentUser()).toMatchObject({ name: 'workload-1-admin', token: 'token-w1' });
  });

  it('writes the file with mode 0600, creating directories, and tightens an existing file', async () => {
    const path = join(dir, 'nested', 'deeper', 'config');
    await writeKubeconfig(path, twoClusters());
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readFile(path, 'utf8')).toBe(twoClusters());
    const loose = join(dir, 'loose');
    await writeFile(loose, 'old', { mode: 0o644 });
    await writeKubeconfig(loose, twoClusters());
    expect((await stat(loose)).mode & 0o777).toBe(0o600);
  });

  for (const kubectl of findKubectls()) {
    it(`lists its contexts with kubectl ${kubectl.label} config get-contexts`, async () => {
      const path = join(dir, `kubectl-${kubectl.label}`, 'config');
      await writeKubeconfig(path, twoClusters());
      const res = await runKubectl(kubectl.path, path, ['config', 'get-contexts', '-o', 'name']);
      expect(res.code).toBe(0);
      expect(res.stdout.trim().split('\n')).toEqual(['mgmt', 'workload-1']);
      const table = await runKubectl(kubectl.path, path, ['config', 'get-contexts']);
      expect(table.stdout).toMatch(/^\*\s+mgmt\s+mgmt\s+mgmt-admin/m);
      const view = await runKubectl(kubectl.path, path, [
        'config',
        'view',
        '--minify',
        '--raw',
        '-o',
        'jsonpath={.clusters[0].cluster.certificate-authority-data}',
      ]);
      expect(view.stdout).toBe(Buffer.from(CA_PEM).toString('base64'));
    });
  }
});
