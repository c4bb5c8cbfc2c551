// Multi-cluster services end to end on the emulators: ServiceExports of `shop/inventory` in blue
// and green become one Lattice service with a target group per cluster, a ServiceImport in every
// member cluster, and traffic through the Lattice data plane reaching both; unexporting removes
// exactly what each export brought, and the last one everything.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ListServicesCommand,
  ListTargetGroupsCommand,
  ListTargetsCommand,
} from '@aws-sdk/client-vpc-lattice';
import { SERVICE_IMPORT_ANNOTATIONS, targetGroupName } from '@trellis/core';
import {
  CoreResources,
  kubeConfigFromYaml,
  ResourceClient,
  ServiceExports,
  ServiceImports,
} from '@trellis/kube';
import { redisConnectionOptions } from '@trellis/queue';
import { DEMO, demoSeed, startWorld, type World } from '@trellis/testbed';
import { getRedis, type RedisHandle } from '@trellis/testkit';
import type { KubernetesObject } from '@kubernetes/client-node';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ControllerManager,
  TENANTS,
  WORKLOAD_CLUSTERS,
  type WorkloadCluster,
} from '../src/index.ts';
import { condition, demoCluster, demoTenant, latticeAs, waitFor } from './support.ts';

type Conditioned = KubernetesObject & {
  status?: { conditions?: { type: string; status: string; reason: string; message: string }[] };
};
type ServiceImport = KubernetesObject & {
  spec?: { type?: string; ports?: { name?: string; port: number; protocol: string }[] };
  status?: { clusters?: { cluster: string }[] };
};

/** The testbed's world, plus the Lattice data plane (with fast health checks). */
function startWorldWithDataPlane(clusters: string[]): Promise<World> {
  return startWorld({
    clusters,
    seed: demoSeed(),
    dataPlane: { port: 0, healthChecks: { intervalScale: 0.02 } },
  });
}

/** A "pod": answers every request with its cluster's name. */
async function startPod(answer: string): Promise<{ server: Server; port: number }> {
  const server = createServer((_req, res) => res.end(answer));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

/** GET through the data plane with Host = the Lattice DNS name (fetch cannot set Host). */
function viaLattice(proxyUrl: string, host: string): Promise<{ status: number; body: string }> {
  const url = new URL(proxyUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: '/', headers: { host } },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('multi-cluster services: export → Lattice → import', () => {
  let world: World;
  let redis: RedisHandle;
  let manager: ControllerManager;
  let hubId: string;
  let startManager: () => Promise<ControllerManager>;
  let mgmt: ResourceClient;
  const pods: Server[] = [];
  const member: Record<string, ResourceClient> = {};
  const podPort: Record<string, number> = {};
  const at = { name: 'inventory', namespace: 'shop' };

  beforeAll(async () => {
    world = await startWorldWithDataPlane(['mgmt', ...DEMO.clusters.map((c) => c.name)]);
    redis = await getRedis();
    const kubeConfig = kubeConfigFromYaml(world.kube.kubeconfig, 'mgmt');
    mgmt = new ResourceClient(kubeConfig, 'test');
    for (const c of DEMO.clusters)
      member[c.name] = new ResourceClient(
        kubeConfigFromYaml(world.kube.kubeconfig, c.name),
        'test',
      );
    hubId = `test-${randomUUID().slice(0, 8)}`;
    startManager = async () => {
      const m = new ControllerManager({
        settings: {
          hubId,
          region: DEMO.region,
          awsEndpoint: world.aws.endpoint,
          resyncIntervalMs: 2_000,
          pollIntervalMs: 200,
        },
        kubeConfig,
        redis: redisConnectionOptions(redis.url),
        baseCredentials: async () => ({ ...DEMO.hubAccessKey }),
        leaseNamespace: 'default',
        backoff: { baseMs: 100, capMs: 1_000 },
        logger: pino({ level: process.env.TRELLIS_TEST_LOG ?? 'silent' }),
      });
      await m.start();
      return m;
    };
    manager = await startManager();
    for (const name of ['blue', 'green']) {
      const pod = await startPod(name);
      pods.push(pod.server);
      podPort[name] = pod.port;
    }
  }, 60_000);

  afterAll(async () => {
    await manager?.stop();
    for (const pod of pods) pod.close();
    await redis?.stop();
    await world?.stop();
  });

  const lattice = () => latticeAs(world, DEMO.clusterAccount);
  const importIn = (cluster: string) => member[cluster].get<ServiceImport>(ServiceImports, at);
  const exportIn = (cluster: string) => member[cluster].get<Conditioned>(ServiceExports, at);
  const targetGroupNames = async () =>
    ((await lattice().send(new ListTargetGroupsCommand({}))).items ?? []).map((tg) => tg.name);

  it('onboards a tenant with blue, green and client', async () => {
    await mgmt.create(TENANTS, demoTenant('acme'));
    await waitFor(
      async () =>
        condition(await mgmt.get<Conditioned>(TENANTS, { name: 'acme' }), 'Ready')?.status ===
        'True'
          ? true
          : undefined,
      30_000,
      'tenant Ready',
    );
    for (const c of DEMO.clusters)
      await mgmt.create(WORKLOAD_CLUSTERS, demoCluster('acme', c.name));
    for (const c of DEMO.clusters) {
      await waitFor(
        async () => {
          const wc = await mgmt.get<WorkloadCluster>(WORKLOAD_CLUSTERS, {
            name: c.name,
            namespace: 'tenant-acme',
          });
          return condition(wc, 'Ready')?.status === 'True' ? wc : undefined;
        },
        60_000,
        `cluster ${c.name} Ready`,
      );
    }
  }, 90_000);

  it('exports inventory from blue and green and imports it everywhere', async () => {
    for (const c of DEMO.clusters)
      await member[c.name].create(CoreResources.namespaces, { metadata: { name: 'shop' } });
    for (const name of ['blue', 'green']) {
      const client = member[name];
      await client.create(CoreResources.services, {
        metadata: at,
        spec: { ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }] },
      } as KubernetesObject);
      await client.create(CoreResources.endpointSlices, {
        metadata: {
          name: 'inventory-abc12',
          namespace: 'shop',
          labels: { 'kubernetes.io/service-name': 'inventory' },
        },
        addressType: 'IPv4',
        endpoints: [{ addresses: ['127.0.0.1'], conditions: { ready: true } }],
        ports: [{ name: 'http', port: podPort[name], protocol: 'TCP' }],
      } as KubernetesObject);
      await client.create(ServiceExports, { metadata: at });
    }

    const imported = await waitFor(
      async () => {
        const si = await importIn('client');
        const clusters = si?.status?.clusters?.map((c) => c.cluster);
        return clusters?.length === 2 &&
          si?.metadata?.annotations?.[SERVICE_IMPORT_ANNOTATIONS.latticeDns]
          ? si
          : undefined;
      },
      30_000,
      'ServiceImport in client with both clusters and the DNS name',
    );
    expect(imported.status?.clusters).toEqual([{ cluster: 'blue' }, { cluster: 'green' }]);
    expect(imported.spec).toMatchObject({
      type: 'ClusterSetIP',
      ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
    });
    const dns = imported.metadata!.annotations![SERVICE_IMPORT_ANNOTATIONS.latticeDns];
    for (const name of ['blue', 'green']) {
      expect(
        (await importIn(name))?.metadata?.annotations?.[SERVICE_IMPORT_ANNOTATIONS.latticeDns],
      ).toBe(dns);
      const exported = await waitFor(
        async () => {
          const se = await exportIn(name);
          return condition(se, 'Ready')?.status === 'True' ? se : undefined;
        },
        20_000,
        `${name} export Ready`,
      );
      expect(condition(exported, 'Valid')).toMatchObject({ status: 'True' });
      expect(condition(exported, 'Conflict')).toMatchObject({ status: 'False' });
      expect(exported.metadata?.finalizers).toContain(
        'multicluster.trellis.dev/service-export-cleanup',
      );
    }

    // AWS agrees: one target group per cluster, each with its cluster's endpoint
    const groups = (await lattice().send(new ListTargetGroupsCommand({}))).items ?? [];
    for (const name of ['blue', 'green']) {
      const group = groups.find((g) => g.name === targetGroupName(name, 'shop', 'inventory', 80));
      expect(group, `${name} target group`).toBeDefined();
      const targets = await lattice().send(
        new ListTargetsCommand({ targetGroupIdentifier: group!.id! }),
      );
      expect(targets.items?.map((t) => `${t.id}:${t.port}`)).toEqual([
        `127.0.0.1:${podPort[name]}`,
      ]);
    }

    // and the data plane sends requests for the DNS name to both clusters
    const seen = new Set<string>();
    await waitFor(
      async () => {
        const answer = await viaLattice(world.aws.proxy!.url, dns);
        if (answer.status === 200) seen.add(answer.body);
        return seen.has('blue') && seen.has('green') ? true : undefined;
      },
      30_000,
      'traffic reaching blue and green',
    );
  }, 60_000);

  it('makes no mutating AWS call once the service has converged', async () => {
    const since = world.aws.clock.now().toISOString();
    await new Promise((r) => setTimeout(r, 5_000)); // more than two resync periods
    expect(world.aws.calls.mutating({ since })).toEqual([]);
  }, 30_000);

  it("keeps an unreachable cluster's target group and targets as they are", async () => {
    const greenGroup = targetGroupName('green', 'shop', 'inventory', 80);
    world.kube.faults('green').partition();
    try {
      await waitFor(
        async () =>
          condition(
            await mgmt.get<WorkloadCluster>(WORKLOAD_CLUSTERS, {
              name: 'green',
              namespace: 'tenant-acme',
            }),
            'Connected',
          )?.status === 'False'
            ? true
            : undefined,
        20_000,
        'green Connected=False',
      );
      await new Promise((r) => setTimeout(r, 3_000)); // more than a resync period
      const group = ((await lattice().send(new ListTargetGroupsCommand({}))).items ?? []).find(
        (g) => g.name === greenGroup,
      );
      expect(group).toBeDefined();
      const targets = await lattice().send(
        new ListTargetsCommand({ targetGroupIdentifier: group!.id! }),
      );
      expect(targets.items?.map((t) => `${t.id}:${t.port}`)).toEqual([
        `127.0.0.1:${podPort.green}`,
      ]);
      expect((await importIn('client'))?.status?.clusters).toEqual([
        { cluster: 'blue' },
        { cluster: 'green' },
      ]);
    } finally {
      world.kube.faults('green').heal();
    }
  }, 60_000);

  it('finishes an unexport that happened while the hub was down (finalizer)', async () => {
    await manager.stop();
    await member.green.delete(ServiceExports, at);
    const held = await exportIn('green');
    expect(held?.metadata?.deletionTimestamp).toBeDefined();
    manager = await startManager();
  }, 60_000);

  it("the restarted hub removes only green's target group and releases its export; blue keeps serving", async () => {
    await waitFor(
      async () => ((await exportIn('green')) === undefined ? true : undefined),
      20_000,
      'green export released',
    );
    await waitFor(
      async () => {
        const names = await targetGroupNames();
        return !names.includes(targetGroupName('green', 'shop', 'inventory', 80))
          ? names
          : undefined;
      },
      20_000,
      "green's target group deleted",
    );
    expect(await targetGroupNames()).toContain(targetGroupName('blue', 'shop', 'inventory', 80));
    const si = await waitFor(
      async () => {
        const s = await importIn('client');
        return s?.status?.clusters?.length === 1 ? s : undefined;
      },
      20_000,
      'import with blue only',
    );
    expect(si.status?.clusters).toEqual([{ cluster: 'blue' }]);
    const dns = si.metadata!.annotations![SERVICE_IMPORT_ANNOTATIONS.latticeDns];
    for (let i = 0; i < 10; i += 1) {
      expect(await viaLattice(world.aws.proxy!.url, dns)).toEqual({ status: 200, body: 'blue' });
    }
  }, 60_000);

  it('unexporting the last cluster removes the Lattice service, its target groups and the imports', async () => {
    const dns = (await importIn('client'))!.metadata!.annotations![
      SERVICE_IMPORT_ANNOTATIONS.latticeDns
    ];
    await member.blue.delete(ServiceExports, at);
    await waitFor(
      async () => {
        for (const c of DEMO.clusters) if ((await importIn(c.name)) !== undefined) return undefined;
        return (await exportIn('blue')) === undefined ? true : undefined;
      },
      30_000,
      'imports removed and blue export released',
    );
    await waitFor(
      async () => {
        const services = (await lattice().send(new ListServicesCommand({}))).items ?? [];
        return services.some((s) => s.dnsEntry?.domainName === dns) ? undefined : true;
      },
      20_000,
      'Lattice service deleted',
    );
    const left = (await targetGroupNames()).filter((n) => n?.includes('inventory'));
    expect(left).toEqual([]);
    expect((await viaLattice(world.aws.proxy!.url, dns)).status).toBe(404);
  }, 60_000);
});
