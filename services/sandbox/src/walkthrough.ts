// The demo, step by step; `--check` runs the same steps as assertions.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  ListServiceNetworksCommand,
  ListServiceNetworkVpcAssociationsCommand,
  VPCLatticeClient,
} from '@aws-sdk/client-vpc-lattice';
import { DEMO, sampleThroughLattice } from '@trellis/testbed';
import { ensureKubeTools } from '@trellis/testkit';
import { SERVICE_IMPORT_ANNOTATIONS } from '@trellis/core';
import { ApiClient, conditionOf } from './api-client.ts';
import { demoRequests, type Sandbox } from './sandbox.ts';

const run = promisify(execFile);

interface ImportView {
  metadata?: { annotations?: Record<string, string> };
  status?: { clusters?: { cluster: string }[] };
}

/** The demo migration: short pauses and gate, so it finishes while you watch. */
export const DEMO_MIGRATION_SPEC = {
  fromCluster: 'blue',
  toCluster: 'green',
  services: { list: [{ namespace: 'shop', name: 'inventory' }] },
  steps: [
    { weightPercent: 50, pauseSeconds: 5 },
    { weightPercent: 100, pauseSeconds: 0 },
  ],
  healthGate: { minHealthyTargetRatio: 1, holdSeconds: 3, intervalSeconds: 1, timeoutSeconds: 60 },
};

export interface StepResult {
  name: string;
  ok: boolean;
  detail: string;
}

async function until<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
  return undefined;
}

export async function walkThrough(
  sandbox: Sandbox,
  report: (step: StepResult) => void,
  options: { migrate?: boolean } = {},
): Promise<StepResult[]> {
  const results: StepResult[] = [];
  const step = async (name: string, body: () => Promise<string>) => {
    let result: StepResult;
    try {
      result = { name, ok: true, detail: await body() };
    } catch (error) {
      result = { name, ok: false, detail: error instanceof Error ? error.message : String(error) };
    }
    results.push(result);
    report(result);
    return result.ok;
  };
  const api = new ApiClient(sandbox.apiUrl, sandbox.adminToken);
  const demo = demoRequests();

  await step('onboard tenant acme through POST /v1/tenants', async () => {
    const { status } = await api.request('POST', '/v1/tenants', demo.tenant);
    if (status !== 202 && status !== 201) throw new Error(`expected 202, got ${status}`);
    return `HTTP ${status}`;
  });
  await step('register EKS clusters blue, green, client', async () => {
    const statuses: number[] = [];
    for (const cluster of demo.clusters) {
      const { status, body } = await api.request('POST', '/v1/tenants/acme/clusters', cluster);
      if (status !== 202 && status !== 201)
        throw new Error(`expected 202, got ${status}: ${JSON.stringify(body)}`);
      statuses.push(status);
    }
    return `HTTP ${statuses.join(', ')}`;
  });
  await step('tenant acme becomes Ready', async () => {
    const ready = await until(async () => {
      const { body } = await api.request('GET', '/v1/tenants/acme');
      return conditionOf(body, 'Ready')?.status === 'True' ? body : undefined;
    }, 60_000);
    if (ready === undefined) {
      const { body } = await api.request('GET', '/v1/tenants/acme');
      throw new Error(`not Ready: ${JSON.stringify(conditionOf(body, 'Ready'))}`);
    }
    return 'service network created and shared';
  });
  await step(
    'all three clusters become Ready (connected, MCS CRDs installed, VPC associated)',
    async () => {
      const notReady = new Set(DEMO.clusters.map((c) => c.name));
      await until(async () => {
        for (const name of [...notReady]) {
          const { body } = await api.request('GET', `/v1/tenants/acme/clusters/${name}`);
          if (conditionOf(body, 'Ready')?.status === 'True') notReady.delete(name);
        }
        return notReady.size === 0 ? true : undefined;
      }, 90_000);
      if (notReady.size > 0) {
        const details = [];
        for (const name of notReady) {
          const { body } = await api.request('GET', `/v1/tenants/acme/clusters/${name}`);
          details.push(`${name}: ${JSON.stringify(conditionOf(body, 'Ready'))}`);
        }
        throw new Error(details.join('; '));
      }
      return 'blue, green, client';
    },
  );
  await step(
    'AWS (through the SDK, as the network account) shows the network and 3 ACTIVE VPC associations',
    async () => {
      const lattice = new VPCLatticeClient({
        region: DEMO.region,
        endpoint: sandbox.world.aws.endpoint,
        credentials: sandbox.networkAccountKey,
      });
      const networks = await lattice.send(new ListServiceNetworksCommand({}));
      const network = networks.items?.find((n) => n.name === 'trellis-acme');
      if (network?.id === undefined) throw new Error('service network trellis-acme not found');
      const associations = await lattice.send(
        new ListServiceNetworkVpcAssociationsCommand({ serviceNetworkIdentifier: network.id }),
      );
      const active = (associations.items ?? []).filter((a) => a.status === 'ACTIVE');
      lattice.destroy();
      if (active.length !== 3)
        throw new Error(`expected 3 ACTIVE associations, got ${active.length}`);
      return `${network.id} with ${active.length} VPCs`;
    },
  );
  await step(
    'real kubectl lists tenants and workload clusters in the management cluster',
    async () => {
      const { kubectl } = await ensureKubeTools();
      const { stdout } = await run(kubectl, [
        '--kubeconfig',
        sandbox.kubeconfigPath,
        '--context',
        'mgmt',
        'get',
        'tenants,workloadclusters',
        '-A',
      ]);
      if (!stdout.includes('acme') || !stdout.includes('blue'))
        throw new Error(`unexpected output:\n${stdout}`);
      return 'kubectl get tenants,workloadclusters -A';
    },
  );
  await step('workload cluster blue has the MCS ServiceExport CRD', async () => {
    const { kubectl } = await ensureKubeTools();
    await run(kubectl, [
      '--kubeconfig',
      sandbox.kubeconfigPath,
      '--context',
      'blue',
      'get',
      'crd',
      'serviceexports.multicluster.x-k8s.io',
    ]);
    return 'serviceexports.multicluster.x-k8s.io';
  });
  await step('export shop/inventory from blue and green (a ServiceExport in each)', async () => {
    for (const cluster of ['blue', 'green']) await sandbox.app.exportFrom(cluster);
    return 'pods answer with their cluster name';
  });
  let dnsName: string | undefined;
  await step('client gets a ServiceImport naming both clusters (real kubectl)', async () => {
    const { kubectl } = await ensureKubeTools();
    const found = await until(async () => {
      const { stdout } = await run(kubectl, [
        '--kubeconfig',
        sandbox.kubeconfigPath,
        '--context',
        'client',
        'get',
        'serviceimports.multicluster.x-k8s.io',
        'inventory',
        '-n',
        'shop',
        '-o',
        'json',
      ]).catch(() => ({ stdout: '' }));
      if (stdout === '') return undefined;
      const si = JSON.parse(stdout) as ImportView;
      const clusters = (si.status?.clusters ?? []).map((c) => c.cluster).sort();
      const dns = si.metadata?.annotations?.[SERVICE_IMPORT_ANNOTATIONS.latticeDns];
      return clusters.join(',') === 'blue,green' && dns !== undefined ? dns : undefined;
    }, 60_000);
    if (found === undefined) throw new Error('no ServiceImport with blue and green within 60 s');
    dnsName = found;
    return found;
  });
  await step('requests through the Lattice data plane reach pods in blue and green', async () => {
    if (dnsName === undefined) throw new Error('no DNS name (the import step failed)');
    const name = dnsName;
    const counts = await until(async () => {
      const sample = await sampleThroughLattice(sandbox.dataPlaneUrl, name, 40);
      return (sample.blue ?? 0) > 0 && (sample.green ?? 0) > 0 ? sample : undefined;
    }, 60_000);
    if (counts === undefined) {
      const last = await sampleThroughLattice(sandbox.dataPlaneUrl, name, 40);
      throw new Error(`expected answers from both clusters, got ${JSON.stringify(last)}`);
    }
    return `40 requests: ${JSON.stringify(counts)}`;
  });
  if (options.migrate ?? true) await migrate();
  async function migrate(): Promise<void> {
    await step(
      'migrate shop/inventory from blue to green: POST /v1/tenants/acme/migrations (50% → 100%)',
      async () => {
        const { status, body } = await api.request('POST', '/v1/tenants/acme/migrations', {
          name: 'inventory-to-green',
          spec: DEMO_MIGRATION_SPEC,
        });
        if (status !== 202) throw new Error(`expected 202, got ${status}: ${JSON.stringify(body)}`);
        return 'HTTP 202';
      },
    );
    await step('the migration Succeeds and every request now reaches green', async () => {
      const done = await until(async () => {
        const { body } = await api.request<{ status?: { phase?: string } }>(
          'GET',
          '/v1/tenants/acme/migrations/inventory-to-green',
        );
        const phase = body.status?.phase;
        return phase === 'Succeeded' || phase === 'Failed' || phase === 'Rejected'
          ? phase
          : undefined;
      }, 120_000);
      if (done !== 'Succeeded') throw new Error(`migration ended ${done ?? 'not within 120 s'}`);
      if (dnsName === undefined) throw new Error('no DNS name (the import step failed)');
      const counts = await sampleThroughLattice(sandbox.dataPlaneUrl, dnsName, 20);
      if (counts.green !== 20)
        throw new Error(`expected 20 answers from green, got ${JSON.stringify(counts)}`);
      return `20 requests: ${JSON.stringify(counts)}`;
    });
  }
  await step('bad input is a 400 problem naming the field', async () => {
    const { status, body } = await api.request('POST', '/v1/tenants', {
      name: 'bad',
      spec: { networkAccount: { accountId: '12', roleArn: 'nope', region: 'us-west-2' } },
    });
    const text = JSON.stringify(body);
    if (status !== 400 || !text.includes('accountId')) throw new Error(`got ${status}: ${text}`);
    return 'HTTP 400 application/problem+json';
  });
  return results;
}

/** What to try, printed after the demo is onboarded. */
export function instructions(sandbox: Sandbox): string {
  const k = `kubectl --kubeconfig ${sandbox.kubeconfigPath}`;
  return [
    '',
    'Trellis sandbox is running. Everything is local: emulated EKS clusters and AWS, a private Redis.',
    '',
    `  REST API      ${sandbox.apiUrl}   (docs: ${sandbox.apiUrl}/docs)`,
    `  admin token   ${sandbox.adminToken}`,
    `  kubeconfig    ${sandbox.kubeconfigPath}   (contexts: mgmt, blue, green, client)`,
    `  AWS endpoint  ${sandbox.world.aws.endpoint}   (region ${DEMO.region})`,
    '',
    'Try:',
    `  export TOKEN=${sandbox.adminToken}`,
    `  curl -s -H "Authorization: Bearer $TOKEN" ${sandbox.apiUrl}/v1/tenants | jq`,
    `  curl -s -H "Authorization: Bearer $TOKEN" ${sandbox.apiUrl}/v1/tenants/acme/clusters | jq '.items[].status.conditions'`,
    `  ${k} --context mgmt get tenants,workloadclusters -A`,
    `  ${k} --context mgmt describe workloadcluster blue -n tenant-acme`,
    `  ${k} --context blue get crd | grep multicluster`,
    `  curl -s ${sandbox.world.aws.endpoint}/_emulator/calls | jq '.calls[-5:]'     # the AWS call log`,
    '',
    'The demo app shop/inventory runs in blue and green (pods answer with their cluster name),',
    'exported from both; client imports it. Call it through the Lattice data plane:',
    `  DNS=$(${k} --context client get serviceimport inventory -n shop -o jsonpath='{.metadata.annotations.${SERVICE_IMPORT_ANNOTATIONS.latticeDns.replaceAll('.', '\\.')}}')`,
    `  for i in $(seq 10); do curl -s -H "Host: $DNS" ${sandbox.dataPlaneUrl}/; echo; done`,
    '',
    'Move shop/inventory from blue to green in weighted steps, and watch it (the trellis CLI):',
    `  npx trellis login --server ${sandbox.apiUrl} --token "$TOKEN"`,
    '  npx trellis migration start inventory-to-green --tenant acme --from blue --to green \\',
    '    --service shop/inventory --steps 25:10s,50:10s,100 --watch',
    '  (meanwhile, the curl loop above shows the answers moving to green)',
    '',
    'Look at AWS as the tenant does (AWS SDK / CLI):',
    `  AWS_ENDPOINT_URL=${sandbox.world.aws.endpoint} AWS_REGION=${DEMO.region} \\`,
    `  AWS_ACCESS_KEY_ID=${sandbox.networkAccountKey.accessKeyId} AWS_SECRET_ACCESS_KEY=${sandbox.networkAccountKey.secretAccessKey} \\`,
    '  aws vpc-lattice list-service-networks',
    '',
    'Stop with Ctrl-C. More in docs/sandbox.md.',
  ].join('\n');
}
