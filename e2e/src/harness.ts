// One Trellis installation for an end-to-end test: the emulated world (kube-emulator with the
// management cluster and the EKS clusters blue/green/client, the AWS emulator with the Lattice
// data plane) in this process; a Redis; hub-controller and hub-api as OS processes reading a
// kubeconfig file, as an operator runs them; the demo tenant onboarded through the REST API.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ListListenersCommand,
  ListServicesCommand,
  ListTargetGroupsCommand,
  VPCLatticeClient,
} from '@aws-sdk/client-vpc-lattice';
import type { KubernetesObject } from '@kubernetes/client-node';
import { CoreResources, kubeConfigFromYaml, ResourceClient } from '@trellis/kube';
import { DEMO, demoSeed, startWorld, type World } from '@trellis/testbed';
import { getRedis, type RedisHandle } from '@trellis/testkit';
import { ApiClient, conditionOf, waitFor } from './api-client.ts';
import { HubControllerProcess, startHubApi, type HubApiProcess } from './hub-processes.ts';

export const TENANT = 'acme';
export const TENANT_NAMESPACE = `tenant-${TENANT}`;
export const CLUSTERS = DEMO.clusters.map((c) => c.name);

export interface E2e {
  world: World;
  redis: RedisHandle;
  hubId: string;
  kubeconfigPath: string;
  controller: HubControllerProcess;
  hubApi: HubApiProcess;
  api: ApiClient;
  /** the management cluster, as an operator's kubectl */
  mgmt: ResourceClient;
  /** a member cluster, as its owner's kubectl */
  member(cluster: string): ResourceClient;
  /** the VPC Lattice API as the tenant's cluster account sees it (the AWS SDK, not the emulator's insides) */
  lattice: VPCLatticeClient;
  /** onboard tenant acme and clusters blue, green, client through the REST API; wait until Ready */
  onboard(): Promise<void>;
  /** who holds the hub-controller's leader Lease now (undefined: nobody) */
  leaseHolder(): Promise<string | undefined>;
  /** SIGKILL the hub-controller, start a new process, wait until it leads */
  crashAndRestart(options?: { downMs?: number }): Promise<void>;
  /** hub-controller and hub-api log lines, for a failed test's message */
  diagnostics(): string;
  stop(): Promise<void>;
}

export async function startE2e(): Promise<E2e> {
  const dir = await mkdtemp(join(tmpdir(), 'trellis-e2e-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  const world = await startWorld({
    clusters: ['mgmt', ...CLUSTERS],
    seed: demoSeed(),
    kubeconfigPath,
    // health checks 50× faster than AWS: 30 s intervals become 0.6 s
    dataPlane: { port: 0, healthChecks: { intervalScale: 0.02 } },
  });
  const redis = await getRedis();
  const hubId = `e2e-${randomBytes(4).toString('hex')}`;
  const controller = new HubControllerProcess({
    kubeconfigPath,
    kubeContext: 'mgmt',
    redisUrl: redis.url,
    awsEndpoint: world.aws.endpoint,
    region: DEMO.region,
    hubId,
    accessKey: DEMO.hubAccessKey,
    ...(world.aws.proxy !== undefined ? { dataPlaneProxyUrl: world.aws.proxy.url } : {}),
  });
  await controller.start(); // installs the CRDs hub-api reads
  const adminToken = `trellis-admin-${randomBytes(24).toString('base64url')}`;
  const hubApi = await startHubApi({ kubeconfigPath, kubeContext: 'mgmt', adminToken });
  const api = new ApiClient(hubApi.url, adminToken);

  const clusterKey = { accessKeyId: 'AKIAE2ECLUSTERROOT01', secretAccessKey: randomHex() };
  world.aws.identity.addAccessKey({ rootOf: DEMO.clusterAccount }, clusterKey);
  const lattice = new VPCLatticeClient({
    region: DEMO.region,
    endpoint: world.aws.endpoint,
    credentials: clusterKey,
  });
  const members = new Map<string, ResourceClient>();
  const mgmt = new ResourceClient(kubeConfigFromYaml(world.kube.kubeconfig, 'mgmt'), 'e2e');
  const leaseHolder = async () => {
    const lease = await mgmt.get<KubernetesObject & { spec?: { holderIdentity?: string } }>(
      CoreResources.leases,
      { name: `trellis-hub-controller-${hubId}`, namespace: 'default' },
    );
    return lease?.spec?.holderIdentity || undefined;
  };

  return {
    world,
    redis,
    hubId,
    kubeconfigPath,
    controller,
    hubApi,
    api,
    mgmt,
    member: (cluster) => {
      let client = members.get(cluster);
      if (client === undefined) {
        client = new ResourceClient(kubeConfigFromYaml(world.kube.kubeconfig, cluster), 'e2e');
        members.set(cluster, client);
      }
      return client;
    },
    lattice,
    onboard: () => onboard(api),
    leaseHolder,
    crashAndRestart: async (options = {}) => {
      const before = await leaseHolder();
      await controller.kill();
      if (options.downMs) await new Promise((r) => setTimeout(r, options.downMs));
      await controller.start();
      await waitFor(
        async () => {
          const holder = await leaseHolder();
          return holder !== undefined && holder !== before;
        },
        30_000,
        'the restarted hub-controller takes the Lease over',
      );
    },
    diagnostics: () =>
      [
        '--- hub-controller (last lines) ---',
        ...controller.logTail(60),
        '--- hub-api (last lines) ---',
        ...hubApi.logTail(20),
        '--- AWS calls (last) ---',
        ...world.aws.calls
          .list()
          .slice(-25)
          .map(
            (c) => `${c.time} ${c.service} ${c.operation ?? '?'} ${c.status} ${c.callerArn ?? ''}`,
          ),
      ].join('\n'),
    stop: async () => {
      await hubApi.stop();
      await controller.stop();
      lattice.destroy();
      await world.stop();
      await redis.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function randomHex(): string {
  return randomBytes(20).toString('hex');
}

/** The demo tenant and its three EKS clusters, as a platform team sends them. */
async function onboard(api: ApiClient): Promise<void> {
  const created = await api.request('POST', '/v1/tenants', {
    name: TENANT,
    spec: {
      displayName: 'ACME Corp',
      networkAccount: {
        accountId: DEMO.networkAccount,
        roleArn: DEMO.networkRoleArn,
        externalId: DEMO.networkExternalId,
        region: DEMO.region,
      },
    },
  });
  if (created.status !== 201 && created.status !== 202)
    throw new Error(`POST /v1/tenants: ${created.status} ${JSON.stringify(created.body)}`);
  for (const c of DEMO.clusters) {
    const answer = await api.request('POST', `/v1/tenants/${TENANT}/clusters`, {
      name: c.name,
      spec: {
        eks: {
          accountId: DEMO.clusterAccount,
          roleArn: DEMO.clusterRoleArn,
          externalId: DEMO.clusterExternalId,
          clusterName: c.name,
          region: DEMO.region,
        },
      },
    });
    if (answer.status !== 201 && answer.status !== 202)
      throw new Error(`POST clusters ${c.name}: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  const ready = async (path: string) =>
    conditionOf((await api.request('GET', path)).body, 'Ready')?.status === 'True';
  await waitFor(() => ready(`/v1/tenants/${TENANT}`), 60_000, 'tenant acme Ready');
  for (const c of DEMO.clusters)
    await waitFor(
      () => ready(`/v1/tenants/${TENANT}/clusters/${c.name}`),
      60_000,
      `cluster ${c.name} Ready`,
    );
}

export interface LatticeInventory {
  services: string[];
  targetGroups: string[];
  /** `<service>/<listener>` */
  listeners: string[];
}

/** Every Lattice service, target group and listener the cluster account owns, by name. */
export async function latticeInventory(lattice: VPCLatticeClient): Promise<LatticeInventory> {
  const services = (await lattice.send(new ListServicesCommand({}))).items ?? [];
  const groups = (await lattice.send(new ListTargetGroupsCommand({}))).items ?? [];
  const listeners: string[] = [];
  for (const s of services) {
    const items =
      (await lattice.send(new ListListenersCommand({ serviceIdentifier: s.id! }))).items ?? [];
    for (const l of items) listeners.push(`${s.name}/${l.name}`);
  }
  return {
    services: services.map((s) => s.name ?? '').sort(),
    targetGroups: groups.map((g) => g.name ?? '').sort(),
    listeners: listeners.sort(),
  };
}
