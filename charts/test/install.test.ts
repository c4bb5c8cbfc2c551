// helm install / upgrade / uninstall of both charts into the kube emulator (in process), as a
// platform team would run them: `helm --kubeconfig <file> --kube-context <cluster>`.
//
// RBAC is checked with `kubectl auth can-i` as the real subjects (their ServiceAccount tokens).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TRELLIS_CRDS } from '@trellis/core';
import { startKubeEmulator, type KubeEmulator } from '@trellis/kube-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helm, helmOk, kubeTools, run, TRELLIS_CHART, WORKLOAD_CHART } from './support/helm.ts';

const NS = 'trellis-system';
const CRD_NAMES = TRELLIS_CRDS.map((crd) => (crd.metadata as { name: string }).name).sort();
const HUB_TOKEN = 'trellis-hub-in-workload';
let kube: KubeEmulator;
let dir: string;
let kubeconfig: string;

function onCluster(cluster: string, args: string[]): string[] {
  return [...args, '--kubeconfig', kubeconfig, '--kube-context', cluster];
}

/** `kubectl auth can-i` answered for the holder of `token` (yes/no). */
async function canI(cluster: string, token: string, args: string[]): Promise<string> {
  const result = await run((await kubeTools()).kubectl, [
    '--kubeconfig',
    kubeconfig,
    '--context',
    cluster,
    '--token',
    token,
    'auth',
    'can-i',
    ...args,
  ]);
  return result.stdout.trim();
}

async function kubectl(cluster: string, args: string[]): Promise<string> {
  const result = await run((await kubeTools()).kubectl, [
    '--kubeconfig',
    kubeconfig,
    '--context',
    cluster,
    ...args,
  ]);
  if (result.code !== 0) throw new Error(`kubectl ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

type Stored = Record<string, unknown> & {
  metadata?: { labels?: Record<string, string> };
  spec?: Record<string, unknown>;
};

function stored(
  cluster: string,
  resource: string,
  namespace: string,
  name: string,
): Stored | undefined {
  return kube.objects(cluster).get(resource, namespace, name);
}

function adminToken(): string | undefined {
  const secret = stored('mgmt', 'secrets', NS, 'hub-trellis-admin-token') as
    { data?: { token?: string } } | undefined;
  return secret?.data?.token;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'trellis-charts-install-'));
  kubeconfig = join(dir, 'kubeconfig.yaml');
  kube = await startKubeEmulator({
    clusters: ['mgmt', 'workload', 'bad', 'full'],
    kubeconfigPath: kubeconfig,
    logLevel: 'error',
    // the hub's identity in the workload cluster, as its EKS access entry would map it
    tokens: [
      {
        token: HUB_TOKEN,
        username: 'trellis-hub-role',
        groups: ['trellis-hub'],
        clusters: ['workload'],
      },
    ],
  });
});

afterAll(async () => {
  await kube?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

// Scenario tests running many helm/kubectl processes: generous budgets for loaded 2-core machines.
const SCENARIO = { timeout: 180_000 };

describe.concurrent('charts/trellis in the kube emulator', SCENARIO, () => {
  it('installs, upgrades and uninstalls; CRDs stay, the admin token survives upgrades', async () => {
    const install = await helmOk(
      onCluster('mgmt', [
        'install',
        'hub',
        TRELLIS_CHART,
        '--namespace',
        NS,
        '--create-namespace',
        '--set',
        'aws.roleArn=arn:aws:iam::111122223333:role/trellis-hub',
      ]),
    );
    expect(install).toContain('STATUS: deployed');

    // CRDs from crds/, then the templates
    for (const crd of CRD_NAMES) {
      expect(
        stored('mgmt', 'customresourcedefinitions.apiextensions.k8s.io', '', crd),
        crd,
      ).toBeDefined();
    }
    expect(await kubectl('mgmt', ['get', 'tenants'])).toBe(''); // the kind is served
    for (const [resource, name] of [
      ['deployments.apps', 'hub-trellis-api'],
      ['deployments.apps', 'hub-trellis-controller'],
      ['deployments.apps', 'hub-trellis-redis'],
      ['services', 'hub-trellis-api'],
      ['services', 'hub-trellis-controller-metrics'],
      ['serviceaccounts', 'hub-trellis-controller'],
      ['secrets', 'hub-trellis-redis'],
      ['poddisruptionbudgets.policy', 'hub-trellis-api'],
      ['poddisruptionbudgets.policy', 'hub-trellis-controller'],
      ['roles.rbac.authorization.k8s.io', 'hub-trellis-leader-election'],
      ['rolebindings.rbac.authorization.k8s.io', 'hub-trellis-leader-election'],
    ] as const) {
      expect(stored('mgmt', resource, NS, name), `${resource}/${name}`).toBeDefined();
    }
    for (const name of ['hub-trellis-api', 'hub-trellis-controller']) {
      expect(
        stored('mgmt', 'clusterroles.rbac.authorization.k8s.io', '', name),
        name,
      ).toBeDefined();
      expect(
        stored('mgmt', 'clusterrolebindings.rbac.authorization.k8s.io', '', name),
        name,
      ).toBeDefined();
    }
    expect(stored('mgmt', 'serviceaccounts', NS, 'hub-trellis-controller')?.metadata).toMatchObject(
      {
        annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/trellis-hub' },
      },
    );
    const token = adminToken();
    expect(Buffer.from(token ?? '', 'base64').toString()).toMatch(/^[A-Za-z0-9]{48}$/);

    // the controller's ServiceAccount can do what its RBAC intends, and no more
    const saToken = kube.serviceAccountToken('mgmt', NS, 'hub-trellis-controller');
    const can = (args: string[]) => canI('mgmt', saToken, args);
    expect(await can(['patch', 'tenants.trellis.dev/status'])).toBe('yes');
    expect(await can(['create', 'leases.coordination.k8s.io', '-n', NS])).toBe('yes');
    expect(await can(['create', 'leases.coordination.k8s.io', '-n', 'default'])).toBe('no');
    expect(await can(['delete', 'secrets', '-n', 'tenant-acme'])).toBe('no');
    expect(await can(['create', 'customresourcedefinitions.apiextensions.k8s.io'])).toBe('no');
    expect(await can(['delete', 'namespaces'])).toBe('yes');
    expect(await can(['create', 'pods', '-n', NS])).toBe('no');

    // upgrade: scale out, change the image, add the dashboard
    const upgrade = await helmOk(
      onCluster('mgmt', [
        'upgrade',
        'hub',
        TRELLIS_CHART,
        '--namespace',
        NS,
        '--reuse-values',
        '--set',
        'api.replicas=3,monitoring.grafanaDashboard.enabled=true',
        '--set-string',
        'controller.image.tag=0.2.0',
      ]),
    );
    expect(upgrade).toContain('STATUS: deployed');
    expect(stored('mgmt', 'deployments.apps', NS, 'hub-trellis-api')?.spec?.replicas).toBe(3);
    const controller = stored('mgmt', 'deployments.apps', NS, 'hub-trellis-controller') as {
      spec: { template: { spec: { containers: { image: string }[] } } };
    };
    expect(controller.spec.template.spec.containers[0].image).toBe(
      'ghcr.io/trellis-dev/hub-controller:0.2.0',
    );
    expect(stored('mgmt', 'configmaps', NS, 'hub-trellis-dashboard')).toBeDefined();
    expect(adminToken()).toBe(token); // kept by lookup, not regenerated
    expect(
      await helmOk(onCluster('mgmt', ['history', 'hub', '--namespace', NS, '-o', 'json'])),
    ).toContain('"revision":2');

    await helmOk(onCluster('mgmt', ['uninstall', 'hub', '--namespace', NS]));
    for (const [resource, name] of [
      ['deployments.apps', 'hub-trellis-api'],
      ['deployments.apps', 'hub-trellis-controller'],
      ['services', 'hub-trellis-api'],
      ['secrets', 'hub-trellis-admin-token'],
      ['configmaps', 'hub-trellis-dashboard'],
    ] as const) {
      expect(stored('mgmt', resource, NS, name), `${resource}/${name}`).toBeUndefined();
    }
    expect(
      stored('mgmt', 'clusterroles.rbac.authorization.k8s.io', '', 'hub-trellis-controller'),
    ).toBeUndefined();
    expect(
      kube
        .objects('mgmt')
        .list('secrets', NS)
        .filter((s) => (s as Stored).metadata?.labels?.owner === 'helm'),
    ).toEqual([]);
    // Helm never deletes CRDs (that would delete every Tenant)
    expect(
      stored('mgmt', 'customresourcedefinitions.apiextensions.k8s.io', '', 'tenants.trellis.dev'),
    ).toBeDefined();
  });

  it('fails the install on bad values before rendering anything', async () => {
    const result = await helm(
      onCluster('bad', [
        'install',
        'bad',
        TRELLIS_CHART,
        '--namespace',
        NS,
        '--set',
        'controller.replicas=0',
      ]),
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('controller.replicas: Must be greater than or equal to 1');
    // No objects and no release record. The CRDs are there: helm installs crds/ before it
    // validates the values (helm 3.17 action.Install), on a real cluster too.
    expect(
      kube
        .objects('bad')
        .list('customresourcedefinitions.apiextensions.k8s.io')
        .map((crd) => (crd.metadata as { name: string }).name)
        .sort(),
    ).toEqual(CRD_NAMES);
    expect(kube.objects('bad').list('deployments.apps')).toEqual([]);
    expect(kube.objects('bad').list('secrets', NS)).toEqual([]);
  });
});

describe.concurrent('charts/trellis-workload in the kube emulator', SCENARIO, () => {
  it('installs the MCS CRDs and the hub RBAC, upgrades the opted-in namespaces, uninstalls', async () => {
    await kubectl('workload', ['create', 'namespace', 'shop']);
    await kubectl('workload', ['create', 'namespace', 'payments']);
    await helmOk(
      onCluster('workload', [
        'install',
        'trellis-workload',
        WORKLOAD_CHART,
        '--namespace',
        'trellis-system',
        '--create-namespace',
        '--set',
        'importNamespaces={shop}',
      ]),
    );
    for (const crd of [
      'serviceexports.multicluster.x-k8s.io',
      'serviceimports.multicluster.x-k8s.io',
    ]) {
      expect(
        stored('workload', 'customresourcedefinitions.apiextensions.k8s.io', '', crd),
        crd,
      ).toBeDefined();
    }
    expect(
      stored('workload', 'clusterroles.rbac.authorization.k8s.io', '', 'trellis-workload-hub'),
    ).toBeDefined();
    expect(
      stored('workload', 'roles.rbac.authorization.k8s.io', 'shop', 'trellis-workload-hub-imports'),
    ).toBeDefined();

    // as the hub's group would be mapped by its EKS access entry
    const can = (args: string[]) => canI('workload', HUB_TOKEN, args);
    expect(await can(['watch', 'serviceexports.multicluster.x-k8s.io', '-A'])).toBe('yes');
    expect(await can(['create', 'serviceimports.multicluster.x-k8s.io', '-n', 'payments'])).toBe(
      'yes',
    );
    expect(await can(['create', 'services', '-n', 'shop'])).toBe('yes');
    expect(await can(['create', 'services', '-n', 'payments'])).toBe('no');
    expect(await can(['create', 'serviceexports.multicluster.x-k8s.io', '-n', 'shop'])).toBe('no');
    expect(await can(['get', 'secrets', '-n', 'shop'])).toBe('no');

    await helmOk(
      onCluster('workload', [
        'upgrade',
        'trellis-workload',
        WORKLOAD_CHART,
        '--namespace',
        'trellis-system',
        '--set',
        'importNamespaces={payments}',
      ]),
    );
    expect(
      stored('workload', 'roles.rbac.authorization.k8s.io', 'shop', 'trellis-workload-hub-imports'),
    ).toBeUndefined();
    expect(
      stored(
        'workload',
        'roles.rbac.authorization.k8s.io',
        'payments',
        'trellis-workload-hub-imports',
      ),
    ).toBeDefined();
    expect(await can(['create', 'services', '-n', 'payments'])).toBe('yes');

    await helmOk(
      onCluster('workload', ['uninstall', 'trellis-workload', '--namespace', 'trellis-system']),
    );
    expect(
      stored('workload', 'clusterroles.rbac.authorization.k8s.io', '', 'trellis-workload-hub'),
    ).toBeUndefined();
    expect(
      stored(
        'workload',
        'roles.rbac.authorization.k8s.io',
        'payments',
        'trellis-workload-hub-imports',
      ),
    ).toBeUndefined();
    expect(
      stored(
        'workload',
        'customresourcedefinitions.apiextensions.k8s.io',
        '',
        'serviceimports.multicluster.x-k8s.io',
      ),
    ).toBeDefined();
  });
});

describe.concurrent('charts/trellis with every optional object', SCENARIO, () => {
  it('installs PDBs, Ingress and NetworkPolicies (policy/v1, networking.k8s.io/v1)', async () => {
    await helmOk(
      onCluster('full', [
        'install',
        'full',
        TRELLIS_CHART,
        '--namespace',
        'trellis-full',
        '--create-namespace',
        '--set',
        'api.replicas=3,controller.replicas=3,ingress.enabled=true,networkPolicy.enabled=true,hubId=full',
      ]),
    );
    expect(
      stored('full', 'poddisruptionbudgets.policy', 'trellis-full', 'full-trellis-api'),
    ).toBeDefined();
    expect(
      stored('full', 'ingresses.networking.k8s.io', 'trellis-full', 'full-trellis-api'),
    ).toBeDefined();
    await helmOk(onCluster('full', ['uninstall', 'full', '--namespace', 'trellis-full']));
  });
});
